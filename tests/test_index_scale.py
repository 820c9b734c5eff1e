"""The large-library paths on a small corpus: approximate dense index, top-k search, lazy views, open checks.

The thresholds are lowered so the real report (hash-256 vectors) takes the paths a 100k-paragraph
library takes; speed itself is measured in benchmarks/scale.py, not asserted here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant import retrieve
from assistant.config import Settings
from assistant.index import dense as dense_module
from assistant.index.dense import APPROX_INDEX, VECTORS, DenseIndex
from assistant.index.embed import HashEmbedder
from assistant.index.load import load_index
from assistant.index.store import MANIFEST, IndexCorrupt, current_generation, verify_files
from assistant.pipeline import Assistant, ingest
from assistant.retrieve import top_k
from assistant.units import make_units

QUESTION = "数字丝绸之路合作国家有多少个?"


@pytest.fixture
def small(report_corpus: Path, tmp_path: Path) -> Settings:
    cfg = Settings(corpus_dir=report_corpus, index_dir=tmp_path / "index", embedder="hash-256")
    ingest(cfg)
    return cfg


@pytest.fixture
def large(report_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The report indexed as if it were a large library: float16 vectors, IVF-SQ8, top-k dense search."""
    monkeypatch.setattr(dense_module, "APPROX_MIN_UNITS", 10)  # the report has 372 units
    monkeypatch.setattr(retrieve, "FULL_SCAN_UNITS", 10)
    corpus = tmp_path / "large-corpus"  # private: a test adds documents to it
    shutil.copytree(report_corpus, corpus)
    cfg = Settings(corpus_dir=corpus, index_dir=tmp_path / "large-index", embedder="hash-256")
    ingest(cfg)
    return cfg


def test_top_k_is_a_stable_argsort_prefix() -> None:
    rng = np.random.default_rng(3)
    for _ in range(500):
        scores = rng.integers(0, 4, int(rng.integers(1, 40))).astype(np.float32)
        k = int(rng.integers(1, 45))
        assert top_k(scores, k).tolist() == np.argsort(-scores, kind="stable")[:k].tolist()


def test_small_index_stores_float32_vectors_once(small: Settings) -> None:
    gen = current_generation(small.index_dir)
    assert not (gen / APPROX_INDEX).exists()
    vectors = np.load(gen / VECTORS, mmap_mode="r")
    assert vectors.dtype == np.float32
    loaded = load_index(small.index_dir)
    assert isinstance(loaded.corpus.vectors, np.memmap)  # read on demand, not copied into RAM
    assert len(loaded.corpus.units) == len(vectors)


def test_lazy_sentences_match_the_units(small: Settings) -> None:
    corpus = load_index(small.index_dir).corpus
    units = make_units(corpus.paragraphs)
    expected = {}
    for row, unit in enumerate(units):
        if unit.kind == "sent":
            expected.setdefault(unit.paragraph_id, []).append((unit.text, row))
    got = {pid: [(s.text, s.row) for s in sentences] for pid, sentences in corpus.sentences.items()}
    assert got == expected
    assert corpus.unit_owner.tolist() == [corpus.position[u.paragraph_id] for u in units]


def test_large_path_answers_like_the_exact_one(small: Settings, large: Settings) -> None:
    gen = current_generation(large.index_dir)
    assert (gen / APPROX_INDEX).is_file()
    assert np.load(gen / VECTORS, mmap_mode="r").dtype == np.float16
    index = load_index(large.index_dir)
    assert index.dense.approximate
    answer = Assistant(large, index, HashEmbedder()).ask(QUESTION)
    exact = Assistant(small, load_index(small.index_dir), HashEmbedder()).ask(QUESTION)
    assert not answer.refused and "18个" in answer.text
    assert answer.citations[0].paragraph.id == exact.citations[0].paragraph.id


