"""The loaded corpus as the answer layer sees it: paragraphs, sentences, vectors.

Plain Python and numpy only (no faiss, no bm25s), so `answer` can depend on it.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from assistant.corpus_lookup import ById, Positions, SourceTable, Table, is_table, paragraph_roles, rows_where
from assistant.text import match_key, split_sentences
from assistant.types import Paragraph, Source

PARAGRAPH_KINDS = ("body", "front", "table")  # the codes of the index's kinds array (paragraph_store.KINDS)


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


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph_id: str
    row: int  # row of its vector in CorpusView.vectors


def unit_starts(paragraphs: Sequence[Paragraph], units: Sequence[Unit]) -> np.ndarray:
    """Row of each paragraph's first unit, plus the total (units come grouped by paragraph, in order)."""
    position = {p.id: i for i, p in enumerate(paragraphs)}
    counts = np.zeros(len(paragraphs) + 1, dtype=np.int64)
    for unit in units:
        counts[position[unit.paragraph_id] + 1] += 1
    return np.cumsum(counts)


class _Sentences(Mapping[str, tuple[Sentence, ...]]):
    """Paragraph id -> its quotable sentences with their vector rows, split on first use.

    A library of 100k paragraphs has half a million sentences; the answer layer reads a
    handful per question, so they are derived from the paragraph when asked for.
    """

    def __init__(self, view: CorpusView) -> None:
        self._view = view
        self._cache: dict[str, tuple[Sentence, ...]] = {}

    def __getitem__(self, paragraph_id: str) -> tuple[Sentence, ...]:
        found = self._cache.get(paragraph_id)
        if found is None:
            view = self._view
            position = view.position[paragraph_id]  # KeyError for an unknown id, as a dict would
            start = int(view.unit_starts[position])
            found = tuple(
                Sentence(unit.text, paragraph_id, start + offset)
                for offset, unit in enumerate(make_units([view.paragraphs[position]]))
                if unit.kind == "sent"
            )
            self._cache[paragraph_id] = found
        if not found:
            raise KeyError(paragraph_id)
        return found

    def get(self, paragraph_id: str, default=None):  # type: ignore[override]
        try:
            return self[paragraph_id]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return (p.id for p in self._view.paragraphs if self.get(p.id))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _DocSentences(Mapping[str, tuple[Sentence, ...]]):
    """Document key -> its sentences, split when that document is first asked for."""

    def __init__(self, view: CorpusView, table: Table) -> None:
        self._view, self._table = view, table
        self._cache: dict[str, tuple[Sentence, ...]] = {}

    def __getitem__(self, doc: str) -> tuple[Sentence, ...]:
        if doc not in self._cache:
            if doc not in self._table.doc_keys:
                raise KeyError(doc)
            rows = rows_where(self._table, {doc})
            paragraphs = self._view.paragraphs
            self._cache[doc] = tuple(s for i in rows for s in self._view.sentences.get(paragraphs[int(i)].id, ()))
        return self._cache[doc]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.doc_keys)

    def __len__(self) -> int:
        return len(self._table.doc_keys)


