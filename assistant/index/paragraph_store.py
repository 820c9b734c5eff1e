"""Paragraph records read on demand: JSONL plus a byte-offsets file, memory-mapped.

Opening a library of 100k paragraphs must not parse 100k JSON lines, so each segment keeps
beside its `paragraphs.jsonl` the offset of every line, the paragraph ids sorted (for lookup by
id), and per paragraph its document's ordinal and its kind: what start-up and per-question
filters need, as arrays. A paragraph is parsed the first time it is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from assistant.corpus import PARAGRAPH_KINDS
from assistant.index.records import paragraph_from_dict, read_array
from assistant.types import Paragraph

KINDS = PARAGRAPH_KINDS
_COPY_BYTES = 32 << 20
_REMEMBER = 1 << 20  # ids whose position is remembered (a few per question)
PARAGRAPHS, OFFSETS, IDS, ID_ORDER, DOCS, KIND_CODES = (
    "paragraphs.jsonl", "offsets.npy", "ids.npy", "id_order.npy", "docs.npy", "kinds.npy")


def kind_code(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def copy_records(source: ParagraphStore, rows: np.ndarray, handle, offsets: list[int]) -> None:
    """Append the raw JSON lines of `rows` (ascending runs copied as byte ranges) to an open file."""
    for run in np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1) if len(rows) else []:
        lo, hi = int(source.offsets[run[0]]), int(source.offsets[run[-1] + 1])
        for at in range(lo, hi, _COPY_BYTES):  # in pieces: a whole base's records are most of a GB at 1M
            handle.write(source.raw(at, min(at + _COPY_BYTES, hi)))
        base = offsets[-1] - lo
        offsets.extend(int(o) + base for o in source.offsets[run[0] + 1 : run[-1] + 2])


class ParagraphStore(Sequence[Paragraph]):
    """One segment's paragraphs, parsed on first access."""

    def __init__(self, folder: Path) -> None:
        self.offsets = read_array(folder / OFFSETS, mmap=True)
        self._ids = read_array(folder / IDS, mmap=True)
        self._id_order = read_array(folder / ID_ORDER, mmap=True)
        self.doc_codes = read_array(folder / DOCS, mmap=True)
        self.kind_codes = read_array(folder / KIND_CODES, mmap=True)
        n = len(self.offsets) - 1
        size = (folder / PARAGRAPHS).stat().st_size
        if n < 0 or not (len(self._ids) == len(self._id_order) == len(self.doc_codes) == len(self.kind_codes) == n) \
                or int(self.offsets[-1]) != size or int(self.offsets[0]) != 0:
            raise ValueError("the paragraph offsets do not match paragraphs.jsonl")
        # read by pread, not mapped: mapped, a scan of name candidates left most of the file resident
        # (large page-cache folios are mapped whole), 0.7 GB at 1M paragraphs
        self._fd = os.open(folder / PARAGRAPHS, os.O_RDONLY)
        self._cache: dict[int, Paragraph] = {}

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def raw(self, lo: int, hi: int) -> bytes:
        return os.pread(self._fd, hi - lo, lo) if hi > lo else b""

    def _parse(self, i: int) -> Paragraph:
        import json

        found = self._cache.get(i)
        if found is None:
            line = self.raw(int(self.offsets[i]), int(self.offsets[i + 1]))
            try:
                found = paragraph_from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"paragraph record {i} is unreadable: {exc}") from exc
            self._cache[i] = found
        return found

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._parse(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._parse(i)

    def __iter__(self) -> Iterator[Paragraph]:
        return (self._parse(i) for i in range(len(self)))

    def find(self, paragraph_id: str) -> int | None:
        """Position of the paragraph with this id, or None."""
        key = paragraph_id.encode("utf-8")
        at = int(np.searchsorted(self._ids, key))
        if at < len(self._ids) and self._ids[at] == key:
            return int(self._id_order[at])
        return None


class ParagraphTable(Sequence[Paragraph]):
    """Segments' paragraphs as one sequence (base first); removed ones stay, masked by `alive`."""

    def __init__(self, stores: Sequence[ParagraphStore], doc_keys: Sequence[Sequence[str]],
                 alive: np.ndarray | None = None) -> None:
        self.stores = list(stores)
        self.starts = np.cumsum([0, *[len(s) for s in self.stores]])
        self.size = int(self.starts[-1])
        self.alive = np.ones(self.size, dtype=bool) if alive is None else alive
        self._found: dict[str, int | None] = {}
        # one code space over all segments: segment s's ordinal o -> code
        self.doc_keys: list[str] = []
        self._doc_code: dict[str, int] = {}
        codes = []
        for store, keys in zip(self.stores, doc_keys, strict=True):
            mapping = np.array([self._code(k) for k in keys] or [0], dtype=np.int32)
            codes.append(mapping[np.asarray(store.doc_codes)] if len(store) else np.zeros(0, dtype=np.int32))
        self.doc_codes = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32)
        self.kind_codes = np.concatenate([np.asarray(s.kind_codes) for s in self.stores]) if self.stores \
            else np.zeros(0, dtype=np.uint8)

    def _code(self, key: str) -> int:
        if key not in self._doc_code:
            self._doc_code[key] = len(self.doc_keys)
            self.doc_keys.append(key)
        return self._doc_code[key]

    def __len__(self) -> int:
        return self.size

    def _locate(self, i: int) -> tuple[ParagraphStore, int]:
        s = int(np.searchsorted(self.starts, i, side="right")) - 1
        return self.stores[s], i - int(self.starts[s])

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError(i)
        store, local = self._locate(i)
        return store[local]

    def __iter__(self) -> Iterator[Paragraph]:
        for store in self.stores:
            yield from store

    def find(self, paragraph_id: str) -> int | None:
        """Position of the live paragraph with this id (the newest segment wins), or None; remembered."""
        if paragraph_id in self._found:
            return self._found[paragraph_id]
        found = None
        for s in range(len(self.stores) - 1, -1, -1):
            local = self.stores[s].find(paragraph_id)
            if local is not None and self.alive[int(self.starts[s]) + local]:
                found = int(self.starts[s]) + local
                break
        if len(self._found) < _REMEMBER:
            self._found[paragraph_id] = found
        return found
