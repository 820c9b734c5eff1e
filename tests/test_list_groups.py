"""List intros and their items, on the report and on a user's document with full-width punctuation."""

from __future__ import annotations

from pathlib import Path

from assistant.context import list_groups
from assistant.ingest import load_corpus
from assistant.types import Paragraph


def test_the_reports_three_features_are_grouped_under_their_intro(report_corpus: Path) -> None:
    paragraphs = [p for doc in load_corpus(report_corpus) for p in doc.paragraphs]
    by_id = {p.id: p for p in paragraphs}
    groups = list_groups(paragraphs)
    intros = [by_id[i] for i in groups if "三大特点" in by_id[i].text]
    assert len(intros) == 4, "each of the four models announces its three features"
    for intro in intros:
        assert [by_id[i].text[:2] for i in groups[intro.id]] == ["一是", "二是", "三是"]


def test_a_full_width_colon_announces_a_list_mid_section() -> None:
    texts = ["背景段落。", "主要措施如下：", "一是完善制度。", "二是加强监管。", "结语。"]
    paragraphs = [Paragraph(f"p{i}", "notice", "body", ("一、总则",), f"§1 ¶{i + 1}", t) for i, t in enumerate(texts)]
    assert list_groups(paragraphs).get("p1") == ("p2", "p3")