def test_approximate_recall_against_exact(large: Settings) -> None:
    """IVF-SQ8 at the default nprobe finds the exact top 10 paragraph-level units.

    Hash vectors tie often, and 8-bit codes may order a tie at rank 10 either way, hence 0.95 here;
    recall@10 on realistic vectors at 100k paragraphs is measured in benchmarks/scale.py.
    """
    index = load_index(large.index_dir)
    vectors = np.asarray(index.corpus.vectors, dtype=np.float32)
    coarse = np.flatnonzero([u.kind != "sent" for u in index.corpus.units])
    exact = DenseIndex.build(vectors[coarse])
    queries = HashEmbedder().embed([QUESTION, "平台企业的定义是什么?", "东南亚零售电商增速", "数字基础设施"])
    found = 0
    for query in queries:
        _, approx_rows = index.dense.search(query, 10)
        _, exact_rows = exact.search(query, 10)
        found += len(set(approx_rows.tolist()) & set(coarse[exact_rows].tolist()))
    assert found / (10 * len(queries)) >= 0.95


def test_damaged_approximate_index_is_reported(large: Settings) -> None:
    gen = current_generation(large.index_dir)
    path = gen / APPROX_INDEX
    data = path.read_bytes()
    path.write_bytes(data[:64] + bytes(len(data) - 64))  # same size: only a full check can tell
    verify_files(gen, json.loads((gen / MANIFEST).read_text(encoding="utf-8")), deep=False)
    with pytest.raises(IndexCorrupt, match="checksum"):
        verify_files(gen, json.loads((gen / MANIFEST).read_text(encoding="utf-8")), deep=True)


def test_open_checks_sizes_without_hashing_a_large_index(
    small: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.index import store

    index_dir = tmp_path / "copy"
    shutil.copytree(small.index_dir, index_dir)
    gen = current_generation(index_dir)
    monkeypatch.setattr(store, "HASH_AT_OPEN_BYTES", 0)  # every index counts as large
    hashed: list[Path] = []
    real = store.sha256_file
    monkeypatch.setattr(store, "sha256_file", lambda path: hashed.append(path) or real(path))
    load_index(index_dir)
    assert hashed == []
    with (gen / "paragraphs.jsonl").open("ab") as handle:
        handle.write(b"\n")
    with pytest.raises(IndexCorrupt, match="size"):
        load_index(index_dir)


def test_ingest_verify_hashes_what_open_only_sizes(
    small: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import main
    from assistant.index import store
    from assistant.pipeline import check_index

    monkeypatch.setattr(store, "HASH_AT_OPEN_BYTES", 0)
    path = current_generation(small.index_dir) / "paragraphs.jsonl"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))  # same size
    assert check_index(small) is None  # sizes only
    assert "checksum" in (check_index(small, verify=True) or "")
    code = main(["ingest", "--verify", "--corpus", str(small.corpus_dir), "--index", str(small.index_dir),
                 "--embedder", "hash-256"])
    assert code == 0
    assert "rebuilt (the index is damaged" in capsys.readouterr().out
    assert check_index(small, verify=True) is None


# --- segments: per-document tokens and vectors, resume, progress ------------------------------------------


class _DiesAfter:
    """An embedder killed (an exception, like a Ctrl-C) after `limit` texts."""

    name = HashEmbedder.name
    dim = HashEmbedder.dim

    def __init__(self, limit: int) -> None:
        self.limit, self.texts = limit, 0

    def embed(self, texts):
        if self.texts + len(texts) > self.limit:
            raise KeyboardInterrupt
        self.texts += len(texts)
        return HashEmbedder().embed(texts)


def _library(root: Path, n: int) -> None:
    (root / "library").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / "library" / f"note{i:02d}.md").write_text(
            f"# 笔记{i}\n\n第{i}号笔记讨论东南亚数字支付的普及。\n\n电子钱包用户在第{i}年持续增加。\n",
            encoding="utf-8",
        )


def test_a_killed_ingest_resumes_after_the_last_finished_document(
    report_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(report_corpus, corpus)
    _library(corpus, 6)
    cfg = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="hash-256")
    with pytest.raises(KeyboardInterrupt):
        ingest(cfg, embedder=_DiesAfter(390))  # the report (372 units), a few notes (6 units each), killed
    from assistant.index import build

    tokenised: list[int] = []
    real = build.document_tokens
    monkeypatch.setattr(build, "document_tokens", lambda doc: tokenised.append(1) or real(doc))
    from assistant.index import prepare

    monkeypatch.setattr(prepare, "document_tokens", build.document_tokens)
    counter = _DiesAfter(10**9)
    report = ingest(cfg, embedder=counter)
    assert report.rebuilt and report.reused >= 2 and report.parsed + report.reused == 7
    assert report.parsed == len(tokenised) < 7  # neither embedded nor tokenised again
    assert counter.texts < 100
    index = load_index(cfg.index_dir)
    assert {p.doc for p in index.corpus.paragraphs} >= {f"note{i:02d}" for i in range(6)}


