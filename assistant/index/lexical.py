"""BM25 over jieba tokens (bm25s), scored against every paragraph.

The corpus is small, so we score all documents and let fusion decide; bm25s
saves its matrices as .npy and JSON, never pickle.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np


class LexicalIndex:
    def __init__(self, bm25: bm25s.BM25, size: int) -> None:
        self._bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]]) -> LexicalIndex:
        if not token_lists:
            raise ValueError("cannot build a lexical index over no documents.")
        bm25 = bm25s.BM25()
        # An empty document would make bm25s drop it; a placeholder keeps rows aligned.
        bm25.index([list(tokens) or ["\u2205"] for tokens in token_lists], show_progress=False)
        return cls(bm25, len(token_lists))

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every document, in document order."""
        if not query_tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(list(query_tokens)), dtype=np.float32)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False, allow_pickle=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        bm25 = bm25s.BM25.load(str(folder), show_progress=False, allow_pickle=False, mmap=True)
        return cls(bm25, size)


def inverse_document_frequencies(token_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed IDF per token: weights query terms when scoring single sentences."""
    n = len(token_lists)
    df = Counter(token for tokens in token_lists for token in set(tokens))
    return {token: math.log(1.0 + (n - count + 0.5) / (count + 0.5)) for token, count in df.items()}
