"""Dense search with FAISS: the only module that imports faiss.

Two kinds, chosen by size when the index is built:

* flat: exact inner product (faiss.knn, the kernel of IndexFlatIP) over every unit
  (paragraph, heading, sentence), straight from the memory-mapped float32 vectors
  file: the vectors exist once, on disk, and the corpus view reads the same map.
* approximate (more than APPROX_MIN_UNITS units): IVF with 8-bit scalar quantisation
  over the paragraph-level units only (paragraph and heading; ids are unit rows).
  Sentences are scored later, within the top paragraphs, from the float16 vectors
  file, whose rows are read on demand (by pread: see vector_file). recall@10 against exact search is
  measured in benchmarks/scale.py.

Vectors are L2-normalised, so scores are cosine similarities.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import faiss
import numpy as np

from assistant.index.records import read_array
from assistant.index.vector_file import VectorFile

# Above this many units a library gets the approximate index (about 6.5k paragraphs: a flat scan of
# more costs over 10 ms a query).
APPROX_MIN_UNITS = 32_768
# Share of the IVF lists probed per query, and candidates re-scored exactly from the float16 vectors.
# On the synthetic vectors of benchmarks/scale.py (10k paragraphs, 558 lists) recall@10 against exact
# search was 0.958 probing 64 lists, 0.985 probing 200 and 0.988 probing 280, hence 40%: the codes
# are 1 byte per dimension and only paragraph-level units are indexed, so this still reads ~1/12 of a
# flat float32 scan of every unit. Real embeddings cluster more than these hashes.
NPROBE_SHARE = 0.4
RERANK_DEPTH = 256
# Lists are capped: a query probes a share of them either way, so more lists only cost build time
# (training and assigning are linear in the list count: 5,600 lists at 1M paragraphs took most of
# the build). 2,048 leaves libraries up to ~130k paragraphs as they were.
MAX_LISTS = 2048


def probes(nlist: int) -> int:
    return max(1, min(nlist, math.ceil(NPROBE_SHARE * nlist)))
_TRAIN_SAMPLE = 64 * 1024
ADD_BATCH = 65_536  # vectors converted to float32 and added at a time (134 MB at 512 dimensions)
VECTORS = "vectors.npy"
APPROX_INDEX = "dense.faiss"
TRAINED_INDEX = "dense.trained.faiss"


def _reusable(path: Path | None, dim: int, nlist: int) -> faiss.Index | None:
    """A previous trained, empty IVF-SQ8 index, if its list count is within 0.7-1.4x of what this size wants."""
    if path is None:
        return None
    try:
        index = faiss.read_index(str(path))
    except RuntimeError:
        return None
    ivf = faiss.extract_index_ivf(index)
    if not ivf.is_trained or ivf.ntotal or ivf.d != dim or not 0.7 * nlist <= ivf.nlist <= 1.4 * nlist:
        return None
    return index


def _move_codes(source: faiss.Index, target: faiss.Index, id_map: np.ndarray) -> np.ndarray:
    """Copy `source`'s list entries into `target` (same trained quantiser), ids mapped; returns the new ids."""
    src, dst = faiss.extract_index_ivf(source), faiss.extract_index_ivf(target)
    if src.nlist != dst.nlist or src.code_size != dst.code_size:
        return np.zeros(0, dtype=np.int64)
    moved = []
    for lst in range(src.nlist):
        n = src.invlists.list_size(lst)
        if not n:
            continue
        ids = faiss.rev_swig_ptr(src.invlists.get_ids(lst), n).copy()
        codes = faiss.rev_swig_ptr(src.invlists.get_codes(lst), n * src.code_size).copy().reshape(n, src.code_size)
        new = id_map[ids]
        keep = new >= 0
        if keep.any():
            new_ids = np.ascontiguousarray(new[keep], dtype=np.int64)
            # held in a name: a temporary passed through swig_ptr is freed before add_entries reads it
            # (the moved codes were then whatever the allocator left there: zeros, in practice)
            kept_codes = np.ascontiguousarray(codes[keep])
            dst.invlists.add_entries(lst, len(new_ids), faiss.swig_ptr(new_ids), faiss.swig_ptr(kept_codes))
            moved.append(new_ids)
    done = np.concatenate(moved) if moved else np.zeros(0, dtype=np.int64)
    dst.ntotal += len(done)
    if target is not dst:
        target.ntotal = dst.ntotal
    return done


def _as_query(query: np.ndarray, dim: int) -> np.ndarray:
    query = np.ascontiguousarray(np.asarray(query, dtype=np.float32).reshape(1, -1))
    if query.shape[1] != dim:
        raise ValueError(f"query has dimension {query.shape[1]}, index has {dim}.")
    return query


