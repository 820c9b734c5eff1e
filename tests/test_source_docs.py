"""Source and library documents: Chinese PDFs with pages, hostile files, incremental builds, `--scope`.

Built with the tiny `HashEmbedder` ("hash-256"); the PDFs are made here with fpdf2 and a Noto CJK font.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from pdfmaker import bomb_pdf, chinese_pdf, encrypted_pdf, random_bytes, scanned_pdf

from assistant.cli import EXIT_ENV, EXIT_INPUT, main
from assistant.config import Settings
from assistant.index.embed import HashEmbedder
from assistant.index.load import load_index
from assistant.index.store import current_generation
from assistant.ingest import CorpusError, load_corpus
from assistant.ingest import pdf as pdf_module
from assistant.ingest.loader import DocumentError, read_pages
from assistant.ingest.normalise import repair_text
from assistant.ingest.pdf import PdfError, PdfLimits, extract_pages, pages_to_text
from assistant.pipeline import Assistant, ingest

REPORT_NAME = "digital-silk-road-report.txt"
PAGES = [
    ["2023年东南亚数字经济报告", "本报告分析东南亚六国的数字经济发展,数字支付在东南亚快速普及,电子钱包用户持续增加。"],
    ["2023年东南亚数字经济保持增长,零售电商增速达到18.6%,位居全球前列。",
     "印度尼西亚是东南亚最大的数字经济体,其电商交易总额约为620亿美元,物流网络覆盖上千个岛屿。"],
    ["展望未来,人工智能将推动东南亚数字经济进入新阶段,云计算基础设施投资持续扩大。"],
]
TIMEOUT = 8.0


@pytest.fixture(scope="module")
def cjk_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chinese_pdf(tmp_path_factory.mktemp("pdf") / "sea-economy.pdf", PAGES)


@pytest.fixture(scope="module")
def template(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A report-only corpus and its hash-256 index, built once (copied by each test)."""
    root = tmp_path_factory.mktemp("template")
    shutil.copy(report_corpus / REPORT_NAME, root / REPORT_NAME)
    index = tmp_path_factory.mktemp("template-index")
    ingest(Settings(corpus_dir=root, index_dir=index, embedder="hash-256"))
    return root, index


@pytest.fixture
def cfg(template: tuple[Path, Path], tmp_path: Path) -> Settings:
    shutil.copytree(template[0], tmp_path / "corpus")
    shutil.copytree(template[1], tmp_path / "index")
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", embedder="hash-256",
                    pdf_timeout_s=TIMEOUT)


def report_paragraphs(settings: Settings) -> list:
    return [p for p in load_index(settings.index_dir).corpus.paragraphs if p.doc == "digital-silk-road-report"]


# --- PDF extraction -------------------------------------------------------------------------------------


def test_chinese_pdf_round_trips_with_pages(cjk_pdf: Path, tmp_path: Path) -> None:
    pages = extract_pages(cjk_pdf)
    assert len(pages) == 3
    text = repair_text(pages_to_text(pages))
    for page in PAGES:
        for paragraph in page:
            assert paragraph in text.replace("\n", "")
    sources = tmp_path / "corpus" / "sources"
    sources.mkdir(parents=True)
    shutil.copy(cjk_pdf, sources / cjk_pdf.name)
    (tmp_path / "corpus" / "report.md").write_text("# 报告\n\n正文。\n", encoding="utf-8")
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index", embedder="hash-256")
    report = ingest(settings)
    assert report.skipped == ()
    paragraphs = [p for p in load_index(settings.index_dir).corpus.paragraphs if p.doc == "sea-economy"]
    by_text = {p.text: p for p in paragraphs}
    growth = next(p for t, p in by_text.items() if "18.6%" in t)
    assert growth.page == 2 and growth.locator == "sea-economy p.2 ¶1"
    assert next(p for t, p in by_text.items() if "620亿美元" in t).locator == "sea-economy p.2 ¶2"
    assert next(p for t, p in by_text.items() if "人工智能" in t).locator == "sea-economy p.3 ¶1"
    assert [p.page for p in paragraphs] == sorted(p.page for p in paragraphs)


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("增 速 达 到 1 8 . 6 % , 位 居 全 球 前 列 。", "增速达到18.6%,位居全球前列。"),
        ("规 模 约 1 , 2 0 0 亿 美 元", "规模约1,200亿美元"),
        ("增长 18.6 %", "增长18.6%"),
        ("in 2 3 cases", "in 2 3 cases"),
    ],
)
def test_spaced_pdf_text_is_repaired(raw: str, repaired: str) -> None:
    assert repair_text(raw) == repaired


def test_pdf_child_strips_control_characters() -> None:
    assert pages_to_text(["\x00增\x00速\x00。\n\x00下一段", "第二页"]) == "增速。\n\n下一段\n\n第二页"


# --- hostile files --------------------------------------------------------------------------------------


