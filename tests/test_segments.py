"""Base + delta: adding, changing and removing documents, tombstones, global BM25 statistics, compaction, crashes.

Built with the tiny deterministic `HashEmbedder` over the real report and a few notes, so no model
is loaded. A fresh full build of the same corpus is the reference every incremental state must match.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import bm25s
import numpy as np
import pytest

from assistant.config import Settings
from assistant.context import indexed_texts
from assistant.index import delta as delta_module
from assistant.index import segment_writer as segment_module
from assistant.index.embed import HashEmbedder
from assistant.index.lexical import LexicalIndex
from assistant.index.load import load_index
from assistant.index.store import DELTA, current_generation
from assistant.ingest import load_corpus
from assistant.pipeline import Assistant, ingest
from assistant.text import match_key, tokenize

QUESTION = "数字丝绸之路合作国家有多少个?"
PROBES = ["电子钱包用户持续增加", "东南亚数字支付的普及", "数字丝绸之路合作国家", "平台企业出海", "云计算"]


def _note(corpus: Path, i: int, extra: str = "") -> Path:
    path = corpus / "library" / f"note{i:02d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# 笔记{i}\n\n第{i}号笔记讨论东南亚数字支付的普及。{extra}\n\n电子钱包用户在第{i}年持续增加。\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def cfg(report_corpus: Path, tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    shutil.copytree(report_corpus, corpus)
    for i in range(3):
        _note(corpus, i)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="hash-256")
    ingest(settings)
    return settings


def _fresh(cfg: Settings, tmp_path: Path) -> Settings:
    fresh = cfg.with_(index_dir=tmp_path / "fresh-index")
    ingest(fresh)
    return fresh


def _scores_by_id(settings: Settings, query: str) -> dict[str, float]:
    index = load_index(settings.index_dir)
    scores = index.lexical.scores(tokenize(query))
    roles = index.corpus.paragraph_roles()
    return {index.corpus.paragraphs[i].id: round(float(scores[i]), 4) for i in np.flatnonzero(roles != "")}


def _live_ids(settings: Settings) -> list[str]:
    index = load_index(settings.index_dir)
    roles = index.corpus.paragraph_roles()
    return sorted(index.corpus.paragraphs[i].id for i in np.flatnonzero(roles != ""))


def test_bm25_matches_bm25s_on_the_report(report_corpus: Path) -> None:
    paragraphs = [p for d in load_corpus(report_corpus) for p in d.paragraphs]
    tokens = [tokenize(t) for t in indexed_texts(paragraphs)]
    ours = LexicalIndex.build(tokens)
    reference = bm25s.BM25()
    reference.index([t or ["\u2205"] for t in tokens], show_progress=False)
    for question in [QUESTION, "平台企业如何出海", "阿里云在东南亚的数据中心", "沙特电信"]:
        query = tokenize(question)
        np.testing.assert_allclose(ours.scores(query), reference.get_scores(query), rtol=1e-5, atol=1e-6)


def test_add_change_remove_touch_only_the_delta(cfg: Settings, tmp_path: Path) -> None:
    base = current_generation(cfg.index_dir)
    stamps = {p.name: p.stat().st_mtime_ns for p in base.rglob("*")}
    _note(cfg.corpus_dir, 7)  # added
    _note(cfg.corpus_dir, 1, extra="这一段是修改后加入的。")  # changed
    (cfg.corpus_dir / "library" / "note02.md").unlink()  # removed
    report = ingest(cfg)
    assert report.rebuilt and report.parsed == 2
    assert current_generation(cfg.index_dir) == base
    assert {p.name: p.stat().st_mtime_ns for p in base.rglob("*")} == stamps  # the base was not rewritten
    index = load_index(cfg.index_dir)
    assert index.delta is not None
    live_docs = {d["doc"] for d in index.manifest["documents"]}
    assert {"note00", "note01", "note07"} <= live_docs and "note02" not in live_docs
    fresh = _fresh(cfg, tmp_path)
    assert _live_ids(cfg) == _live_ids(fresh)
    assert load_index(cfg.index_dir).manifest["counts"] == load_index(fresh.index_dir).manifest["counts"]
    for probe in PROBES:  # global statistics (N, document frequencies) are those of the corpus as it is now
        mine, theirs = _scores_by_id(cfg, probe), _scores_by_id(fresh, probe)
        assert mine.keys() == theirs.keys()
        assert max(abs(mine[k] - theirs[k]) for k in mine) < 0.05 * max(max(theirs.values()), 1e-9) + 1e-4
    assistant = Assistant(cfg, index, HashEmbedder())
    assert "18个" in assistant.ask(QUESTION).text
    hits = assistant.retriever.retrieve("这一段是修改后加入的", 3).hits
    assert index.corpus.by_id[hits[0].paragraph_id].doc == "note01"
    assert all(index.corpus.by_id[h.paragraph_id].doc != "note02"
               for h in assistant.retriever.retrieve("第2号笔记讨论东南亚数字支付", 20).hits)
    assert match_key("修改后加入") in index.corpus.text_key
    assert not ingest(cfg).rebuilt


def test_median_and_max_idf_from_arrays_equal_the_sorted_table(cfg: Settings) -> None:
    """The answer layer's median and max idf come from df arrays (a 1M library's table took 1.5 s to build)."""
    _note(cfg.corpus_dir, 7, extra="新加坡新增词汇甲乙丙。")  # a delta with tokens of its own
    (cfg.corpus_dir / "library" / "note02.md").unlink()  # and a tombstone
    ingest(cfg)
    for index in (load_index(cfg.index_dir), load_index(_fresh(cfg, cfg.index_dir.parent).index_dir)):
        table = index.lexical.idf_table()
        values = sorted(table.values())
        assert table.median() == values[len(values) // 2]
        assert table.maximum() == max(values)
        assert index.corpus.median_idf == values[len(values) // 2]


def test_compaction_equals_a_fresh_build(cfg: Settings, tmp_path: Path) -> None:
    _note(cfg.corpus_dir, 7)
    (cfg.corpus_dir / "library" / "note00.md").unlink()
    ingest(cfg)
    assert ingest(cfg, compact=True).rebuilt
    merged = load_index(cfg.index_dir)
    assert merged.delta is None and not (cfg.index_dir / DELTA).exists()
    fresh = _fresh(cfg, tmp_path)
    reference = load_index(fresh.index_dir)
    assert _live_ids(cfg) == _live_ids(fresh)
    for probe in PROBES:
        mine, theirs = _scores_by_id(cfg, probe), _scores_by_id(fresh, probe)
        assert mine == pytest.approx(theirs, abs=1e-3)
    by_id = {p.id: i for i, p in enumerate(reference.corpus.paragraphs)}
    for i, p in enumerate(merged.corpus.paragraphs):
        j = by_id[p.id]
        rows = slice(int(merged.corpus.unit_starts[i]), int(merged.corpus.unit_starts[i + 1]))
        ref_rows = slice(int(reference.corpus.unit_starts[j]), int(reference.corpus.unit_starts[j + 1]))
        np.testing.assert_allclose(merged.corpus.vectors[rows], reference.corpus.vectors[ref_rows], atol=1e-6)
    assert merged.corpus.groups == reference.corpus.groups
    assert merged.name_pairs == reference.name_pairs
    assert sorted(p.name for p in (cfg.index_dir / "cache").iterdir()) == []  # the base holds them all now


def test_a_large_delta_is_merged_by_itself(cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delta_module, "COMPACT_MIN", 1)
    monkeypatch.setattr(delta_module, "COMPACT_SHARE", 0.01)
    base = current_generation(cfg.index_dir)
    _note(cfg.corpus_dir, 8)
    assert ingest(cfg).rebuilt
    index = load_index(cfg.index_dir)
    assert index.generation != base and index.delta is None
    assert "note08" in {d["doc"] for d in index.manifest["documents"]}


def test_a_crash_while_writing_the_delta_keeps_the_index(cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _live_ids(cfg)
    _note(cfg.corpus_dir, 9)

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated crash while writing the delta")

    with monkeypatch.context() as patch:
        patch.setattr(delta_module, "write_segment", boom)
        with pytest.raises(RuntimeError, match="simulated crash"):
            ingest(cfg)
    assert not (cfg.index_dir / DELTA).exists() and not list(cfg.index_dir.glob(".build-*"))
    assert _live_ids(cfg) == before
    assert ingest(cfg).rebuilt  # the note's vectors were cached before the crash: not embedded again
    assert "note09" in {d["doc"] for d in load_index(cfg.index_dir).manifest["documents"]}


def test_a_delta_left_by_a_crashed_compaction_is_ignored(cfg: Settings) -> None:
    _note(cfg.corpus_dir, 7)
    ingest(cfg)
    pointer = (cfg.index_dir / DELTA).read_bytes()
    ingest(cfg, compact=True)
    (cfg.index_dir / DELTA).write_bytes(pointer)  # as if killed between switching CURRENT and removing DELTA
    shutil.copytree(cfg.index_dir / "cache", cfg.index_dir / "cache-copy", dirs_exist_ok=True)
    folder = cfg.index_dir / pointer.decode().strip()
    folder.mkdir(exist_ok=True)
    (folder / "manifest.json").write_text('{"base": "gen-19700101-000000-000000"}', encoding="utf-8")
    index = load_index(cfg.index_dir)
    assert index.delta is None
    assert sum(1 for d in index.manifest["documents"] if d["doc"] == "note07") == 1
    assert not ingest(cfg).rebuilt


def test_a_removal_only_delta(cfg: Settings) -> None:
    (cfg.corpus_dir / "library" / "note01.md").unlink()
    assert ingest(cfg).rebuilt
    index = load_index(cfg.index_dir)
    assert index.delta is not None and index.manifest["counts"]["documents"] == 3
    assert "note01" not in {index.corpus.paragraphs[i].doc for i in np.flatnonzero(index.corpus.paragraph_roles())}
    assert all(index.corpus.by_id[h.paragraph_id].doc != "note01"
               for h in Assistant(cfg, index, HashEmbedder()).retriever.retrieve("第1号笔记", 10).hits)


def test_name_pairs_are_stored_at_index_time(cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    index = load_index(cfg.index_dir)
    assert any("STC" in names for _, names in index.name_pairs)
    monkeypatch.setattr(segment_module, "corpus_pairs", lambda _texts: pytest.fail("pairs read again at open"))
    Assistant.open(cfg)


def test_compaction_moves_ivf_codes_as_a_fresh_add_would_compute_them(
    cfg: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.index import dense as dense_module
    from assistant.index.dense import TRAINED_INDEX, DenseIndex

    monkeypatch.setattr(dense_module, "APPROX_MIN_UNITS", 10)
    ingest(cfg, force=True)  # an approximate base
    _note(cfg.corpus_dir, 7)
    (cfg.corpus_dir / "library" / "note00.md").unlink()
    ingest(cfg)
    trained = cfg.index_dir.parent / "trained.faiss"
    shutil.copyfile(current_generation(cfg.index_dir) / TRAINED_INDEX, trained)
    moved: list[int] = []
    real = dense_module._move_codes
    monkeypatch.setattr(dense_module, "_move_codes", lambda *a: moved.append(len(found := real(*a))) or found)
    ingest(cfg, compact=True)
    assert moved and moved[0] > 100  # the base's codes were moved, not computed again
    merged = load_index(cfg.index_dir)
    assert merged.dense.approximate
    segment = merged.dense.segments[0]
    coarse = np.load(merged.generation / "coarse.npy")
    fresh = DenseIndex.build_approximate(segment.vectors, coarse, trained=trained)
    queries = HashEmbedder().embed(PROBES)
    for query in queries:
        got, want = segment.search(query, 20), fresh.search(query, 20)
        np.testing.assert_array_equal(got[1], want[1])
        np.testing.assert_allclose(got[0], want[0])
    assert segment._index.ntotal == len(coarse)
    # the codes themselves (a search re-ranks 256 candidates exactly, so on a small corpus it cannot tell
    # moved codes from garbage: moved codes were once zeros, read from a freed temporary)
    import faiss

    def entries(index: object) -> dict[int, bytes]:
        ivf, out = faiss.extract_index_ivf(index), {}
        for lst in range(ivf.nlist):
            n = ivf.invlists.list_size(lst)
            ids = faiss.rev_swig_ptr(ivf.invlists.get_ids(lst), n) if n else []
            codes = faiss.rev_swig_ptr(ivf.invlists.get_codes(lst), n * ivf.code_size) if n else b""
            for i, row in enumerate(ids):
                out[int(row)] = bytes(codes[i * ivf.code_size : (i + 1) * ivf.code_size])
        return out

    assert entries(segment._index) == entries(fresh._index)
