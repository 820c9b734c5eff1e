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
    LIBRARY_FOLDER,
    SOURCES_FOLDER,
    SUFFIXES,
    DocumentError,
    ParsedDocument,
    check_twins,
    document_files,
    load_document,
    stem,
)
from assistant.ingest.pdf import PdfLimits
from assistant.ingest.walk import walk_documents


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
    return [path for _, path in walk_documents(folder, SUFFIXES)]


def scan(corpus_dir: Path, links: dict[str, int]) -> tuple[list[CorpusFile], list[SkippedFile]]:
    """Every document file with its role and key; `links` maps a source's relative path to its footnote.

    Raises CorpusError when there is no top-level document or two of them share a key; a source file
    whose key is taken is skipped.
    """
    top = document_files(corpus_dir)
    check_twins([rel for rel, _ in top])
    files = [CorpusFile(path, rel, "library" if rel.startswith(f"{LIBRARY_FOLDER}/") else "report", stem(rel))
             for rel, path in top]
    taken = {f.doc.lower(): f.rel for f in files}
    skipped = []
    folder = corpus_dir / SOURCES_FOLDER
    for inner, path in walk_documents(folder, SUFFIXES) if folder.is_dir() else []:
        rel = f"{SOURCES_FOLDER}/{inner}"
        number = links.get(rel)
        doc = f"S{number}" if number is not None else stem(rel)
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
