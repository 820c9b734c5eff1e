"""From files (or text) to ParsedDocuments: the I/O edge of ingestion.

Reading, decoding and choosing files happens here and nowhere else, so the
parsing modules stay pure and every failure a user can cause (a missing
folder, an empty one, a file that is not UTF-8) surfaces as one CorpusError
with a one-line message that names the culprit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.ingest import pdf
from assistant.ingest.caps import CAPS, Caps, TooLarge, read_capped, unit_count, windows
from assistant.ingest.footnotes import build_sources, find_marks, number_notes
from assistant.ingest.ids import paragraph_id
from assistant.ingest.pages import assign_pages, label_locators
from assistant.ingest.structure import layout
from assistant.ingest.walk import walk_documents
from assistant.types import Paragraph, Source

SUFFIXES = (".txt", ".md", ".pdf")
SOURCES_FOLDER = "sources"  # cited works beside the report: ingested as sources (see ingest.catalog), not here
LIBRARY_FOLDER = "library"  # other documents added with `assistant ingest PATH`
SKIPPED_FOLDERS = (SOURCES_FOLDER,)


class CorpusError(Exception):
    """The corpus cannot be read: the message is one line meant for the user."""


class DocumentError(CorpusError):
    """One file cannot be read; `reason` says why without naming it (for lists of skipped files)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class ParsedDocument:
    """One document, parsed: what the index is built from."""

    doc: str  # document key: the file stem, e.g. "digital-silk-road-report"
    path: str  # path relative to the corpus folder, posix
    title: str
    paragraphs: tuple[Paragraph, ...]  # answerable paragraphs in reading order
    sources: tuple[Source, ...]  # footnote sources sorted by number, including missing ones
    toc: tuple[str, ...]  # table-of-contents lines, kept out of the paragraphs
    role: str = "report"  # "report" | "library" | "source": what `ask --scope` filters on


def parse_text(text: str, doc: str, path: str = "", caps: Caps = CAPS) -> ParsedDocument:
    """Parse one document's text: structure, footnote marks and sources, stable IDs.

    A paragraph longer than `caps.paragraph_chars` becomes consecutive windows (`§2 ¶1 (1/3)`, …), each
    a paragraph of its own, so no single piece of text is too long to embed.
    """
    shape = layout(text)
    notes = number_notes(list(shape.notes))
    max_note = max(notes, default=0)
    seen: dict[str, int] = {}
    paragraphs: list[Paragraph] = []
    cited: set[int] = set()
    for block in shape.blocks:
        text_, marks = find_marks(block.text, max_note) if block.kind == "body" else (block.text, ())
        cited.update(marks)
        if len(text_) <= caps.paragraph_chars:
            pieces = [(text_, block.locator, block.kind, block.rows)]
        else:  # a table this long loses its cells: its windows are plain text
            parts = windows(text_, caps.paragraph_chars)
            kind = "body" if block.kind == "table" else block.kind
            pieces = [(part, f"{block.locator} ({i}/{len(parts)})".strip(), kind, ())
                      for i, part in enumerate(parts, start=1)]
        for piece, locator, kind, rows in pieces:
            pid = paragraph_id(doc, piece, seen)
            paragraphs.append(
                Paragraph(pid, doc, kind, block.heading_path, locator, piece, marks, len(paragraphs), rows)
            )
    title = shape.title or doc
    return ParsedDocument(doc, path, title, tuple(paragraphs), build_sources(notes, cited), shape.toc)


def read_pages(path: Path, root: Path, limits: pdf.PdfLimits | None = None,
               caps: Caps = CAPS) -> tuple[str, list[str] | None]:
    """A document's text, and its pages for a PDF (None otherwise): UTF-8 for .txt/.md, pypdf in a child for .pdf.

    Raises DocumentError for a file that cannot be indexed: unreadable, over a cap, binary, empty.
    """
    name = _relative(path, root)
    if path.suffix.lower() == ".pdf":
        try:
            pages = pdf.extract_pages(path, limits)
        except pdf.PdfError as exc:
            raise DocumentError(f"cannot read PDF {name}: {exc}", str(exc)) from exc
        if not any(page.strip() for page in pages):
            reason = f"no text to index (none of its {len(pages)} page(s) has a text layer: blank or scanned)"
            raise DocumentError(f"{name} {reason}", reason)
        return pdf.pages_to_text(pages), pages
    try:
        raw = read_capped(path, caps.text_bytes)
        text = raw.decode("utf-8-sig")
    except TooLarge as exc:
        raise DocumentError(f"{name} is {exc}", str(exc)) from exc
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 text (invalid byte at offset {exc.start})"
        raise DocumentError(f"{name} is {reason}", reason) from exc
    except OSError as exc:
        reason = f"cannot read it: {(exc.strerror or str(exc)).lower()}"
        raise DocumentError(f"cannot read {name}: {exc.strerror or exc}", reason) from exc
    problem = ("empty file (0 bytes)" if not raw else "binary, not text (it contains NUL bytes)" if "\x00" in text
               else "no text (only white space)" if not text.strip() else "")
    if problem:
        raise DocumentError(f"{name}: {problem}", problem)
    return text, None


