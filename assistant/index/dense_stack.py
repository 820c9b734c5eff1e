"""Dense search over several segments (the base, then the delta) as one row space.

Kept apart from `dense` (one segment's FAISS index) so neither grows past one job: rows of the
delta follow the base's, and results of the segments' searches are merged by score.
"""

from __future__ import annotations

import numpy as np

from assistant.index.dense import DenseIndex


class StackedVectors:
    """Unit vectors of several segments as one row space (base rows first), read without copying them all."""

    def __init__(self, parts: list[np.ndarray]) -> None:
        self._parts = parts
        self._starts = np.cumsum([0, *[len(p) for p in parts]])
        self.shape = (int(self._starts[-1]), int(parts[0].shape[1]))
        self.dtype = np.result_type(*[p.dtype for p in parts])
        self.ndim = 2

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, rows):
        if isinstance(rows, slice):
            rows = np.arange(*rows.indices(len(self)))
        elif np.isscalar(rows):
            row = int(rows) + (len(self) if int(rows) < 0 else 0)
            part = int(np.searchsorted(self._starts, row, side="right")) - 1
            return np.asarray(self._parts[part][row - int(self._starts[part])], dtype=self.dtype)
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), self.shape[1]), dtype=self.dtype)
        part_of = np.searchsorted(self._starts, rows, side="right") - 1
        for part in np.unique(part_of):
            mask = part_of == part
            out[mask] = self._parts[part][rows[mask] - int(self._starts[part])]
        return out

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self[np.arange(len(self))], dtype=dtype)


class SegmentedDense:
    """Dense search over the base and the delta, results merged (rows in one space, base first)."""

    def __init__(self, segments: list[DenseIndex]) -> None:
        self.segments = segments
        self._starts = np.cumsum([0, *[s.size for s in segments]])
        self.approximate = any(s.approximate for s in segments)
        self.vectors = segments[0].vectors if len(segments) == 1 else StackedVectors([s.vectors for s in segments])

    @property
    def size(self) -> int:
        return int(self._starts[-1])

    @property
    def dim(self) -> int:
        return self.segments[0].dim

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.segments) == 1:
            return self.segments[0].search(query, k)
        scores, rows = [], []
        for segment, start in zip(self.segments, self._starts, strict=False):
            s, r = segment.search(query, k)
            scores.append(s)
            rows.append(r + int(start))
        score, row = np.concatenate(scores), np.concatenate(rows)
        order = np.argsort(-score, kind="stable")[: max(1, min(k, self.size))]
        return score[order], row[order]
