"""Answers that follow the report's parts: whole short paragraphs, lists with their content, the footnotes
as a list of sources, and questions that point at a chapter or the preface. Real report, real embedder."""

from __future__ import annotations

import pytest

from assistant.answer.footnotes import UNPLACED
from assistant.answer.parts import in_part
from assistant.answer.sections import section_reference
from tests.test_answers import answer_carrying, assert_extractive, cited_ids, paragraph_with

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("亚马逊在第二章是啥案例", "§2"),
        ("第四章第一节讲了啥", "§4.1"),
        ("2.2节说了什么", "§2.2"),
        ("In chapter 3, what are the trends?", "§3"),
        ("What does the second chapter say about Amazon?", "§2"),
        ("section 4.3: how is fintech embedded?", "§4.3"),
        ("According to the preface, why do platforms matter?", "前言"),
        ("前言里怎么说的", "前言"),
        ("TL;DR ch.4, 3 bullets max", "§4"),  # the analyst's abbreviations
        ("ch3 in 3 bullets", "§3"),
        ("sec 4.2: Cainiao's moat?", "§4.2"),
        ("菜鸟在东南亚咋做的", ""),
        ("平台企业怎么定义的?我要用在我的论文第一章", ""),  # the asker's own chapter, not the report's
        ("for chapter 2 of my thesis, what does chapter 3 say?", "§3"),
        ("我PPT第二部分要用,报告第四章有哪些模式", "§4"),
        ("我想问第三章讲了什么", "§3"),
        ("出海会踩些啥子坑?报告后头好像讲了", "§last"),  # the back of the report: its last chapter
        ("2024年数字经济核心产业增加值占比多少", ""),
    ],
)
def test_section_reference(question: str, part: str) -> None:
    assert section_reference(question) == part


def test_in_part_does_not_confuse_chapter_two_with_twenty(real_assistant) -> None:
    paragraphs = real_assistant.corpus.report_paragraphs()
    assert all(p.locator.startswith("§2") for p in paragraphs if in_part(p, "§2"))
    assert {p.locator for p in paragraphs if in_part(p, "§2")} >= {"§2.1 ¶1", "§2.2 ¶4"}
    assert not [p for p in paragraphs if in_part(p, "§2") and p.locator.startswith("§2") and p.locator[2:3].isdigit()]


def test_a_question_about_a_chapter_is_answered_from_it(real_assistant) -> None:
    answer = real_assistant.ask("亚马逊在第二章是啥案例")
    assert not answer.refused
    assert all(c.paragraph.locator.startswith("§2.") for c in answer.citations), cited_ids(answer)
    assert "190余个国家和地区" in answer.text
    assert_extractive(answer)


def test_a_question_about_the_preface_is_answered_from_it(real_assistant) -> None:
    answer = real_assistant.ask("According to the preface, why do platform companies matter for the digital economy?")
    assert not answer.refused
    assert answer.citations[0].paragraph.locator.startswith("前言")
    assert "关键组织者和创新引擎" in answer.text
    assert_extractive(answer)


def test_an_open_question_gets_its_whole_short_paragraph(real_assistant) -> None:
    """The Cainiao example runs over four sentences; the last (Alipay+) was cut off by a fixed window."""
    answer = real_assistant.ask("菜鸟在东南亚是咋做本土化的?")
    assert not answer.refused
    for fact in ("eWTPHub", "最后一公里", "缩短2天", "Alipay+"):
        assert fact in answer.text, fact
    assert len(answer.citations) == 1
    assert_extractive(answer)


