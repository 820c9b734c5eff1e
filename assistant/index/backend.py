"""One small search interface over the index: FAISS + our BM25 postings on this machine, or Milvus.

The retriever asks a backend two things: BM25 scores per paragraph for the query tokens,
and the best unit rows for the query vector. Everything else (paragraphs, sentences, the
vectors used to quote) comes from the local index generation, so both backends keep the
same answer and citation contract. `open_backend` picks one from the settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from assistant.config import Settings
from assistant.index.load import LoadedIndex

BACKENDS = ("faiss", "milvus")


class SearchBackend(Protocol):
    name: str
    units: int  # unit rows searchable (vectors of the generation)

    def lexical_scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every paragraph, in paragraph order (0 where no token matches)."""
        ...

    def dense_search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best (cosine, unit row) pairs, best first."""
        ...


class FaissBackend:
    """BM25 over jieba tokens and FAISS (exact or IVF-SQ8), from the base and delta segments."""

    name = "faiss"

    def __init__(self, index: LoadedIndex) -> None:
        self._index = index
        self.units = index.dense.size

    def lexical_scores(self, tokens: Sequence[str]) -> np.ndarray:
        return self._index.lexical.scores(tokens)

    def dense_search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        return self._index.dense.search(query, k)


def open_backend(index: LoadedIndex, settings: Settings) -> SearchBackend:
    """The configured backend over this generation (Milvus collections are created or refreshed on open)."""
    if settings.backend == "milvus":
        from assistant.index.milvus import MilvusBackend  # pymilvus is an optional extra

        return MilvusBackend.open(index, settings.milvus_uri or str(settings.index_dir / "milvus.db"))
    return FaissBackend(index)
