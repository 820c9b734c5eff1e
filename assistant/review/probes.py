"""What the checker compares: a claim prepared once (`Probe`) and a report sentence prepared once per paragraph
(`Evidence`), as frozen values; matching.py and conflicts.py read them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.lexicon import Mention, NameGroup
from assistant.lexicon.numerals import Quantity


@dataclass(frozen=True)
class Probe:
    """A claim prepared once: its words (with weights), numbers, names and vector."""

    text: str
    english: bool
    weights: dict[str, float]
    quantities: tuple[Quantity, ...]
    groups: tuple[NameGroup, ...]  # things of ENTITY_KINDS the claim names
    vector: np.ndarray
    mentions: tuple[Mention, ...] = ()  # where the claim names them
    clause_weights: tuple[tuple[int, int, dict[str, float]], ...] = ()  # (start, end, words) of each clause
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> its other names (folded)
    unknown_names: tuple[str, ...] = ()  # places and organisations the name table does not know (北极)


@dataclass(frozen=True)
class Evidence:
    """One report sentence, prepared once per paragraph."""

    sentence: str
    paragraph_id: str
    key: str  # match key of the sentence
    heading_key: str  # match key of the paragraph's heading
    context_key: str  # heading + the two sentences before + the sentence: where names may come from
    quantities: tuple[Quantity, ...]
    context_quantities: tuple[Quantity, ...]
    groups: tuple[NameGroup, ...]  # named in the sentence itself
    context_groups: tuple[NameGroup, ...]  # ... or in its context
    vectors: np.ndarray  # the sentence and its clauses
    clauses: tuple[tuple[str, tuple[Quantity, ...]], ...] = ()  # (match key, quantities) of each clause
    context_names: tuple[str, ...] = ()  # every name (folded) of the things its context names
    pair: bool = False  # two sentences read as one (a claim may merge them)
