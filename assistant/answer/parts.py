"""The report's paragraphs within a part a question points at (sections.asked_part): which paragraphs a part holds,
and the search's hits narrowed to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.premises import states_premise
from assistant.answer.sections import OPENING
from assistant.corpus import CorpusView
from assistant.lexicon import NameTable
from assistant.types import Answer, Hit, Paragraph

# The note part_note adds (its wording, and the separator of its places), and the pattern that knows it again: what
# the assistant says about where the report tells something, no claim to check.
_PART_NOTE = {"zh": ("注:报告是在{where}讲的,不在{part}。", "、"),
              "en": ("Note: the report tells this in {where}, not in {part}.", ", ")}
PART_NOTE = re.compile(r"注:报告是在\S+讲的,不在.+。|Note: the report tells this in .+, not in .+\.")

if TYPE_CHECKING:  # (analysis imports sections, which parts imports)
    from assistant.answer.analysis import Analysis


def in_part(paragraph: Paragraph, prefix: str) -> bool:
    """"§2" holds §2 ¶1, §2.1 ¶3 and §2.2.1 ¶1, not §20; "前言" holds 前言 ¶1; "§2 " (OPENING) only §2 ¶1…"""
    locator = paragraph.locator
    return locator.startswith(prefix) and (prefix.endswith(OPENING) or locator[len(prefix):][:1] in (" ", "."))


def _inside(prefix: str, corpus: CorpusView) -> list[Paragraph]:
    """The report's paragraphs in the part, in reading order."""
    return [p for p in corpus.report_paragraphs() if in_part(p, prefix)]


def section_hits(prefix: str, hits: Sequence[Hit], corpus: CorpusView, query_vector: np.ndarray) -> list[Hit]:
    """The report's paragraphs in the part, best-ranked first; the hits unchanged when the part does not exist.

    A paragraph the search did not rank gets the lowest rank's score and its best sentence's cosine.
    """
    inside = _inside(prefix, corpus)
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
    return [p for p in _inside(prefix, corpus) if p.kind != "table"]


def _best_cosine(paragraph: Paragraph, corpus: CorpusView, query_vector: np.ndarray) -> float:
    rows = [s.row for s in corpus.sentences.get(paragraph.id, ())]
    return float(np.max(corpus.vectors[rows] @ query_vector)) if rows else 0.0


def misplaced(prefix: str, analysis: Analysis, names: NameTable, corpus: CorpusView) -> bool:
    """Whether a premise places named things in a part ("TikTok跟GoTo那个case,报告是放在讲数字治理那部分的吧?") where
    no paragraph names them all: the premise's mistake, so the answer is looked for in the whole report."""
    if not (analysis.names and states_premise(analysis.question)):
        return False
    inside = _inside(prefix, corpus)
    return bool(inside) and not any(all(names.occurs(m.group, p.text) for m in analysis.names) for p in inside)


def part_note(answer: Answer, prefix: str, corpus: CorpusView) -> Answer:
    """The answer with a line saying where the report tells what the question placed in `prefix`: the citations'
    locators alone leave a reader to spot that the premise was wrong."""
    where = [c.paragraph.locator.split()[0] for c in answer.citations if not in_part(c.paragraph, prefix)]
    if answer.refused or not where:
        return answer
    part = prefix.strip()
    heading = next((h for h, place in corpus.part_headings.items() if place == part), "")
    named = f"{part} {heading}".strip() if heading else part
    template, separator = _PART_NOTE["en" if answer.lang == "en" else "zh"]
    note = template.format(where=separator.join(dict.fromkeys(where)), part=named)
    return replace(answer, text=f"{answer.text}\n{note}", notes=(*answer.notes, note))