def test_a_list_in_one_paragraph_is_quoted_with_its_content(real_assistant) -> None:
    answer = real_assistant.ask("对政府有哪些建议")
    assert not answer.refused
    government = paragraph_with(real_assistant, "设立数字合作创新试验区")
    assert cited_ids(answer) == [government]
    for item in ("推动跨境规则衔接与互认机制建设", "设立数字合作创新试验区", "数字治理能力建设", "监管沙盒"):
        assert item in answer.text, item
    assert_extractive(answer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("报告引用了哪些咨询公司的数据?", "贝恩"),
        ("有没有引用新闻媒体的报道?", "新华网"),
        ("报告引用了哪些政府机构的报告?", "国家数据局"),
        ("What sources does the report cite?", "国务院"),
    ],
)
def test_questions_about_the_sources_list_the_footnotes(real_assistant, question: str, expected: str) -> None:
    answer = real_assistant.ask(question)
    assert not answer.refused
    lines = answer.text.splitlines()
    assert len(lines) == 17, "every footnote whose text survives (17 of 19: texts 8 and 16 are lost)"
    assert any(expected in line for line in lines)
    assert all(line.startswith("Source " if answer.lang == "en" else "出处") for line in lines)
    unplaced = [line for line in lines if line.endswith(UNPLACED[answer.lang])]
    texts = {s.text for s in real_assistant.corpus.sources.values()}
    assert len(unplaced) == 3 and all(any(t and t in line for t in texts) for line in unplaced), unplaced
    sea = paragraph_with(real_assistant, "18.6%")
    assert sea in cited_ids(answer), "the paragraph carrying footnote 3 (Bain) is cited"
    assert_extractive(answer)


def test_a_figure_source_question_in_colloquial_chinese_gives_its_footnote(real_assistant) -> None:
    answer = real_assistant.ask("中国数字经济规模那个数是从哪来的?")
    assert not answer.refused
    assert "国家数据局" in answer.text and "数字中国发展报告" in answer.text
    assert_extractive(answer)


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("What are the recommendations for companies?", "2.企业层面"),
        ("对企业有哪些建议?", "2.企业层面"),
    ],
)
def test_report_vocabulary_finds_the_section(real_assistant, question: str, heading: str) -> None:
    """建议 and "recommendations" find the section headed 行动倡议: the report says 倡议, readers say 建议."""
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert any(c.paragraph.heading_path[-1:] == (heading,) for c in answer.citations), cited_ids(answer)


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("金融科技那节提到哪些国家", "§4.3"),
        ("华为在平台企业角色那部分是当啥例子讲的?", "§2.2"),
        ("数字文娱那部分讲了啥", "§4.4"),
        ("行动倡议那节对企业说了什么", "§5.2"),
        ("这部分讲了啥", ""),
        ("文娱那节主要讲的什么", "§4.4"),  # two characters, in one heading only
        ("治理那节", "§3.3"),
        ("平台那部分", ""),  # in every heading
        ("亚马逊FBA履约链条的核心环节有哪些?", ""),  # 环节 is a word, not a part
    ],
)
def test_a_part_named_by_its_heading(real_assistant, question: str, part: str) -> None:
    from assistant.answer.sections import named_part

    assert named_part(question, real_assistant.corpus.part_headings) == part


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("what does the part on fintech say", "§4.3"),  # fintech -> 金融科技 through the name table
        ("Summarise the section about cloud computing", "§4.1"),
        ("支付金融这块的机遇有具体数据没", ""),  # "这块" is a topic, not a part
    ],
)
def test_a_part_named_in_english(real_assistant, question: str, part: str) -> None:
    from assistant.answer.sections import named_part

    assert named_part(question, real_assistant.corpus.part_headings, real_assistant.names) == part


def test_a_list_announced_by_the_quote_follows_it(real_assistant) -> None:
    """"…有三大特点:" is never left hanging (the issue's "三大特点" answer printed nothing after the colon)."""
    answer = real_assistant.ask("全链路数字化的贸易生态咋理解?")
    assert not answer.refused
    assert not answer.text.splitlines()[0].rstrip().endswith(("[1]", ":[1]")) or len(answer.citations) > 1
    for item in ("本地化供应链重构", "全链路智能协同", "社交化生态网络嵌套"):
        assert item in answer.text, item
    assert_extractive(answer)


