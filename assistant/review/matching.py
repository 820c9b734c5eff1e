"""How one claim stands to one report sentence: words, numbers, names, polarity, direction.

Pure given the prepared pieces: a `Probe` (the claim, prepared once) against an
`Evidence` (a report sentence with its context: the sentence before it and the
paragraph's heading, where its subject is often named). Names are compared
through the shared name table, so 阿里 = Alibaba, 南亚 ≠ 东南亚, and a company
in place of another company is a contradiction, not a paraphrase.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.lexicon import ENTITY_KINDS, NameGroup, NameTable
from assistant.lexicon.numerals import Quantity, missing_quantities
from assistant.review.conflicts import (
    CLAUSE_TOPICAL,
    bound_elsewhere,
    clause_coverage,
    code_conflict,
    number_conflict,
    slot_conflict,
)
from assistant.review.probes import Evidence, Probe
from assistant.review.signals import direction_flip, overstated, polarity_flip

__all__ = ["Evidence", "Match", "Probe", "entity_groups", "match"]  # check.py reads the values from here

COVERAGE = 0.6  # share of a Chinese claim's IDF-weighted words found in the sentence and its context
COSINE_ZH = 0.8  # ... or this close in meaning (a paraphrase), with coverage at least PARAPHRASE_FLOOR
PARAPHRASE_FLOOR = 0.4
COSINE_EN = 0.5  # an English claim against a Chinese sentence: meaning, numbers and names only
COSINE_EN_ANCHORED = 0.35  # ... when its numbers and names (at least one) are all in the sentence
NAMES_NEED_WORDS = 0.5  # names from the context count only when the sentence has this share of the other words
TOPICAL_ZH, TOPICAL_EN = 0.5, 0.4  # "about the same thing", for contradictions
_PART_OF = frozenset({"company", "product", "org"})  # 华为 covers 华为云: a part named by its whole


@dataclass(frozen=True)
class Match:
    """How one report sentence stands to one claim."""

    sentence: str
    paragraph_id: str
    coverage: float
    cosine: float
    missing: tuple[Quantity, ...]  # claim numbers the sentence lacks
    number_conflict: str  # "20% vs 18.6%" when it states another number of the same kind, else ""
    absent: tuple[str, ...]  # claim names the sentence and its context lack
    name_conflict: str  # "南亚 vs 东南亚" when the sentence names another thing of that kind
    polarity: bool  # one side negates what the other asserts
    direction: bool  # 高于 against 低于, 第一 against 第二
    anchored: bool = False  # the claim has numbers or names, and the sentence states them all

    def relevance(self) -> float:
        return self.coverage + self.cosine

    def topical(self, english: bool) -> bool:
        return self.cosine >= TOPICAL_EN if english else self.coverage >= TOPICAL_ZH

    def close(self, english: bool) -> bool:
        if english:
            return self.cosine >= COSINE_EN or (self.anchored and self.cosine >= COSINE_EN_ANCHORED)
        return self.coverage >= COVERAGE or (self.cosine >= COSINE_ZH and self.coverage >= PARAPHRASE_FLOOR)

    def supports(self, english: bool) -> bool:
        return (self.close(english) and not self.missing and not self.absent and not self.polarity
                and not self.direction and not self.number_conflict and not self.name_conflict)

    def conflict(self) -> str:
        """Why the sentence states something else about the same thing, or ""."""
        if self.number_conflict:
            return f"number: {self.number_conflict}"
        if self.name_conflict:
            return f"name: {self.name_conflict}"
        if self.polarity:
            return "negation: the cited sentence says the opposite"
        if self.direction:
            return "direction: the cited sentence points the other way"
        return ""


def entity_groups(table: NameTable, text: str) -> tuple[NameGroup, ...]:
    return tuple(dict.fromkeys(m.group for m in table.find(text, ENTITY_KINDS)))


def _present(group: NameGroup, found: tuple[NameGroup, ...]) -> bool:
    if group in found:
        return True
    if group.kind not in _PART_OF:
        return False
    return any(other.kind in _PART_OF and other.names[0].startswith(name)
               for other in found for name in group.names if len(name) >= 2)


def covered(probe: Probe, ev: Evidence, table: NameTable) -> float:
    """IDF-weighted share of the claim's words in the sentence (or its heading).

    Synonyms count through the table; a name counts when the sentence's context names
    it (the subject is often in the sentence before), and only names do: the words
    of a neighbouring sentence would let it "support" a claim about another fact.
    """
    total = sum(probe.weights.values())
    if not total:
        return 1.0
    words = got = from_context = name_weight = 0.0
    for token, weight in probe.weights.items():
        is_name = len(token) >= 2 and any(token in n for n in ev.context_names)
        name_weight += weight if is_name else 0.0
        words += 0.0 if is_name else weight
        if token in ev.key or token in ev.heading_key:
            got += weight
            continue
        if any(name in ev.key for name in probe.synonyms.get(token, ())):
            got += weight
        elif is_name:
            from_context += weight
    if words and (got - (name_weight - from_context)) / words < NAMES_NEED_WORDS:
        return got / total  # the sentence is about something else: its neighbours' names do not help
    return (got + from_context) / total


def match(probe: Probe, ev: Evidence, table: NameTable) -> Match:
    coverage = covered(probe, ev, table)
    cosine = float(np.max(ev.vectors @ probe.vector)) if len(ev.vectors) else 0.0
    missing = tuple(missing_quantities(list(probe.quantities), list(ev.quantities)))
    absent_groups = tuple(g for g in probe.groups if not _present(g, ev.context_groups))
    name_conflict = ""
    for mention in probe.mentions:
        group = mention.group
        if group not in absent_groups or clause_coverage(probe, mention.start, ev.key) < CLAUSE_TOPICAL:
            continue
        other = next((o for o in ev.groups if o.kind == group.kind and o not in probe.groups
                      and not _present(o, probe.groups)), None)
        if other is not None:
            name_conflict = f"{group.preferred} vs {other.preferred}"
            break
    name_conflict = name_conflict or slot_conflict(probe, ev, table, absent_groups)
    absent = tuple(g.preferred for g in absent_groups)
    absent += tuple(n for n in probe.unknown_names if n.lower() not in ev.context_key)
    code_missing, other_code = code_conflict(probe, ev)
    if code_missing:
        absent += (code_missing,)
    conflict = number_conflict(probe, ev.quantities, list(missing), ev.key) or other_code
    conflict = conflict or (bound_elsewhere(probe, ev) if not probe.english else "")
    anchored = bool(probe.quantities or probe.groups) and not missing and not absent
    return Match(ev.sentence, ev.paragraph_id, coverage, cosine, missing, conflict, absent, name_conflict,
                 not probe.english and polarity_flip(probe.text, ev.sentence),
                 not probe.english and (direction_flip(probe.text, ev.sentence)
                                        or overstated(probe.text, ev.sentence)), anchored)
