"""How strongly the retrieved text answers the question: the refusal signal.

Measured on the eval set (evals/RESULTS.md): term coverage of the best
paragraph and of its best sentence, the dense similarity, and two specific
misses that mark a near-miss question — a number question whose best
sentences hold no number, and a name, year or Latin term in the question that
occurs nowhere in the corpus ("日本", "2022年", "GDP").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.text import match_key

# Weights found by a grid search on the Chinese eval questions (see evals/RESULTS.md).
W_PARAGRAPH, W_SENTENCE, W_DENSE = 0.75, 0.25, 0.25
PENALTY_NO_NUMBER = 0.4
PENALTY_ABSENT_NAME = 0.6
_NAME_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg", "eng"})
_DIGIT = re.compile(r"\d")


def term_coverage(query_tokens: Sequence[str], text_key: str, idf: dict[str, float]) -> float:
    """Share of the question's IDF mass found in the text; unknown words weigh the most."""
    if not query_tokens:
        return 0.0
    unknown = max(idf.values(), default=1.0)
    weights = {t: idf.get(t, unknown) for t in set(query_tokens)}
    total = sum(weights.values())
    found = sum(w for t, w in weights.items() if t in text_key)
    return found / total if total else 0.0


@lru_cache(maxsize=1)
def _posseg():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def warm_up_tokenizers() -> None:
    """Load jieba's dictionary and POS model ahead of the first question."""
    from assistant.text import tokenize

    tokenize("预热")
    _posseg().lcut("预热")


def absent_names(question: str, corpus_key: str) -> list[str]:
    """Proper names, years and Latin terms of the question that the corpus never mentions."""
    absent = []
    for word, tag in _posseg().lcut(question):
        if len(word) < 2:
            continue
        is_name = tag in _NAME_TAGS or (tag == "m" and _DIGIT.search(word) is not None)
        if is_name and match_key(word) not in corpus_key:
            absent.append(word)
    return absent


def evidence_score(
    paragraph_coverage: float,
    sentence_coverage: float,
    dense: float,
    wants_number: bool,
    best_sentences: Sequence[str],
    absent: Sequence[str],
) -> float:
    """A score compared with the refusal threshold; pure, so it can be calibrated offline."""
    score = W_PARAGRAPH * paragraph_coverage + W_SENTENCE * sentence_coverage + W_DENSE * dense
    if wants_number and not any(_DIGIT.search(s) for s in best_sentences):
        score -= PENALTY_NO_NUMBER
    if absent:
        score -= PENALTY_ABSENT_NAME
    return score
