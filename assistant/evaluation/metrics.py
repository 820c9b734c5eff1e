"""Retrieval, answer and refusal metrics as pure functions.

Conventions: `ranked` is a best-first list of paragraph ids (may be empty);
`gold` is the set of ids that hold the answer. Ties in ranking are the
retriever's business: metrics read the order they are given.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from assistant.text import match_key


def hit_at(ranked: Sequence[str], gold: Collection[str], k: int) -> float:
    """1.0 when any gold id is among the first k, else 0.0."""
    if k < 1:
        raise ValueError("k must be at least 1.")
    return 1.0 if any(pid in gold for pid in ranked[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: Collection[str], k: int = 10) -> float:
    """1/rank of the first gold id within the first k, else 0."""
    for rank, pid in enumerate(ranked[:k], start=1):
        if pid in gold:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: Sequence[str], gold: Collection[str], k: int = 10) -> float:
    """Binary-relevance nDCG@k; duplicates in `ranked` count once."""
    if not gold:
        return 0.0
    seen: set[str] = set()
    dcg = 0.0
    for rank, pid in enumerate(ranked[:k], start=1):
        if pid in gold and pid not in seen:
            dcg += 1.0 / math.log2(rank + 1)
        seen.add(pid)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def fact_present(answer_text: str, fact: str) -> bool:
    """A key fact counts when it appears in the answer, ignoring width, case and spaces."""
    return match_key(fact) in match_key(answer_text)


def fact_accuracy(answer_text: str, facts: Sequence[str]) -> float:
    """Share of the key facts present in the answer (1.0 when there are none)."""
    if not facts:
        return 1.0
    return sum(fact_present(answer_text, f) for f in facts) / len(facts)


def all_facts(answer_text: str, facts: Sequence[str]) -> float:
    """1.0 when every key fact is in the answer: a list answer missing one item is not complete."""
    return 1.0 if all(fact_present(answer_text, f) for f in facts) else 0.0


def citation_precision(
    cited: Sequence[str], gold: Collection[str], texts: dict[str, str], facts: Sequence[str]
) -> float:
    """Share of cited paragraphs that are gold or contain one of the facts; 0 with no citations."""
    if not cited:
        return 0.0
    good = sum(1 for pid in cited if pid in gold or any(fact_present(texts.get(pid, ""), f) for f in facts))
    return good / len(cited)


def citation_recall(cited: Sequence[str], gold: Collection[str]) -> float:
    """Share of gold paragraphs that were cited (1.0 when there is no gold)."""
    if not gold:
        return 1.0
    return len(set(cited) & set(gold)) / len(set(gold))


def refusal_scores(refused: Sequence[bool], answerable: Sequence[bool]) -> dict[str, float]:
    """Precision/recall of refusing unanswerable questions and the false-refusal rate."""
    if len(refused) != len(answerable):
        raise ValueError("refused and answerable must have the same length.")
    true_refusals = sum(1 for r, a in zip(refused, answerable, strict=True) if r and not a)
    refusals = sum(refused)
    unanswerable = sum(1 for a in answerable if not a)
    answerable_n = len(answerable) - unanswerable
    false_refusals = sum(1 for r, a in zip(refused, answerable, strict=True) if r and a)
    return {
        "refusal_precision": true_refusals / refusals if refusals else 0.0,
        "refusal_recall": true_refusals / unanswerable if unanswerable else 0.0,
        "false_refusal_rate": false_refusals / answerable_n if answerable_n else 0.0,
    }


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in [0, 100]); 0.0 for no values."""
    if not values:
        return 0.0
    if not 0 <= q <= 100:
        raise ValueError("q must be between 0 and 100.")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
