"""Is a name mentioned anywhere in the library? A character-bigram index answers without scanning it.

The answer layer asks `match_key(name) in corpus.text_key` for the names of a question. Over the
report that key is a short string; over 100k paragraphs it is 35 million characters, built at the
first question (1 s) and scanned at every question (15-50 ms per absent name). Each segment
therefore keeps, per character bigram of its paragraphs' matching keys, the paragraphs holding
it; a lookup intersects the needle's bigrams and confirms the substring in the few candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.index.records import read_array
from assistant.text import match_key

FOLDER = "textkey"


def paragraph_key(heading_path: Sequence[str], text: str) -> str:
    return match_key(" ".join([*heading_path, text]))


def _codes(key: str) -> np.ndarray:
    return np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


_SHIFT = np.uint64(21)  # code points fit in 21 bits: a bigram in 42
_ROW_BITS = np.uint64(22)  # rows per segment below 4M: (bigram, row) packed in one uint64
ROW_BITS = _ROW_BITS
_PAIRS = 1 << 22  # pairs handled at a time after the sort


def bigrams(key: str) -> np.ndarray:
    codes = _codes(key)
    return (codes[:-1] << _SHIFT) | codes[1:]


def pack_pairs(keys: Sequence[str], first: int) -> np.ndarray:
    """Sorted unique packed (bigram, row) pairs of consecutive paragraphs' keys, rows from `first`."""
    if first + len(keys) > 1 << int(_ROW_BITS):
        raise ValueError("too many paragraphs in one segment for the text key")
    parts = [(bigrams(key) << _ROW_BITS) | np.uint64(first + i) for i, key in enumerate(keys)]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)


class BigramPostings:
    """Sorted unique bigrams, and for each the ascending paragraph rows that contain it."""

    def __init__(self, keys: np.ndarray, indptr: np.ndarray, rows: np.ndarray) -> None:
        self.keys, self.indptr, self.rows = keys, indptr, rows

    @classmethod
    def from_pairs(cls, grams: np.ndarray, rows: np.ndarray) -> BigramPostings:
        """Postings of (bigram, row) pairs, duplicates dropped (one sort: numpy's hashing unique took 22 s at 100k)."""
        if len(rows) and int(rows.max()) >= 1 << int(_ROW_BITS):
            raise ValueError("too many paragraphs in one segment for the text key")
        return cls.from_packed((grams.astype(np.uint64) << _ROW_BITS) | rows.astype(np.uint64))

    @classmethod
    def from_packed(cls, packed: np.ndarray) -> BigramPostings:
        """Postings of packed (bigram << 22 | row) pairs; sorts `packed` in place (no copy of the largest array).

        Everything after the sort goes a block at a time: whole-array temporaries (a uint64 mask, the
        comparisons) took 2 GB more than the pairs themselves at 186M pairs (1M paragraphs).
        """
        packed.sort()
        n = len(packed)
        if any((packed[lo + 1 : min(lo + _PAIRS, n - 1) + 1] == packed[lo : min(lo + _PAIRS, n - 1)]).any()
               for lo in range(0, n - 1, _PAIRS)):
            packed = packed[np.concatenate([[True], packed[1:] != packed[:-1]])]  # duplicates: rare, small inputs
        mask = (np.uint64(1) << _ROW_BITS) - np.uint64(1)
        rows_out = np.empty(len(packed), dtype=np.int32)
        starts = []
        for lo in range(0, len(packed), _PAIRS):
            block = packed[lo : lo + _PAIRS]
            rows_out[lo : lo + len(block)] = block & mask
            block >>= _ROW_BITS  # in place: now the bigram of each pair (the previous block's are shifted too)
            first = [True] if lo == 0 else [bool(block[0] != packed[lo - 1])]
            starts.append(np.flatnonzero(np.concatenate([first, block[1:] != block[:-1]])) + lo)
        starts_all = np.concatenate(starts) if starts else np.zeros(0, dtype=np.int64)
        indptr = np.append(starts_all, len(packed)).astype(np.int64)
        return cls(packed[starts_all].astype(np.uint64), indptr, rows_out)

    @classmethod
    def build(cls, keys: Sequence[str]) -> BigramPostings:
        grams, rows = [], []
        for row, key in enumerate(keys):
            g = bigrams(key)
            grams.append(g)
            rows.append(np.full(len(g), row, dtype=np.int64))
        return cls.from_pairs(np.concatenate(grams) if grams else np.zeros(0, np.uint64),
                              np.concatenate(rows) if rows else np.zeros(0, np.int64))

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return np.repeat(self.keys, np.diff(self.indptr)), np.asarray(self.rows, dtype=np.int64)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "keys.npy", self.keys)
        np.save(folder / "indptr.npy", self.indptr)
        np.save(folder / "rows.npy", self.rows)

    @classmethod
    def load(cls, folder: Path) -> BigramPostings:
        keys, indptr = read_array(folder / "keys.npy", mmap=True), read_array(folder / "indptr.npy", mmap=True)
        rows = read_array(folder / "rows.npy", mmap=True)
        if len(indptr) != len(keys) + 1 or int(indptr[-1]) != len(rows):
            raise ValueError("the text key postings are inconsistent")
        return cls(keys, indptr, rows)

    def candidates(self, grams: np.ndarray) -> np.ndarray | None:
        """Rows holding every bigram (None when one is absent)."""
        spans = []
        for gram in np.unique(grams):
            at = int(np.searchsorted(self.keys, gram))
            if at >= len(self.keys) or self.keys[at] != gram:
                return None
            spans.append((int(self.indptr[at + 1] - self.indptr[at]), at))
        found: np.ndarray | None = None
        for _, at in sorted(spans):
            rows = np.asarray(self.rows[int(self.indptr[at]) : int(self.indptr[at + 1])])
            found = rows if found is None else np.intersect1d(found, rows, assume_unique=True)
            if not len(found):
                return None
        return found


class TextKey:
    """`needle in key` over segments' bigram postings, confirmed on the candidate paragraphs (live ones only)."""

    def __init__(self, segments: Sequence[tuple[BigramPostings, int]], alive: np.ndarray,
                 key_of: Callable[[int], str], extra: str = "") -> None:
        self._segments, self._alive, self._key_of, self._extra = list(segments), alive, key_of, extra

    def __contains__(self, needle: object) -> bool:
        if not isinstance(needle, str):
            return False
        if needle in self._extra or not needle:
            return True
        if len(needle) < 2:
            code = np.uint64(int(_codes(needle)[0]))
            return any(int(np.searchsorted(p.keys, code << _SHIFT)) < int(np.searchsorted(p.keys, (code + 1) << _SHIFT))
                       for p, _ in self._segments)
        grams = bigrams(needle)
        for postings, offset in self._segments:
            rows = postings.candidates(grams)
            if rows is None:
                continue
            for row in rows + offset:
                if self._alive[row] and needle in self._key_of(int(row)):
                    return True
        return False
