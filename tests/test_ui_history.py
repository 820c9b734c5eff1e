"""Conversations kept in the browser: answers round-trip through JSON, the store's operations, Markdown export."""

from __future__ import annotations

import json

import pytest

from assistant.types import Answer, AnswerSentence, Citation, Conflict, Paragraph, Source, SourcePassage
from assistant.ui import handlers as h
from assistant.ui import history as hist


def _answer(question: str = "东南亚增速是多少?") -> Answer:
    para = Paragraph(id="p1", doc="report", kind="body", heading_path=("一、章", "(二)节"), locator="§1.2 ¶3",
                     text="前文。东南亚地区增速达18.6%,位居第一。后文。", marks=(3,), order=7, page=2)
    source = Source(id="fn3", number=3, title="2023年东南亚数字经济报告", publisher="贝恩",
                    text="引用贝恩《2023年东南亚数字经济报告》")
    passage = SourcePassage(source="fn3", number=3, doc="S3", paragraph_id="s3p1", locator="S3 p.2 ¶1",
                            text="SEA grew 18.6%.", page=2, score=0.8)
    quote = "东南亚地区增速达18.6%,位居第一。"
    note = "两份文件的数字不同 [1][2]。"
    other = Paragraph(id="s3p1", doc="S3", kind="body", heading_path=(), locator="S3 p.2 ¶1", text="SEA grew 18.6%.")
    return Answer(question=question, text=f"{quote}[1]\n{note}", refused=False,
                  sentences=(AnswerSentence(quote, 1, "p1"),),
                  citations=(Citation(1, para, (source,), (quote,), (passage,), doc_title="数字丝路", role="report"),
                             Citation(2, other, doc_title="2023年东南亚数字经济报告", role="source")),
                  conflicts=(Conflict((1, 2), ("数字丝路", "2023年东南亚数字经济报告"), ("18.6%", "18%")),),
                  notes=(note,), latency_ms=3.2, debug={"scores": [0.1]})


def test_an_answer_survives_a_json_round_trip() -> None:
    answer = _answer()
    record = json.loads(json.dumps(hist.answer_record(answer)))  # what localStorage holds
    assert "debug" not in record
    back = hist.answer_from_record(record)
    assert back == answer  # debug is not compared
    assert h.citation_panel_html(back, 1) == h.citation_panel_html(answer, 1)


def test_a_record_with_unknown_or_missing_parts_reads_or_is_skipped() -> None:
    record = hist.answer_record(_answer())
    record["citations"][0]["future"] = {"x": 1}  # a newer answer's extra field: ignored, not fatal
    record["future_field"] = 1
    record["latency_ms"] = [1]  # a nested value where a plain one belongs: the default is kept
    assert hist.answer_from_record(record).citations[0].paragraph.id == "p1"
    conversation = {"id": "c", "answers": [record, {"question": "坏"}, "not a record"]}
    assert [a.question for a in hist.answers_of(conversation)] == ["东南亚增速是多少?"]


@pytest.mark.parametrize("garbage", [None, "x", [], {"conversations": "x"}, {"conversations": [{"id": 3}]}])
def test_a_damaged_store_becomes_a_fresh_one(garbage: object) -> None:
    store = hist.normalize(garbage)
    assert store == hist.empty_store()
    assert hist.current_conversation(store)["answers"] == []


def test_new_conversation_list_and_switch() -> None:
    store = hist.with_answer(hist.empty_store(), _answer("第一问"))
    first = store["current"]
    assert hist.with_new_conversation(hist.empty_store()) == hist.empty_store()  # an empty one is reused
    store = hist.with_new_conversation(store, now=1.0)
    assert store["current"] != first and hist.current_conversation(store)["answers"] == []
    store = hist.with_answer(store, _answer("第二问"))
    labels = [label for label, _ in hist.conversation_choices(store)]
    assert labels == ["第二问 (1)", "第一问 (1)"]  # newest first, titled by the first question
    store = hist.with_current(store, first)
    assert [a.question for a in hist.answers_of(hist.current_conversation(store))] == ["第一问"]
    assert hist.with_current(store, "nope")["current"] == first


def test_caps_keep_the_store_small() -> None:
    store = hist.empty_store()
    for i in range(hist.MAX_ANSWERS + 5):
        store = hist.with_answer(store, _answer(f"问{i}"))
    assert len(hist.current_conversation(store)["answers"]) == hist.MAX_ANSWERS
    for i in range(hist.MAX_CONVERSATIONS + 3):
        store = hist.with_answer(hist.with_new_conversation(store, now=float(i)), _answer(f"对话{i}"))
    assert len(store["conversations"]) == hist.MAX_CONVERSATIONS


def test_the_store_stays_under_its_size_budget_dropping_the_oldest_first() -> None:
    one = hist.store_bytes([{"id": "x", "answers": [hist.answer_record(_answer())]}])
    budget = one * 4  # room for four of the five answers below
    store = hist.empty_store()
    for i in range(4):
        store = hist.with_answer(hist.with_new_conversation(store, now=float(i)), _answer(f"对话{i}"), budget)
    store = hist.with_answer(store, _answer("再问"), budget)
    assert hist.store_bytes(store["conversations"]) <= budget
    assert [hist.title_of(c) for c in store["conversations"]][-1] == "对话3"  # the current one is kept
    assert "对话0" not in [hist.title_of(c) for c in store["conversations"]]  # the oldest went first
    for i in range(6):
        store = hist.with_answer(store, _answer(f"又问{i}"), one * 3)
    current = hist.current_conversation(store)["answers"]
    assert len(store["conversations"]) == 1 and current[-1]["question"] == "又问5" and len(current) <= 3


def test_markdown_export_carries_the_citations() -> None:
    markdown = hist.conversation_markdown([_answer(), _answer("再问")], "东南亚增速")
    assert markdown.startswith("# 东南亚增速\n")
    assert "## 1. 东南亚增速是多少?" in markdown and "## 2. 再问" in markdown
    assert "[1] §1.2 ¶3 (二)节 (`p1`)" in markdown  # the report is not named
    assert "[2] 2023年东南亚数字经济报告 S3 p.2 ¶1 (`s3p1`)" in markdown  # another document is
    assert "两份文件的数字不同 [1][2]。" in markdown
    assert "> 东南亚地区增速达18.6%,位居第一。" in markdown
    assert "来源 Source [3] 引用贝恩《2023年东南亚数字经济报告》" in markdown
    refusal = Answer("天气?", "报告中没有找到相关内容。", True, see_also=(_answer().citations[0].paragraph,))
    assert "前文。东南亚地区增速达18.6%" in hist.answer_markdown(refusal)  # see-also with a snippet
