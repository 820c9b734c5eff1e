"""The loaded corpus as the answer layer sees it: paragraphs, sentences, vectors.

Plain Python and numpy only (no faiss, no bm25s), so `answer` can depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.text import match_key, split_sentences
from assistant.types import Paragraph, Source


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


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph_id: str
    row: int  # row of its vector in CorpusView.vectors


class CorpusView:
    """Read-only lookups over the indexed paragraphs."""

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        sources: Sequence[tuple[str, Source]],
        units: Sequence[Unit],
        vectors: np.ndarray,
        idf: dict[str, float],
        groups: dict[str, tuple[str, ...]],
        roles: dict[str, str] | None = None,
        links: dict[tuple[str, int], str] | None = None,
        titles: dict[str, str] | None = None,
    ) -> None:
        if len(units) != len(vectors):
            raise ValueError("every unit needs exactly one vector.")
        self.paragraphs = tuple(paragraphs)
        self.by_id = {p.id: p for p in self.paragraphs}
        self.position = {p.id: i for i, p in enumerate(self.paragraphs)}
        self.sources = {(doc, s.number): s for doc, s in sources}
        self.units = tuple(units)
        self.vectors = vectors
        self.idf = idf
        self.groups = groups
        self.roles = dict(roles or {})  # document key -> "report" | "library" | "source" (default "report")
        self.links = dict(links or {})  # (report key, footnote number) -> key of that source's document
        self.titles = dict(titles or {})  # document key -> its title, as shown beside quotes from it
        sentences: dict[str, list[Sentence]] = {}
        self.unit_rows: dict[str, list[int]] = {}
        for row, unit in enumerate(self.units):
            self.unit_rows.setdefault(unit.paragraph_id, []).append(row)
            if unit.kind == "sent":
                sentences.setdefault(unit.paragraph_id, []).append(Sentence(unit.text, unit.paragraph_id, row))
        self.sentences = {pid: tuple(items) for pid, items in sentences.items()}

    @cached_property
    def max_idf(self) -> float:
        """The weight term coverage gives a word the corpus never uses."""
        return max(self.idf.values(), default=1.0)

    @cached_property
    def text_key(self) -> str:
        """All paragraph, heading and footnote text as one matching key (is a name mentioned at all?)."""
        parts = [" ".join([*p.heading_path, p.text]) for p in self.paragraphs]
        parts.extend(s.text for s in self.sources.values())
        return match_key("\n".join(parts))

    def previous(self, paragraph: Paragraph) -> Paragraph | None:
        """The paragraph before, in the same document: where a quoted sentence's subject is often named."""
        position = self.position[paragraph.id]
        before = self.paragraphs[position - 1] if position else None
        return before if before is not None and before.doc == paragraph.doc else None

    def sources_of(self, paragraph: Paragraph) -> tuple[Source, ...]:
        return tuple(self.sources[key] for key in ((paragraph.doc, m) for m in paragraph.marks) if key in self.sources)

    def title_of(self, doc: str) -> str:
        return self.titles.get(doc, doc)

    def role(self, doc: str) -> str:
        return self.roles.get(doc, "report")

    def report_paragraphs(self) -> tuple[Paragraph, ...]:
        """The report's own paragraphs (not source or library documents): what quizzes are made of."""
        return tuple(p for p in self.paragraphs if self.role(p.doc) == "report")

    def linked_source_docs(self, paragraph: Paragraph) -> list[tuple[int, str]]:
        """(footnote number, source document key) for each mark whose source document is indexed."""
        return [(m, self.links[(paragraph.doc, m)]) for m in paragraph.marks if (paragraph.doc, m) in self.links]

    @cached_property
    def doc_sentences(self) -> dict[str, tuple[Sentence, ...]]:
        """Every sentence of each document, in reading order (for matching a quote inside a source)."""
        out: dict[str, list[Sentence]] = {}
        for para in self.paragraphs:
            out.setdefault(para.doc, []).extend(self.sentences.get(para.id, ()))
        return {doc: tuple(items) for doc, items in out.items()}

    def all_sources(self) -> list[tuple[str, Source]]:
        return sorted(((doc, s) for (doc, _), s in self.sources.items()), key=lambda item: (item[0], item[1].number))
