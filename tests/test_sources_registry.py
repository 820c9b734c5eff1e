"""The source registry corpus/sources.toml: generated from the footnotes, edits survive re-ingest, `sources`."""

from __future__ import annotations

import json
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.cli import EXIT_ENV, main
from assistant.config import Settings
from assistant.index.load import load_index
from assistant.ingest import CorpusError
from assistant.ingest.registry import (
    LOST_NOTE,
    REGISTRY_NAME,
    linked_files,
    merge_tables,
    read_registry,
    render,
)
from assistant.pipeline import Assistant, check_index, ingest
from assistant.types import Source

REPORT_NAME = "digital-silk-road-report.txt"


@pytest.fixture
def cfg(report_corpus: Path, tmp_path: Path) -> Settings:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(report_corpus / REPORT_NAME, folder / REPORT_NAME)
    return Settings(corpus_dir=folder, index_dir=tmp_path / "index", embedder="hash-256")


def tables(settings: Settings) -> dict[int, dict]:
    data = tomllib.loads((settings.corpus_dir / REGISTRY_NAME).read_text(encoding="utf-8"))
    return {t["number"]: t for t in data["source"]}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_first_ingest_generates_the_registry(cfg: Settings) -> None:
    assert not (cfg.corpus_dir / REGISTRY_NAME).exists()
    ingest(cfg)
    entries = tables(cfg)
    assert sorted(entries) == list(range(1, 20))
    assert (entries[3]["title"], entries[3]["publisher"]) == ("2023年东南亚数字经济报告", "贝恩")
    assert (entries[10]["publisher"], entries[10]["date"]) == ("中国日报网", "2025年4月")
    for lost in (8, 16):  # footnotes whose text is lost: entries to fill in
        assert entries[lost]["title"] == "" and entries[lost]["note"] == LOST_NOTE
    for entry in entries.values():
        assert set(entry) == {"number", "title", "publisher", "date", "url", "file", "note"}
    assert check_index(cfg) is None, "writing the registry does not make the index stale"


def test_user_edits_survive_reingest(cfg: Settings) -> None:
    ingest(cfg)
    path = cfg.corpus_dir / REGISTRY_NAME
    text = path.read_text(encoding="utf-8")
    text = text.replace('number = 8\ntitle = ""\npublisher = ""',
                        'number = 8\ntitle = "补全的标题"\npublisher = "某研究院"')
    text = text.replace('number = 3\ntitle = "2023年东南亚数字经济报告"\npublisher = "贝恩"\ndate = ""\nurl = ""',
                        'number = 3\ntitle = "e-Conomy SEA 2023"\npublisher = "Bain & Company"\ndate = "2023年"\n'
                        'url = "https://example.org/sea?a=1&b=\\"2\\""\nreviewed = true\ntags = ["电商", "东南亚"]')
    text = text.replace('number = 19\ntitle = "微信与TikTok获马来西亚运营许可"', 'number = 19\ntitle = "我改的"')
    text += '\n[[source]]\nnumber = 42\ntitle = "用户自己加的来源"\n'
    path.write_text(text, encoding="utf-8")
    edited = tables(cfg)
    # The report gains a paragraph citing a new footnote 20: a rebuild merges it in.
    report = cfg.corpus_dir / REPORT_NAME
    addition = "\n新增一段引用新来源的文字²⁰。\n\n²⁰ 引用某机构《新的来源报告》\n"
    report.write_text(report.read_text(encoding="utf-8") + addition, encoding="utf-8")
    assert ingest(cfg).rebuilt
    after = tables(cfg)
    for number, entry in edited.items():
        assert after[number] == entry, number
    assert after[3]["url"] == 'https://example.org/sea?a=1&b="2"' and after[3]["tags"] == ["电商", "东南亚"]
    assert after[20]["title"] == "新的来源报告" and after[42]["title"] == "用户自己加的来源"
    # Edited titles show in citations without a rebuild; a filled-in lost footnote is no longer missing.
    assistant = Assistant.open(cfg)
    sources = assistant.corpus.sources
    assert sources[("digital-silk-road-report", 8)].title == "补全的标题"
    assert not sources[("digital-silk-road-report", 8)].missing
    assert sources[("digital-silk-road-report", 3)].publisher == "Bain & Company"
    assert sources[("digital-silk-road-report", 16)].missing


def test_deleted_entries_come_back_and_missing_fields_are_filled(cfg: Settings) -> None:
    ingest(cfg)
    path = cfg.corpus_dir / REGISTRY_NAME
    path.write_text('[[source]]\nnumber = 5\ntitle = "只留标题"\n', encoding="utf-8")
    ingest(cfg, force=True)
    after = tables(cfg)
    assert sorted(after) == list(range(1, 20))
    assert after[5]["title"] == "只留标题" and after[5]["publisher"] == "复旦大学国际问题研究院"