class CorpusView:
    """Read-only lookups over the indexed paragraphs.

    `units` may be None when the index stores `starts` (first unit row per paragraph)
    instead: units and sentences are then derived per paragraph on demand. `vectors`
    may be a read-only memory map (float16 in a large library).
    """

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        sources: Sequence[tuple[str, Source]] | SourceTable,
        units: Sequence[Unit] | None,
        vectors: np.ndarray,
        idf: dict[str, float],
        groups: dict[str, tuple[str, ...]],
        roles: dict[str, str] | None = None,
        links: dict[tuple[str, int], str] | None = None,
        titles: dict[str, str] | None = None,
        *,
        starts: np.ndarray | None = None,
        text_key: Container[str] | None = None,
    ) -> None:
        self._table = paragraphs if is_table(paragraphs) else None
        self.paragraphs: Sequence[Paragraph] = paragraphs if self._table is not None else tuple(paragraphs)
        self.by_id: Mapping[str, Paragraph]
        self.position: Mapping[str, int]
        if self._table is not None:  # a large library: lookups through its arrays, paragraphs parsed on demand
            self.by_id, self.position = ById(self._table), Positions(self._table)
        else:
            self.by_id = {p.id: p for p in self.paragraphs}
            self.position = {p.id: i for i, p in enumerate(self.paragraphs)}
        self.sources: MutableMapping[tuple[str, int], Source] = (
            sources if isinstance(sources, SourceTable) else {(doc, s.number): s for doc, s in sources})
        self._units = None if units is None else tuple(units)
        if self._units is not None:
            starts = unit_starts(self.paragraphs, self._units)
        if starts is None or len(starts) != len(self.paragraphs) + 1:
            raise ValueError("the corpus view needs its units or the first unit row of each paragraph.")
        self.unit_starts = np.asarray(starts, dtype=np.int64)
        if int(self.unit_starts[-1]) != len(vectors):
            raise ValueError("every unit needs exactly one vector.")
        self.vectors = vectors
        self.idf = idf
        self.groups = groups
        self.roles = dict(roles or {})  # document key -> "report" | "library" | "source" (default "report")
        self.links = dict(links or {})  # (report key, footnote number) -> key of that source's document
        self.titles = dict(titles or {})  # document key -> its title, as shown beside quotes from it
        self.sentences: Mapping[str, tuple[Sentence, ...]] = _Sentences(self)
        self._report_paragraphs: tuple[Paragraph, ...] | None = None
        self._text_key = text_key  # a large library's index of it (see assistant.index.text_key)

    @property
    def units(self) -> tuple[Unit, ...]:
        """Every unit in row order (built on demand when the index did not keep them)."""
        if self._units is None:
            self._units = tuple(make_units(self.paragraphs))
        return self._units

    @cached_property
    def unit_owner(self) -> np.ndarray:
        """Paragraph position of each unit row (to take the best unit score per paragraph)."""
        return np.repeat(np.arange(len(self.paragraphs), dtype=np.int64), np.diff(self.unit_starts))

    @cached_property
    def intro_of(self) -> dict[str, str]:
        """List item paragraph id -> its intro's id (the reverse of `groups`, built once)."""
        found: dict[str, str] = {}
        for intro, items in self.groups.items():
            for item in items:
                found.setdefault(item, intro)
        return found

    @cached_property
    def median_idf(self) -> float:
        """The weight of a noun the corpus never uses (sorted once: a large library has a large vocabulary)."""
        median = getattr(self.idf, "median", None)  # the index's table computes it from its arrays
        if median is not None:
            return median()
        values = sorted(self.idf.values())
        return values[len(values) // 2] if values else 1.0

    @cached_property
    def max_idf(self) -> float:
        """The weight term coverage gives a word the corpus never uses."""
        maximum = getattr(self.idf, "maximum", None)
        return maximum() if maximum is not None else max(self.idf.values(), default=1.0)

    @cached_property
    def text_key(self) -> Container[str]:
        """All paragraph, heading and footnote text as one matching key (is a name mentioned at all?).

        Only `needle in text_key` is asked of it: a large library answers that from a bigram index.
        """
        if self._text_key is not None:
            return self._text_key
        parts = [" ".join([*p.heading_path, p.text]) for p in self.paragraphs]
        parts.extend(s.text for s in self.sources.values())
        return match_key("\n".join(parts))

    def previous(self, paragraph: Paragraph) -> Paragraph | None:
        """The paragraph before, in the same document: where a quoted sentence's subject is often named."""
        position = self.position[paragraph.id]
        before = self.paragraphs[position - 1] if position else None
        return before if before is not None and before.doc == paragraph.doc else None

    def doc_sources(self, doc: str) -> dict[int, Source]:
        """One document's footnotes by number; a library's table parses only that document's."""
        if isinstance(self.sources, SourceTable):
            return self.sources.of_doc(doc)
        return {number: source for (key, number), source in self.sources.items() if key == doc}

    def sources_of(self, paragraph: Paragraph) -> tuple[Source, ...]:
        return tuple(self.sources[key] for key in ((paragraph.doc, m) for m in paragraph.marks) if key in self.sources)

    def title_of(self, doc: str) -> str:
        return self.titles.get(doc, doc)

    def role(self, doc: str) -> str:
        return self.roles.get(doc, "report")

    def report_paragraphs(self) -> tuple[Paragraph, ...]:
        """The report's own paragraphs (not source or library documents): what quizzes are made of.

        Computed once: answers ask for it on every question, and a library has 100k paragraphs.
        """
        if self._report_paragraphs is None:
            if self._table is not None:
                docs = {key for key in self._table.doc_keys if self.role(key) == "report"}
                self._report_paragraphs = tuple(self.paragraphs[int(i)] for i in rows_where(self._table, docs))
            else:
                self._report_paragraphs = tuple(p for p in self.paragraphs if self.role(p.doc) == "report")
        return self._report_paragraphs

    def live_paragraphs(self) -> Iterator[Paragraph]:
        """The paragraphs in position order, without those replaced or removed since the base was written."""
        if self._table is None:
            return iter(self.paragraphs)
        return (self.paragraphs[int(i)] for i in np.flatnonzero(self._table.alive))

    def paragraph_roles(self) -> np.ndarray:
        """Each paragraph's document role, in position order ("" for one replaced or removed since)."""
        if self._table is not None:
            return paragraph_roles(self._table, self.roles)
        return np.array([self.role(p.doc) for p in self.paragraphs])

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Paragraph, ...]]:
        if self._table is not None:  # filled per kind asked for (of_kind): never all the body paragraphs
            return {}
        out: dict[str, list[Paragraph]] = {}
        for para in self.paragraphs:
            out.setdefault(para.kind, []).append(para)
        return {kind: tuple(items) for kind, items in out.items()}

    @cached_property
    def part_headings(self) -> dict[str, str]:
        """Heading -> locator prefix of the report's parts ("(三)金融科技平台企业:…" -> "§4.3")."""
        found: dict[str, str] = {}
        for paragraph in self.report_paragraphs():
            place = paragraph.locator.split()[0]
            if not place.startswith("§"):
                continue
            levels = place[1:].split(".")
            for depth, heading in enumerate(paragraph.heading_path[: len(levels)]):
                found.setdefault(heading, "§" + ".".join(levels[: depth + 1]))
        return found

    def of_kind(self, kind: str) -> tuple[Paragraph, ...]:
        """Paragraphs of one kind ("front", "table"), found once: a question must not scan a large library."""
        if self._table is not None and kind not in self._by_kind:
            rows = rows_where(self._table, kind=PARAGRAPH_KINDS.index(kind)) if kind in PARAGRAPH_KINDS else ()
            self._by_kind[kind] = tuple(self.paragraphs[int(i)] for i in rows)
        return self._by_kind.get(kind, ())

    def linked_source_docs(self, paragraph: Paragraph) -> list[tuple[int, str]]:
        """(footnote number, source document key) for each mark whose source document is indexed."""
        return [(m, self.links[(paragraph.doc, m)]) for m in paragraph.marks if (paragraph.doc, m) in self.links]

    @cached_property
    def doc_sentences(self) -> Mapping[str, tuple[Sentence, ...]]:
        """Every sentence of each document, in reading order (for matching a quote inside a source)."""
        if self._table is not None:
            return _DocSentences(self, self._table)
        out: dict[str, list[Sentence]] = {}
        for para in self.paragraphs:
            out.setdefault(para.doc, []).extend(self.sentences.get(para.id, ()))
        return {doc: tuple(items) for doc, items in out.items()}

    def all_sources(self) -> list[tuple[str, Source]]:
        return sorted(((doc, s) for (doc, _), s in self.sources.items()), key=lambda item: (item[0], item[1].number))
