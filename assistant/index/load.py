"""Open the live index (the base generation and its delta, if any) and tell whether it is stale.

Opening costs the same at any library size: files are checked by size against the manifests
(hashed for a small index), vectors and postings are memory-mapped, paragraph records are
parsed when first read, and what start-up needs (name pairs, document ranges) was computed
when the segment was written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.corpus import CorpusView
from assistant.corpus_lookup import SourceTable
from assistant.index.build import PIPELINE_VERSION
from assistant.index.dense_stack import SegmentedDense
from assistant.index.lexical import LexicalIndex
from assistant.index.paragraph_store import ParagraphTable
from assistant.index.segment import Segment, open_segment
from assistant.index.store import (
    FORMAT_VERSION,
    IndexCorrupt,
    current_delta,
    current_generation,
    read_manifest,
    verify_files,
)
from assistant.index.text_key import TextKey, paragraph_key
from assistant.text import tokenizer_signature


@dataclass(frozen=True)
class LoadedIndex:
    generation: Path
    manifest: dict  # the effective manifest: the base's, updated by the delta's state
    corpus: CorpusView
    lexical: LexicalIndex
    dense: SegmentedDense
    name_pairs: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (kind, names) the report and sources write
    delta: Path | None = None


def live_manifests(index_dir: Path, deep: bool | None = None) -> tuple[Path, dict, Path | None, dict | None]:
    """(base folder, its manifest, delta folder, its manifest), every file checked (see store.verify_files)."""
    generation = current_generation(index_dir)
    manifest = read_manifest(generation)
    verify_files(generation, manifest, deep)
    delta = current_delta(index_dir, generation)
    delta_manifest = None
    if delta is not None:
        delta_manifest = read_manifest(delta)
        verify_files(delta, delta_manifest, deep)
    return generation, manifest, delta, delta_manifest


def effective_manifest(manifest: dict, delta_manifest: dict | None) -> dict:
    """The index as a whole: the base's documents minus the removed ones plus the delta's, its corpus state."""
    if delta_manifest is None:
        return manifest
    removed = set(delta_manifest.get("removed", []))
    documents = [d for d in manifest.get("documents", []) if d["doc"] not in removed]
    return {**manifest, **delta_manifest.get("state", {}),
            "documents": documents + list(delta_manifest.get("documents", []))}


def _library(base: Segment, delta_manifest: dict | None) -> tuple[dict[str, str], dict[tuple[str, int], str]]:
    """Document roles and footnote -> source document links (absent in an index of the report alone)."""
    if delta_manifest is not None and "library" in delta_manifest.get("state", {}):
        data = delta_manifest["state"]["library"]
    else:
        path = base.folder / "library.json"
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    roles = {str(doc): str(role) for doc, role in data.get("roles", {}).items()}
    links = {
        (str(doc), int(n)): str(key) for doc, numbers in data.get("links", {}).items() for n, key in numbers.items()
    }
    return roles, links


def load_index(index_dir: Path) -> LoadedIndex:
    """Open the live base and delta after checking their files against the manifests."""
    generation, manifest, delta_dir, delta_manifest = live_manifests(index_dir)
    try:
        base = open_segment(generation, manifest)
        segments = [base]
        if delta_dir is not None and delta_manifest is not None and delta_manifest["counts"]["paragraphs"]:
            segments.append(open_segment(delta_dir, delta_manifest))
        dims = {s.dense.dim for s in segments}
        if dims != {manifest["embedder"]["dim"]}:
            raise ValueError(f"vectors of dimension {sorted(dims)}, the manifest says {manifest['embedder']['dim']}")
        removed = set(delta_manifest.get("removed", [])) if delta_manifest else set()
        removed_rows = base.rows_of(removed)
        alive = np.ones(sum(len(s.paragraphs) for s in segments), dtype=bool)
        alive[removed_rows] = False
        table = ParagraphTable([s.paragraphs for s in segments], [[d["doc"] for d in s.documents] for s in segments],
                               alive)
        lexical = LexicalIndex([s.lexical for s in segments], (delta_manifest or {}).get("removed_df", {}),
                               removed_rows)
        dense = SegmentedDense([s.dense for s in segments])
        starts = np.concatenate([*(s.starts[:-1] + off for s, off in zip(segments, _offsets(segments), strict=True)),
                                 [dense.size]])
        loaders = {}
        for s in segments:
            loaders.update(s.source_loaders(removed if s is base else set()))
        sources = SourceTable(loaders)
        sources_key = "\n".join(s.sources_key() for s in segments)
        groups = _groups(segments, base, removed_rows)
        roles, links = _library(base, delta_manifest)
        pairs = tuple((str(kind), tuple(str(n) for n in names)) for s in segments
                      for doc, groups_of_doc in s.names().items() if s is not base or doc not in removed
                      for kind, names in groups_of_doc)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorrupt(f"index in {generation} cannot be read: {exc}") from exc
    effective = effective_manifest(manifest, delta_manifest)
    titles = {str(d["doc"]): str(d.get("title") or d["doc"]) for d in effective.get("documents", [])}
    text_key = TextKey([(s.text_key, int(off)) for s, off in zip(segments, table.starts, strict=False)], alive,
                       lambda row: paragraph_key(table[row].heading_path, table[row].text),
                       sources_key)
    corpus = CorpusView(table, sources, None, dense.vectors, lexical.idf_table(), groups, roles, links, titles,
                        starts=starts, text_key=text_key)
    return LoadedIndex(generation, effective, corpus, lexical, dense, pairs, delta_dir)


def _offsets(segments: list[Segment]) -> list[int]:
    out, total = [], 0
    for segment in segments:
        out.append(total)
        total += segment.dense.size
    return out


def _groups(segments: list[Segment], base: Segment, removed_rows: np.ndarray) -> dict[str, tuple[str, ...]]:
    groups = base.groups()
    if len(removed_rows):
        gone = {base.paragraphs[int(r)].id for r in removed_rows}
        groups = {k: v for k, v in groups.items() if k not in gone}
    for segment in segments[1:]:
        groups.update(segment.groups())
    return groups


def stale_reason(
    manifest: dict, corpus_hashes: dict[str, str], embedder_name: str, registry: str | None = None
) -> str | None:
    """Why the index no longer matches the corpus, its source links or the embedder, or None if it does.

    `registry` fingerprints the `file` links of corpus/sources.toml (None without any): a link decides a
    source document's key, so changing one re-indexes; other registry edits are applied when loading.
    """
    if manifest.get("format_version") != FORMAT_VERSION:
        return "the index format changed"
    if manifest.get("embedder", {}).get("name") != embedder_name:
        return f"the embedder changed ({manifest.get('embedder', {}).get('name')} -> {embedder_name})"
    if manifest.get("pipeline_version") != PIPELINE_VERSION:
        return "the indexing pipeline changed"
    if manifest.get("tokenizer") != tokenizer_signature():
        return "the tokenizer changed"
    old = manifest.get("corpus", {})
    if old != corpus_hashes:
        changed = sorted(set(old) ^ set(corpus_hashes) | {k for k in old if old[k] != corpus_hashes.get(k, old[k])})
        return "the corpus changed: " + ", ".join(changed[:5])
    if manifest.get("registry") != registry:
        return "the source links in sources.toml changed"
    return None
