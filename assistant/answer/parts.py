"""The report's paragraphs within a part a question points at (sections.asked_part): which paragraphs a part holds,
and the search's hits narrowed to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.premises import states_premise
from assistant.answer.sections import OPENING
from assistant.corpus import CorpusView
from assistant.lexicon import NameTable
from assistant.types import Hit, Paragraph

if TYPE_CHECKING:  # (analysis imports sections, which parts imports)
    from assistant.answer.analysis import Analysis


def in_part(paragraph: Paragraph, prefix: str) -> bool:
    """"§2" holds §2 ¶1, §2.1 ¶3 and §2.2.1 ¶1, not §20; "前言" holds 前言 ¶1; "§2 " (OPENING) only §2 ¶1…"""
    locator = paragraph.locator
    return locator.startswith(prefix) and (prefix.endswith(OPENING) or locator[len(prefix):][:1] in (" ", "."))


def section_hits(prefix: str, hits: Sequence[Hit], corpus: CorpusView, query_vector: np.ndarray,
                 named: Callable[[str], bool] | None = None) -> list[Hit]:
    """The report's paragraphs in the part, best-ranked first; the hits unchanged when the part does not exist, or
    when no paragraph of it is `named` (premise_check).

    A paragraph the search did not rank gets the lowest rank's score and its best sentence's cosine.
    """
    inside = [p for p in corpus.report_paragraphs() if in_part(p, prefix)]
    if not inside or (named is not None and not any(named(p.text) for p in inside)):
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


def premise_check(analysis: Analysis, names: NameTable) -> Callable[[str], bool] | None:
    """For a premise that places named things in a part ("TikTok跟GoTo那个case,报告是放在讲数字治理那部分的吧?"):
    whether a paragraph names them all. A part where none does is the premise's mistake, and the answer is looked
    for in the whole report; None for any other question."""
    if not (analysis.names and states_premise(analysis.question)):
        return None
    return lambda text: all(names.occurs(m.group, text) for m in analysis.names)