@pytest.mark.parametrize("question", [
    "数字丝路的三大特点是什么?", "金融科技平台咋嵌入当地金融体系的?", "云服务模式有啥特点",
])
def test_no_intro_is_left_hanging(real_assistant, question: str) -> None:
    answer = real_assistant.ask(question)
    sentences = answer.sentences
    for position, sentence in enumerate(sentences):
        if sentence.text.rstrip().endswith((":", "\uff1a")):
            following = sentences[position + 1 :]
            assert following, f"{sentence.text!r} ends the answer: {answer.text}"


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("第四章第一节讲了啥", True),
        ("4.2节主要内容", True),
        ("请问报告第2章讲了什么内容?", True),
        ("概括一下第三章", True),
        ("What does section 4.1 say?", True),
        ("Can you summarize the preface?", True),
        ("金融科技那节讲了啥", True),
        ("第二章整体是讲啥的?", True),
        ("第五章总体讲了些什么,一段话概括", True),
        ("第四章一句话概括", True),
        ("Summarise the section on digital entertainment platforms in 3 bullets", True),
        ("第三章讲了啥,用三句话", True),
        # One thing within the part, not the part as a whole.
        ("前言里讲的研究框架是啥,几章分别讲什么", False),
        ("第五章主要讲了哪些建议", False),
        ("第三章讲了哪些趋势", False),
        ("第二章里亚马逊是啥案例", False),
    ],
)
def test_asks_overview(question: str, overview: bool) -> None:
    from assistant.answer.sections import asks_overview

    assert asks_overview(question) is overview


@pytest.mark.parametrize(
    ("question", "outline"),
    [
        # was refused: the question's words match nothing in the part; now its opening, then each point's lead
        ("第四章第一节讲了啥", ["§4.1 ¶1", "§4.1 ¶2", "§4.1 ¶3", "§4.1 ¶4", "§4.1 ¶5"]),
        ("4.2节主要内容", ["§4.2 ¶1", "§4.2 ¶2", "§4.2 ¶3", "§4.2 ¶4", "§4.2 ¶5"]),  # "4.2" was read as a name
        ("What does section 4.1 say?", ["§4.1 ¶1", "§4.1 ¶2", "§4.1 ¶3", "§4.1 ¶4", "§4.1 ¶5"]),
        ("一(一)那节说了什么", ["§1.1 ¶1", "§1.1 ¶2", "§1.1 ¶3", "§1.1 ¶4"]),  # the report's own numbering
        # a chapter: its opening, then one line per section
        ("第三章讲什么", ["§3 ¶1", "§3.1 ¶1", "§3.2 ¶1", "§3.3 ¶1"]),
        ("第四章讲了啥", ["§4 ¶1", "§4.1 ¶2", "§4.2 ¶1", "§4.3 ¶3", "§4.4 ¶3"]),
        ("What's chapter 2 about, in a couple sentences?", ["§2.1 ¶1", "§2.2 ¶1"]),
    ],
)
def test_what_a_part_says_is_its_opening_and_outline(real_assistant, question: str, outline: list[str]) -> None:
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert [c.paragraph.locator for c in answer.citations] == outline
    assert_extractive(answer)


def test_a_chapter_outline_states_each_section_by_its_heading(real_assistant) -> None:
    """Chapter 4's sections are its four modes: the overview names each one, as its headings do."""
    answer = real_assistant.ask("give me a quick summary of chapter 4")
    for mode in ("保障数字主权的云服务模式", "全链路数字化的贸易生态模式", "本地化嵌入模式", "文化与科技共生模式"):
        assert mode in answer.text
    sub_points = real_assistant.ask("第三章第二节讲的啥").text
    assert all(point in sub_points for point in ("组织形态更稳定", "利益分配更均衡", "生态构建更系统"))


def test_a_part_opening_that_announces_a_list_is_followed_by_it(real_assistant) -> None:
    answer = real_assistant.ask("第三章讲了啥")
    assert "三大趋势" in answer.text and "标准塑造" in answer.text


def test_a_quoted_term_is_answered_where_the_report_uses_it(real_assistant) -> None:
    """"价值共生" is the report's word (a heading of §3.2): the platform-company definition does not answer it."""
    answer = real_assistant.ask('报告里的"价值共生"具体指什么意思')
    assert not answer.refused
    assert all(c.paragraph.locator.startswith("§3.2") for c in answer.citations), [c.paragraph.locator
                                                                                 for c in answer.citations]


