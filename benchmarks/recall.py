"""recall@10 of the approximate dense search against an exact scan, two ways (used by scale.py and nprobe_sweep.py).

* by id: the share of the exact top 10's rows that the search returned. The synthetic libraries repeat
  the same headings in every document, so many vectors are identical and which of several equal rows
  makes the exact top 10 is arbitrary: a search returning an equal row scores a miss.
* ann-benchmarks (the standard definition, `ann_benchmarks/plotting/metrics.py`, `knn_threshold` with
  epsilon 1e-3): a returned row counts when its distance is within the exact 10th neighbour's distance
  plus epsilon. Distances are angular (1 - cosine), so: its cosine is at least the 10th's minus 1e-3.
  Returned rows are scored exactly from the stored vectors, as ann-benchmarks recomputes them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

K = 10
EPSILON = 1e-3  # ann-benchmarks' default for recall ("knn"): distance error allowed
BLOCK = 65_536


def exact_top(vectors, rows: np.ndarray, queries: np.ndarray, k: int = K) -> tuple[np.ndarray, np.ndarray]:
    """Per query, the exact top k of `rows` (row ids, best first) and their scores: a blocked scan."""
    scores, ids = [], []
    for start in range(0, len(rows), BLOCK):
        block = np.asarray(rows[start : start + BLOCK])
        sc = queries @ np.asarray(vectors[block], dtype=np.float32).T
        part = np.argpartition(-sc, k, axis=1)[:, :k]
        scores.append(np.take_along_axis(sc, part, 1))
        ids.append(block[part])
    sc, ids = np.hstack(scores), np.hstack(ids)
    order = np.argsort(-sc, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(ids, order, 1), np.take_along_axis(sc, order, 1)


def recall_at_k(vectors, truth: tuple[np.ndarray, np.ndarray], queries: np.ndarray,
                search: Callable[[np.ndarray], np.ndarray], k: int = K) -> dict[str, float]:
    """{"by_id", "ann_benchmarks"}: mean recall@k of `search(query) -> rows` over the queries."""
    ids, scores = truth
    by_id = ann = 0
    for q, query in enumerate(queries):
        rows = np.asarray(search(query))[:k]
        by_id += len(set(ids[q].tolist()) & set(rows.tolist()))
        got = np.asarray(vectors[np.sort(rows)], dtype=np.float32) @ query
        ann += int((1.0 - got <= 1.0 - scores[q][k - 1] + EPSILON).sum())
    n = k * len(queries)
    return {"by_id": by_id / n, "ann_benchmarks": ann / n}
