"""PDF text extraction: the only module that imports pypdf.

Kept apart so the rest of ingestion works on plain strings and pypdf is
imported only when a PDF is actually read (importing it costs time at start-up).
"""

from __future__ import annotations

from pathlib import Path


def extract_pages(path: Path) -> list[str]:
    """The text of each page, in order ("" for a page without a text layer).

    Simple for now: pypdf's default extraction, whose spacing damage is undone later by
    `normalise.repair_text`.
    """
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [page.extract_text() or "" for page in reader.pages]