def test_tokens_kept_per_document_equal_a_full_tokenisation(report_corpus: Path, tmp_path: Path) -> None:
    from assistant.context import indexed_texts
    from assistant.index.build import document_tokens
    from assistant.ingest import load_corpus
    from assistant.text import tokenize

    corpus = tmp_path / "corpus"
    shutil.copytree(report_corpus, corpus)
    _library(corpus, 2)
    docs = load_corpus(corpus)
    paragraphs = [p for d in docs for p in d.paragraphs]
    assert [t for d in docs for t in document_tokens(d)] == [tokenize(t) for t in indexed_texts(paragraphs)]


def test_progress_shows_rate_and_eta() -> None:
    from assistant.index.build import EmbedProgress

    lines: list[str] = []
    ticks = iter([0.0, 2.0, 4.0, 6.0])
    tracker = EmbedProgress(300, lines.append, clock=lambda: next(ticks))
    tracker.advance(100)
    tracker.advance(100)
    assert lines[0] == "embedding 100/300 (33%, 50 units/s, ETA 0m04s)"
    assert lines[-1].startswith("embedding 200/300 (66%, 50 units/s, ETA 0m02s)")


def test_adding_a_document_writes_a_delta_and_compaction_reuses_the_trained_ivf(
    large: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = current_generation(large.index_dir)
    assert (base / dense_module.TRAINED_INDEX).is_file()
    base_files = {p.name: p.stat().st_mtime_ns for p in base.iterdir()}
    reused: list[bool] = []
    real = dense_module._reusable
    monkeypatch.setattr(dense_module, "_reusable", lambda *a: reused.append(real(*a) is not None) or real(*a))
    _library(large.corpus_dir, 1)
    report = ingest(large)
    assert report.rebuilt and report.parsed == 1 and report.reused == 1
    assert reused == []  # the base was not touched: the note went into the delta
    assert current_generation(large.index_dir) == base
    assert {p.name: p.stat().st_mtime_ns for p in base.iterdir()} == base_files
    index = load_index(large.index_dir)
    assert index.delta is not None
    assistant = Assistant(large, index, HashEmbedder())
    assert "18个" in assistant.ask(QUESTION).text
    hits = assistant.retriever.retrieve("电子钱包用户在第0年持续增加", 3).hits
    assert index.corpus.by_id[hits[0].paragraph_id].doc == "note00"
    assert ingest(large, compact=True).rebuilt
    assert reused == [True]
    merged = load_index(large.index_dir)
    assert merged.delta is None and merged.generation != base and merged.dense.approximate
    assistant = Assistant(large, merged, HashEmbedder())
    assert "18个" in assistant.ask(QUESTION).text
    hits = assistant.retriever.retrieve("电子钱包用户在第0年持续增加", 3).hits
    assert merged.corpus.by_id[hits[0].paragraph_id].doc == "note00"


def test_backend_settings_come_from_flags_or_the_environment() -> None:
    from assistant.cli import build_parser
    from assistant.cli.common import settings_from

    env = {"ASSISTANT_BACKEND": "milvus", "ASSISTANT_MILVUS_URI": "http://127.0.0.1:19530"}
    settings = Settings.from_env(env)
    assert (settings.backend, settings.milvus_uri) == ("milvus", "http://127.0.0.1:19530")
    assert Settings.from_env({}).backend == "faiss" and Settings.from_env({}).milvus_uri is None
    with pytest.raises(ValueError, match="backend"):
        Settings.from_env({"ASSISTANT_BACKEND": "elastic"})
    args = build_parser().parse_args(["ask", "问题", "--backend", "milvus", "--milvus-uri", "/tmp/x.db"])
    assert (settings_from(args).backend, settings_from(args).milvus_uri) == ("milvus", "/tmp/x.db")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ask", "问题", "--backend", "elastic"])


def test_only_config_reads_the_backend_variables() -> None:
    root = Path(__file__).resolve().parent.parent / "assistant"
    texts = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.py")}
    readers = [rel for rel, text in texts.items() if "ASSISTANT_BACKEND" in text or "ASSISTANT_MILVUS_URI" in text]
    assert readers == ["config.py"]
