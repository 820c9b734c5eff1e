"""Pages and locators for documents read from PDFs or kept beside the report (pure).

The parser works on one text, so a paragraph does not know its page. Each
paragraph's opening words are found again in the pages' text, in reading
order, which gives the page where it starts. A document other than the report
is cited with its label in front (`S3 p.12 ¶2`, `policy-paper §2 ¶1`), so a
locator never reads like one of the report's own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from assistant.ingest.normalise import repair_text
from assistant.text import match_key
from assistant.types import Paragraph

PROBE_CHARS = 16  # letters of a paragraph's opening looked up in the pages


def _letters(text: str) -> str:
    """Letters only (ideographs and Latin): marks, digits, punctuation and spacing differ between the two sides."""
    return "".join(ch for ch in match_key(text) if ch.isalpha())


def assign_pages(paragraphs: Sequence[Paragraph], pages: Sequence[str]) -> tuple[Paragraph, ...]:
    """Each paragraph with `page` set to the (1-based) page where its text starts."""
    keys = [_letters(repair_text(page)) for page in pages]
    starts, total = [], 0
    for key in keys:
        starts.append(total)
        total += len(key)
    whole = "".join(keys)
    out, cursor, page = [], 0, 1
    for para in paragraphs:
        probe = _letters(para.text)[:PROBE_CHARS]
        found = whole.find(probe, cursor) if probe else -1
        if found < 0 and probe:
            found = whole.find(probe)
        if found >= 0:
            cursor = found
            page = bisect_right(starts, found)  # right: an empty page shares its start with the next one
        out.append(replace(para, page=page if pages else None))
    return tuple(out)


def label_locators(paragraphs: Sequence[Paragraph], label: str) -> tuple[Paragraph, ...]:
    """Locators of a non-report document: `label p.N ¶k` when paged (k counts from the page's top), else `label loc`."""
    counts: dict[int, int] = {}
    out = []
    for para in paragraphs:
        if para.page is not None:
            counts[para.page] = counts.get(para.page, 0) + 1
            locator = f"{label} p.{para.page} ¶{counts[para.page]}"
        else:
            locator = f"{label} {para.locator}".strip()
        out.append(replace(para, locator=locator))
    return tuple(out)
