"""The UI's pure HTML builders: markers, citation panels, escaping, refusals, the report and sources."""

from __future__ import annotations

import re

import pytest

from assistant.question import QuestionError
from assistant.types import Answer, AnswerSentence, Citation, Paragraph, Source
from assistant.ui import handlers as h

EVIL = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def _para(pid: str = "pevil", text: str = f"前文。{EVIL}后文。", marks: tuple[int, ...] = (1,)) -> Paragraph:
    return Paragraph(id=pid, doc="report", kind="body", heading_path=("一、<b>章</b>", "(一)节"), locator="§1.1 ¶1",
                     text=text, marks=marks)


def _answer(paragraph: Paragraph, sentence: str) -> Answer:
    source = Source(id="fn1", number=1, title=f"报告{EVIL}", publisher="<i>出版方</i>", date="2024年1月")
    return Answer(question=f"问{EVIL}", text=f"{sentence}[1]", refused=False,
                  sentences=(AnswerSentence(sentence, 1, paragraph.id),),
                  citations=(Citation(1, paragraph, (source,), (sentence,)),))


def _no_raw_tags(markup: str) -> None:
    assert "<script" not in markup
    assert "<img" not in markup
    assert "<b>" not in markup and "<i>" not in markup


def test_answer_html_has_clickable_markers_carrying_paragraph_and_marker() -> None:
    para = _para(text="平台企业是组织。其他。")
    markup = h.answer_html(_answer(para, "平台企业是组织。"), answer_index=3)
    assert re.search(r'<a class="cite" href="\?p=pevil&amp;m=1&amp;a=3" data-pid="pevil" data-marker="1" '
                     r'data-answer="3">\[1\]</a>', markup)
    assert '<span class="quote">平台企业是组织。</span>' in markup
    assert "§1.1 ¶1" in markup  # the citation list under the answer


def test_all_corpus_and_user_text_is_escaped() -> None:
    para = _para()
    sentence = f"{EVIL}后文。"
    answer = _answer(para, sentence)
    for markup in (h.answer_html(answer), h.citation_panel_html(answer, 1), h.report_html([para]),
                   h.outline_html([para]), h.sources_html([("report", answer.citations[0].sources[0])], [para]),
                   h.paragraph_html(para, answer.citations[0].sources), h.chat_messages([answer])[0]["content"],
                   h.unknown_paragraph_html(EVIL), h.report_html([para], EVIL)):
        _no_raw_tags(markup)
    panel = h.citation_panel_html(answer, 1)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in panel
    assert "<mark>&lt;script&gt;" in panel  # the supporting sentence is marked, still escaped


def test_citation_panel_marks_the_supporting_sentence_and_lists_sources() -> None:
    para = _para(text="第一句。平台企业是组织。第三句。")
    panel = h.citation_panel_html(_answer(para, "平台企业是组织。"), 1)
    assert "第一句。<mark>平台企业是组织。</mark>第三句。" in panel
    assert "一、&lt;b&gt;章&lt;/b&gt; › (一)节" in panel and "§1.1 ¶1" in panel
    assert "[1]" in panel and "2024年1月" in panel and "&lt;i&gt;出版方&lt;/i&gt;" in panel
    assert "notice" in h.citation_panel_html(_answer(para, "平台企业是组织。"), 9)


def test_missing_footnote_is_labelled() -> None:
    item = h.source_item(Source(id="fn8", number=8, title="", missing=True))
    assert "[8]" in item and "footnote text missing" in item


def test_refusal_shows_see_also_links() -> None:
    see = (_para("pa1", "甲。"), _para("pa2", "乙。"))
    markup = h.answer_html(Answer("天气?", "报告中没有找到相关内容。", True, see_also=see))
    assert 'class="answer refused"' in markup and "报告中没有找到相关内容。" in markup
    assert "See also" in markup and 'data-pid="pa1"' in markup and 'data-pid="pa2"' in markup


def test_try_ask_turns_bad_input_into_a_message() -> None:
    def ask(question: str) -> Answer:
        raise QuestionError("the question is too long (2001 characters; the limit is 2000).")

    answer, problem = h.try_ask(ask, "长" * 2001)
    assert answer is None and "2000" in problem
    assert 'role="alert"' in h.notice_html(problem)


def test_filter_and_outline() -> None:
    paras = [_para("p1", "云计算平台。"), _para("p2", "跨境电商。")]
    assert [p.id for p in h.filter_paragraphs(paras, "云计算")] == ["p1"]
    assert [p.id for p in h.filter_paragraphs(paras, "  ")] == ["p1", "p2"]
    assert [p.id for p in h.filter_paragraphs(paras, "P2")] == ["p2"]  # by id, case-insensitive
    assert "1 / 2" in h.report_html(paras, "云计算")
    outline = h.outline_html(paras)
    assert outline.count("<li") == 2  # chapter and section once each


@pytest.mark.slow
def test_real_answer_panel_shows_marked_sentence_and_source(real_assistant) -> None:
    answer = real_assistant.ask("东南亚地区零售电商增速是多少?")
    markup = h.answer_html(answer)
    assert "18.6%" in markup and 'class="cite"' in markup and "[1]" in markup
    marker = next(c.marker for c in answer.citations if "18.6%" in c.paragraph.text)
    panel = h.citation_panel_html(answer, marker)
    marked = re.findall(r"<mark>(.*?)</mark>", panel)
    assert any("18.6%" in m for m in marked)
    assert "2023年东南亚数字经济报告" in panel


