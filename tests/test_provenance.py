"""Two-hop provenance: a citation of a footnoted report paragraph shows what the cited source's document says.

The real default embedder over the report plus a Chinese PDF made here as "source 3" (Bain's report),
whose page 2 holds the figure the report quotes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from pdfmaker import chinese_pdf

from assistant.cli import main
from assistant.config import Settings
from assistant.corpus import CorpusView
from assistant.index.embed import HashEmbedder
from assistant.ingest.registry import REGISTRY_NAME
from assistant.pipeline import Assistant
from assistant.provenance import with_provenance
from assistant.render import answer_to_dict, answer_to_text
from assistant.types import Answer, AnswerSentence, Citation, Paragraph, Source
from assistant.units import make_units

REPORT_NAME = "digital-silk-road-report.txt"
REPORT_DOC = "digital-silk-road-report"
QUESTION = "东南亚地区零售电商增速是多少?"
BAIN_PAGES = [
    ["贝恩公司:2023年东南亚数字经济报告", "本报告覆盖印度尼西亚、马来西亚、菲律宾、新加坡、泰国和越南六个国家。"],
    ["2023年东南亚数字经济继续增长,在全球零售电商市场增速排名中,东南亚地区增速达到18.6%,位居第一。",
     "数字支付的交易总额预计在2025年超过一万亿美元,电子钱包用户持续增加。"],
    ["展望未来,人工智能与云计算将推动东南亚数字经济进入新阶段。"],
]


@pytest.fixture(scope="module")
def two_hop(report_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The report, Bain's report as `sources/bain-2023.pdf`, and a registry linking footnote 3 to it."""
    corpus = tmp_path_factory.mktemp("two-hop-corpus")
    shutil.copy(report_corpus / REPORT_NAME, corpus / REPORT_NAME)
    chinese_pdf(corpus / "sources" / "bain-2023.pdf", BAIN_PAGES)
    # A hand-written registry with only the link: the first ingest completes it from the footnotes.
    (corpus / REGISTRY_NAME).write_text('[[source]]\nnumber = 3\nfile = "sources/bain-2023.pdf"\n', encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("two-hop-index"))
    return Assistant.open(settings)


def test_citation_shows_the_sources_passage_with_its_page(two_hop: Assistant) -> None:
    answer = two_hop.ask(QUESTION)
    assert not answer.refused and "18.6%" in answer.text
    cited = [c for c in answer.citations if c.paragraph.doc == REPORT_DOC and 3 in c.paragraph.marks]
    assert cited, answer_to_text(answer)
    (passage,) = cited[0].source_passages
    assert passage.source == "fn3" and passage.doc == "S3" and passage.page == 2
    assert passage.locator.startswith("S3 p.2 ¶")
    assert "18.6%" in passage.text
    assert two_hop.paragraph(passage.paragraph_id).page == 2
    assert "source [3] says (S3 p.2" in answer_to_text(answer)
    registry = (two_hop.settings.corpus_dir / REGISTRY_NAME).read_text(encoding="utf-8")
    assert registry.count("\n[[source]]\n") == 19 and 'file = "sources/bain-2023.pdf"' in registry


def test_ask_json_adds_source_passages(two_hop: Assistant, capsys: pytest.CaptureFixture[str]) -> None:
    settings = two_hop.settings
    code = main(["ask", "--json", QUESTION, "数字丝绸之路合作国家有多少个?",
                 "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)])
    out, err = capsys.readouterr()
    assert code == 0, err
    growth, count = (json.loads(line) for line in out.splitlines())
    backed = [c for c in growth["citations"] if "source_passages" in c]
    assert backed
    (passage,) = backed[0]["source_passages"]
    assert set(passage) == {"source", "locator", "text"}
    assert passage["source"] == "fn3" and "p.2" in passage["locator"] and "18.6%" in passage["text"]
    assert {"marker", "id", "locator", "section", "text", "sources"} <= set(backed[0])
    # A paragraph whose sources have no document keeps the old contract exactly.
    assert count["citations"] and all("source_passages" not in c for c in count["citations"])


def test_scope_report_still_gets_provenance(two_hop: Assistant) -> None:
    answer = two_hop.ask(QUESTION, scope="report")
    assert all(c.paragraph.doc == REPORT_DOC for c in answer.citations)
    assert any(p.page == 2 for c in answer.citations for p in c.source_passages)


# --- unit: matching, threshold, no links ----------------------------------------------------------------


def _view(source_texts: list[str]) -> tuple[CorpusView, Paragraph]:
    report = Paragraph("prep", "report", "body", ("一、章",), "§1 ¶1", "东南亚地区增速达18.6%,位居第一³。", (3,))
    sources = [Paragraph(f"ps{i}", "S3", "body", (), f"S3 p.{i + 1} ¶1", text, page=i + 1)
               for i, text in enumerate(source_texts)]
    paragraphs = [report, *sources]
    units = make_units(paragraphs)
    vectors = HashEmbedder().embed([u.text for u in units])
    view = CorpusView(paragraphs, [("report", Source("fn3", 3, "报告"))], units, vectors, {}, {},
                      roles={"report": "report", "S3": "source"}, links={("report", 3): "S3"})
    return view, report


def _answer(paragraph: Paragraph) -> Answer:
    sentence = paragraph.text
    return Answer("问", f"{sentence}[1]", False, (AnswerSentence(sentence, 1, paragraph.id),),
                  (Citation(1, paragraph, (), (sentence,)),))


def test_best_match_and_threshold() -> None:
    view, report = _view(["人工智能推动新阶段。", "东南亚零售电商增速18.6%,全球第一。", "物流网络覆盖岛屿。"])
    (passage,) = with_provenance(_answer(report), view).citations[0].source_passages
    assert (passage.paragraph_id, passage.locator, passage.page) == ("ps1", "S3 p.2 ¶1", 2)
    assert answer_to_dict(with_provenance(_answer(report), view))["citations"][0]["source_passages"] == [
        {"source": "fn3", "locator": "S3 p.2 ¶1", "text": "东南亚零售电商增速18.6%,全球第一。"}]
    unrelated, report = _view(["完全无关的内容。", "天气晴朗。"])
    assert with_provenance(_answer(report), unrelated).citations[0].source_passages == ()


def test_no_links_no_passages() -> None:
    view, report = _view(["东南亚零售电商增速18.6%。"])
    view.links.clear()
    answer = _answer(report)
    assert with_provenance(answer, view) == answer
    assert "source_passages" not in answer_to_dict(answer)["citations"][0]
    assert np.isfinite(view.vectors).all()


def test_citation_panel_shows_the_passage() -> None:
    from assistant.ui import handlers as h

    view, report = _view(["东南亚零售电商<b>增速</b>18.6%,全球第一。"])
    answer = with_provenance(_answer(report), view)
    panel = h.citation_panel_html(answer, 1)
    assert "来源原文 What the source says" in panel and "S3 p.1 ¶1" in panel
    assert 'data-pid="ps0"' in panel and "&lt;b&gt;增速&lt;/b&gt;" in panel
    assert "来源原文" not in h.citation_panel_html(_answer(report), 1)