def test_a_counted_list_with_a_modifier_is_a_list_question() -> None:
    from assistant.answer.analysis import QuestionKind, classify

    assert classify("共建共享的三大新趋势分别是啥") is QuestionKind.LIST
    assert classify("DEPA在报告的未来展望和行动倡议中分别是怎么提到的?") is not QuestionKind.LIST


def test_a_list_written_across_paragraphs_quotes_each_paragraphs_lead(real_assistant) -> None:
    """§1.1's drivers are three paragraphs, each opening with its point: a list question quotes all three."""
    answer = real_assistant.ask("数字丝路背后的驱动因素有哪些")
    assert [c.paragraph.locator for c in answer.citations] == ["§1.1 ¶2", "§1.1 ¶3", "§1.1 ¶4"]
    assert all(lead in answer.text for lead in ("区域紧密合作牵引", "经济与技术环境驱动", "国家内生需求支撑"))
    # a detail inside one of those paragraphs is still answered by its own sentence, not by the list of drivers
    # (a further paragraph close in score may follow it: 东南亚's growth ranking)
    detail = real_assistant.ask("一带一路沿线国家中哪些地区的数字经济最为领先?")
    assert "东亚和太平洋" in detail.text and "区域紧密合作牵引" not in detail.text
    assert detail.citations[0].paragraph.locator == "§1.1 ¶4"


@pytest.mark.parametrize(("question", "facts"), [
    ("金融科技那块 信也科技是在哪几个国家做业务的?", ("信也科技", "印尼")),
    ("菜鸟接入Alipay+后连接了哪些市场的电子钱包?", ("GCash", "TrueMoney")),
])
def test_a_list_question_about_a_named_thing_quotes_the_sentence_naming_it(real_assistant, question, facts) -> None:
    """The paragraph is an item of a list whose leads never name 信也科技 (or 菜鸟): the leads are not the answer."""
    answer = real_assistant.ask(question)
    assert not answer.refused and all(fact in answer.text for fact in facts), answer.text
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "named"), [
    ("报告有没有提到中国电信?", "中国电信推出国际车联网连接管理平台"),  # not the cover, where the publisher's name is
    ("Does the report mention Amazon at all?", "亚马逊拥有庞大且成熟的物流体系FBA"),
    # counting the mentions is asking where they are
    ("亚马逊在报告里出现了几次?", "Amazon汇聚全球190余个国家和地区的供应商"),
    ("How many times does the report mention Amazon?", "亚马逊拥有庞大且成熟的物流体系FBA"),
    # two things: where the report names them together, not each apart
    ("报告有没有提到TikTok在马来西亚的情况?", "获得马来西亚通信监管机构颁发的运营许可证"),
    # a region by its members: the Gulf states the report names
    ("Which GCC markets does the report reference, and in what contexts?", "沙特阿拉伯"),
])
def test_a_mention_question_quotes_where_the_report_names_it(real_assistant, question, named) -> None:
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert named in answer.text.replace(" ", "")
    assert all(c.paragraph.kind != "front" for c in answer.citations)
    assert_extractive(answer)


def test_a_why_question_about_causes_written_across_paragraphs_gets_them_all(real_assistant) -> None:
    answer = real_assistant.ask("what's driving the Digital Silk Road?")
    assert [c.paragraph.locator for c in answer.citations] == ["§1.1 ¶2", "§1.1 ¶3", "§1.1 ¶4"]


@pytest.mark.parametrize(("question", "introduced"), [
    # the sentence introducing the mode, not the later one announcing its three features (which follow it)
    ("规则驱动的文化与科技共生模式咋理解", "以规则共建共治破解跨国法律与文化冲突"),
    ('报告里的"价值共生"具体指什么意思', "共建繁荣开放生态为特征的"),
    ("全链路数字化的贸易生态咋理解?", "全链路数字化的贸易生态模式以数据为纽带"),
])
def test_a_term_a_part_is_named_after_is_explained_where_the_part_introduces_it(real_assistant, question, introduced):
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert introduced in answer.text.replace(" ", "")
    assert_extractive(answer)


