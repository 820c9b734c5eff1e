"""Build the on-disk index from parsed documents: embed, tokenise, write a base generation."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.index.dense import TRAINED_INDEX
from assistant.index.doc_cache import CachedDocument, CachedRef, DocumentCache
from assistant.index.embed import Embedder
from assistant.index.segment import document_tokens, write_segment
from assistant.index.segment_writer import SegmentWriter
from assistant.index.store import IndexStoreError, current_generation, write_generation
from assistant.ingest import ParsedDocument
from assistant.ingest.caps import clip_units
from assistant.text import tokenizer_signature
from assistant.units import make_units, unit_counts

Progress = Callable[[str], None]
# Bump when what is indexed changes (units, list context, tokens, PDF pages): old indexes then count as stale.
PIPELINE_VERSION = 10
EMBED_BATCH = 64


class EmbedProgress:
    """Progress lines for a long embedding run: done/total, rate and time left (at most one line a second)."""

    def __init__(self, total: int, progress: Progress, clock: Callable[[], float] = time.monotonic,
                 unit: str = "units") -> None:
        self.total, self.done, self._progress, self._clock, self.unit = total, 0, progress, clock, unit
        self._started = self._last = clock()

    def advance(self, count: int) -> None:
        self.done += count
        now = self._clock()
        if now - self._last < 1.0 and self.done < self.total:
            return
        self._last = now
        rate = self.done / max(now - self._started, 1e-9)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        self._progress(f"embedding {self.done}/{self.total} ({100 * self.done // max(self.total, 1)}%, "
                       f"{rate:.{0 if rate >= 10 else 1}f} {self.unit}/s, ETA {format_duration(left)})")


def format_duration(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


def embed_texts(
    embedder: Embedder,
    texts: Sequence[str],
    progress: Progress = lambda _msg: None,
    tracker: EmbedProgress | None = None,
) -> np.ndarray:
    """Unit-length float32 rows, embedded in batches (with progress lines and an ETA)."""
    if not texts:
        return np.zeros((0, int(getattr(embedder, "dim", 0) or 0)), dtype=np.float32)
    texts = clip_units(texts)  # the tokeniser's input cap: memory grows with the length of one input
    tracker = tracker or EmbedProgress(len(texts), progress)
    chunks = []
    for start in range(0, len(texts), EMBED_BATCH):
        batch = texts[start : start + EMBED_BATCH]
        chunks.append(embedder.embed(batch))
        tracker.advance(len(batch))
    return np.vstack(chunks).astype(np.float32)


def _live_generation(index_dir: Path) -> Path | None:
    try:
        return current_generation(index_dir)
    except IndexStoreError:
        return None


def library_fields(docs: Sequence[ParsedDocument | CachedRef], links: dict[str, dict[int, str]] | None) -> dict:
    """Document roles and the report's footnote -> source document links (library.json)."""
    return {"roles": {d.doc: d.role for d in docs},
            "links": {doc: {str(n): key for n, key in sorted(m.items())} for doc, m in (links or {}).items()}}


def base_fields(embedder_name: str, dim: int, corpus_hashes: dict[str, str]) -> dict:
    return {"embedder": {"name": embedder_name, "dim": dim}, "tokenizer": tokenizer_signature(),
            "pipeline_version": PIPELINE_VERSION, "corpus": corpus_hashes}


def build_index(
    docs: Sequence[ParsedDocument],
    embedder: Embedder,
    index_dir: Path,
    corpus_hashes: dict[str, str],
    progress: Progress = lambda _msg: None,
    *,
    vectors: np.ndarray | None = None,
    tokens: Sequence[Sequence[str]] | None = None,
    counts: Sequence[int] | None = None,
    links: dict[str, dict[int, str]] | None = None,
    manifest_extra: dict | None = None,
) -> Path:
    """Write a complete new base generation and switch to it; returns its folder.

    `vectors` (one row per unit, in order), `tokens` (one list per paragraph) and `counts` (units per
    paragraph) are reused instead of embedding, tokenising and splitting sentences again; `links` maps the
    report's key to {footnote number: key of that source's document}, for two-hop provenance.
    """
    paragraphs = [p for doc in docs for p in doc.paragraphs]
    if not paragraphs:
        raise ValueError("the corpus has no paragraphs to index.")
    counts = list(counts) if counts is not None else unit_counts(paragraphs)
    if len(counts) != len(paragraphs):
        raise ValueError(f"{len(counts)} unit counts for {len(paragraphs)} paragraphs.")
    progress(f"indexing {len(paragraphs)} paragraphs ({sum(counts)} units) from {len(docs)} document(s)")
    token_lists = list(tokens) if tokens is not None else [t for d in docs for t in document_tokens(d)]
    if vectors is None:
        vectors = embed_texts(embedder, [u.text for u in make_units(paragraphs)], progress)
    previous = _live_generation(index_dir)
    library = library_fields(docs, links)

    def write_files(folder: Path) -> dict:
        fields = write_segment(folder, docs, token_lists, counts, vectors, allow_approximate=True,
                               trained=previous / TRAINED_INDEX if previous is not None else None)
        (folder / "library.json").write_text(json.dumps(library, ensure_ascii=False), encoding="utf-8")
        return {**base_fields(embedder.name, int(vectors.shape[1]), corpus_hashes), **fields,
                **(manifest_extra or {})}

    generation = write_generation(index_dir, write_files)
    progress(f"index written to {generation}")
    return generation


def build_from_cache(
    refs: Sequence[CachedRef],
    cache: DocumentCache,
    embedder_name: str,
    index_dir: Path,
    corpus_hashes: dict[str, str],
    progress: Progress = lambda _msg: None,
    *,
    links: dict[str, dict[int, str]] | None = None,
    manifest_extra: dict | None = None,
) -> Path:
    """Write a new base generation from cached documents, read back one at a time; returns its folder.

    Memory stays that of one document plus compact arrays (postings, text key, ids), whatever the
    library's size: vectors go straight to the vectors file and the IVF is filled from it in blocks.
    """
    if not refs:
        raise ValueError("the corpus has no paragraphs to index.")
    total = sum(r.units for r in refs)
    progress(f"indexing {sum(r.paragraphs for r in refs)} paragraphs ({total} units) from {len(refs)} document(s)")
    previous = _live_generation(index_dir)
    library = library_fields(refs, links)
    tracker = EmbedProgress(len(refs), lambda msg: progress(msg.replace("embedding", "writing", 1)),
                            unit="documents")

    def write_files(folder: Path) -> dict:
        writer = SegmentWriter(folder, total, allow_approximate=True)
        try:
            for ref in refs:
                cached = cache.get(ref.key, mmap=True)
                if not isinstance(cached, CachedDocument):
                    raise OSError(f"the cached document {ref.doc} vanished or was damaged during the build; "
                                  "run ingest again")
                writer.add(cached.document, cached.tokens, cached.counts, cached.vectors)
                tracker.advance(1)
        except BaseException:
            writer.abort()
            raise
        progress("sorting postings and filling the dense index")
        fields = writer.finish(trained=previous / TRAINED_INDEX if previous is not None else None)
        (folder / "library.json").write_text(json.dumps(library, ensure_ascii=False), encoding="utf-8")
        return {**base_fields(embedder_name, writer.dim, corpus_hashes), **fields, **(manifest_extra or {})}

    generation = write_generation(index_dir, write_files)
    progress(f"index written to {generation}")
    return generation
