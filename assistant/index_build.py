"""Build the on-disk index from parsed documents: embed, tokenise, write a generation."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np

from assistant.context import indexed_texts, list_groups
from assistant.corpus import make_units
from assistant.dense import DenseIndex
from assistant.embed import Embedder
from assistant.ingest import ParsedDocument
from assistant.ingest.caps import clip_units
from assistant.lexical import LexicalIndex, inverse_document_frequencies
from assistant.records import paragraph_to_dict, source_to_dict, write_jsonl
from assistant.store import write_generation
from assistant.text import tokenize, tokenizer_signature

Progress = Callable[[str], None]
# Bump when what is indexed changes (units, list context, tokens, PDF pages): old indexes then count as stale.
PIPELINE_VERSION = 6
EMBED_BATCH = 64


def embed_texts(embedder: Embedder, texts: Sequence[str], progress: Progress = lambda _msg: None) -> np.ndarray:
    """Unit-length float32 rows, embedded in batches (with progress lines)."""
    if not texts:
        return np.zeros((0, int(getattr(embedder, "dim", 0) or 0)), dtype=np.float32)
    texts = clip_units(texts)  # the tokeniser's input cap: memory grows with the length of one input
    chunks = []
    for start in range(0, len(texts), EMBED_BATCH):
        chunks.append(embedder.embed(texts[start : start + EMBED_BATCH]))
        progress(f"embedding {min(start + EMBED_BATCH, len(texts))}/{len(texts)}")
    return np.vstack(chunks).astype(np.float32)


def build_index(
    docs: Sequence[ParsedDocument],
    embedder: Embedder,
    index_dir: Path,
    corpus_hashes: dict[str, str],
    progress: Progress = lambda _msg: None,
    *,
    vectors: np.ndarray | None = None,
    links: dict[str, dict[int, str]] | None = None,
    manifest_extra: dict | None = None,
) -> Path:
    """Write a complete new index generation and switch to it; returns its folder.

    `vectors` (one row per unit, in order) are reused instead of embedding again; `links` maps the
    report's key to {footnote number: key of that source's document}, for two-hop provenance.
    """
    paragraphs = [p for doc in docs for p in doc.paragraphs]
    if not paragraphs:
        raise ValueError("the corpus has no paragraphs to index.")
    units = make_units(paragraphs)
    progress(f"indexing {len(paragraphs)} paragraphs ({len(units)} units) from {len(docs)} document(s)")
    token_lists = [tokenize(text) for text in indexed_texts(paragraphs)]
    if vectors is None:
        vectors = embed_texts(embedder, [u.text for u in units], progress)
    if len(vectors) != len(units):
        raise ValueError(f"{len(vectors)} vectors for {len(units)} units.")
    groups = list_groups(paragraphs)
    library = {"roles": {d.doc: d.role for d in docs},
               "links": {doc: {str(n): key for n, key in sorted(m.items())} for doc, m in (links or {}).items()}}

    def write_files(folder: Path) -> dict:
        write_jsonl(folder / "paragraphs.jsonl", [paragraph_to_dict(p) for p in paragraphs])
        write_jsonl(folder / "sources.jsonl", [source_to_dict(s, d.doc) for d in docs for s in d.sources])
        write_jsonl(folder / "units.jsonl", [asdict(u) for u in units])
        (folder / "idf.json").write_text(
            json.dumps(inverse_document_frequencies(token_lists), ensure_ascii=False), encoding="utf-8"
        )
        (folder / "groups.json").write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
        (folder / "library.json").write_text(json.dumps(library, ensure_ascii=False), encoding="utf-8")
        LexicalIndex.build(token_lists).save(folder / "lexical")
        DenseIndex.build(vectors).save(folder / "dense.faiss")
        return {
            "embedder": {"name": embedder.name, "dim": int(vectors.shape[1])},
            "tokenizer": tokenizer_signature(),
            "pipeline_version": PIPELINE_VERSION,
            "corpus": corpus_hashes,
            "documents": [{"doc": d.doc, "path": d.path, "title": d.title} for d in docs],
            "counts": {"documents": len(docs), "paragraphs": len(paragraphs), "units": len(units),
                       "sources": sum(len(d.sources) for d in docs)},
            **(manifest_extra or {}),
        }

    generation = write_generation(index_dir, write_files)
    progress(f"index written to {generation}")
    return generation
