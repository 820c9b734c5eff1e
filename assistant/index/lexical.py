"""BM25 over jieba tokens, one postings segment per index segment, scored with global statistics.

A segment (the base, or the delta of documents added since) stores, per token of its own
vocabulary, the paragraphs containing it and their term-frequency component
``tf / (tf + k1 * (1 - b + b * dl / avgdl))`` (Lucene's BM25, as bm25s computes it, with the
base's average length). Document frequencies are summed over segments at query time, minus
those of removed documents (tombstones), so adding one document changes small global numbers
and never rewrites the base's postings. All files are .npy and JSON: no pickle.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from assistant.index.records import read_array

K1, B = 1.5, 0.75
_BLOCK = 1 << 22
EMPTY = "\u2205"  # an empty paragraph counts as one placeholder token (as bm25s did), so lengths stay > 0


def bm25_idf(df: int, n: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


class LexicalSegment:
    """Postings of one segment: vocabulary, per-token slices of (paragraph, tf component)."""

    def __init__(self, vocab: list[str], indptr: np.ndarray, docs: np.ndarray, tfc: np.ndarray,
                 lengths: np.ndarray, avgdl: float | None = None) -> None:
        self.vocab = vocab
        # the average length the components were weighed with (the base's, for a delta)
        self.avgdl = float(avgdl) if avgdl else float(np.asarray(lengths, dtype=np.float64).mean())
        self.ids = dict(zip(vocab, range(len(vocab)), strict=True))  # 1M tokens at 1M paragraphs: most of BM25 open
        self.indptr, self.docs, self.tfc, self.lengths = indptr, docs, tfc, lengths
        self.size = len(lengths)

    @property
    def df(self) -> np.ndarray:
        return np.diff(self.indptr)

    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]], avgdl: float | None = None) -> LexicalSegment:
        """Postings of these paragraphs; `avgdl` is the base's average length (default: their own)."""
        if not token_lists:
            raise ValueError("cannot build a lexical index over no documents.")
        docs_tokens = [list(tokens) or [EMPTY] for tokens in token_lists]
        lengths = np.array([len(tokens) for tokens in docs_tokens], dtype=np.int32)
        vocab: dict[str, int] = {}
        rows_t, rows_d, rows_tf = [], [], []
        for d, tokens in enumerate(docs_tokens):
            for token, tf in Counter(tokens).items():
                rows_t.append(vocab.setdefault(token, len(vocab)))
                rows_d.append(d)
                rows_tf.append(tf)
        return cls.from_postings(list(vocab), np.array(rows_t, dtype=np.int64), np.array(rows_d, dtype=np.int32),
                                 np.array(rows_tf, dtype=np.float32), lengths, avgdl)

    @classmethod
    def from_postings(cls, vocab: list[str], t: np.ndarray, d: np.ndarray, tf: np.ndarray, lengths: np.ndarray,
                      avgdl: float | None = None) -> LexicalSegment:
        """From (token id, paragraph, term frequency) triples in any order, and each paragraph's length."""
        l_avg = np.float64(avgdl) if avgdl else lengths.astype(np.float64).mean()
        tfc = np.empty(len(tf), dtype=np.float32)
        for lo in range(0, len(tf), _BLOCK):  # in blocks: float64 temporaries of 60M postings took GBs
            dl, tfb = lengths[d[lo : lo + _BLOCK]].astype(np.float64), tf[lo : lo + _BLOCK]
            tfc[lo : lo + _BLOCK] = (tfb / (K1 * ((1 - B) + B * dl / l_avg) + tfb)).astype(np.float32)
        order = np.lexsort((d, t))
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.add.at(indptr, t + 1, 1)
        return cls(vocab, np.cumsum(indptr), d[order], tfc[order], lengths, float(l_avg))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        np.save(folder / "indptr.npy", self.indptr)
        np.save(folder / "docs.npy", self.docs)
        np.save(folder / "tfc.npy", np.asarray(self.tfc, dtype=np.float32))
        np.save(folder / "lengths.npy", self.lengths)
        (folder / "params.json").write_text(json.dumps({"k1": K1, "b": B, "avgdl": self.avgdl}), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalSegment:
        vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        indptr = read_array(folder / "indptr.npy")
        docs, tfc = read_array(folder / "docs.npy", mmap=True), read_array(folder / "tfc.npy", mmap=True)
        lengths = read_array(folder / "lengths.npy", mmap=True)
        params = json.loads((folder / "params.json").read_text(encoding="utf-8"))
        if not isinstance(vocab, list) or len(indptr) != len(vocab) + 1 or len(docs) != len(tfc) \
                or int(indptr[-1]) != len(docs) or (len(docs) and int(docs.max(initial=0)) >= len(lengths)):
            raise ValueError("the lexical postings are inconsistent")
        return cls(vocab, indptr, docs, tfc, lengths, float(params["avgdl"]))  # JSON strings: already str

    def token_df(self, token: str) -> int:
        i = self.ids.get(token)
        return 0 if i is None else int(self.indptr[i + 1] - self.indptr[i])

    def doc_frequencies(self, rows: np.ndarray) -> Counter:
        """Document frequency of each token among the given paragraphs (for tombstones)."""
        wanted = np.zeros(self.size, dtype=bool)
        wanted[rows] = True
        hit = wanted[np.asarray(self.docs)]
        token_of = np.repeat(np.arange(len(self.vocab)), np.diff(self.indptr))
        counts = np.bincount(token_of[hit], minlength=len(self.vocab))
        return Counter({self.vocab[i]: int(counts[i]) for i in np.flatnonzero(counts)})


class LexicalIndex:
    """BM25 over segments (base first): paragraph rows are concatenated in segment order."""

    def __init__(self, segments: Sequence[LexicalSegment], removed_df: Mapping[str, int] | None = None,
                 removed: np.ndarray | None = None) -> None:
        self.segments = list(segments)
        self._removed = np.zeros(0, dtype=np.int64) if removed is None else np.asarray(removed, dtype=np.int64)
        self._removed_df = dict(removed_df or {})
        self.size = sum(s.size for s in self.segments)
        self.n = self.size - len(self._removed)  # paragraphs alive: N of the idf
        self._offsets = np.cumsum([0, *[s.size for s in self.segments]])

    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]]) -> LexicalIndex:
        return cls([LexicalSegment.build(token_lists)])

    def df(self, token: str) -> int:
        return sum(s.token_df(token) for s in self.segments) - self._removed_df.get(token, 0)

    def idf(self, token: str) -> float | None:
        df = self.df(token)
        return bm25_idf(df, self.n) if df > 0 else None

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every paragraph row, float32 (0 for a removed one)."""
        out = np.zeros(self.size, dtype=np.float32)
        idf_cache: dict[str, float | None] = {}
        for token in query_tokens:
            if token not in idf_cache:
                idf_cache[token] = self.idf(token)
            idf = idf_cache[token]
            if idf is None:
                continue
            weight = np.float64(np.float32(idf))
            for segment, offset in zip(self.segments, self._offsets, strict=False):
                i = segment.ids.get(token)
                if i is None:
                    continue
                lo, hi = int(segment.indptr[i]), int(segment.indptr[i + 1])
                rows = np.asarray(segment.docs[lo:hi]) + offset
                out[rows] += (weight * np.asarray(segment.tfc[lo:hi])).astype(np.float32)
        out[self._removed] = 0.0  # replaced or removed since the base: scored as if absent
        return out

    def idf_table(self) -> IdfTable:
        return IdfTable(self)


class IdfTable(Mapping[str, float]):
    """Smoothed IDF of every token alive (the answer layer's term weights), looked up on demand.

    A lookup reads the segments' vocabularies; only iterating (rare: `max_idf`, the checker's
    median) builds the whole table.
    """

    def __init__(self, lexical: LexicalIndex) -> None:
        self._lexical = lexical
        self._all: dict[str, float] | None = None
        self._sorted_df: np.ndarray | None = None

    def __getitem__(self, token: str) -> float:
        idf = self._lexical.idf(token) if token != EMPTY else None
        if idf is None:
            raise KeyError(token)
        return idf

    def get(self, token, default=None):  # type: ignore[override]
        try:
            return self[token]
        except KeyError:
            return default

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and token != EMPTY and self._lexical.df(token) > 0

    def _table(self) -> dict[str, float]:
        if self._all is None:
            df: Counter = Counter()
            for segment in self._lexical.segments:
                df.update(dict(zip(segment.vocab, segment.df.tolist(), strict=True)))
            df.subtract(self._lexical._removed_df)
            n = self._lexical.n
            self._all = {token: bm25_idf(c, n) for token, c in df.items() if c > 0 and token != EMPTY}
        return self._all

    def _alive_df(self) -> np.ndarray:
        """Document frequency of every token alive, in no order (for order statistics: no 1M-entry dict)."""
        first, *rest = self._lexical.segments
        df = first.df.astype(np.int64)
        extra: Counter = Counter()
        changes = [(s.vocab, s.df.tolist(), 1) for s in rest]
        changes.append((list(self._lexical._removed_df), list(self._lexical._removed_df.values()), -1))
        for tokens, counts, sign in changes:  # the delta and the tombstones: a few documents' tokens
            for token, count in zip(tokens, counts, strict=True):
                i = first.ids.get(token)
                if i is None:
                    extra[token] += sign * count
                else:
                    df[i] += sign * count
        empty = first.ids.get(EMPTY)
        if empty is not None:
            df[empty] = 0
        df = np.concatenate([df, np.array([c for t, c in extra.items() if t != EMPTY], dtype=np.int64)])
        return df[df > 0]

    def _df_sorted(self) -> np.ndarray:
        """The alive document frequencies, sorted once: the median and the maximum both read them."""
        if self._sorted_df is None:
            self._sorted_df = np.sort(self._alive_df())
        return self._sorted_df

    def median(self) -> float:
        """`sorted(self.values())[len(self) // 2]`, from the document frequencies (idf falls as df grows)."""
        df = self._df_sorted()
        return bm25_idf(int(df[len(df) - 1 - len(df) // 2]), self._lexical.n) if len(df) else 1.0

    def maximum(self) -> float:
        """`max(self.values())`: the idf of the rarest token."""
        df = self._df_sorted()
        return bm25_idf(int(df[0]), self._lexical.n) if len(df) else 1.0

    def __iter__(self):
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def values(self):  # type: ignore[override]
        return self._table().values()


def inverse_document_frequencies(token_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed IDF per token: weights query terms when scoring single sentences."""
    n = len(token_lists)
    df = Counter(token for tokens in token_lists for token in set(tokens))
    return {token: math.log(1.0 + (n - count + 0.5) / (count + 0.5)) for token, count in df.items()}
