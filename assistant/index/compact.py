"""Merge the delta into the base: a new base generation written from the two segments' arrays.

Nothing is parsed, tokenised or embedded again: paragraph records are copied as byte ranges,
vectors as rows, BM25 postings are re-keyed (their term frequencies recovered from the stored
components and weighed again with the merged average length), and the IVF quantiser of the old
base is reused when it suits the new size.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from assistant.index import dense as dense_module
from assistant.index import vector_file
from assistant.index.dense import TRAINED_INDEX, VECTORS, DenseIndex
from assistant.index.lexical import K1, B, LexicalSegment
from assistant.index.paragraph_store import (
    DOCS,
    ID_ORDER,
    IDS,
    KIND_CODES,
    OFFSETS,
    PARAGRAPHS,
    ParagraphStore,
    copy_records,
)
from assistant.index.segment import COARSE, GROUPS, LEXICAL, NAMES, STARTS, TEXT_KEY, Segment, write_sources
from assistant.index.text_key import ROW_BITS as _ROW_SHIFT
from assistant.index.text_key import BigramPostings
from assistant.index.vector_file import VectorFile, VectorFileWriter

_POSTINGS = 1 << 22  # postings (or text-key pairs) handled at a time when merging
_SPILL = ".textkey-merge.bin"  # scratch, removed before the folder is checksummed


def _row_ids(store: ParagraphStore) -> np.ndarray:
    ids = np.empty(len(store), dtype=store._ids.dtype)
    ids[np.asarray(store._id_order)] = store._ids
    return ids


def _postings(segment: LexicalSegment, rows: np.ndarray, new_pos: np.ndarray, remap: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(merged token ids, new paragraph positions, term frequencies) of the kept rows, a block at a time.

    The term frequency is recovered from the stored component; blocks keep the float64 temporaries
    small (whole, at a million paragraphs, they took several GB).
    """
    keep = np.zeros(segment.size, dtype=bool)
    keep[rows] = True
    lengths = np.asarray(segment.lengths, dtype=np.float64)
    avgdl = float(segment.avgdl)
    indptr = np.asarray(segment.indptr)
    out_t, out_d, out_tf = [], [], []
    for lo in range(0, len(segment.docs), _POSTINGS):
        hi = min(lo + _POSTINGS, len(segment.docs))
        docs = np.asarray(segment.docs[lo:hi])
        hit = keep[docs]
        kept = docs[hit]
        token_of = np.searchsorted(indptr, np.arange(lo, hi)[hit], side="right") - 1
        norm = K1 * ((1 - B) + B * lengths[kept] / avgdl)
        tfc = np.asarray(segment.tfc[lo:hi], dtype=np.float64)[hit]
        out_t.append(remap[token_of].astype(np.int32))
        out_d.append(new_pos[kept].astype(np.int32))
        out_tf.append(np.rint(tfc * norm / (1.0 - tfc)).astype(np.float32))  # whole numbers: exact in float32
    empty = [np.zeros(0, dtype=np.int32)]
    return (np.concatenate(out_t or empty), np.concatenate(out_d or empty),
            np.concatenate(out_tf or [np.zeros(0, dtype=np.float32)]))


def merge_lexical(parts: list[tuple[LexicalSegment, np.ndarray, np.ndarray]], lengths: np.ndarray) -> LexicalSegment:
    vocab: dict[str, int] = {}
    tokens, docs, tfs = [], [], []
    for segment, rows, new_pos in parts:
        remap = np.array([vocab.setdefault(t, len(vocab)) for t in segment.vocab] or [0], dtype=np.int64)
        t, d, tf = _postings(segment, rows, new_pos, remap)
        tokens.append(t)
        docs.append(d)
        tfs.append(tf)
    t, d, tf = np.concatenate(tokens), np.concatenate(docs), np.concatenate(tfs)
    del tokens, docs, tfs
    return LexicalSegment.from_postings(list(vocab), t, d, tf, lengths.astype(np.int32))


def merge_text_keys(folder: Path, parts: list[tuple[BigramPostings, np.ndarray]]) -> BigramPostings:
    """The segments' (bigram, row) pairs with rows renumbered (-1: dropped), spilled in blocks then sorted once.

    At a million paragraphs there are over 100M pairs: expanded whole into grams, rows and their
    renumbered copies they took several GB, so each block is packed straight into a scratch file.
    """
    spill = folder / _SPILL
    with spill.open("wb") as handle:
        for postings, new_pos in parts:
            indptr = np.asarray(postings.indptr)
            for lo in range(0, len(postings.rows), _POSTINGS):
                hi = min(lo + _POSTINGS, len(postings.rows))
                grams = np.asarray(postings.keys)[np.searchsorted(indptr, np.arange(lo, hi), side="right") - 1]
                mapped = new_pos[np.asarray(postings.rows[lo:hi], dtype=np.int64)]
                keep = mapped >= 0
                handle.write(((grams[keep].astype(np.uint64) << _ROW_SHIFT) | mapped[keep].astype(np.uint64)).tobytes())
    packed = np.fromfile(spill, dtype=np.uint64)
    spill.unlink()
    return BigramPostings.from_packed(packed)