def _hostile(folder: Path, good: Path) -> dict[str, str]:
    """name -> expected words of its skip reason."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zero.pdf").write_bytes(b"")
    random_bytes(folder / "random.pdf")
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    encrypted_pdf(folder / "encrypted.pdf", good)
    bomb_pdf(folder / "bomb.pdf")
    scanned_pdf(folder / "scanned.pdf")
    return {"zero.pdf": "empty file", "random.pdf": "not a readable PDF", "truncated.pdf": "PDF",
            "encrypted.pdf": "password-protected", "bomb.pdf": "too much",
            "scanned.pdf": "has a text layer"}


def test_hostile_files_are_skipped_in_time(cfg: Settings, cjk_pdf: Path) -> None:
    before = report_paragraphs(cfg)
    expected = _hostile(cfg.corpus_dir / "sources", cjk_pdf)
    for name, words in expected.items():  # each one on its own, within its time limit
        started = time.perf_counter()
        with pytest.raises(DocumentError, match=re.escape(words)):
            read_pages(cfg.corpus_dir / "sources" / name, cfg.corpus_dir, PdfLimits(timeout_s=TIMEOUT))
        assert time.perf_counter() - started < TIMEOUT + 2
    report = ingest(cfg)
    assert report.rebuilt
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == set(expected)
    for name, words in expected.items():
        assert words in reasons[name], reasons[name]
    assert report_paragraphs(cfg) == before  # the report's index is untouched
    assert report.parsed == 0 and report.reused == 1  # the report came from the cache
    again = ingest(cfg)
    assert not again.rebuilt and {s.path for s in again.skipped} == {s.path for s in report.skipped}


def test_a_hanging_reader_is_stopped(cfg: Settings, cjk_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "_worker_command",
                        lambda _path, _limits: [sys.executable, "-c", "import time; time.sleep(60)"])
    started = time.perf_counter()
    with pytest.raises(PdfError, match="timed out after 1 s"):
        extract_pages(cjk_pdf, PdfLimits(timeout_s=1))
    assert time.perf_counter() - started < 5


def test_caps_on_size_pages_and_text(cjk_pdf: Path) -> None:
    with pytest.raises(PdfError, match="too large"):
        extract_pages(cjk_pdf, PdfLimits(max_bytes=100))
    with pytest.raises(PdfError, match=r"too many pages \(3, the limit is 2\)"):
        extract_pages(cjk_pdf, PdfLimits(max_pages=2))
    with pytest.raises(PdfError, match="too much text"):
        extract_pages(cjk_pdf, PdfLimits(max_chars=50))


def test_an_unreadable_report_is_an_error(tmp_path: Path) -> None:
    random_bytes(tmp_path / "report.pdf")
    with pytest.raises(CorpusError, match=r"report\.pdf"):
        ingest(Settings(corpus_dir=tmp_path, index_dir=tmp_path / "index", embedder="hash-256"))
    with pytest.raises(CorpusError, match=r"report\.pdf"):
        load_corpus(tmp_path)


# --- incremental builds ---------------------------------------------------------------------------------


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        self.texts = 0

    def embed(self, texts):
        self.texts += len(texts)
        return super().embed(texts)


def test_adding_a_source_parses_and_embeds_only_it(cfg: Settings) -> None:
    (cfg.corpus_dir / "sources").mkdir()
    (cfg.corpus_dir / "sources" / "brief.txt").write_text("数字支付在东南亚快速普及。\n\n电子钱包用户持续增加。\n",
                                                          encoding="utf-8")
    counter = CountingEmbedder()
    report = ingest(cfg, embedder=counter)
    assert report.rebuilt and report.parsed == 1 and report.reused == 1
    assert counter.texts == 4  # two paragraphs, one sentence each: nothing of the report
    counter.texts = 0
    assert not ingest(cfg, embedder=counter).rebuilt and counter.texts == 0
    full = ingest(cfg, force=True, embedder=counter)
    assert full.parsed == 2 and full.reused == 0 and counter.texts > 100
    cache = cfg.index_dir / "cache"
    assert not [p for p in cache.iterdir() if not p.name.startswith(".")], "the base holds both: vectors once"
    (cfg.corpus_dir / "sources" / "brief.txt").unlink()
    counter.texts = 0
    removed = ingest(cfg, embedder=counter)
    assert removed.rebuilt and removed.parsed == 0 and removed.reused == 1 and counter.texts == 0
    assert "brief" not in {p.doc for p in load_index(cfg.index_dir).corpus.live_paragraphs()}


def test_a_damaged_cache_entry_is_rebuilt(cfg: Settings) -> None:
    (cfg.corpus_dir / "extra.md").write_text("# 附注\n\n新的一段。\n", encoding="utf-8")
    assert ingest(cfg).rebuilt  # extra.md goes into the delta; its segment stays cached until a merge
    for path in (cfg.index_dir / "cache").rglob("vectors.npy"):
        path.write_bytes(b"garbage")
    report = ingest(cfg, force=False)
    assert not report.rebuilt
    (cfg.corpus_dir / "more.md").write_text("# 再附注\n\n又一段。\n", encoding="utf-8")
    report = ingest(cfg)
    assert report.parsed == 2 and report.reused == 1  # extra.md read again, the report from the base
    assert Assistant(cfg, load_index(cfg.index_dir), HashEmbedder()).ask("数字丝绸之路合作国家有多少个?").citations


# --- scope and the library ------------------------------------------------------------------------------


def test_scope_limits_the_search(cfg: Settings) -> None:
    (cfg.corpus_dir / "sources").mkdir()
    (cfg.corpus_dir / "sources" / "brief.txt").write_text("数字丝绸之路合作国家共有十八个伙伴。\n", encoding="utf-8")
    ingest(cfg)
    assistant = Assistant(cfg, load_index(cfg.index_dir), HashEmbedder())
    question = "数字丝绸之路合作国家有多少个?"
    for scope, docs in (("sources", {"brief"}), ("report", {"digital-silk-road-report"})):
        answer, retrieval = assistant.ask_traced(question, scope=scope)
        assert {assistant.paragraph(h.paragraph_id).doc for h in retrieval.hits} == docs
        assert {c.paragraph.doc for c in answer.citations} <= docs
    _answer, retrieval = assistant.ask_traced(question, k=60, scope="all")
    assert {assistant.paragraph(h.paragraph_id).doc for h in retrieval.hits} == {"brief", "digital-silk-road-report"}
    assert assistant.ask(question, scope="library").refused  # nothing in the library yet
    with pytest.raises(ValueError, match="scope"):
        assistant.ask(question, scope="everything")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_path_adds_to_the_library(cfg: Settings, cjk_pdf: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    paths = ["--corpus", str(cfg.corpus_dir), "--index", str(cfg.index_dir), "--embedder", "hash-256"]
    before = report_paragraphs(cfg)
    code, out, err = run(capsys, "ingest", str(cjk_pdf), *paths)
    assert code == 0, err
    assert "added library/sea-economy.pdf" in out
    assert (cfg.corpus_dir / "library" / "sea-economy.pdf").read_bytes() == cjk_pdf.read_bytes()
    index = load_index(cfg.index_dir)
    library = [p for p in index.corpus.paragraphs if p.doc == "sea-economy"]
    assert library and index.corpus.role("sea-economy") == "library"
    assert any(p.locator == "sea-economy p.2 ¶1" and "18.6%" in p.text for p in library)
    code, out, err = run(capsys, "ask", "--json", "--scope", "library", "印度尼西亚电商交易总额是多少?", *paths)
    assert code == 0, err
    answer = json.loads(out)
    assert answer["citations"] and all(c["locator"].startswith("sea-economy p.") for c in answer["citations"])

    bad = random_bytes(tmp_path / "broken.pdf")
    code, out, err = run(capsys, "ingest", str(bad), *paths)
    assert code == EXIT_INPUT, err  # a file the user asked for was not added: the rest is still indexed
    assert f"not added {bad}: not a readable PDF" in err
    assert "index unchanged" in out
    assert not (cfg.corpus_dir / "library" / "broken.pdf").exists()
    assert report_paragraphs(cfg) == before

    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    code, _out, err = run(capsys, "ingest", str(tmp_path / "notes.docx"), *paths)
    assert code == EXIT_INPUT and "unsupported file type '.docx'" in err
    code, _out, err = run(capsys, "ingest", str(tmp_path / "missing.pdf"), *paths)
    assert code == EXIT_INPUT and "no such file" in err
    clash = tmp_path / "digital-silk-road-report.md"
    clash.write_text("# 重名\n\n内容。\n", encoding="utf-8")
    code, _out, err = run(capsys, "ingest", str(clash), *paths)
    assert code == EXIT_INPUT and "rename the file" in err


def test_cli_reports_skipped_files(cfg: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    (cfg.corpus_dir / "sources").mkdir()
    (cfg.corpus_dir / "sources" / "empty.pdf").write_bytes(b"")
    paths = ["--corpus", str(cfg.corpus_dir), "--index", str(cfg.index_dir), "--embedder", "hash-256"]
    code, out, err = run(capsys, "ingest", *paths)
    assert code == 0, err
    assert "skipped sources/empty.pdf: empty file (0 bytes)" in out
    with pytest.raises(SystemExit) as caught:
        main(["ask", "--scope", "web", "问题", *paths])
    assert caught.value.code == EXIT_INPUT
    random_bytes(cfg.corpus_dir / REPORT_NAME.replace(".txt", "-2.pdf"))
    code, _out, err = run(capsys, "ingest", *paths)
    assert code == EXIT_ENV and "cannot read PDF" in err
    assert current_generation(cfg.index_dir).is_dir()