@pytest.mark.slow
def test_real_long_question_is_refused_with_a_message(real_assistant) -> None:
    answer, problem = h.try_ask(real_assistant.ask, "问" * 2001)
    assert answer is None and "2000" in problem


@pytest.mark.slow
def test_real_sources_list_every_footnote_with_citing_paragraphs(real_assistant) -> None:
    corpus = real_assistant.corpus
    listed = h.sources_to_list(corpus.all_sources(), corpus.paragraphs)
    assert len(listed) == len(corpus.all_sources())
    cited = [s for s in listed if s["cited_by"]]
    assert cited and all(corpus.by_id[p["id"]] for s in cited for p in s["cited_by"])
    assert "2023年东南亚数字经济报告" in h.sources_html(corpus.all_sources(), corpus.paragraphs)


def test_each_answer_has_copy_and_feedback_links_and_its_plain_text() -> None:
    para = _para(text="平台企业是组织。其他。")
    markup = h.answer_html(_answer(para, "平台企业是组织。"), answer_index=2)
    assert '<a class="answer-copy" role="button" href="?copy=2"' in markup
    assert 'href="?fb=helpful&amp;a=2"' in markup and 'href="?fb=wrong_citation&amp;a=2"' in markup
    plain = re.search(r'<pre class="copy-text" aria-hidden="true">(.*?)</pre>', markup, re.S).group(1)
    assert "平台企业是组织。[1]" in plain and "[1] §1.1 ¶1" in plain and "pevil" in plain  # answer + citations
    refusal = h.answer_html(Answer("天气?", "报告中没有找到相关内容。", True, see_also=(para,)), answer_index=0)
    assert 'class="answer-copy"' in refusal and '<span class="snippet">平台企业是组织。其他。</span>' in refusal


def test_deep_link_focus_shows_the_section_with_neighbours() -> None:
    def p(pid: str, section: str) -> Paragraph:
        return Paragraph(id=pid, doc="report", kind="body", heading_path=("一、章", section), locator=pid, text=pid)

    paras = [p("a1", "甲"), p("b1", "乙"), p("b2", "乙"), p("b3", "乙"), p("c1", "丙"), p("c2", "丙")]
    assert [x.id for x in h.focus_window(paras, "b2")] == ["b1", "b2", "b3"]  # its section
    assert [x.id for x in h.focus_window(paras, "b1")] == ["a1", "b1", "b2", "b3"]  # ... and its neighbours
    assert [x.id for x in h.focus_window(paras, "c2")] == ["c1", "c2"]
    assert h.focus_window(paras, "zz") == []
    markup = h.report_html(paras, focus="b2")
    assert markup.count('class="report-para"') == 2 and markup.count("report-focus") == 1
    assert '<div class="report-para report-focus" aria-current="true" id="r-b2">' in markup


def test_filter_terms_are_highlighted_case_insensitively() -> None:
    paras = [_para("p1", "Cloud 云计算平台, cloud。"), _para("p2", "跨境电商。")]
    markup = h.report_html(paras, "CLOUD 云计算")
    assert markup.count('<mark class="hit">') == 3 and "<mark class=\"hit\">Cloud</mark>" in markup
    assert h.highlight_terms("a<b>", ["<b"]) == 'a<mark class="hit">&lt;b</mark>&gt;'


def test_citations_of_other_documents_show_their_title_not_the_reports() -> None:
    para = _para(text="平台企业是组织。")
    source_para = Paragraph(id="s1", doc="S3", kind="body", heading_path=(), locator="S3 p.2 ¶1", text="引文。")
    answer = Answer("问", "平台企业是组织。[1]引文。[2]", False,
                    sentences=(AnswerSentence("平台企业是组织。", 1, para.id), AnswerSentence("引文。", 2, "s1")),
                    citations=(Citation(1, para, doc_title="数字丝路", role="report"),
                               Citation(2, source_para, doc_title="东南亚<报告>", role="source")))
    markup = h.answer_html(answer)
    assert markup.count('class="doc-title"') == 1 and '<span class="doc-title">东南亚&lt;报告&gt;</span>' in markup
    assert "东南亚&lt;报告&gt;" in h.citation_panel_html(answer, 2)
    assert "数字丝路" not in h.citation_panel_html(answer, 1)


def test_markers_in_source_lines_are_clickable_too() -> None:
    """The sources list is all source lines: each `[n]` opens the paragraph carrying the footnote."""
    para = _para("p1", "数据见脚注³。", (3,))
    text = "出处3:引用贝恩《2023年东南亚数字经济报告》[1]\n出处5:引用复旦…(正文中此脚注的标注已缺失)"
    answer = Answer("报告引用了哪些咨询公司的数据?", text, False, (), (Citation(1, para),),
                    notes=tuple(text.splitlines()))
    html = h.answer_html(answer)
    assert html.count('data-pid="p1"') == 2  # in the line and in the citation list
    assert "出处5" in html and "[5]" not in html
