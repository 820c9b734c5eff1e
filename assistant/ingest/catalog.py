"""What the corpus folder holds: the report, the library and the source documents, each with its key.

    corpus/<report>.txt        the report (its footnotes define corpus/sources.toml)
    corpus/library/…           other documents added with `assistant ingest PATH`
    corpus/sources/…           documents of the report's sources, linked to a footnote by `file`

A source document linked to footnote n gets the key `S<n>`, any other document
its file stem. The report must be readable; a library or source file that is
not (empty, damaged, encrypted, scanned, hostile) is skipped with its reason
and the rest of the corpus is still indexed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.ingest.loader import (
    SOURCES_FOLDER,
    SUFFIXES,
    DocumentError,
    ParsedDocument,
    check_twins,
    document_paths,
    load_document,
    role_of,
)
from assistant.ingest.pdf import PdfLimits


@dataclass(frozen=True)
class CorpusFile:
    """One document file and how it is indexed."""

    path: Path
    rel: str  # posix path relative to the corpus folder: the key of its hash in the manifest
    role: str  # "report" | "library" | "source"
    doc: str  # document key: paragraph IDs and locators are scoped by it
    number: int | None = None  # the footnote it is linked to, for a source document


@dataclass(frozen=True)
class SkippedFile:
    """A file left out of the index, and why (shown by `assistant ingest`)."""

    path: str
    reason: str


def source_paths(corpus_dir: Path) -> list[Path]:
    """Documents under corpus/sources/, sorted: .txt/.md/.pdf, not hidden."""
    folder = corpus_dir / SOURCES_FOLDER
    if not folder.is_dir():
        return []
    paths = [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(paths, key=lambda path: path.relative_to(corpus_dir).as_posix())


def scan(corpus_dir: Path, links: dict[str, int]) -> tuple[list[CorpusFile], list[SkippedFile]]:
    """Every document file with its role and key; `links` maps a source's relative path to its footnote.

    Raises CorpusError when there is no top-level document or two of them share a key; a source file
    whose key is taken is skipped.
    """
    top = document_paths(corpus_dir)
    check_twins(top, corpus_dir)
    files = [
        CorpusFile(path, path.relative_to(corpus_dir).as_posix(), role_of(path.relative_to(corpus_dir)), path.stem)
        for path in top
    ]
    taken = {f.doc.lower(): f.rel for f in files}
    skipped = []
    for path in source_paths(corpus_dir):
        rel = path.relative_to(corpus_dir).as_posix()
        number = links.get(rel)
        doc = f"S{number}" if number is not None else path.stem
        if doc.lower() in taken:
            skipped.append(SkippedFile(rel, f"its name {doc!r} is already used by {taken[doc.lower()]}; rename it"))
            continue
        taken[doc.lower()] = rel
        files.append(CorpusFile(path, rel, "source", doc, number))
    return files, skipped


def load_file(file: CorpusFile, corpus_dir: Path, limits: PdfLimits | None = None) -> ParsedDocument | SkippedFile:
    """The parsed document, or why it is skipped; the report must be readable (else DocumentError).

    An empty report is left out silently (returned with no paragraphs), as `load_corpus` does.
    """
    try:
        document = load_document(file.path, corpus_dir, limits, doc=file.doc, role=file.role)
    except DocumentError as exc:
        if file.role == "report":
            raise
        return SkippedFile(file.rel, exc.reason)
    if not document.paragraphs and file.role != "report":
        return SkippedFile(file.rel, "no text to index")
    return document
