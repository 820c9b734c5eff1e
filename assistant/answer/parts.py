"""The report's paragraphs within a part a question points at (sections.asked_part): which paragraphs a part holds,
and the search's hits narrowed to them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.corpus import CorpusView
from assistant.types import Hit, Paragraph

OPENING = " "  # after a chapter's prefix ("§5 "): its opening paragraphs only, before its first sub-part


def in_part(paragraph: Paragraph, prefix: str) -> bool:
    """"§2" holds §2 ¶1, §2.1 ¶3 and §2.2.1 ¶1, not §20; "前言" holds 前言 ¶1; "§2 " (OPENING) only §2 ¶1…"""
    locator = paragraph.locator
    return locator.startswith(prefix) and (prefix.endswith(OPENING) or locator[len(prefix):][:1] in (" ", "."))


def section_hits(prefix: str, hits: Sequence[Hit], corpus: CorpusView, query_vector: np.ndarray) -> list[Hit]:
    """The report's paragraphs in the part, best-ranked first; the hits unchanged when the part does not exist.

    A paragraph the search did not rank gets the lowest rank's score and its best sentence's cosine.
    """
    inside = [p for p in corpus.report_paragraphs() if in_part(p, prefix)]
    if not inside:
        return list(hits)
    ranked = {h.paragraph_id: h for h in hits}
    floor = min((h.score for h in hits), default=0.0)
    found = [ranked[p.id] for p in inside if p.id in ranked]
    found.sort(key=lambda h: -h.score)
    rest = [Hit(p.id, floor, floor, _best_cosine(p, corpus, query_vector)) for p in inside if p.id not in ranked]
    return [*found, *rest]


def part_paragraphs(prefix: str, corpus: CorpusView) -> list[Paragraph]:
    """The report's prose paragraphs in the part, in reading order (the table is not an opening)."""
    return [p for p in corpus.report_paragraphs() if in_part(p, prefix) and p.kind != "table"]


def _best_cosine(paragraph: Paragraph, corpus: CorpusView, query_vector: np.ndarray) -> float:
    rows = [s.row for s in corpus.sentences.get(paragraph.id, ())]
    return float(np.max(corpus.vectors[rows] @ query_vector)) if rows else 0.0