class DenseIndex:
    def __init__(self, vectors: np.ndarray, index: faiss.Index | None = None) -> None:
        if vectors.ndim != 2 or vectors.shape[0] == 0:
            raise ValueError("cannot build a dense index over no vectors.")
        self._vectors = vectors  # float32 (flat) or float16 (approximate), a read-only map (flat) or a VectorFile
        self._index = index
        self.approximate = index is not None
        if index is not None and int(index.d) != vectors.shape[1]:
            raise ValueError(f"the approximate index has dimension {index.d}, the vectors {vectors.shape[1]}.")

    @property
    def size(self) -> int:
        """Unit rows covered (the approximate index holds only the paragraph-level ones)."""
        return int(self._vectors.shape[0])

    @property
    def dim(self) -> int:
        return int(self._vectors.shape[1])

    @classmethod
    def build(cls, vectors: np.ndarray, coarse_rows: np.ndarray | None = None, trained: Path | None = None
              ) -> DenseIndex:
        """Exact over all rows; approximate over `coarse_rows` (the paragraph-level units) when large.

        `trained` (the live base's empty trained index) lends its quantiser when it suits this size,
        so compacting a large library does not train the IVF again (the slow part).
        """
        if coarse_rows is not None and len(vectors) >= APPROX_MIN_UNITS:
            return cls.build_approximate(np.asarray(vectors, dtype=np.float16), coarse_rows,
                                         trained=trained if trained is not None and trained.is_file() else None)
        return cls(np.ascontiguousarray(vectors, dtype=np.float32))

    @classmethod
    def build_approximate(
        cls, vectors: np.ndarray, rows: np.ndarray, nlist: int | None = None, trained: Path | None = None,
        codes_from: tuple[DenseIndex, np.ndarray] | None = None,
    ) -> DenseIndex:
        """IVF-SQ8 over `vectors[rows]`, ids = rows (vectors may be a float16 memory map).

        `codes_from` (an index built from the same trained file, and its row -> new row map, -1 for a row
        dropped): when `trained` is reused, that index's codes are moved over instead of being computed
        again (the same vectors and quantiser give the same lists and codes; adding 200k was 25 s).
        """
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            raise ValueError("cannot build a dense index over no vectors.")
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # training and adding use every core
        dim = int(vectors.shape[1])
        nlist = nlist or max(16, min(MAX_LISTS, int(4 * math.sqrt(rows.size))))
        index = _reusable(trained, dim, nlist)
        if index is None:
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit,
                                                  faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = np.sort(rng.choice(rows, size=min(rows.size, max(_TRAIN_SAMPLE, 40 * nlist)), replace=False))
            index.train(np.ascontiguousarray(vectors[sample], dtype=np.float32))
        elif codes_from is not None and codes_from[0]._index is not None:
            moved = _move_codes(codes_from[0]._index, index, codes_from[1])
            rows = rows[~np.isin(rows, moved)]
        for start in range(0, rows.size, ADD_BATCH):
            chunk = rows[start : start + ADD_BATCH]
            index.add_with_ids(np.ascontiguousarray(vectors[chunk], dtype=np.float32), chunk)
        index.nprobe = probes(index.nlist)
        return cls(vectors, index)

    @property
    def vectors(self) -> np.ndarray:
        """The unit vectors in row order (for sentence scoring downstream, which must not import faiss)."""
        return self._vectors

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best (score, unit row) pairs, best first.

        One query gains nothing from OpenMP threads, and on a busy machine their spinning made a
        50k-vector scan 4x slower (372 vs 79 ms measured under load 13), so queries run on one thread.
        """
        faiss.omp_set_num_threads(1)
        query = _as_query(query, self.dim)
        k = max(1, min(k, self.size))
        if self._index is None:
            scores, ids = faiss.knn(query, self._vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
            valid = ids[0] >= 0
            return scores[0][valid], ids[0][valid]
        # 8-bit codes blur near ties: take more candidates, then score them exactly from the float16 vectors.
        _, ids = self._index.search(query, max(k, RERANK_DEPTH))
        rows = ids[0][ids[0] >= 0]
        exact = np.asarray(self._vectors[np.sort(rows)], dtype=np.float32) @ query[0]
        order = np.argsort(-exact, kind="stable")[:k]
        return exact[order], np.sort(rows)[order]

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine similarity of the query to every unit, in row order (-1 where the index did not look)."""
        scores, ids = self.search(query, self.size)
        out = np.full(self.size, -1.0 if self.approximate else 0.0, dtype=np.float32)
        out[ids] = scores
        return out

    def save(self, folder: Path) -> None:
        """The vectors file, plus the approximate index file when there is one."""
        np.save(folder / VECTORS, np.ascontiguousarray(self._vectors))
        self.save_index(folder)

    def save_index(self, folder: Path) -> None:
        """The approximate index (and its trained, empty copy for the next compaction), when there is one."""
        if self._index is not None:
            faiss.write_index(self._index, str(folder / APPROX_INDEX))
            empty = faiss.clone_index(self._index)
            empty.reset()  # keeps the trained quantiser, drops the codes: a few MB
            faiss.write_index(empty, str(folder / TRAINED_INDEX))

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        """Open the vectors (nothing is read until searched) and read the approximate index if any."""
        vectors = read_array(folder / VECTORS, mmap=True)
        if vectors.ndim != 2 or vectors.dtype not in (np.float32, np.float16):
            raise ValueError(f"{VECTORS} holds {vectors.dtype} of shape {vectors.shape}, not unit vectors")
        if not (folder / APPROX_INDEX).is_file():
            if vectors.dtype != np.float32:
                raise ValueError(f"{VECTORS} is float16 but {APPROX_INDEX} is missing")
            return cls(vectors)
        vectors = VectorFile(folder / VECTORS)  # read by pread: a map of 5 GB stayed resident (see VectorFile)
        # The lists (1 GB of codes at 1M paragraphs) are mapped, not read: opening costs the same at any size,
        # and a query reads only the lists it probes. Read-only; a compaction builds a new index from them.
        index = faiss.read_index(str(folder / APPROX_INDEX), faiss.IO_FLAG_MMAP)
        ivf = faiss.extract_index_ivf(index)
        lists = faiss.downcast_InvertedLists(ivf.invlists)
        if hasattr(lists, "prefetch_nthread"):
            lists.prefetch_nthread = 0  # else each search starts 32 threads to touch the probed lists first
        if ivf.ntotal > len(vectors) or ivf.d != vectors.shape[1]:
            raise ValueError(f"{APPROX_INDEX} does not match {VECTORS}")
        ivf.nprobe = probes(ivf.nlist)
        return cls(vectors, index)
