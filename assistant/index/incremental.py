"""Keep the index in step with the corpus folder, reusing every document that did not change.

A check reads only file hashes, the source links of `sources.toml` and the
manifest (no model, no parsing). A build takes each unchanged document from
the per-document cache and parses and embeds only the new or changed ones;
a library or source file that cannot be read is skipped with its reason, and
the previous generation stays live until the new one is complete, so nothing
already indexed is lost when a new file fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from assistant.config import Settings
from assistant.environment import (
    EnvironmentFailure,
    check_index_folder,
    check_writable,
    write_cause,
)
from assistant.index.build import build_from_cache
from assistant.index.corpus_state import CorpusState, corpus_state, recorded_stats
from assistant.index.delta import (
    Plan,
    compact_index,
    effective_counts,
    needs_compaction,
    plan_update,
    read_live_manifest,
    write_delta_segment,
)
from assistant.index.doc_cache import CachedDocument, CachedRef, DocumentCache
from assistant.index.embed import Embedder, embedder_name
from assistant.index.load import effective_manifest, live_manifests, stale_reason
from assistant.index.prepare import LazyEmbedder, prepare
from assistant.index.registry_links import report_links, restore_registry, sync_registry_file
from assistant.index.store import IndexCorrupt, IndexMissing
from assistant.ingest import CorpusError
from assistant.ingest.catalog import SkippedFile

Progress = Callable[[str], None]
MISSING, DAMAGED = "no index yet", "the index is damaged"


def _quiet(_message: str) -> None:
    return None


@dataclass(frozen=True)
class IngestReport:
    rebuilt: bool
    reason: str  # why it was (or was not) rebuilt
    paragraphs: int
    sources: int
    seconds: float
    skipped: tuple[SkippedFile, ...] = ()  # files left out, with the reason
    warnings: tuple[str, ...] = ()
    parsed: int = 0  # documents parsed (and embedded) by this build
    reused: int = 0  # documents taken unchanged from the cache


def check_index(settings: Settings, state: CorpusState | None = None, verify: bool = False) -> str | None:
    """None when the live index is intact and fresh, else the reason to rebuild it (no model is loaded).

    `verify` hashes every file; otherwise a large index is checked by sizes (see store.verify_files).
    """
    state = state or corpus_state(settings)
    try:
        _, manifest, _, delta_manifest = live_manifests(settings.index_dir, deep=True if verify else None)
    except IndexMissing:
        return MISSING
    except IndexCorrupt as exc:
        return f"{DAMAGED} ({exc})"
    return stale_reason(effective_manifest(manifest, delta_manifest), state.hashes,
                        embedder_name(settings.embedder), state.registry)


def ingest(
    settings: Settings,
    progress: Progress = _quiet,
    force: bool = False,
    embedder: Embedder | None = None,
    verify: bool = False,
    compact: bool = False,
) -> IngestReport:
    """Bring the index in step with the corpus: a delta for changed documents, a full build when it must.

    A missing, damaged or otherwise stale index (embedder, pipeline, source links) is rebuilt (`force`:
    rebuilt with nothing reused); documents added, changed or removed go into the delta, which is merged
    into the base when it grows past COMPACT_SHARE of it or on `compact` (`assistant ingest --compact`).
    `verify` checks every file of the live index against its sha256 first (`assistant ingest --verify`).
    """
    started = time.perf_counter()
    check_index_folder(settings.index_dir)
    state = corpus_state(settings, None if force or verify else recorded_stats(settings.index_dir))
    reason = "rebuild requested" if force else check_index(settings, state, verify=verify)
    counts = (0, 0)
    lazy = LazyEmbedder(settings.embedder, embedder)
    if reason is not None or compact:
        check_writable(settings.index_dir)  # before anything is embedded
        try:
            if reason is not None:
                progress(f"building the index: {reason}")
                rebuild = force or reason.startswith((MISSING, DAMAGED))
                keys = {f.rel: (f.doc, f.role) for f in state.files}
                plan = None if rebuild else plan_update(settings.index_dir, state.hashes, keys, lazy.name)
                done = _update(settings, state, plan, lazy, progress) if plan is not None else None
                counts = done if done is not None else _build(settings, state, lazy, progress, reuse=not force)
            if compact and compact_index(settings.index_dir, progress):
                reason = reason or "compaction requested"
        except OSError as exc:  # a full disk or a folder turned read-only mid-build: the old generation is live
            raise EnvironmentFailure(f"cannot write the index in {settings.index_dir}: "
                                     f"{write_cause(exc, settings.index_dir)}; "
                                     "the previous index (if any) is still in use") from exc
    generation, manifest = read_live_manifest(settings.index_dir)
    if reason is None:
        restore_registry(settings, generation, manifest.get("registry_doc"), progress)
    skipped = tuple(SkippedFile(**s) for s in manifest.get("skipped", []))
    warnings = tuple(manifest.get("warnings", []))
    return IngestReport(reason is not None, reason or "the index is up to date", manifest["counts"]["paragraphs"],
                        manifest["counts"]["sources"], time.perf_counter() - started, skipped, warnings, *counts)


def _build(
    settings: Settings, state: CorpusState, embedder: LazyEmbedder, progress: Progress, reuse: bool
) -> tuple[int, int]:
    """Build a whole new base generation; returns (documents parsed, documents reused).

    Documents are embedded into the cache first, then streamed from it into the new base one at a
    time: a million-paragraph build never holds the library's vectors, tokens or paragraphs at once.
    """
    entries, keys, parsed, reused = prepare(settings, state.files, state, embedder, progress, reuse, keep=False)
    cache = DocumentCache(settings.index_dir)
    refs: list[CachedRef] = []
    skipped = list(state.skipped)
    for entry in entries:
        if isinstance(entry, SkippedFile):
            progress(f"skipped {entry.path}: {entry.reason}")
            skipped.append(entry)
        elif isinstance(entry, CachedRef) and entry.paragraphs:
            refs.append(entry)
    if not any(r.role != "source" for r in refs):
        raise CorpusError(f"all documents in {settings.corpus_dir} are empty")
    warnings = list(state.warnings)
    report_ref = next((r for r in refs if r.role == "report" and r.sources), None)
    report = cache.get(report_ref.key) if report_ref else None
    report_doc = report.document if isinstance(report, CachedDocument) else None
    sync_registry_file(settings, report_doc, warnings, progress)
    links = report_links(state, report_doc.doc if report_doc else None, {r.doc for r in refs})
    extra = {"registry": state.registry, "registry_doc": report_doc.doc if report_doc else None,
             "skipped": [asdict(s) for s in skipped], "warnings": warnings,
             "reuse": {"parsed": parsed, "reused": reused}, "corpus_stats": state.stats}
    build_from_cache(refs, cache, embedder.name, settings.index_dir, state.hashes, progress,
                     links=links, manifest_extra=extra)
    # The base holds every document now: only remembered failures stay cached (disk: vectors once).
    cache.keep_only(k for k, e in zip(keys, entries, strict=True) if isinstance(e, SkippedFile))
    return parsed, reused


def _update(settings: Settings, state: CorpusState, plan: Plan, embedder: LazyEmbedder, progress: Progress
            ) -> tuple[int, int] | None:
    """Write a delta for the documents that changed (merged into the base when it grows large).

    Returns (documents parsed, documents reused), or None when a full build is needed instead.
    """
    cache = DocumentCache(settings.index_dir)
    docs: list[tuple[str, CachedDocument]] = []
    redo = set()
    for entry in plan.kept:  # documents already in the delta: from the cache, not embedded again
        cached = cache.get(entry.get("key", ""))
        if isinstance(cached, CachedDocument):
            docs.append((entry["key"], cached))
        else:  # a damaged cache entry: that document is read again
            redo.add(entry.get("path"))
    files = [f for f in state.files if f.rel in plan.changed or f.rel in redo]
    entries, keys, parsed, reused_here = prepare(settings, files, state, embedder, progress, reuse=True)
    changed_skips = []
    for key, entry in zip(keys, entries, strict=True):
        if isinstance(entry, SkippedFile):
            progress(f"skipped {entry.path}: {entry.reason}")
            changed_skips.append(entry)
        elif entry.document.paragraphs:
            docs.append((key, entry))
    effective = read_live_manifest(settings.index_dir)[1]
    skipped = list(state.skipped) + [SkippedFile(**s) for s in effective.get("skipped", [])
                                            if s["path"] not in plan.changed and s["path"] in state.hashes]
    skipped += changed_skips
    skipped = list({s.path: s for s in skipped}.values())
    base_docs = [d for d in plan.base_manifest.get("documents", []) if d["doc"] not in plan.removed]
    roles = {d["doc"]: d["role"] for d in base_docs} | {c.document.doc: c.document.role for _, c in docs}
    if not any(role != "source" for role in roles.values()):
        raise CorpusError(f"all documents in {settings.corpus_dir} are empty")
    warnings = list(state.warnings)
    new_report = next((c.document for _, c in docs if c.document.role == "report" and c.document.sources), None)
    sync_registry_file(settings, new_report, warnings, progress)
    registry_doc = new_report.doc if new_report else effective.get("registry_doc")
    if registry_doc not in roles:
        registry_doc = None
    links = report_links(state, registry_doc, set(roles))
    delta_counts = {"documents": len(docs), "paragraphs": sum(len(c.document.paragraphs) for _, c in docs),
                    "units": sum(sum(c.counts) for _, c in docs)}
    sources = sum(int(d.get("sources", 0)) for d in base_docs) + sum(len(c.document.sources) for _, c in docs)
    reused = len(state.files) - len(files) + reused_here
    state_fields = {
        "corpus": state.hashes, "registry": state.registry, "registry_doc": registry_doc,
        "skipped": [asdict(s) for s in skipped], "warnings": warnings, "reuse": {"parsed": parsed, "reused": reused},
        "library": {"roles": roles, "links": {doc: {str(n): k for n, k in sorted(m.items())}
                                              for doc, m in links.items()}},
        "counts": effective_counts(plan.base_manifest, plan.removed, delta_counts, sources),
        "corpus_stats": state.stats,
    }
    delta = write_delta_segment(settings.index_dir, plan, docs, state_fields)
    progress(f"index updated: {delta_counts['documents']} document(s) in {delta.name}, "
             f"{len(plan.removed)} replaced or removed in the base")
    if needs_compaction(plan, delta_counts["paragraphs"]):
        compact_index(settings.index_dir, progress)
    return parsed, reused
