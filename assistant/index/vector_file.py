"""A unit-vectors .npy file written and read in blocks, so a million-paragraph build never holds it whole.

The writer knows the row count up front (the sum of the documents' unit counts), writes the .npy
header, then appends each document's rows with plain writes: no memory map, so dirty pages are the
page cache's, not the process's. The reader gives rows by index through bounded `pread`s (at most
BLOCK_BYTES at a time): what training and filling the IVF index need, and what a large library's
queries use instead of a memory map (see VectorFile). The file is a plain .npy (no pickle).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

BLOCK_BYTES = 32 << 20  # one read: 32 MB


class VectorFileWriter:
    """Append rows to a .npy of a known shape; `close` checks that exactly that many were written."""

    def __init__(self, path: Path, rows: int, dim: int, dtype: np.dtype | type) -> None:
        self.path, self.rows, self.dim, self.dtype = path, int(rows), int(dim), np.dtype(dtype)
        self.written = 0
        self._handle = path.open("wb")
        header = {"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False,
                  "shape": (self.rows, self.dim)}
        np.lib.format.write_array_header_2_0(self._handle, header)

    def append(self, vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors)
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"vectors of shape {vectors.shape} for a file of dimension {self.dim}.")
        if self.written + len(vectors) > self.rows:
            raise ValueError(f"more than the {self.rows} vectors announced.")
        for lo in range(0, len(vectors), max(1, BLOCK_BYTES // (self.dim * self.dtype.itemsize))):
            block = vectors[lo : lo + max(1, BLOCK_BYTES // (self.dim * self.dtype.itemsize))]
            self._handle.write(np.ascontiguousarray(block, dtype=self.dtype).tobytes())
        self.written += len(vectors)

    def close(self) -> None:
        self._handle.close()
        if self.written != self.rows:
            raise ValueError(f"{self.written} vectors written, {self.rows} announced.")


class VectorFile:
    """Rows of an .npy vectors file read on request with `pread` (no memory map).

    Why not a memory map: on this kernel the page cache holds a freshly written file in large
    folios and a fault maps a whole folio, so reading ~100k scattered rows of a 5 GB map (1M
    paragraphs: re-ranking and sentence scoring over 208 questions) left 4.5 GB resident. Reads
    copy only the rows asked for. Indexing takes an int (one row), a slice, or an array/list of rows.
    """

    ndim = 2

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            version = np.lib.format.read_magic(handle)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) \
                else np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read_header(handle)
            self._offset = handle.tell()
        if fortran or len(shape) != 2:
            raise ValueError(f"{path.name} is not a row-major matrix")
        self.shape, self.dtype = (int(shape[0]), int(shape[1])), np.dtype(dtype)
        self._row_bytes = self.shape[1] * self.dtype.itemsize
        if path.stat().st_size < self._offset + self.shape[0] * self._row_bytes:
            raise ValueError(f"{path.name} is shorter than its header says")
        self._fd = os.open(path, os.O_RDONLY)

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)

    def __len__(self) -> int:
        return self.shape[0]

    def block(self, lo: int, hi: int) -> np.ndarray:
        """Rows lo..hi-1, read from the file."""
        count = max(0, min(hi, self.shape[0]) - lo)
        data = os.pread(self._fd, count * self._row_bytes, self._offset + lo * self._row_bytes)
        if len(data) != count * self._row_bytes:
            raise ValueError(f"{self.path.name} is shorter than its header says")
        return np.frombuffer(data, dtype=self.dtype).reshape(count, self.shape[1])

    def __getitem__(self, rows) -> np.ndarray:
        """One row (an int), rows of a slice, or rows at these indices (any order), read in bounded blocks."""
        if isinstance(rows, (int, np.integer)):
            row = int(rows) + (self.shape[0] if int(rows) < 0 else 0)
            if not 0 <= row < self.shape[0]:
                raise IndexError(rows)
            return self.block(row, row + 1)[0]
        if isinstance(rows, slice):
            rows = np.arange(*rows.indices(self.shape[0]))
        rows = np.asarray(rows, dtype=np.int64).reshape(-1)
        out = np.empty((len(rows), self.shape[1]), dtype=self.dtype)
        if not len(rows):
            return out
        if rows.min() < 0 or rows.max() >= self.shape[0]:
            raise IndexError("row out of range")
        order = np.argsort(rows, kind="stable")
        self._gather(rows[order], order, out, max(1, BLOCK_BYTES // self._row_bytes))
        return out

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self[np.arange(self.shape[0])], dtype=dtype)

    def _gather(self, sorted_rows: np.ndarray, order: np.ndarray, out: np.ndarray, step: int) -> None:
        at = 0
        while at < len(sorted_rows):
            lo = int(sorted_rows[at])
            end = int(np.searchsorted(sorted_rows, lo + step, side="left"))
            hi = int(sorted_rows[end - 1]) + 1
            if (hi - lo) > 8 * (end - at):  # a sparse span is read row by row rather than as one block
                for i in range(at, end):
                    out[order[i]] = self.block(int(sorted_rows[i]), int(sorted_rows[i]) + 1)[0]
            else:
                out[order[at:end]] = self.block(lo, hi)[sorted_rows[at:end] - lo]
            at = end