def test_a_link_change_reindexes_and_metadata_edits_do_not(cfg: Settings) -> None:
    ingest(cfg)
    path = cfg.corpus_dir / REGISTRY_NAME
    path.write_text(path.read_text(encoding="utf-8").replace('note = ""', 'note = "看过了"', 1), encoding="utf-8")
    assert check_index(cfg) is None
    (cfg.corpus_dir / "sources").mkdir()
    (cfg.corpus_dir / "sources" / "bain.txt").write_text("东南亚零售电商增速达到18.6%。\n", encoding="utf-8")
    assert ingest(cfg).rebuilt
    assert "bain" in {p.doc for p in load_index(cfg.index_dir).corpus.paragraphs}
    text = path.read_text(encoding="utf-8")
    linked = text.replace('publisher = "贝恩"\ndate = ""\nurl = ""\nfile = ""',
                          'publisher = "贝恩"\ndate = ""\nurl = ""\nfile = "sources/bain.txt"')
    path.write_text(linked, encoding="utf-8")
    reason = check_index(cfg)
    assert reason is not None and "sources.toml" in reason
    report = ingest(cfg)
    assert report.parsed == 1 and report.reused == 1  # only the relinked source is read again
    corpus = load_index(cfg.index_dir).corpus
    assert {p.doc for p in corpus.live_paragraphs()} == {"digital-silk-road-report", "S3"}
    assert corpus.links == {("digital-silk-road-report", 3): "S3"}
    assert next(p for p in corpus.live_paragraphs() if p.doc == "S3").locator == "S3 ¶1"


def test_broken_registry_is_a_clear_error(cfg: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    ingest(cfg)
    path = cfg.corpus_dir / REGISTRY_NAME
    path.write_text('[[source]]\nnumber = 3\ntitle = "unterminated\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"sources\.toml cannot be read"):
        ingest(cfg)
    code, _out, err = run(capsys, "ask", "问题", "--corpus", str(cfg.corpus_dir), "--index", str(cfg.index_dir),
                          "--embedder", "hash-256")
    assert code == EXIT_ENV and "sources.toml" in err and "Traceback" not in err
    path.write_text('[[source]]\nnumber = 3\n[[source]]\nnumber = 3\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="number 3 appears more than once"):
        read_registry(path)
    path.write_text('[[source]]\nnumber = 3\ntitle = 7\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="must be a string"):
        read_registry(path)


def test_sources_command(cfg: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    paths = ["--corpus", str(cfg.corpus_dir), "--index", str(cfg.index_dir), "--embedder", "hash-256"]
    code, out, err = run(capsys, "sources", "--json", *paths)
    assert code == 0, err
    rows = {row["number"]: row for row in json.loads(out)}
    assert sorted(rows) == list(range(1, 20))
    assert rows[3]["cited_by"] >= 1 and rows[5]["cited_by"] == 0  # note 5 has no mark in the body
    assert not any(row["ingested"] for row in rows.values())
    assert rows[8]["title"] == "" and rows[8]["cited_by"] >= 1
    (cfg.corpus_dir / "sources").mkdir()
    (cfg.corpus_dir / "sources" / "bain.txt").write_text("东南亚零售电商增速达到18.6%。\n", encoding="utf-8")
    registry = cfg.corpus_dir / REGISTRY_NAME
    registry.write_text(registry.read_text(encoding="utf-8").replace('file = ""', 'file = "bain.txt"', 3),
                        encoding="utf-8")  # 1 and 2 share a file: the second link is refused with a warning
    code, out, err = run(capsys, "sources", "--json", *paths)
    rows = {row["number"]: row for row in json.loads(out)}
    assert rows[1]["ingested"] and rows[1]["document"] == "S1"
    assert not rows[2]["ingested"] and not rows[3]["ingested"]
    code, out, err = run(capsys, "sources", *paths)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 19
    assert lines[0].startswith("[ 1] 全球数字经济发展指数报告") and "document S1 (bain.txt) ingested" in lines[0]
    assert "(to fill in: footnote text lost)" in lines[7]
    code, out, _err = run(capsys, "ingest", *paths)
    assert "warning: sources.toml: source 2: sources/bain.txt is already linked to source 1" in out


# --- the TOML writer ------------------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(values=st.lists(_TEXT, min_size=7, max_size=7), key=st.from_regex(r"[a-z_][a-z0-9_-]{0,8}", fullmatch=True))
def test_rendered_registry_reads_back(values: list[str], key: str) -> None:
    table = {"number": 1, **dict(zip(("title", "publisher", "date", "url", "file", "note"), values, strict=False))}
    table[f"x_{key}"] = values[6]
    table["extras"] = {"n": 2, "ok": True, "when": date(2024, 1, 2), "list": [1.5, "a\"b"]}
    text = render([table], {1: values[0]})
    assert tomllib.loads(text)["source"] == [table]


def test_merge_keeps_existing_and_adds_new() -> None:
    existing = [{"number": 2, "title": "mine", "custom": "x"}]
    sources = [Source("fn1", 1, "一"), Source("fn2", 2, "二", publisher="社"), Source("fn3", 3, "", missing=True)]
    merged, changed = merge_tables(existing, sources)
    assert changed
    assert [t["number"] for t in merged] == [1, 2, 3]
    assert merged[1]["title"] == "mine" and merged[1]["publisher"] == "社" and merged[1]["custom"] == "x"
    assert merge_tables(merged, sources) == (merged, False)


def test_links_are_paths_under_sources() -> None:
    from assistant.ingest.registry import RegistryEntry

    links, warnings = linked_files([RegistryEntry(1, file="a.pdf"), RegistryEntry(2, file="corpus/sources/b.md"),
                                    RegistryEntry(3, file="../secret.txt"), RegistryEntry(4, file="sources/a.pdf")])
    assert links == {"sources/a.pdf": 1, "sources/b.md": 2}
    assert len(warnings) == 2