def read_text(path: Path, root: Path, limits: pdf.PdfLimits | None = None) -> str:
    """A document's text: UTF-8 for .txt/.md, the repaired-later pypdf pages for .pdf."""
    return read_pages(path, root, limits)[0]


def load_document(path: Path, root: Path, limits: pdf.PdfLimits | None = None, doc: str = "",
                  role: str = "report", caps: Caps = CAPS) -> ParsedDocument:
    """Read and parse one corpus file; `root` is the corpus folder its key and path are relative to.

    `doc` is the document key (default: the file stem). A PDF's paragraphs carry the page they start
    on; a document other than the report has its key in front of its locators (`S3 p.2 ¶1`).
    """
    text, pages = read_pages(path, root, limits, caps)
    parsed = parse_text(text, doc=doc or path.stem, path=_relative(path, root), caps=caps)
    units = unit_count(parsed.paragraphs)
    if units > caps.units:
        reason = f"too much to index ({units:,} paragraphs and sentences, the limit is {caps.units:,})"
        raise DocumentError(f"{_relative(path, root)}: {reason}", reason)
    paragraphs = parsed.paragraphs if pages is None else assign_pages(parsed.paragraphs, pages)
    if role != "report":
        paragraphs = label_locators(paragraphs, parsed.doc)
    return replace(parsed, paragraphs=paragraphs, role=role)


def document_files(corpus_dir: Path) -> list[tuple[str, Path]]:
    """(relative posix path, path) of the corpus files to ingest, sorted: .txt/.md/.pdf, not hidden, not sources/."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    found = walk_documents(corpus_dir, SUFFIXES, SKIPPED_FOLDERS)
    if not found:
        raise CorpusError(f"no .txt, .md or .pdf documents in {corpus_dir}")
    return found


def document_paths(corpus_dir: Path) -> list[Path]:
    """The corpus files to ingest, sorted by relative path (see `document_files`)."""
    return [path for _, path in document_files(corpus_dir)]


def stem(rel: str) -> str:
    """`Path(rel).stem` without building a Path (20,000 of them cost 0.3 s of every start)."""
    name = rel.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def check_twins(rels: list[str]) -> None:
    """Two files with the same stem (`a/x.txt`, `b/x.md`) are refused: the stem is the document key."""
    stems = Counter(stem(rel) for rel in rels)  # counted once: a list's count per path was quadratic
    twins = sorted(rel for rel in rels if stems[stem(rel)] > 1)
    if twins:  # the stem is the document key that IDs and sources are scoped by
        raise CorpusError(f"documents share a name, rename one: {', '.join(twins)}")


def role_of(relative: Path) -> str:
    """The report, or a document added to the library (`library/…`)."""
    return "library" if relative.parts[0] == LIBRARY_FOLDER and len(relative.parts) > 1 else "report"


def load_corpus(corpus_dir: Path, limits: pdf.PdfLimits | None = None) -> list[ParsedDocument]:
    """Every top-level document (the report, the library), parsed; documents without a paragraph are left out.

    Documents under `sources/` are not here: `ingest.catalog` reads them, each on its own.
    """
    found = document_files(corpus_dir)
    check_twins([rel for rel, _ in found])
    paths = [path for _, path in found]
    documents = [
        document
        for document in (
            load_document(path, corpus_dir, limits, role=role_of(path.relative_to(corpus_dir))) for path in paths
        )
        if document.paragraphs
    ]
    if not documents:
        raise CorpusError(f"all documents in {corpus_dir} are empty")
    return documents


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
