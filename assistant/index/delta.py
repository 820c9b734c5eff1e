"""The delta: documents added or changed since the base was written, and the base's removed ones.

Adding, changing or removing a document writes a new small delta (its documents' segment,
the removed documents' names, their BM25 document frequencies to subtract) and switches the
DELTA pointer; the base is never rewritten. When the delta outgrows COMPACT_SHARE of the base
(or on `assistant ingest --compact`) the two are merged into a new base (compact.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.index.compact import merge_segments
from assistant.index.doc_cache import CachedDocument, DocumentCache
from assistant.index.lexical import LexicalSegment
from assistant.index.load import effective_manifest, live_manifests, stale_reason
from assistant.index.segment import LEXICAL, open_segment, write_segment
from assistant.index.store import (
    MANIFEST,
    IndexStoreError,
    current_delta,
    current_generation,
    read_manifest,
    write_delta,
    write_generation,
)

Progress = Callable[[str], None]
# Merge the delta into the base once it holds this share of the base's paragraphs (and at least COMPACT_MIN).
COMPACT_SHARE = 0.1
COMPACT_MIN = 2_000


@dataclass(frozen=True)
class Plan:
    """What changed since the live index: files to (re)process, delta documents kept, base documents removed."""

    base: Path
    base_manifest: dict
    delta_manifest: dict | None
    changed: frozenset[str]  # corpus paths added, changed or deleted
    kept: tuple[dict, ...]  # delta document entries still current
    removed: frozenset[str]  # base document keys no longer current


def read_live_manifest(index_dir: Path) -> tuple[Path, dict]:
    """(base folder, effective manifest) without checking files (the caller just wrote or checked them)."""
    generation = current_generation(index_dir)
    manifest = read_manifest(generation)
    delta = current_delta(index_dir, generation)
    return generation, effective_manifest(manifest, read_manifest(delta) if delta is not None else None)


def plan_update(index_dir: Path, hashes: dict[str, str], keys: dict[str, tuple[str, str]], embedder: str
                ) -> Plan | None:
    """The delta update that brings an intact index in step with the corpus, or None when it must be rebuilt.

    `keys` gives each corpus file's (document key, role): a source linked to a footnote in sources.toml
    becomes `S<n>`, so a changed link re-indexes that file only.
    """
    try:
        base, manifest, _, delta_manifest = live_manifests(index_dir)
    except IndexStoreError:
        return None
    effective = effective_manifest(manifest, delta_manifest)
    reason = stale_reason(effective, effective.get("corpus", {}), embedder, effective.get("registry"))
    if reason is not None:  # the embedder, pipeline or tokenizer changed: a full build
        return None
    old = effective.get("corpus", {})
    live = {d.get("path"): (d["doc"], d["role"]) for d in effective.get("documents", [])}
    changed = frozenset(rel for rel in set(old) | set(hashes)
                        if old.get(rel) != hashes.get(rel) or (rel in live and live[rel] != keys.get(rel)))
    base_docs = {d["doc"]: d for d in manifest.get("documents", [])}
    delta_docs = list((delta_manifest or {}).get("documents", []))
    removed = set((delta_manifest or {}).get("removed", []))
    removed |= {doc for doc, d in base_docs.items() if d.get("path") in changed}
    kept = tuple(d for d in delta_docs if d.get("path") not in changed)
    return Plan(base, manifest, delta_manifest, changed, kept, frozenset(removed))


def needs_compaction(plan: Plan, delta_paragraphs: int) -> bool:
    return delta_paragraphs > max(COMPACT_MIN, COMPACT_SHARE * plan.base_manifest["counts"]["paragraphs"])


def write_delta_segment(
    index_dir: Path, plan: Plan, docs: Sequence[tuple[str, CachedDocument]], state: dict,
) -> Path:
    """Write the delta of `docs` ((cache key, document) pairs, in order) and the plan's removals; switch to it."""
    base_lexical = LexicalSegment.load(plan.base / LEXICAL)
    base_docs = plan.base_manifest.get("documents", [])
    rows = [np.arange(d["first"], d["first"] + d["count"]) for d in base_docs if d["doc"] in plan.removed]
    removed_rows = np.concatenate(rows).astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
    removed_df: Counter = base_lexical.doc_frequencies(removed_rows) if len(removed_rows) else Counter()
    fields = {k: plan.base_manifest[k] for k in ("embedder", "tokenizer", "pipeline_version")}

    def write_files(folder: Path) -> dict:
        if docs:
            segment = write_segment(
                folder, [d.document for _, d in docs], [t for _, d in docs for t in d.tokens],
                [c for _, d in docs for c in d.counts], np.vstack([d.vectors for _, d in docs]).astype(np.float32),
                allow_approximate=False, avgdl=base_lexical.avgdl)
            for entry, (key, _) in zip(segment["documents"], docs, strict=True):
                entry["key"] = key
        else:
            segment = {"documents": [], "counts": {"documents": 0, "paragraphs": 0, "units": 0, "sources": 0}}
        return {**fields, **segment, "corpus": state["corpus"], "removed": sorted(plan.removed),
                "removed_df": dict(removed_df), "removed_paragraphs": len(removed_rows), "state": state}

    return write_delta(index_dir, write_files)


def effective_counts(base_manifest: dict, removed: frozenset[str], delta_counts: dict, sources: int) -> dict:
    docs = [d for d in base_manifest.get("documents", []) if d["doc"] not in removed]
    return {"documents": len(docs) + delta_counts["documents"],
            "paragraphs": sum(int(d["count"]) for d in docs) + delta_counts["paragraphs"],
            "units": sum(int(d.get("units", 0)) for d in docs) + delta_counts["units"], "sources": sources}


def compact_index(index_dir: Path, progress: Progress) -> bool:
    """Merge the live delta into a new base; False when there is no delta."""
    base_dir = current_generation(index_dir)
    delta_dir = current_delta(index_dir, base_dir)
    if delta_dir is None:
        return False
    base_manifest, delta_manifest = read_manifest(base_dir), read_manifest(delta_dir)
    progress("merging the delta into the base")
    base = open_segment(base_dir, base_manifest)
    delta = open_segment(delta_dir, delta_manifest) if delta_manifest["counts"]["paragraphs"] else None
    effective = effective_manifest(base_manifest, delta_manifest)
    state = delta_manifest.get("state", {})

    def write_files(folder: Path) -> dict:
        fields = merge_segments(folder, base, delta, set(delta_manifest.get("removed", [])))
        for entry in fields["documents"]:
            entry.pop("key", None)
        library = state.get("library") or json.loads((base_dir / "library.json").read_text(encoding="utf-8"))
        (folder / "library.json").write_text(json.dumps(library, ensure_ascii=False), encoding="utf-8")
        keep = {k: v for k, v in effective.items() if k not in (MANIFEST, "files", "documents", "counts", "state",
                                                               "created", "format_version", "base", "removed",
                                                               "removed_df", "removed_paragraphs", "library")}
        return {**keep, **fields}

    generation = write_generation(index_dir, write_files)
    # The new base holds the delta's documents: their cached copies are no longer needed (vectors once on disk).
    DocumentCache(index_dir).drop(d["key"] for d in delta_manifest.get("documents", []) if "key" in d)
    progress(f"index written to {generation}")
    return True