def test_asking_whether_the_report_gives_the_figure_is_part_of_the_question() -> None:
    from assistant.question import question_parts

    assert question_parts("东南亚电商现在盘子多大?报告里给数没") == ["东南亚电商现在盘子多大?报告里给数没"]
    forecast = "东南亚数字经济规模有多大?报告里有没有给个预测数"
    assert question_parts(forecast) == [forecast]
    # the same check worded otherwise, and where to cite the answer
    for question in ("华为云在泰国一年收入是多少?报告有写具体的数字吗?", "中俄跨境电商一年多少钱?报告里有这个数字吗?",
                     "网传“海外营收已超3万亿元”,报告里能查到这个数吗?给出所在页。"):
        assert question_parts(question) == [question]
    assert question_parts("华为做了啥?菜鸟做了啥?") == ["华为做了啥?", "菜鸟做了啥?"]


def test_a_figure_the_report_lacks_is_refused_when_the_asker_checks_whether_it_is_there(real_assistant) -> None:
    """"…一年收入是多少?报告有写具体的数字吗?": the check-back is not a question of its own to answer with anything."""
    assert real_assistant.ask("华为云在泰国一年收入是多少?报告有写具体的数字吗?").refused


@pytest.mark.parametrize(("question", "facts", "paragraphs"), [
    # the report tells Huawei's African cases in §3.1 (South Africa) and §4.1 (Ethiopia's EM2.0)
    ("华为在非洲做了哪些数字基础设施合作?", ("超算中心", "EM2.0"), 2),
    ("报告里越南有哪些数字化项目?", ("国家信息通讯基础设施", "智能分拨中心"), 2),
    ("Which projects in Vietnam does the report list?", ("国家信息通讯基础设施", "智能分拨中心"), 2),
])
def test_a_list_question_about_a_named_thing_quotes_it_from_each_paragraph_found(
        real_assistant, question, facts, paragraphs) -> None:
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert all(fact in answer.text for fact in facts)
    assert len(cited_ids(answer)) >= paragraphs
    assert_extractive(answer)


_ADVICE_HEADINGS = {"五、未来展望与行动倡议": "§5", "(一)未来展望": "§5.1", "(二)行动倡议": "§5.2",
                    "1.政府层面": "§5.2.1", "2.企业层面": "§5.2.2", "3.国际组织与智库": "§5.2.3",
                    "(一)平台企业的内涵": "§2.1"}


@pytest.mark.parametrize(("question", "part"), [
    ("给企业的建议有哪几条", "§5.2.2"),
    ("报告对各国政府提出了哪些政策建议?", "§5.2.1"),
    ("对智库有什么倡议", "§5.2.3"),
    ("企业方面的建议", "§5.2.2"),
    ("What does the report recommend to governments?", "§5.2.1"),
    ("各国政府对数字主权有什么举措", ""),  # the governments act; no advice is asked for them
    ("政府层面和企业层面的建议分别是什么", ""),  # two addressees: no one part
    ("平台企业的内涵是什么", ""),
])
def test_advice_is_asked_by_whom_it_addresses(real_assistant, question: str, part: str) -> None:
    from assistant.answer.addressees import addressed_part

    assert addressed_part(question, _ADVICE_HEADINGS, real_assistant.names) == part


def test_advice_for_companies_quotes_the_companies_part(real_assistant) -> None:
    """"企业" alone matches half the report ("平台企业"); the recommendations addressed to companies answer."""
    answer = answer_carrying(real_assistant, "给企业的建议有哪几条", "开源开放策略", "绿色发展模式")
    assert all(c.paragraph.locator.startswith("§5.2.2") for c in answer.citations)
    assert_extractive(answer)


