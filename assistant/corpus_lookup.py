"""Lookups over paragraphs that are read on demand (a large library's paragraph table).

A table (see `assistant.index.paragraph_store.ParagraphTable`) finds a paragraph by id and keeps,
per position, its document's code, its kind's code and whether it is alive (not replaced or
removed since the base was written). These mappings answer the corpus view's lookups from those
arrays, so no question and no start-up walks every paragraph of the library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, Protocol

import numpy as np

from assistant.types import Paragraph, Source


class Table(Protocol):
    alive: np.ndarray
    doc_codes: np.ndarray
    kind_codes: np.ndarray
    doc_keys: list[str]

    def __len__(self) -> int: ...
    def __getitem__(self, i: int) -> Paragraph: ...
    def __iter__(self) -> Iterator[Paragraph]: ...
    def find(self, paragraph_id: str) -> int | None: ...


def is_table(paragraphs: Any) -> bool:
    return hasattr(paragraphs, "find") and hasattr(paragraphs, "alive")


class Positions(Mapping[str, int]):
    """Paragraph id -> position (live paragraphs only)."""

    def __init__(self, table: Table) -> None:
        self._table = table

    def __getitem__(self, paragraph_id: str) -> int:
        found = self._table.find(paragraph_id) if isinstance(paragraph_id, str) else None
        if found is None:
            raise KeyError(paragraph_id)
        return found

    def __contains__(self, paragraph_id: object) -> bool:
        return isinstance(paragraph_id, str) and self._table.find(paragraph_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (p.id for i, p in enumerate(self._table) if self._table.alive[i])

    def __len__(self) -> int:
        return int(np.count_nonzero(self._table.alive))


class ById(Mapping[str, Paragraph]):
    """Paragraph id -> paragraph (live paragraphs only), parsed when asked for."""

    def __init__(self, table: Table) -> None:
        self._table = table
        self._positions = Positions(table)

    def __getitem__(self, paragraph_id: str) -> Paragraph:
        return self._table[self._positions[paragraph_id]]

    def __contains__(self, paragraph_id: object) -> bool:
        return paragraph_id in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


def rows_where(table: Table, docs: set[str] | None = None, kind: int | None = None) -> np.ndarray:
    """Live positions, in order, of the given documents and/or kind code."""
    mask = np.asarray(table.alive).copy()
    if docs is not None:
        codes = [i for i, key in enumerate(table.doc_keys) if key in docs]
        mask &= np.isin(table.doc_codes, codes)
    if kind is not None:
        mask &= np.asarray(table.kind_codes) == kind
    return np.flatnonzero(mask)


def paragraph_roles(table: Table, role_of: Mapping[str, str], default: str = "report") -> np.ndarray:
    """Each paragraph's document role ("" for one no longer alive)."""
    by_code = np.array([role_of.get(key, default) for key in table.doc_keys] or [default], dtype=object)
    roles = by_code[np.asarray(table.doc_codes)] if len(table) else np.zeros(0, dtype=object)
    roles = np.where(table.alive, roles, "")
    return roles.astype(str)


class SourceTable(MutableMapping[tuple[str, int], Source]):
    """(document key, footnote number) -> source; a document's sources are parsed when it is first asked for.

    A library of 100k paragraphs has tens of thousands of footnotes; an answer reads a few.
    """

    def __init__(self, loaders: Mapping[str, Callable[[], list[Source]]]) -> None:
        self._loaders = dict(loaders)
        self._docs: dict[str, dict[int, Source]] = {}

    def of_doc(self, doc: str) -> dict[int, Source]:
        if doc not in self._docs:
            load = self._loaders.get(doc)
            self._docs[doc] = {s.number: s for s in load()} if load is not None else {}
        return self._docs[doc]

    def __getitem__(self, key: tuple[str, int]) -> Source:
        return self.of_doc(key[0])[key[1]]

    def __setitem__(self, key: tuple[str, int], value: Source) -> None:
        self.of_doc(key[0])[key[1]] = value

    def __delitem__(self, key: tuple[str, int]) -> None:
        del self.of_doc(key[0])[key[1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and len(key) == 2 and key[1] in self.of_doc(key[0])

    def _all_docs(self) -> list[str]:
        return list(dict.fromkeys([*self._loaders, *self._docs]))

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return ((doc, number) for doc in self._all_docs() for number in list(self.of_doc(doc)))

    def __len__(self) -> int:
        return sum(len(self.of_doc(doc)) for doc in self._all_docs())
