"""A full build's memory does not grow with the library (issue 11: a 1M-paragraph ingest in a few GB).

tracemalloc sees numpy's buffers (numpy reports them to it), so the peak it records during a build
shows whether the library's vectors, or a copy of them, were ever in memory at once. The build
before the streaming writer held every document's float32 vectors and then stacked them: a peak of
over twice their size. Now a build holds one document's vectors, the IVF's training sample and one
block of vectors; what still grows with the library are compact arrays (BM25 postings, 12 bytes
each; the text key's (bigram, row) pairs, 8 bytes each, sorted once at the end), about half the
size of the float32 vectors here, as at 1M paragraphs. Speed is measured in benchmarks/scale.py.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index import compact, lexical, vector_file
from assistant.index import dense as dense_module
from assistant.index.load import load_index
from assistant.index.store import MANIFEST, current_generation
from assistant.pipeline import Assistant, ingest
from assistant.text import tokenize

DOCS, PARAGRAPHS = 40, 60  # 2,400 synthetic paragraphs (plus the report): 34 MB of float32 vectors
LIMIT = 0.65  # peak traced memory over the size of those vectors (18 MB / 34 MB measured; the old build: > 2)


def _library(corpus: Path) -> None:
    """Synthetic library documents of recombined report sentences (real Chinese for jieba and BM25)."""
    report = next(corpus.glob("*.txt")).read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=。)", report) if len(s.strip()) > 12]
    rng = random.Random(0)
    library = corpus / "library"
    library.mkdir()
    for d in range(DOCS):
        body = [f"合成文档{d}", "一、合成章节"]
        body += [f"编号{d}-{p}:" + "".join(rng.sample(sentences, 3)).strip() for p in range(PARAGRAPHS)]
        (library / f"synthetic-{d:03d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_full_build_and_a_merge_never_hold_the_librarys_vectors(
    report_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the proportions of a 1M library: float16 file, IVF filled from it, trained on a small share of it
    monkeypatch.setattr(dense_module, "APPROX_MIN_UNITS", 1000)
    monkeypatch.setattr(dense_module, "MAX_LISTS", 64)
    monkeypatch.setattr(dense_module, "_TRAIN_SAMPLE", 2048)
    monkeypatch.setattr(dense_module, "ADD_BATCH", 1024)
    monkeypatch.setattr(vector_file, "BLOCK_BYTES", 1 << 20)
    monkeypatch.setattr(compact, "_POSTINGS", 1 << 14)
    monkeypatch.setattr(lexical, "_BLOCK", 1 << 14)
    corpus = tmp_path / "corpus"
    shutil.copytree(report_corpus, corpus)
    _library(corpus)
    cfg = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="synthetic-512")
    tokenize("预热")  # the segmenter's dictionary is loaded once per process, not per build
    peak = _peak(lambda: ingest(cfg))
    manifest = json.loads((current_generation(cfg.index_dir) / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["counts"]["paragraphs"] > DOCS * PARAGRAPHS
    vector_bytes = manifest["counts"]["units"] * 512 * 4  # what holding the library's float32 vectors costs
    assert peak < LIMIT * vector_bytes, f"a build peaked at {peak / 1e6:.1f} MB for {vector_bytes / 1e6:.1f} MB"

    (corpus / "library" / "zz-note.md").write_text("# 新增材料\n\n东南亚数字经济增速较快。\n", encoding="utf-8")
    ingest(cfg)  # into the delta
    peak = _peak(lambda: ingest(cfg, compact=True))
    assert peak < LIMIT * vector_bytes, f"merging peaked at {peak / 1e6:.1f} MB for {vector_bytes / 1e6:.1f} MB"
    merged = load_index(cfg.index_dir)
    assert merged.delta is None and "zz-note" in {d["doc"] for d in merged.manifest["documents"]}
    assert Assistant.open(cfg).ask("数字丝绸之路合作国家有多少个?").citations


def test_vector_file_reads_rows_as_a_memory_map_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from assistant.index.vector_file import VectorFile, VectorFileWriter

    monkeypatch.setattr(vector_file, "BLOCK_BYTES", 256)  # many blocks, sparse and dense spans
    rows = np.random.default_rng(0).standard_normal((500, 8)).astype(np.float16)
    writer = VectorFileWriter(tmp_path / "v.npy", len(rows), 8, np.float16)
    for part in np.array_split(rows, 7):
        writer.append(part)
    writer.close()
    mapped, read = np.load(tmp_path / "v.npy", mmap_mode="r"), VectorFile(tmp_path / "v.npy")
    assert np.array_equal(mapped, rows) and read.shape == rows.shape and read.dtype == rows.dtype
    picks = [np.random.default_rng(1).choice(500, 60, replace=False), np.arange(40, 90), [499, 0, 7, 7], []]
    for pick in picks:
        assert np.array_equal(read[pick], mapped[np.asarray(pick, dtype=np.int64)])
    assert np.array_equal(read[3], mapped[3]) and np.array_equal(read[-1], mapped[-1])
    assert np.array_equal(read[10:20], mapped[10:20]) and np.array_equal(np.asarray(read), rows)
    with pytest.raises(IndexError):
        read[500]
    short = VectorFileWriter(tmp_path / "short.npy", 5, 8, np.float16)
    short.append(rows[:3])
    with pytest.raises(ValueError, match="3 vectors written, 5 announced"):
        short.close()