def test_how_a_part_is_divided_is_answered_by_its_sub_parts_headings(real_assistant) -> None:
    """"分几个层面": §5.2's three parts are named only by their headings (1.政府层面…), which close the outline."""
    answer = answer_carrying(real_assistant, "行动倡议分几个层面?分别针对谁?", "标题:1.政府层面", "2.企业层面",
                             "3.国际组织与智库")
    assert all(c.paragraph.locator.startswith("§5.2.") for c in answer.citations)
    assert_extractive(answer)
    # a part named by its whole title, without "那部分", is asked about as a whole
    answer_carrying(real_assistant, "行动倡议主要讲了啥", "1.政府层面", "推动跨境规则衔接与互认机制建设")
    chapter = answer_carrying(real_assistant, "第四章分几节?", "(一)云计算平台企业:保障数字主权的云服务模式")
    assert len(chapter.citations) == 5  # the headings share the citations of their sections' quotes


def test_the_last_chapter_is_the_reports_last(real_assistant) -> None:
    answer = answer_carrying(real_assistant, "What's the final chapter about, in two sentences?", "地缘政治张力上升")
    assert all(c.paragraph.locator.startswith("§5") for c in answer.citations)


def test_a_counted_list_of_a_parts_sub_parts_names_their_headings(real_assistant) -> None:
    """Chapter 4's opening calls one kind 电子商务平台, its heading 跨境电商平台企业: the four headings list them."""
    answer = answer_carrying(real_assistant, "list the four types of platform enterprises in ch.4", "电子商务平台",
                             "Heading: (二)跨境电商平台企业")
    assert_extractive(answer)


@pytest.mark.parametrize("question", [
    "报告最后一章开头讲平台企业在国外发展碰到了哪些难处?请分条写,每条一行。",
    "What does the opening of chapter 5 say about the obstacles platforms face abroad?",
])
def test_the_opening_of_a_chapter_is_its_own_paragraphs(real_assistant, question: str) -> None:
    """"最后一章开头": the challenges of §5's opening, not the outlook of §5.1 that follows it (the asker's 难处
    is not the report's 挑战, so the words alone found §5.1)."""
    answer = answer_carrying(real_assistant, question, "地缘政治")
    assert {c.paragraph.locator.split(" ")[0] for c in answer.citations} == {"§5"}
    assert_extractive(answer)


def test_in_part_reads_an_opening_prefix(real_assistant) -> None:
    from assistant.answer.parts import OPENING
    from assistant.answer.sections import asked_part

    corpus = real_assistant.index.corpus
    opening = [p for p in corpus.report_paragraphs() if in_part(p, "§5" + OPENING)]
    assert opening and all(p.locator.startswith("§5 ¶") for p in opening)
    assert asked_part("§5", "第五章开头讲了哪些挑战", corpus.part_headings, real_assistant.names) == "§5" + OPENING
    assert asked_part("§5", "第五章讲了哪些挑战", corpus.part_headings, real_assistant.names) == "§5"


def test_from_which_body_the_data_came_is_a_source_question(real_assistant) -> None:
    """"那些数据是从哪个机构的报告里来的": where the figures come from, said by their footnote (贝恩), not a company
    named near 东南亚; "简报引用时署名…" is how the asker will cite, not a question about sources."""
    from assistant.answer.analysis import QuestionKind, classify

    answer = answer_carrying(real_assistant, "报告里东南亚网上购物那些数据是从哪个机构的报告里来的", "贝恩")
    assert_extractive(answer)
    assert classify("这份报告的发布单位是哪家?简报引用时署名需写全称。") is not QuestionKind.SOURCE


def test_notes_called_zhushi_are_the_footnotes(real_assistant) -> None:
    """"报告里一共有几个注释?": 注释 is what a screen reader user calls the footnotes; the answer lists them (the
    count is the reader's to make), instead of refusing for want of a figure."""
    answer = real_assistant.ask("我读屏的时候听到很多上标数字,应该是注释吧,报告里一共有几个注释?")
    assert not answer.refused and "贝恩" in answer.text and "国家数据局" in answer.text


