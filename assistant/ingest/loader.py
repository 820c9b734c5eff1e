"""From files (or text) to ParsedDocuments: the I/O edge of ingestion.

Reading, decoding and choosing files happens here and nowhere else, so the
parsing modules stay pure and every failure a user can cause (a missing
folder, an empty one, a file that is not UTF-8) surfaces as one CorpusError
with a one-line message that names the culprit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.ingest import pdf
from assistant.ingest.footnotes import build_sources, find_marks, number_notes
from assistant.ingest.ids import paragraph_id
from assistant.ingest.structure import layout
from assistant.types import Paragraph, Source

SUFFIXES = (".txt", ".md", ".pdf")
SKIPPED_FOLDERS = ("sources",)  # cited works stored beside the report: not ingested for now


class CorpusError(Exception):
    """The corpus cannot be read: the message is one line meant for the user."""


@dataclass(frozen=True)
class ParsedDocument:
    """One document, parsed: what the index is built from."""

    doc: str  # document key: the file stem, e.g. "digital-silk-road-report"
    path: str  # path relative to the corpus folder, posix
    title: str
    paragraphs: tuple[Paragraph, ...]  # answerable paragraphs in reading order
    sources: tuple[Source, ...]  # footnote sources sorted by number, including missing ones
    toc: tuple[str, ...]  # table-of-contents lines, kept out of the paragraphs


def parse_text(text: str, doc: str, path: str = "") -> ParsedDocument:
    """Parse one document's text: structure, footnote marks and sources, stable IDs."""
    shape = layout(text)
    notes = number_notes(list(shape.notes))
    max_note = max(notes, default=0)
    seen: dict[str, int] = {}
    paragraphs: list[Paragraph] = []
    cited: set[int] = set()
    for order, block in enumerate(shape.blocks):
        text_, marks = find_marks(block.text, max_note) if block.kind == "body" else (block.text, ())
        cited.update(marks)
        pid = paragraph_id(doc, text_, seen)
        paragraphs.append(
            Paragraph(pid, doc, block.kind, block.heading_path, block.locator, text_, marks, order, block.rows)
        )
    title = shape.title or doc
    return ParsedDocument(doc, path, title, tuple(paragraphs), build_sources(notes, cited), shape.toc)


def read_text(path: Path, root: Path) -> str:
    """A document's text: UTF-8 for .txt/.md, pypdf's pages joined by blank lines for .pdf."""
    name = _relative(path, root)
    try:
        if path.suffix.lower() == ".pdf":
            return "\n\n".join(pdf.extract_pages(path))
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{name} is not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except OSError as exc:
        raise CorpusError(f"cannot read {name}: {exc.strerror or exc}") from exc
    except Exception as exc:  # pypdf raises many types for a damaged PDF
        raise CorpusError(f"cannot read PDF {name}: {' '.join(str(exc).split())}") from exc


def load_document(path: Path, root: Path) -> ParsedDocument:
    """Read and parse one corpus file; `root` is the corpus folder its key and path are relative to."""
    return parse_text(read_text(path, root), doc=path.stem, path=_relative(path, root))


def document_paths(corpus_dir: Path) -> list[Path]:
    """The corpus files to ingest, sorted by relative path: .txt/.md/.pdf, not hidden, not under sources/."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    paths = [
        path
        for path in corpus_dir.rglob("*")
        if path.is_file() and path.suffix.lower() in SUFFIXES and _wanted(path.relative_to(corpus_dir))
    ]
    if not paths:
        raise CorpusError(f"no .txt, .md or .pdf documents in {corpus_dir}")
    return sorted(paths, key=lambda path: path.relative_to(corpus_dir).as_posix())


def load_corpus(corpus_dir: Path) -> list[ParsedDocument]:
    """Every document of the corpus, parsed; documents without a paragraph are left out.

    Two files with the same stem (`a/x.txt`, `b/x.md`) are refused: the stem is the document key.
    """
    paths = document_paths(corpus_dir)
    stems = [path.stem for path in paths]
    twins = sorted(_relative(path, corpus_dir) for path in paths if stems.count(path.stem) > 1)
    if twins:  # the stem is the document key that IDs and sources are scoped by
        raise CorpusError(f"documents share a name, rename one: {', '.join(twins)}")
    documents = [document for document in (load_document(path, corpus_dir) for path in paths) if document.paragraphs]
    if not documents:
        raise CorpusError(f"all documents in {corpus_dir} are empty")
    return documents


def _wanted(relative: Path) -> bool:
    parts = relative.parts
    return not any(part.startswith(".") for part in parts) and not any(part in SKIPPED_FOLDERS for part in parts[:-1])


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
