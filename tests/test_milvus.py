"""The Milvus backend against Milvus Lite: the same answer tests as the default backend, and its own checks.

Needs the `milvus` extra (pymilvus + milvus-lite), which the README's test command installs. The
answer tests of tests/test_answers.py are imported and run again here with `real_assistant` searching
in Milvus (BM25 over our jieba tokens + dense vectors), so both backends meet one answer contract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite")

from test_answers import *  # noqa: F403 - the same answer tests, run with the fixture below

from assistant.config import Settings
from assistant.index.backend import FaissBackend
from assistant.index.embed import HashEmbedder
from assistant.index.load import load_index
from assistant.index.milvus import MilvusBackend, collection_base, token_code
from assistant.pipeline import Assistant, ingest


@pytest.fixture(scope="module")
def real_assistant(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real embedder over the real report, searched in Milvus Lite (<index>/milvus.db)."""
    index_dir = tmp_path_factory.mktemp("milvus-index")
    assistant = Assistant.open(Settings(corpus_dir=report_corpus, index_dir=index_dir, backend="milvus"))
    assert assistant.retriever.backend.name == "milvus"
    assert (index_dir / "milvus.db").exists()
    return assistant


@pytest.fixture
def hashed(report_corpus: Path, tmp_path: Path) -> Settings:
    cfg = Settings(corpus_dir=report_corpus, index_dir=tmp_path / "index", embedder="hash-256", backend="milvus")
    ingest(cfg)
    return cfg


def test_token_codes_are_single_lowercase_words() -> None:
    codes = {token_code(t) for t in ("数字", "丝绸之路", "18", "AI", "数字")}
    assert len(codes) == 4
    assert all(len(c) == 16 and c.isalpha() and c.islower() for c in codes)


def test_milvus_scores_match_the_local_backend(hashed: Settings) -> None:
    """Dense: the same top units and cosines as FAISS; BM25: the same best paragraph (Milvus's BM25 differs a bit)."""
    index = load_index(hashed.index_dir)
    milvus = MilvusBackend.open(index, str(hashed.index_dir / "milvus.db"))
    local = FaissBackend(index)
    query = HashEmbedder().embed(["数字丝绸之路合作国家有多少个?"])[0]
    m_scores, m_rows = milvus.dense_search(query, 10)
    l_scores, l_rows = local.dense_search(query, 10)
    assert list(m_rows[:3]) == list(l_rows[:3])
    assert abs(float(m_scores[0]) - float(l_scores[0])) < 1e-4
    from assistant.text import tokenize

    tokens = tokenize("数字丝绸之路合作国家有多少个?")
    m_lex, l_lex = milvus.lexical_scores(tokens), local.lexical_scores(tokens)
    assert m_lex.shape == l_lex.shape and int(m_lex.argmax()) == int(l_lex.argmax())
    assert set(map(int, m_lex.nonzero()[0])) == set(map(int, l_lex.nonzero()[0]))


def test_a_new_generation_replaces_its_collections(hashed: Settings) -> None:
    from pymilvus import MilvusClient

    first = load_index(hashed.index_dir)
    MilvusBackend.open(first, str(hashed.index_dir / "milvus.db"))
    ingest(hashed, force=True)
    second = load_index(hashed.index_dir)
    answer = Assistant(hashed, second, HashEmbedder()).ask("数字丝绸之路合作国家有多少个?")
    assert "18个" in answer.text and answer.citations
    names = MilvusClient(str(hashed.index_dir / "milvus.db")).list_collections()
    assert sorted(names) == sorted(f"{collection_base(second.generation.name)}_{s}" for s in ("p", "u"))


def test_unreachable_server_is_a_one_line_error(hashed: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import EXIT_ENV, main

    code = main(["ask", "数字丝绸之路合作国家有多少个?", "--corpus", str(hashed.corpus_dir), "--index",
                 str(hashed.index_dir), "--embedder", "hash-256", "--backend", "milvus",
                 "--milvus-uri", "http://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == EXIT_ENV
    assert err.startswith("assistant: error: ") and len(err.strip().splitlines()) == 1


def test_a_delta_gets_its_own_collections(hashed: Settings, tmp_path: Path) -> None:
    """A document added after the base (a delta) is searched in Milvus too; removed ones are not returned."""
    import shutil

    from pymilvus import MilvusClient

    corpus = tmp_path / "corpus"
    shutil.copytree(hashed.corpus_dir, corpus)
    cfg = hashed.with_(corpus_dir=corpus)
    ingest(cfg)
    (corpus / "library").mkdir(exist_ok=True)
    (corpus / "library" / "note.md").write_text("# 附注\n\n第九号笔记讨论东南亚电子钱包的普及。\n", encoding="utf-8")
    assert ingest(cfg).rebuilt
    index = load_index(cfg.index_dir)
    assert index.delta is not None
    assistant = Assistant(cfg, index, HashEmbedder())
    assert assistant.retriever.backend.name == "milvus"
    hits = assistant.retriever.retrieve("东南亚电子钱包的普及", 3).hits
    assert index.corpus.by_id[hits[0].paragraph_id].doc == "note"
    names = MilvusClient(str(cfg.index_dir / "milvus.db")).list_collections()
    base = collection_base(f"{index.generation.name}_{index.delta.name}")
    assert sorted(names) == sorted(f"{base}_{s}" for s in ("p", "u"))
    (corpus / "library" / "note.md").unlink()
    assert ingest(cfg).rebuilt
    index = load_index(cfg.index_dir)
    assistant = Assistant(cfg, index, HashEmbedder())
    assert all(index.corpus.by_id[h.paragraph_id].doc != "note"
               for h in assistant.retriever.retrieve("东南亚电子钱包的普及", 5).hits)
    assert "18个" in assistant.ask("数字丝绸之路合作国家有多少个?").text
