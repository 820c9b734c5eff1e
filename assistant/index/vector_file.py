"""A unit-vectors .npy file written and read in blocks, so a million-paragraph build never holds it whole.

The writer knows the row count up front (the sum of the documents' unit counts), writes the .npy
header, then appends each document's rows with plain writes: no memory map, so dirty pages are the
page cache's, not the process's. The reader gives rows by index through bounded block reads (at most
BLOCK_BYTES at a time), which is what training and filling the IVF index need. The file is a plain
.npy (no pickle): queries memory-map it as before.
"""

from __future__ import annotations

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
    """Rows of an .npy vectors file read on request in bounded blocks (no memory map held)."""

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

    def __len__(self) -> int:
        return self.shape[0]

    def block(self, lo: int, hi: int, handle=None) -> np.ndarray:
        """Rows lo..hi-1, read from the file."""
        if handle is None:
            with self.path.open("rb") as own:
                return self.block(lo, hi, own)
        count = max(0, min(hi, self.shape[0]) - lo)
        handle.seek(self._offset + lo * self._row_bytes)
        data = np.frombuffer(handle.read(count * self._row_bytes), dtype=self.dtype)
        if len(data) != count * self.shape[1]:
            raise ValueError(f"{self.path.name} is shorter than its header says")
        return data.reshape(count, self.shape[1])

    def __getitem__(self, rows) -> np.ndarray:
        """Rows at these indices (ascending or not), read block by block over the span they cover."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.empty((len(rows), self.shape[1]), dtype=self.dtype)
        if not len(rows):
            return out
        order = np.argsort(rows, kind="stable")
        sorted_rows = rows[order]
        step = max(1, BLOCK_BYTES // self._row_bytes)
        with self.path.open("rb") as handle:
            self._gather(handle, sorted_rows, order, out, step)
        return out

    def _gather(self, handle, sorted_rows: np.ndarray, order: np.ndarray, out: np.ndarray, step: int) -> None:
        at = 0
        while at < len(sorted_rows):
            lo = int(sorted_rows[at])
            end = int(np.searchsorted(sorted_rows, lo + step, side="left"))
            hi = int(sorted_rows[end - 1]) + 1
            # a sparse span is read row by row rather than as one large block
            if (hi - lo) > 8 * (end - at):
                for i in range(at, end):
                    out[order[i]] = self.block(int(sorted_rows[i]), int(sorted_rows[i]) + 1, handle)[0]
            else:
                out[order[at:end]] = self.block(lo, hi, handle)[sorted_rows[at:end] - lo]
            at = end
