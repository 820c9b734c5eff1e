"""Pure fusion of lexical and dense rankings.

Two methods, both measured on the eval set (evals/RESULTS.md): reciprocal rank
fusion, and a weighted sum of normalised scores. Rank fusion throws away how
*much* better the first lexical hit is than the second, which on this corpus
(where BM25 is strong) cost rank-1 accuracy; score fusion keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The usual RRF constant (Cormack et al., 2009): damps the weight of the very top
# ranks so one retriever cannot decide alone.
RRF_K = 60


def max_normalise(scores: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] by the maximum; all zeros stay zeros (no lexical match at all)."""
    scores = np.asarray(scores, dtype=np.float32)
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else np.zeros_like(scores)


def minmax_normalise(scores: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] by range; a constant vector maps to zeros."""
    scores = np.asarray(scores, dtype=np.float32)
    if not scores.size:
        return scores
    low, high = float(scores.min()), float(scores.max())
    return (scores - low) / (high - low) if high > low else np.zeros_like(scores)


def score_fusion(lexical: np.ndarray, dense: np.ndarray, lexical_weight: float) -> np.ndarray:
    """Weighted sum of max-normalised BM25 and max-normalised (non-negative) cosine scores.

    Dividing cosines by their maximum, rather than stretching them min-max, keeps
    a uniformly weak dense signal weak: min-max let a 0.26-vs-0.08 cosine gap
    outvote the only paragraph naming the company asked about. When the query
    shares no token with the corpus (e.g. an English question), the lexical part
    is all zeros and the dense ranking decides alone.
    """
    if lexical.shape != dense.shape:
        raise ValueError("lexical and dense scores must score the same documents.")
    lex = max_normalise(lexical)
    if not lex.any():
        return minmax_normalise(dense)
    return lexical_weight * lex + (1.0 - lexical_weight) * max_normalise(np.clip(dense, 0.0, None))


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> dict[int, float]:
    """RRF score per document id over several best-first rankings."""
    if k <= 0:
        raise ValueError("k must be greater than 0.")
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, doc in enumerate(ranking, start=1):
            fused[doc] = fused.get(doc, 0.0) + 1.0 / (k + rank)
    return fused


def rrf_scores(lexical: np.ndarray, dense: np.ndarray, k: int = RRF_K) -> np.ndarray:
    """RRF over the two full rankings, as an array aligned with the documents."""
    lex_rank = [int(i) for i in np.argsort(-lexical, kind="stable") if lexical[i] > 0]
    dense_rank = [int(i) for i in np.argsort(-dense, kind="stable")]
    fused = reciprocal_rank_fusion([lex_rank, dense_rank], k)
    out = np.zeros(len(dense), dtype=np.float32)
    for doc, score in fused.items():
        out[doc] = score
    return out
