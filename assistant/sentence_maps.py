"""A paragraph's quotable sentences with their vector rows, and a document's, derived from the paragraph when first
asked for (a library of 100k paragraphs has half a million sentences; the answer layer reads a handful)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.corpus_lookup import Table, rows_where
from assistant.units import make_units

if TYPE_CHECKING:
    from assistant.corpus import CorpusView


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph_id: str
    row: int  # row of its vector in CorpusView.vectors


class ParagraphSentences(Mapping[str, tuple[Sentence, ...]]):
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


class DocSentences(Mapping[str, tuple[Sentence, ...]]):
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
