"""The footnote-source registry (`corpus/sources.toml`) beside the index: written from the report's footnotes,
restored from the index when deleted, and read back over the index's sources (the user's titles, publishers, dates);
and which indexed document each of the report's footnotes links to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.index.corpus_state import CorpusState
from assistant.index.records import read_jsonl, source_from_dict
from assistant.ingest import ParsedDocument
from assistant.ingest.registry import REGISTRY_NAME, apply_registry, read_registry, sync_registry
from assistant.types import Source

Progress = Callable[[str], None]


def restore_registry(settings: Settings, generation: Path, registry_doc: str | None, progress: Progress) -> None:
    """Write sources.toml again from the index when the user deleted it (or the index predates it)."""
    path = settings.corpus_dir / REGISTRY_NAME
    if registry_doc is None or path.is_file():
        return
    rows = [source_from_dict(row) for row in read_jsonl(generation / "sources.jsonl")]
    sources = [source for doc, source in rows if doc == registry_doc]
    if sources and sync_registry(path, sources):
        progress(f"wrote {path} ({len(sources)} sources)")


def sync_registry_file(settings: Settings, report: ParsedDocument | None, warnings: list[str],
                       progress: Progress) -> None:
    """Write sources.toml from the report's footnotes; a failure is a warning, not a failed build."""
    if report is None:
        return
    try:
        if sync_registry(settings.corpus_dir / REGISTRY_NAME, report.sources):
            progress(f"wrote {settings.corpus_dir / REGISTRY_NAME} ({len(report.sources)} sources)")
    except OSError as exc:
        warnings.append(f"cannot write {REGISTRY_NAME}: {exc.strerror or exc}")


def report_links(state: CorpusState, report: str | None, indexed: set[str]) -> dict[str, dict[int, str]]:
    """The report's footnote number -> key of that source's indexed document."""
    if report is None:
        return {}
    return {report: {f.number: f.doc for f in state.files if f.number is not None and f.doc in indexed}}


def registry_overrides(
    settings: Settings, sources: dict[tuple[str, int], Source], registry_doc: str | None
) -> dict[tuple[str, int], Source]:
    """The index's footnote sources with the titles, publishers and dates the user set in sources.toml."""
    if registry_doc is None:
        return sources
    entries = read_registry(settings.corpus_dir / REGISTRY_NAME)
    mine = [s for (doc, _), s in sources.items() if doc == registry_doc]
    return {**sources, **{(registry_doc, s.number): s for s in apply_registry(mine, entries)}}
