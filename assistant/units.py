"""What the dense index embeds per paragraph: the paragraph with its heading, its heading path, and each quotable
sentence (table rows for a table). Pure functions, shared by the index build and the corpus view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.text import split_sentences
from assistant.types import Paragraph


@dataclass(frozen=True)
class Unit:
    """One embedded piece: a whole paragraph (with its heading) or one of its sentences."""

    paragraph_id: str
    kind: str  # "para" | "sent"
    text: str


def quotable_sentences(paragraph: Paragraph) -> list[str]:
    """The sentences an answer may quote: table rows for a table, sentences otherwise."""
    if paragraph.kind == "table":
        return [line.strip() for line in paragraph.text.splitlines() if line.strip()]
    return split_sentences(paragraph.text)


def make_units(paragraphs: Sequence[Paragraph]) -> list[Unit]:
    units: list[Unit] = []
    for para in paragraphs:
        heading = para.heading_path[-1] if para.heading_path else ""
        units.append(Unit(para.id, "para", f"{heading}\n{para.text}".strip()))
        if para.heading_path:  # "measures at the government level" finds the heading 1.政府层面
            units.append(Unit(para.id, "head", " ".join(para.heading_path)))
        units.extend(Unit(para.id, "sent", sentence) for sentence in quotable_sentences(para))
    return units


def unit_counts(paragraphs: Sequence[Paragraph]) -> list[int]:
    """How many units `make_units` gives each paragraph (kept per document so builds need not split again)."""
    return [1 + bool(p.heading_path) + len(quotable_sentences(p)) for p in paragraphs]


def unit_starts(paragraphs: Sequence[Paragraph], units: Sequence[Unit]) -> np.ndarray:
    """Row of each paragraph's first unit, plus the total (units come grouped by paragraph, in order)."""
    position = {p.id: i for i, p in enumerate(paragraphs)}
    counts = np.zeros(len(paragraphs) + 1, dtype=np.int64)
    for unit in units:
        counts[position[unit.paragraph_id] + 1] += 1
    return np.cumsum(counts)
