"""Open a verified index generation and tell whether it is stale."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus import CorpusView
from assistant.index.build import PIPELINE_VERSION
from assistant.index.dense import DenseIndex
from assistant.index.lexical import LexicalIndex
from assistant.index.records import paragraph_from_dict, read_array, read_jsonl, source_from_dict
from assistant.index.store import FORMAT_VERSION, IndexCorrupt, current_generation, read_manifest, verify_files
from assistant.text import tokenizer_signature


@dataclass(frozen=True)
class LoadedIndex:
    generation: Path
    manifest: dict
    corpus: CorpusView
    lexical: LexicalIndex
    dense: DenseIndex


def _library(generation: Path) -> tuple[dict[str, str], dict[tuple[str, int], str]]:
    """Document roles and footnote -> source document links (absent in an index of the report alone)."""
    path = generation / "library.json"
    if not path.is_file():
        return {}, {}
    data = json.loads(path.read_text(encoding="utf-8"))
    roles = {str(doc): str(role) for doc, role in data.get("roles", {}).items()}
    links = {
        (str(doc), int(n)): str(key) for doc, numbers in data.get("links", {}).items() for n, key in numbers.items()
    }
    return roles, links


def load_index(index_dir: Path) -> LoadedIndex:
    """Load the live generation after checking every file against the manifest."""
    generation = current_generation(index_dir)
    manifest = read_manifest(generation)
    verify_files(generation, manifest)
    try:
        paragraphs = [paragraph_from_dict(row) for row in read_jsonl(generation / "paragraphs.jsonl")]
        sources = [source_from_dict(row) for row in read_jsonl(generation / "sources.jsonl")]
        starts = read_array(generation / "starts.npy")
        idf = json.loads((generation / "idf.json").read_text(encoding="utf-8"))
        groups = {k: tuple(v) for k, v in json.loads((generation / "groups.json").read_text(encoding="utf-8")).items()}
        roles, links = _library(generation)
        lexical = LexicalIndex.load(generation / "lexical", size=len(paragraphs))
        dense = DenseIndex.load(generation)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorrupt(f"index in {generation} cannot be read: {exc}") from exc
    units = int(starts[-1]) if starts.ndim == 1 and len(starts) == len(paragraphs) + 1 else -1
    if dense.size != units or dense.dim != manifest["embedder"]["dim"]:
        raise IndexCorrupt(f"index in {generation} is inconsistent: {dense.size} vectors for {units} units")
    titles = {str(d["doc"]): str(d.get("title") or d["doc"]) for d in manifest.get("documents", [])}
    corpus = CorpusView(paragraphs, sources, None, dense.vectors, idf, groups, roles, links, titles, starts=starts)
    return LoadedIndex(generation, manifest, corpus, lexical, dense)


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
