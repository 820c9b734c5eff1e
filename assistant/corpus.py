"""The loaded corpus as the answer layer sees it: paragraphs, sentences, vectors.

Plain Python and numpy only (no faiss, no bm25s), so `answer` can depend on it.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping, MutableMapping, Sequence
from functools import cached_property

import numpy as np

from assistant.corpus_lookup import ById, Positions, SourceTable, is_table, paragraph_roles, rows_where
from assistant.sentence_maps import DocSentences, ParagraphSentences, Sentence
from assistant.text import match_key
from assistant.types import Paragraph, Source
from assistant.units import Unit, make_units, unit_starts

PARAGRAPH_KINDS = ("body", "front", "table")  # the codes of the index's kinds array (paragraph_store.KINDS)


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
        self.sentences: Mapping[str, tuple[Sentence, ...]] = ParagraphSentences(self)
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
            return DocSentences(self, self._table)
        out: dict[str, list[Sentence]] = {}
        for para in self.paragraphs:
            out.setdefault(para.doc, []).extend(self.sentences.get(para.id, ()))
        return {doc: tuple(items) for doc, items in out.items()}

    def all_sources(self) -> list[tuple[str, Source]]:
        return sorted(((doc, s) for (doc, _), s in self.sources.items()), key=lambda item: (item[0], item[1].number))
