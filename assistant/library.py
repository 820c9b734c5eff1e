"""The corpus as a small library: add documents, list the report's sources.

`assistant ingest PATH …` copies each document into `corpus/library/` (so a
corpus folder is self-contained) after checking that it can be read; a file
that cannot is reported and not copied, so it never reaches the index.
`assistant sources` joins the registry with the index: how many report
paragraphs cite each source and whether its document is indexed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.corpus import CorpusView
from assistant.environment import EnvironmentFailure, cause
from assistant.index.corpus_state import pdf_limits
from assistant.index.store import sha256_file
from assistant.ingest.catalog import SkippedFile, source_paths
from assistant.ingest.loader import LIBRARY_FOLDER, SUFFIXES, DocumentError, document_paths, load_document
from assistant.ingest.registry import REGISTRY_NAME, linked_files, read_registry


class AddError(ValueError):
    """A path given to `assistant ingest` that cannot be added (bad input: exit code 2)."""


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _check(path: Path, settings: Settings) -> None:
    if path.is_dir():
        raise AddError(f"{path}: is a folder, not a document")
    if not path.is_file():
        raise AddError(f"{path}: no such file")
    if path.suffix.lower() not in SUFFIXES:
        raise AddError(f"{path}: unsupported file type {path.suffix or '(none)'!r}: use .pdf, .txt or .md")
    corpus = settings.corpus_dir
    if _inside(path, corpus):
        return
    same_key = [p for p in document_paths(corpus) + source_paths(corpus) if p.stem.lower() == path.stem.lower()]
    clash = [p for p in same_key if p != corpus / LIBRARY_FOLDER / path.name]  # the same name there is an update
    if clash:
        raise AddError(f"{path}: the corpus already has a document named {path.stem!r} "
                       f"({clash[0].relative_to(corpus).as_posix()}); rename the file")


def add_documents(settings: Settings, paths: Sequence[Path]) -> tuple[list[str], list[SkippedFile]]:
    """Copy readable documents into corpus/library/; returns (added corpus paths, files not added and why).

    Raises AddError for a missing file, an unsupported type or a name the corpus already uses.
    """
    for path in paths:
        _check(path, settings)
    library = settings.corpus_dir / LIBRARY_FOLDER
    added, refused = [], []
    for path in paths:
        if _inside(path, settings.corpus_dir):  # already in the corpus: indexing it is enough
            added.append(path.resolve().relative_to(settings.corpus_dir.resolve()).as_posix())
            continue
        try:  # parsed and checked against the caps first: a file that cannot be indexed is never copied
            document = load_document(path, path.parent, pdf_limits(settings), role="library")
        except DocumentError as exc:
            refused.append(SkippedFile(str(path), exc.reason))
            continue
        if not document.paragraphs:
            refused.append(SkippedFile(str(path), "no text to index"))
            continue
        added.append(_copy(path, library).relative_to(settings.corpus_dir).as_posix())
    return added, refused


def _copy(path: Path, library: Path) -> Path:
    """Copy atomically (a partial copy never becomes a library file); raises EnvironmentFailure."""
    target = library / path.name
    partial = library / f".{path.name}.part"
    try:
        library.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or sha256_file(target) != sha256_file(path):
            shutil.copyfile(path, partial)
            os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise EnvironmentFailure(f"cannot copy {path} into {library}: {cause(exc)}") from exc
    return target


def source_rows(settings: Settings, corpus: CorpusView, manifest: dict) -> list[dict[str, Any]]:
    """Every registry entry with `cited_by` (report paragraphs citing it) and `ingested` (its document)."""
    entries = read_registry(settings.corpus_dir / REGISTRY_NAME)
    report = manifest.get("registry_doc")
    links, _ = linked_files(entries)
    skipped = {s["path"]: s["reason"] for s in manifest.get("skipped", [])}
    rows = []
    for entry in entries:
        cited = sum(1 for p in corpus.paragraphs if p.doc == report and entry.number in p.marks)
        document = corpus.links.get((report, entry.number)) if report else None
        path = next((rel for rel, n in links.items() if n == entry.number), None)
        problem = None
        if path and document is None:
            exists = (settings.corpus_dir / path).is_file()
            problem = skipped.get(path) or ("not indexed yet" if exists else "not found")
        rows.append({"id": entry.id, **asdict(entry), "cited_by": cited, "ingested": document is not None,
                     "document": document, "problem": problem})
    return rows


def rows_to_text(rows: Sequence[dict[str, Any]]) -> str:
    """One line per source: number, title, publisher and date, citing paragraphs, its document."""
    lines = []
    for row in rows:
        title = row["title"] or "(to fill in: footnote text lost)"
        meta = " · ".join(part for part in (row["publisher"], row["date"]) if part)
        cited = f"cited by {row['cited_by']} paragraph{'s' if row['cited_by'] != 1 else ''}"
        document = (f"document {row['document']} ({row['file']}) ingested" if row["ingested"]
                    else f"document {row['file']}: {row['problem']}" if row["file"] else "no document")
        lines.append(f"[{row['number']:>2}] {title}" + (f" · {meta}" if meta else "") + f"  — {cited}; {document}")
    return "\n".join(lines) if lines else f"no sources: {REGISTRY_NAME} is empty or missing"
