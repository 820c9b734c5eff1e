"""Write one segment a document at a time, so a full build's memory does not grow with the library.

A full build of a million paragraphs cannot hold every document's vectors (20 GB as float32), token
lists and paragraph objects at once. The writer takes documents one by one: paragraph records and
sources are appended to their files, vectors to the vectors file (plain writes, float16 above the
approximate threshold), and what must be sorted over the whole segment is kept as compact arrays:
BM25 postings (12 bytes each) and the text key's packed (bigram, row) pairs, which are spilled to a
scratch file and sorted once at the end. The approximate index is then trained on a sample and
filled in blocks read from the vectors file. The files are those `segment.write_segment` always wrote.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.context import indexed_texts, list_groups
from assistant.index import dense as dense_module
from assistant.index.dense import VECTORS, DenseIndex
from assistant.index.lexical import EMPTY, LexicalSegment
from assistant.index.paragraph_store import DOCS, ID_ORDER, IDS, KIND_CODES, OFFSETS, PARAGRAPHS, kind_code
from assistant.index.records import paragraph_to_dict, source_to_dict
from assistant.index.text_key import FOLDER as TEXT_KEY
from assistant.index.text_key import BigramPostings, pack_pairs, paragraph_key
from assistant.index.vector_file import VectorFile, VectorFileWriter
from assistant.ingest import ParsedDocument
from assistant.lexicon.sources import corpus_pairs
from assistant.text import match_key

SOURCES, STARTS, COARSE, GROUPS, NAMES, LEXICAL = (
    "sources.jsonl", "starts.npy", "coarse.npy", "groups.json", "names.json", "lexical")
SOURCES_KEY = "sources.key.txt"
# Name pairs (沙特电信(STC)) are read from these documents only: not from a library of any size.
NAME_ROLES = ("report", "source")
_SPILL = ".textkey-pairs.bin"  # scratch, removed before the folder is checksummed


def coarse_rows(starts: np.ndarray, headed: np.ndarray) -> np.ndarray:
    """Paragraph-level unit rows: each paragraph's first unit, and its heading unit right after when it has one."""
    return np.sort(np.concatenate([starts[:-1], starts[:-1][headed] + 1])).astype(np.int64)


def document_names(document: ParsedDocument) -> list[list] | None:
    """The name pairs a report or source document writes itself (computed once, at index time)."""
    if document.role not in NAME_ROLES:
        return None
    pairs = corpus_pairs(p.text for p in document.paragraphs)
    return [[g.kind, list(g.names)] for g in pairs] if pairs else None