def merge_segments(folder: Path, base: Segment, delta: Segment | None, removed: set[str]) -> dict:
    """Write the merged segment's files into `folder`; returns its manifest fields (documents, counts)."""
    parts = [(base, base.rows_of({d["doc"] for d in base.documents} - removed))]
    if delta is not None:
        parts.append((delta, np.arange(len(delta.paragraphs), dtype=np.int64)))
    documents, offsets, first = [], [0], 0
    ids, doc_codes, kinds, counts, lengths, lexical_parts = [], [], [], [], [], []
    position = 0
    with (folder / PARAGRAPHS).open("wb") as handle:
        for segment, rows in parts:
            kept = [d for d in segment.documents if d["doc"] not in removed or segment is not base]
            ordinal = {}
            for d in kept:
                ordinal[d["doc"]] = len(documents)
                documents.append({**d, "first": first})
                first += int(d["count"])
            copy_records(segment.paragraphs, rows, handle, offsets)
            old_docs = [d["doc"] for d in segment.documents]
            code = np.array([ordinal.get(k, -1) for k in old_docs] or [0], dtype=np.int32)
            doc_codes.append(code[np.asarray(segment.paragraphs.doc_codes)[rows]])
            kinds.append(np.asarray(segment.paragraphs.kind_codes)[rows])
            ids.append(_row_ids(segment.paragraphs)[rows])
            counts.append(np.diff(segment.starts)[rows])
            lengths.append(np.asarray(segment.lexical.lengths)[rows])
            new_pos = np.full(len(segment.paragraphs), -1, dtype=np.int64)
            new_pos[rows] = np.arange(len(rows)) + position
            position += len(rows)
            lexical_parts.append((segment.lexical, rows, new_pos))
    all_ids = np.concatenate(ids)
    order = np.argsort(all_ids, kind="stable").astype(np.int32)
    np.save(folder / OFFSETS, np.array(offsets, dtype=np.int64))
    np.save(folder / IDS, all_ids[order])
    np.save(folder / ID_ORDER, order)
    np.save(folder / DOCS, np.concatenate(doc_codes))
    np.save(folder / KIND_CODES, np.concatenate(kinds))
    unit_counts = np.concatenate(counts)
    starts = np.concatenate([[0], np.cumsum(unit_counts)]).astype(np.int64)
    np.save(folder / STARTS, starts)
    merge_lexical(lexical_parts, np.concatenate(lengths)).save(folder / LEXICAL)
    merge_text_keys(folder, [(s.text_key, new_pos) for (s, _), (_, _, new_pos)
                             in zip(parts, lexical_parts, strict=True)]).save(folder / TEXT_KEY)
    keep_docs = {d["doc"] for d in documents}
    sources = [(doc, s) for segment, _ in parts for doc, s in segment.sources()
               if doc in keep_docs and (segment is not base or doc not in removed)]
    write_sources(folder, sources)
    gone = {str(i, "utf-8") for i in _row_ids(base.paragraphs)[base.rows_of(removed)]} if removed else set()
    groups = {k: v for k, v in base.groups().items() if k not in gone}
    names = {k: v for k, v in base.names().items() if k not in removed}
    if delta is not None:
        groups.update(delta.groups())
        names.update(delta.names())
    (folder / GROUPS).write_text(json.dumps(groups, ensure_ascii=False), encoding="utf-8")
    (folder / NAMES).write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    coarse, base_map = _write_vectors(folder, parts, starts)
    np.save(folder / COARSE, coarse)
    total = int(starts[-1])
    if total >= dense_module.APPROX_MIN_UNITS:
        vectors = VectorFile(folder / VECTORS)  # read in blocks, not mapped: the build's memory stays small
        trained = base.folder / TRAINED_INDEX
        DenseIndex.build_approximate(vectors, coarse, trained=trained if trained.is_file() else None,
                                     codes_from=(base.dense, base_map)).save_index(folder)
    return {"documents": documents,
            "counts": {"documents": len(documents), "paragraphs": len(all_ids), "units": total,
                       "sources": len(sources)}}


def _write_vectors(folder: Path, parts: list[tuple[Segment, np.ndarray]], starts: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Copy the kept units' vectors into one file (float16 above the approximate threshold).

    Returns the coarse (paragraph-level) rows and the map of the base's unit rows to new ones (-1: dropped).
    """
    total = int(starts[-1])
    dim = parts[0][0].dense.dim
    dtype = np.float16 if total >= dense_module.APPROX_MIN_UNITS else np.float32
    out = VectorFileWriter(folder / VECTORS, total, dim, dtype)
    coarse, at, maps = [], 0, []
    for segment, rows in parts:
        owner = np.repeat(np.arange(len(segment.paragraphs)), np.diff(segment.starts))
        kept_para = np.zeros(len(segment.paragraphs), dtype=bool)
        kept_para[rows] = True
        unit_keep = kept_para[owner]
        kept_units = np.flatnonzero(unit_keep)
        vectors = VectorFile(segment.folder / VECTORS)
        step = max(1, vector_file.BLOCK_BYTES // (dim * 4))
        for lo in range(0, len(kept_units), step):
            out.append(vectors[kept_units[lo : lo + step]])
        new_unit = np.full(segment.dense.size, -1, dtype=np.int64)
        new_unit[kept_units] = np.arange(len(kept_units)) + at
        maps.append(new_unit)
        old_coarse = np.asarray(segment.coarse)
        mapped = new_unit[old_coarse]
        coarse.append(mapped[mapped >= 0])
        at += len(kept_units)
    out.close()
    return np.sort(np.concatenate(coarse)).astype(np.int64), maps[0]