@pytest.mark.parametrize("question", [
    "digital silk road report china telecom how many chapters",
    "how many chapters",
    "能不能按顺序读一下报告的目录?只要一级标题,数字请用阿拉伯数字念",
])
def test_how_the_report_is_laid_out_is_answered_by_its_chapters(real_assistant, question: str) -> None:
    """"how many chapters" asks about the report itself, in English as 几章 does in Chinese; "用阿拉伯数字念" says
    how to read the numbers (阿拉伯 is no place asked about)."""
    answer = answer_carrying(real_assistant, question, "未来展望与行动倡议")
    assert "数字丝路的发展机遇" in answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("TikTok跟GoTo那个case,报告是放在讲数字治理那部分的吧?我们想拿来讲合规打法", "Tokopedia"),
    ("我记得报告把华为和埃塞俄比亚电信的合作放在讲数字治理的那一节里,对吧?那个合作具体讲了啥?", "TeleBirr"),
])
def test_a_premise_placing_a_case_in_the_wrong_part_is_answered_where_the_case_is(real_assistant, question, fact):
    """The governance part names neither GoTo nor 埃塞俄比亚电信: the premise placed them wrongly, and the case is
    quoted from where the report tells it, not the governance part's best-matching sentence."""
    answer = answer_carrying(real_assistant, question, fact)
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "note"), [
    ("TikTok跟GoTo那个case,报告是放在讲数字治理那部分的吧?我们想拿来讲合规打法", "注:报告是在§3.2讲的,不在§3.3"),
    ("I understood the Huawei and Ethio Telecom story is told in chapter 5, correct?",
     "Note: the report tells this in §3.1"),
])
def test_a_premise_placing_a_case_in_the_wrong_part_is_told_where_the_report_has_it(real_assistant, question, note):
    """The citation's locator alone leaves the reader to spot that the premise was wrong: a note says so (the
    assistant's own words: no claim for the checker, no quote to find in a paragraph)."""
    from assistant.review.claims import split_claims

    answer = real_assistant.ask(question)
    assert not answer.refused
    assert any(line.startswith(note) for line in answer.notes) and note in answer.text
    assert_extractive(answer)
    assert not any(note[:8] in claim.text for claim in split_claims(answer.text))


def test_a_premise_placing_a_case_in_the_right_part_gets_no_note(real_assistant) -> None:
    """Only a wrong premise is corrected: the TikTok–GoTo case is in the localisation part (§3.2)."""
    answer = answer_carrying(real_assistant, "TikTok跟GoTo那个case,报告是放在讲本土化那部分的吧?", "Tokopedia")
    assert not any(line.startswith("注:报告是在") for line in answer.notes)


def test_a_paragraphs_lead_is_quoted_before_its_later_sentences(real_assistant) -> None:
    """"第五章开头讲了哪些挑战?": the list sentence ("然而…一是…") and its items are quoted with the paragraph's
    lead, which comes first, as in the report (it was quoted after the list's opening)."""
    answer = real_assistant.ask("第五章开头讲了哪些挑战?")
    text = answer.text
    assert not answer.refused and text.index("在全球数字化版图重塑的进程中") < text.index("然而")


def test_a_statement_after_a_question_asks_nothing() -> None:
    from assistant.question import asks_something

    assert not asks_something("They are the biggest e-wallets in Vietnam.")  # "are" in a statement
    assert not asks_something("有稿件写“超千亿”。")
    assert asks_something("Is it in the report")
    assert asks_something("分别是什么")


@pytest.mark.parametrize("question", [
    "Does the report mention MoMo or ZaloPay? They are the biggest e-wallets in Vietnam.",
    "报告里有没有给出中国电信海外业务收入的数字?有稿件写“超千亿”。",
])
def test_what_the_asker_adds_to_a_question_the_documents_cannot_answer_is_not_answered(real_assistant, question):
    """The statement after the question is context: answered on its own it quoted whatever matched ("超千亿元")."""
    assert real_assistant.ask(question).refused


def test_a_remark_after_the_question_does_not_make_it_about_what_the_remark_names(real_assistant) -> None:
    """"…报告怎么解释“数字主权”?在哈萨克斯坦这个问题很重要。": the remark's 重要 is no plan of the asker's (which
    kept the question whole and refused it for 哈萨克斯坦); it is context, and the question is answered."""
    from assistant.question import question_parts

    question = "您好,我在阿拉木图工作。报告怎么解释“数字主权”这个词?在哈萨克斯坦这个话题也是很重要。"
    assert len(question_parts(question)) == 2
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert "数字主权" in answer.text