class SegmentWriter:
    """Add documents in order with `add`, then `finish` writes the rest and returns the manifest fields."""

    def __init__(self, folder: Path, total_units: int, *, allow_approximate: bool, avgdl: float | None = None
                 ) -> None:
        self.folder, self.total_units, self.avgdl = folder, int(total_units), avgdl
        self.approximate = allow_approximate and self.total_units >= dense_module.APPROX_MIN_UNITS
        self._vectors: VectorFileWriter | None = None
        self._records = (folder / PARAGRAPHS).open("wb")
        self._sources = (folder / SOURCES).open("w", encoding="utf-8")
        self._spill = (folder / _SPILL).open("wb")
        self._offsets: list[np.ndarray] = [np.zeros(1, dtype=np.int64)]
        self._ids: list[np.ndarray] = []
        self._docs: list[np.ndarray] = []
        self._kinds: list[np.ndarray] = []
        self._counts: list[np.ndarray] = []
        self._headed: list[np.ndarray] = []
        self._source_texts: list[str] = []
        self._groups: dict[str, tuple[str, ...]] = {}
        self._names: dict[str, list[list]] = {}
        self._entries: list[dict] = []
        self._vocab: dict[str, int] = {}
        self._post: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self._lengths: list[np.ndarray] = []
        self._paragraphs = 0
        self._units = 0

    def add(self, document: ParsedDocument, tokens: Sequence[Sequence[str]], counts: Sequence[int],
            vectors: np.ndarray) -> None:
        """One document's records, postings and vectors (`tokens`, `counts`: one per paragraph)."""
        paragraphs = document.paragraphs
        entry = {"doc": document.doc, "path": document.path, "title": document.title, "role": document.role,
                 "toc": list(document.toc), "first": self._paragraphs, "count": len(paragraphs),
                 "sources": len(document.sources), "units": int(sum(counts))}
        if not paragraphs:
            self._entries.append(entry)
            return
        if not len(tokens) == len(counts) == len(paragraphs):
            raise ValueError(f"{len(tokens)} token lists and {len(counts)} unit counts for "
                             f"{len(paragraphs)} paragraphs.")
        units = int(sum(counts))
        if len(vectors) != units:
            raise ValueError(f"{len(vectors)} vectors for {units} units.")
        if self._vectors is None:
            self._vectors = VectorFileWriter(self.folder / VECTORS, self.total_units, int(vectors.shape[1]),
                                             np.float16 if self.approximate else np.float32)
        self._vectors.append(vectors)
        first, ordinal = self._paragraphs, len(self._entries)
        lines = [(json.dumps(paragraph_to_dict(p), ensure_ascii=False) + "\n").encode("utf-8") for p in paragraphs]
        self._records.write(b"".join(lines))
        self._offsets.append(self._offsets[-1][-1] + np.cumsum([len(line) for line in lines], dtype=np.int64))
        self._ids.append(np.array([p.id.encode("utf-8") for p in paragraphs], dtype=bytes))
        self._docs.append(np.full(len(paragraphs), ordinal, dtype=np.int32))
        self._kinds.append(np.array([kind_code(p.kind) for p in paragraphs], dtype=np.uint8))
        self._counts.append(np.asarray(counts, dtype=np.int64))
        self._headed.append(np.array([bool(p.heading_path) for p in paragraphs], dtype=bool))
        for source in document.sources:
            self._sources.write(json.dumps(source_to_dict(source, document.doc), ensure_ascii=False) + "\n")
            self._source_texts.append(source.text)
        self._groups.update(list_groups(paragraphs))
        names = document_names(document)
        if names:
            self._names[document.doc] = names
        self._add_postings(tokens, first)
        keys = [paragraph_key(p.heading_path, p.text) for p in paragraphs]
        self._spill.write(pack_pairs(keys, first).tobytes())
        self._entries.append(entry)
        self._paragraphs += len(paragraphs)
        self._units += units

    def _add_postings(self, tokens: Sequence[Sequence[str]], first: int) -> None:
        rows_t, rows_d, rows_tf, lengths = [], [], [], []
        for d, paragraph_tokens in enumerate(tokens, start=first):
            words = list(paragraph_tokens) or [EMPTY]
            lengths.append(len(words))
            for token, tf in Counter(words).items():
                rows_t.append(self._vocab.setdefault(token, len(self._vocab)))
                rows_d.append(d)
                rows_tf.append(tf)
        self._post.append((np.array(rows_t, dtype=np.int32), np.array(rows_d, dtype=np.int32),
                           np.array(rows_tf, dtype=np.float32)))
        self._lengths.append(np.array(lengths, dtype=np.int32))

    @property
    def dim(self) -> int:
        if self._vectors is None:
            raise ValueError("the corpus has no paragraphs to index.")
        return self._vectors.dim

    def finish(self, trained: Path | None = None) -> dict:
        """Write the sorted parts (ids, postings, text key, dense index); returns the manifest fields."""
        for handle in (self._records, self._sources, self._spill):
            handle.close()
        if not self._paragraphs:
            raise ValueError("the corpus has no paragraphs to index.")
        assert self._vectors is not None
        self._vectors.close()
        folder = self.folder
        np.save(folder / OFFSETS, np.concatenate(self._offsets))
        ids = np.concatenate(self._ids)
        order = np.argsort(ids, kind="stable").astype(np.int32)
        np.save(folder / IDS, ids[order])
        np.save(folder / ID_ORDER, order)
        np.save(folder / DOCS, np.concatenate(self._docs))
        np.save(folder / KIND_CODES, np.concatenate(self._kinds))
        (folder / SOURCES_KEY).write_text(match_key("\n".join(self._source_texts)), encoding="utf-8")
        starts = np.concatenate([[0], np.cumsum(np.concatenate(self._counts), dtype=np.int64)])
        np.save(folder / STARTS, starts)
        coarse = coarse_rows(starts, np.concatenate(self._headed))
        np.save(folder / COARSE, coarse)
        (folder / GROUPS).write_text(json.dumps(self._groups, ensure_ascii=False), encoding="utf-8")
        (folder / NAMES).write_text(json.dumps(self._names, ensure_ascii=False), encoding="utf-8")
        post, self._post = self._post, []
        t, d, tf = (np.concatenate([p[i] for p in post]) for i in range(3))
        del post
        LexicalSegment.from_postings(list(self._vocab), t, d, tf, np.concatenate(self._lengths), self.avgdl
                                     ).save(folder / LEXICAL)
        del t, d, tf
        packed = np.fromfile(folder / _SPILL, dtype=np.uint64)
        (folder / _SPILL).unlink()
        BigramPostings.from_packed(packed).save(folder / TEXT_KEY)
        del packed
        if self.approximate:
            DenseIndex.build_approximate(VectorFile(folder / VECTORS), coarse,
                                         trained=trained if trained is not None and trained.is_file() else None
                                         ).save_index(folder)
        return {"documents": self._entries,
                "counts": {"documents": len(self._entries), "paragraphs": self._paragraphs, "units": self._units,
                           "sources": len(self._source_texts)}}

    def abort(self) -> None:
        for handle in (self._records, self._sources, self._spill):
            handle.close()


__all__ = ["SegmentWriter", "coarse_rows", "document_names", "indexed_texts"]
