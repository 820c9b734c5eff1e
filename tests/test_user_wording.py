"""Wording users type that the rules misread (blind set 11, a dev set written blind): a "vs", a clause about the
asker, a format request after the question, a slashed list of guesses, a whole-report gist."""

from __future__ import annotations

import pytest

from assistant.answer.asides import background
from assistant.answer.evidence import proper_names
from assistant.answer.question_names import alternatives
from assistant.answer.report_questions import about_report
from assistant.answer.sections import asks_overview
from assistant.question import question_parts
from tests.test_answers import answer_carrying, assert_extractive


def test_a_vs_between_two_terms_is_no_name() -> None:
    assert proper_names("市场适配 vs 价值共生 区别") == []
    assert proper_names("TikTok vs GoTo") == ["TikTok", "GoTo"]
    assert proper_names("这个term有gap吗") == [] and proper_names("gmv和kyc") == ["gmv", "kyc"]  # acronyms stay


def test_a_country_named_by_its_relation_is_no_name(real_assistant) -> None:
    """东道国 (host country) is whichever country a firm works in; jieba tags it a place name."""
    assert proper_names("云服务商为什么要专门回应东道国对数字主权的关切?") == []
    answer_carrying(real_assistant, "云服务商为什么要专门回应东道国对数字主权的关切?报告给出的理由是什么?", "数字主权")


def test_a_first_clause_about_the_asker_is_background() -> None:
    assert background("我在准备MBA课上的案例展示,那个对比表里四种模式的定位分别是什么") == "我在准备MBA课上的案例展示,"
    assert background("我们省有哪些企业参与了数字丝路?") == ""  # asks


@pytest.mark.parametrize("question", [
    'What is the "Digital Silk Road"? define it in one sentence, the way the report does',
    "这份报告主要讲了啥?三句话总结",
    "The Southeast Asia e-commerce number — which consultancy is it from? Google/Temasek/Bain?",
    "who published this report? which institute?",
])
def test_a_format_request_or_guesses_after_a_question_are_part_of_it(question: str) -> None:
    assert question_parts(question) == [question]


def test_a_request_to_write_a_letter_is_an_instruction(real_assistant) -> None:
    answer = real_assistant.ask("帮我写封英文邮件给印尼供应商催一下货")
    assert answer.refused and answer.debug["reason"] == "off-topic: instruction"


def test_a_slashed_list_of_guesses_offers_each() -> None:
    question = "which consultancy is it from? Google/Temasek/Bain?"
    assert alternatives(question, ["Temasek"], ["Google", "Bain"]) == {"Google", "Temasek", "Bain"}


def test_introduce_a_chapter_and_the_reports_gist_are_overviews() -> None:
    assert asks_overview("请简单介绍第三章的主要内容")
    assert about_report("这份报告主要讲了啥") and about_report("What is this report about?")



@pytest.mark.parametrize("question", ["能用三五句话概括一下这份报告吗", "报告的核心观点是什么", "这份报告整体在讲什么",
                                      "summarise the whole report in 3 bullets", "report - summary in 5 bullets pls",
                                      "What is the overall argument of this report?",
                                      "帮我把这份报告总结成一条微博,140字以内"])  # 140: the length asked, no figure
def test_a_summary_of_the_whole_report_is_answered_from_its_outline(real_assistant, question) -> None:
    assert about_report(question)
    answer = real_assistant.ask(question)
    assert not answer.refused and answer.debug.get("answered") == "front matter: structure", answer.debug


def test_a_summary_of_one_part_is_not_the_reports_gist() -> None:
    assert not about_report("Give me a short summary of the report's future outlook")
    assert not about_report("Can you summarise what the report says about payments in Indonesia?")


@pytest.mark.parametrize(("question", "fact"), [
    ("The Southeast Asia e-commerce number — which consultancy is it from? Google/Temasek/Bain?", "贝恩"),
    ("这份报告主要讲了啥?三句话总结", "数字丝路的发展机遇"),
    ("请简单介绍第三章的主要内容", "应用赋能"),
    ("市场适配 vs 价值共生 区别", "价值共生"),
    ("我在准备MBA课上的案例展示,那个对比表里四种模式的定位分别是什么", "共建产业基础设施"),
    ("百世集团那个物流案例是在哪个市场做的", "越南"),
    ('What is the "Digital Silk Road"? define it in one sentence, the way the report does', "数字丝绸之路"),
    ("What kinds of sources are cited in the footnotes?", "贝恩"),
    ("who published this report? which institute?", "中国电信研究院天翼智库"),
    ("give me a quick summary of chapter 2 in English", "平台企业是指"),
    # two stages a part is named after ("从"被动合规"转向"标准塑造""): its passage that names both
    ("passive compliance vs standard shaping — whats the difference?", "主动参与规则制定"),
    ("技术转移和应用赋能有啥区别", "硬件互联阶段"),
])
def test_questions_worded_this_way_are_answered(real_assistant, question: str, fact: str) -> None:
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert fact in answer.text
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "point", "example"), [
    ("Does the report mention Uber?", "生态整合者", "Uber"),
    ("does the report talk about Epic Games at all?", "技术标准输出", "虚幻引擎"),
])
def test_an_example_is_quoted_with_the_point_it_illustrates(real_assistant, question: str, point: str,
                                                            example: str) -> None:
    """"例如,Epic Games…" alone drops what it is an example of: the paragraph's lead states it."""
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert point in answer.text and example in answer.text
    assert answer.text.index(point) < answer.text.index(example)
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "part"), [
    ("chapter 4 overall framework - how is it structured?", "§4"),
    ("第四章的整体框架是怎样的", "§4"),
    ("How is chapter 3 structured?", "§3"),
    ("第三章分几部分", "§3"),
])
def test_how_a_chapter_is_laid_out_is_its_overview_not_the_reports(real_assistant, question, part):
    """"it" in "chapter 4 … how is it structured" is the chapter: its opening and sub-parts answer, not the report's
    outline (which "How is the report structured?" still gets)."""
    answer = real_assistant.ask(question)
    assert answer.debug.get("answered") == "overview of " + part
    assert all(c.paragraph.locator.startswith(part) for c in answer.citations)
    assert real_assistant.ask("How is the report structured?").debug.get("answered") == "front matter: structure"


@pytest.mark.parametrize("question", ["Chapter 4 cloud part, 提到了哪些 cloud companies?",
                                      "第四章云计算那部分提到了哪些公司"])
def test_a_part_named_inside_a_numbered_chapter_is_the_part_asked_about(real_assistant, question):
    """"第四章云计算那部分" is §4.1, not all of §4; "cloud" names the part: the question still asks for its roster."""
    answer = real_assistant.ask(question)
    assert answer.debug.get("answered") == "the company names of §4.1"
    assert all(name in answer.text for name in ("微软", "阿里云", "华为云"))


@pytest.mark.parametrize("question", ["东南亚电商增速数据是引自世界银行吗",
                                      "Is the Southeast Asia e-commerce growth figure from the World Bank?"])
def test_a_guessed_source_is_checked_by_giving_the_real_one(real_assistant, question):
    """The report never names the World Bank: asked whether it is the source, it gives the source it does cite."""
    answer_carrying(real_assistant, question, "贝恩", "18.6%")


def test_a_source_question_quotes_a_footnoted_passage_when_one_answers_nearly_as_well(real_assistant):
    """Two passages on Southeast Asia answer; the one carrying footnote 3 says where its figure comes from."""
    answer_carrying(real_assistant, "where does the report get its numbers on southeast asia's digital economy — "
                    "which sources are cited?", "贝恩", "18.6%")


def test_a_weak_footnoted_passage_is_no_source_for_another_topic(real_assistant):
    """The regional gap passage carries no readable footnote: a footnoted passage on another topic is not its source."""
    answer = real_assistant.ask("不同区域数字经济差距的数据引自哪个机构")
    assert "先锋计划" not in answer.text


@pytest.mark.parametrize(("question", "fact"), [("企业层面的建议列一下,bullet形式", "开源开放策略"),
                                                ("马来西亚那边微信、TikTok的case,讲的是哪类监管要求?", "马来西亚"),
                                                ("source for the China digital economy figure - CAICT?", "国家数据局")])
def test_english_filler_words_and_a_guess_after_a_dash_are_no_names(real_assistant, question, fact):
    """"case", "bullet" are the English words Chinese business writing mixes in; "- CAICT?" is the asker's guess."""
    answer_carrying(real_assistant, question, fact)


@pytest.mark.parametrize(("question", "fact"), [
    ("报告对platform enterprise给的definition是什么?我想放在slide第一页", "连接供需双方或多方主体"),
    ("报告有没有提到商汤在AI governance或AI ethics方面的参与?", "商汤"),
    ("“技术供给方式”的变化具体指啥?是从卖设备转到输出平台/PaaS能力那种吗", "模块化能力开放"),  # "PaaS", then Chinese
    # short words read as words (a consonant, then a vowel), and weighed as nothing the Chinese text could hold
    ("沙特对云服务的data residency有啥硬性要求?", "个人数据保护法"),
    ("数字普惠金融 report里是怎样define的?这个term我不太懂", "普惠金融"),
])
def test_english_words_typed_in_a_chinese_question_are_no_names(real_assistant, question, fact):
    """Lower-case English words ("definition", "governance") are the asker's vocabulary; a capitalised name stops
    where the Chinese starts."""
    answer_carrying(real_assistant, question, fact)


@pytest.mark.parametrize(("question", "fact"), [
    ("BABA, AMZN, UBER all cited in ch2 — which roles do they map to?", "阿里巴巴"),  # tickers (corpus/aliases.toml)
    ("Does it mention MSFT at all? yes/no", "微软"),
    ("能把第四章的comparison table整理成Markdown表格吗?需要包含positioning和main features两列", "混合主权架构"),
    ("在吗 数字丝路这玩意到底啥意思 第一章讲了些啥", ""),  # a phone user's opening is no chit-chat
])
def test_analysts_and_phone_users_wording(real_assistant, question, fact):
    answer_carrying(real_assistant, question, fact)


def test_an_english_word_the_documents_never_write_is_still_asked_about(real_assistant):
    """"transformer" is no name, but the question asks how it works: the documents never explain it."""
    assert real_assistant.ask("大模型的transformer是啥原理 简单讲讲").refused


@pytest.mark.parametrize("question", ["sovereign cloud这块,报告举了哪几家厂商的做法",
                                      "报告有提到TikTok Shop吗"])
def test_a_word_of_a_tabled_name_is_no_name_of_its_own(real_assistant, question):
    """"sovereign" of "sovereign cloud" (corpus/aliases.toml), "Shop" of "TikTok Shop": not unknown names."""
    answer_carrying(real_assistant, question)


@pytest.mark.parametrize(("question", "answered"), [
    ("鄙人拟在专栏中谈数字丝路,烦请概述报告第一章的核心观点。", "overview of §1"),
    ("第二章总体上讨论什么?", "overview of §2"),
])
def test_formal_and_plain_requests_for_a_chapters_gist_are_overviews(real_assistant, question, answered):
    answer = real_assistant.ask(question)
    assert answer.debug.get("answered") == answered or answered in str(answer.debug.get("parts"))


def test_meaning_asked_with_an_aside_after_it_quotes_the_definition(real_assistant):
    answer = real_assistant.ask("平台企业是啥意思啊 老师让我们查 说简单点")
    assert "平台企业是指" in answer.text


def test_the_askers_intent_to_cite_is_no_source_question(real_assistant):
    answer_carrying(real_assistant, "What analytical framework does the preface lay out? "
                    "I'd like to cite the chapter structure.", "内涵与核心角色")


def test_who_published_it_quotes_what_the_publisher_says_it_did(real_assistant):
    """The cover names the publisher; the foreword's "在此背景下,中国电信研究院天翼智库创新性地研判了…" says it made
    the report, so an authorship answer quotes it too."""
    answer = answer_carrying(real_assistant, "who published this?", "中国电信研究院天翼智库创新性地研判了")
    assert "前言 ¶3" in [c.paragraph.locator for c in answer.citations]


def test_citing_the_report_is_no_question_about_its_sources(real_assistant):
    """"引用这份报告需要写author list": the user cites the report; the working group answers, not the footnotes."""
    question = "引用这份报告需要写author list,工作组成员名单能给一下吗?"
    answer = answer_carrying(real_assistant, question, "饶少阳", "马程成")
    assert "出处" not in answer.text


def test_a_name_typed_with_a_slip_is_answered_as_the_name(real_assistant):
    answer_carrying(real_assistant, "菜鸟在东难亚干了啥 整点要点", "菜鸟")
    answer_carrying(real_assistant, "sec 4.2 — Cainaio Intl's moat on logistics, what does the report list?", "菜鸟")
    # typed by sound: 百事 (Pepsi) for the report's 百世
    answer_carrying(real_assistant, "海尔跟百事这俩案例有啥不一样", "百世", "COSMOPlat")


def test_a_colloquial_meaning_question_is_a_definition(real_assistant):
    """"X这个东西是啥玩意": 是啥玩意 asks what it means, as 是啥东西 does; "这个东西" is no part of the term."""
    answer = answer_carrying(real_assistant, "价值共生这个东西是啥玩意 说人话", "价值共生")
    assert answer.debug.get("answered", "").endswith("价值共生")


def test_what_the_asker_will_do_with_the_answer_is_no_part_of_the_question() -> None:
    """"…有哪几条?我拿去对齐一下我们出海的OKR": the last sentence says what the asker will do; it asks nothing, and
    its names and requests (OKR, "译成…") are not the question's."""
    from assistant.answer.asides import purpose, without_purpose

    assert background("企业层面的倡议有哪几条?我拿去对齐一下我们出海的OKR") == "我拿去对齐一下我们出海的OKR"
    assert purpose("这报告一共分了几章啊?我要给学生画个思维导图") == "我要给学生画个思维导图"
    assert without_purpose("这报告一共分了几章啊?我要给学生画个思维导图") == "这报告一共分了几章啊?"
    assert purpose("菜鸟在印尼做了什么?我想知道具体数字吗") == ""  # still asks
    assert purpose("华为做了什么") == ""


@pytest.mark.parametrize(("question", "aside", "fact"), [
    ("为啥报告说数字基建要从技术转移变成应用赋能?这逻辑我没捋顺,CPU干烧了", "这逻辑我没捋顺,CPU干烧了", "应用赋能"),
    ("用大白话说说,报告里说的平台企业到底是啥?一句话就行,我们读者都是小白", "一句话就行,我们读者都是小白",
     "新一代信息技术"),
])
def test_an_aside_in_the_askers_voice_after_the_question_names_nothing_asked(real_assistant, question, aside,
                                                                            fact) -> None:
    """"…?这逻辑我没捋顺,CPU干烧了": a last sentence asking nothing, in the asker's voice wherever it says 我, is
    theirs (blind20 y-067, blind21 z-060 were refused for CPU and 小白, names the documents never mention)."""
    from assistant.answer.asides import purpose

    assert purpose(question) == aside
    answer_carrying(real_assistant, question, fact)


def test_a_states_official_form_and_a_letter_are_no_names() -> None:
    from assistant.answer.question_names import latin_names

    assert [n for _, n in latin_names("rules of the Kingdom of Saudi Arabia and the Republic of Indonesia")] == [
        "Saudi Arabia", "Indonesia"]
    assert latin_names("each trend with its 'from X to Y' pair") == []


def test_singlish_particles_and_a_repeated_greeting_are_no_names() -> None:
    from assistant.question_reading import read_question

    assert proper_names("那个table里面fintech的定位是什么ah?") == []
    assert not read_question("Hi hi,这个report讲东南亚那些opportunity,主要是讲哪几个sector?").lower().startswith("hi")


@pytest.mark.parametrize(("question", "carried"), [
    ("企业层面的倡议有哪几条?我拿去对齐一下我们出海的OKR", "开源开放策略"),
    ("「价值共生」在报告里是什么意思?我想先确认语义,再决定译成value co-creation还是value symbiosis", "价值共生"),
])
def test_questions_followed_by_the_askers_plans_are_answered(real_assistant, question: str, carried: str) -> None:
    answer_carrying(real_assistant, question, carried)


@pytest.mark.parametrize("question", [
    "2001年东南亚的互联网普及率是多少?报告里能查到吗",
    "Digital Silk Road是哪一年propose的?report里面有写吗",
    "How big is Vietnam's e-commerce market? Is it in the report?",
])
def test_whether_the_report_says_it_is_no_second_question(question: str) -> None:
    """"…?报告里能查到吗" asks whether the report has what was just asked: one question, not a second one that any
    sentence of the report would answer."""
    assert question_parts(question) == [question]


@pytest.mark.parametrize(("question", "unknown"), [
    ("report有讲Singapore Airlines的digital transformation吗?", True),  # a company named after a country
    ("does the report mention Meta's Llama models as open source examples?", True),
    ("What did Huawei Cloud Thailand do?", False),  # two names the table knows, side by side
    ("how many countries has China signed Digital Silk Road MoUs with", False),  # a plural of a tabled term
])
def test_a_tabled_name_with_a_word_of_its_own_is_another_name(real_assistant, question: str, unknown: bool) -> None:
    answer = real_assistant.ask(question)
    assert str(answer.debug.get("reason", "")).startswith("names the corpus does not mention") == unknown


def test_a_keyword_query_ending_in_a_rate_asks_for_a_figure(real_assistant) -> None:
    """"信也科技 印尼 坏账率" asks for a figure the report does not give; "东南亚 电商 增长率" for one it does (18.6%);
    效率 (efficiency) is no rate to count."""
    assert real_assistant.ask("信也科技 印尼 坏账率").refused
    answer_carrying(real_assistant, "东南亚 电商 增长率", "18.6%")
    assert not real_assistant.ask("菜鸟 物流 效率").refused


def test_common_words_the_dictionary_tags_as_names_are_no_names() -> None:
    assert proper_names("能用三五句话给学生讲明白吗?") == []
    assert proper_names("这份报告的脚注大都引用的是哪些类型的来源?") == []


def test_an_english_word_typed_against_chinese_is_a_word_of_its_own(real_assistant) -> None:
    """"那个table里面fintech的定位": no word boundary between "table" and "里" for a pattern; read apart, the table
    question is one. A space beside an English word is no clause break ("给我写段python爬虫代码" asks for code)."""
    from assistant.question_reading import reading_form

    assert reading_form("那个table里面fintech的定位是什么ah?") == "那个 table 里面 fintech 的定位是什么 ah?"
    answer_carrying(real_assistant, "那个table里面fintech的定位是什么ah?", "金融科技")
    assert real_assistant.ask("给我写段python爬虫代码").debug.get("reason") == "off-topic: instruction"


@pytest.mark.parametrize("question", ["这报告一共分了几章啊?", "报告分为几个部分", "报告共有几章"])
def test_how_many_chapters_however_asked_is_the_reports_layout(real_assistant, question: str) -> None:
    answer = real_assistant.ask(question)
    assert answer.debug.get("answered") == "front matter: structure", answer.debug


def test_counting_the_tables_kinds_lists_its_columns(real_assistant) -> None:
    """"那个表 一共对比了几类": the table states no count; its four columns, listed, are the answer."""
    answer_carrying(real_assistant, "那个表 一共对比了几类", "云计算平台企业", "数字文娱平台企业")


def test_a_reference_to_a_topic_and_what_the_authors_call_it_are_no_questions_about_sources_or_makers() -> None:
    from assistant.answer.analysis import QuestionKind, classify
    from assistant.answer.report_questions import about_report

    assert classify("Does the report make any reference to green development?") is not QuestionKind.SOURCE
    assert classify("What references does the report cite?") is QuestionKind.SOURCE
    assert not about_report("Is the passage from what the authors call passive compliance a move to rule-making?")
    assert about_report("who are the authors?")


@pytest.mark.parametrize("question", ["报告里「平台企业」到底怎么定义的?要讲给高一学生听,一句话通俗点",
                                      "平台企业是啥意思啊 老师让我们查 说简单点", "平台企业的定义是什么",
                                      "报告怎么界定平台企业"])
def test_a_term_several_parts_are_named_after_is_defined_where_the_report_says_what_it_is(real_assistant, question):
    """平台企业 is in three chapter headings, so no one part introduces it; "平台企业是指…" defines it."""
    answer = answer_carrying(real_assistant, question, "平台企业是指基于新一代信息技术")
    assert_extractive(answer)


@pytest.mark.parametrize("question", ["行动倡议部分分别面向哪几类主体?", "最后的行动倡议是分别对哪几类对象提的?"])
def test_whom_a_parts_sub_parts_address_is_its_outline(real_assistant, question: str) -> None:
    answer_carrying(real_assistant, question, "政府层面", "企业层面", "国际组织与智库")


def test_this_report_before_a_chain_of_places_is_no_one_thing_they_share() -> None:
    """"这个report讲东南亚、印尼、越南那些opportunity…": 这个 points at the report; each place is asked about."""
    from pathlib import Path

    from assistant.answer.coordination import name_parts
    from assistant.lexicon import load_name_table

    table = load_name_table(Path("corpus"))
    assert len(name_parts("这个 report 讲东南亚、印尼、越南那些 opportunity,主要是讲哪几个 sector?", table)) == 3
    assert name_parts("华为和埃塞俄比亚电信那个项目讲了啥", table) == []


@pytest.mark.parametrize(("question", "refused"), [
    ("When was the Digital Silk Road proposed?", True),  # no year is given for 提出
    ("Digital Silk Road是哪一年propose的?", True),
    ("When did TikTok and GoTo combine their Indonesian e-commerce business?", False),  # 2023年12月 … 合并
])
def test_an_english_event_verb_is_looked_for_in_chinese(real_assistant, question: str, refused: bool) -> None:
    assert real_assistant.ask(question).refused == refused


def test_what_the_sources_mostly_are_is_a_question_about_all_of_them(real_assistant) -> None:
    question = ("I observe that the report relies upon footnoted sources. Could you indicate whether these are "
                "predominantly governmental, consultancy-based or journalistic in character?")
    answer_carrying(real_assistant, question, "国家数据局", "贝恩", "新华网")


def test_the_language_a_term_is_wanted_in_is_not_china(real_assistant) -> None:
    """"the column headings in Chinese": the name table reads "Chinese" as 中国, and the answer had to name China."""
    from assistant.question_reading import read_question

    assert read_question("What's the exact Chinese title of the report?") == "What's the exact title of the report?"
    assert "Chinese" in read_question("What Chinese companies are in the report?")
    answer_carrying(real_assistant, "For the comparison table in chapter 4 — what are the column headings in Chinese?",
                    "云计算平台企业")


def test_an_english_question_defining_a_chinese_term_asks_for_that_term(real_assistant) -> None:
    question = "I'm translating this report. How exactly does it define 平台企业? I need the gist."
    answer_carrying(real_assistant, question, "平台企业是指基于新一代信息技术")


def test_where_the_data_all_come_from_is_a_question_about_every_source(real_assistant) -> None:
    answer_carrying(real_assistant, "报告里的数剧都是从哪来的 有引用啥网站吗", "新华网", "华为云官网")


def test_a_part_of_a_question_naming_two_things_is_asked_of_each(real_assistant) -> None:
    """"海尔和百世集团为啥会出现在报告里?当啥例子": the first part finds no sentence about both, so each is asked."""
    answer_carrying(real_assistant, "海尔和百世集团为啥会出现在报告里?当啥例子", "百世集团", "COSMOPlat")


def test_examples_after_a_question_about_the_sources_ask_for_them_all(real_assistant) -> None:
    assert question_parts("footnotes cite news media? examples") == ["footnotes cite news media? examples"]
    answer_carrying(real_assistant, "footnotes cite news media? examples", "新华网", "中国日报网")


@pytest.mark.parametrize("question", ["帮我写一首关于丝绸之路的七言绝句",
                                      "Can you help me to write grant proposal about digital skills for women"])
def test_more_forms_of_writing_requests_are_instructions(real_assistant, question: str) -> None:
    assert real_assistant.ask(question).debug.get("reason") == "off-topic: instruction"


def test_second_language_english_and_guessed_sources(real_assistant) -> None:
    """"Who make this report" asks who made it; "…是不是谷歌-淡马锡-贝恩的e-Conomy SEA?" guesses a source to check."""
    answer_carrying(real_assistant, "Who make this report, which organization it is from?", "中国电信研究院天翼智库")
    answer_carrying(real_assistant, "东南亚数字经济那些数,脚注里引的是不是谷歌-淡马锡-贝恩的e-Conomy SEA?", "贝恩")


def test_a_quoted_term_the_report_uses_keeps_the_question_on_topic(real_assistant) -> None:
    """形容 and 变化 are words the report never writes, but the question is about its term 「跃迁」."""
    answer_carrying(real_assistant, "为什么用「跃迁」这个词来形容数字基建的变化?", "技术价值逻辑的升维")
    # a quoted term the name table knows as well
    assert not real_assistant.ask("「应用赋能」在报告里到底指啥?别给我空话,要贴着报告原意").refused


def test_a_name_after_which_of_is_what_is_asked(real_assistant) -> None:
    """"哪个国家的电信" asks for some country's telecom: 电信 (中国电信 for short) is no name the answer must hold."""
    from assistant.answer.question_names import describes_answer

    question = "华为在非洲跟哪个国家的电信合作?"
    telecom = next(m for m in real_assistant.names.find(question) if m.surface == "电信")
    assert describes_answer(question, telecom)
    assert not describes_answer("中国电信在非洲做了什么?", real_assistant.names.find("中国电信在非洲做了什么?")[0])


def test_a_keyword_query_for_the_contents_is_about_the_report() -> None:
    assert about_report("目录 几章") and about_report("报告一共分了几章")
    assert not about_report("卡奥斯的案例在第几章?")  # where one thing is, not how the report is laid out


def test_an_audience_the_report_addresses_is_no_question_about_its_readers() -> None:
    """"报告中面向各国政府的对策建议" is the recommendations to governments; "写给谁看" asks for the readers."""
    assert not about_report("请将报告中面向各国政府的对策建议归纳提炼。")
    assert about_report("这份报告主要面向哪些读者?") and about_report("这份报告主要是写给哪些人看的")


def test_a_request_after_a_greeting_is_a_question_not_chit_chat(real_assistant) -> None:
    """An official's brief: greeting, who asks, then a request with no question word."""
    from assistant.question_reading import read_question

    question = ("您好!我处正在编发一期《政务简报》,主题是数字丝绸之路合作。请将报告中面向各国政府的对策建议,"
                "按“一是、二是、三是”的格式归纳提炼。")
    assert read_question(question).startswith("请将报告中")
    assert read_question("谢谢,辛苦了!") == "谢谢,辛苦了!"  # thanks alone stays chit-chat
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert "推动跨境规则衔接与互认机制建设" in answer.text


def test_laughter_in_latin_letters_is_no_name() -> None:
    from assistant.answer.evidence import english_vocabulary

    assert all(english_vocabulary(w) for w in ("hhh", "hhhhh", "haha", "hahah", "lol"))
    assert not any(english_vocabulary(w) for w in ("HSBC", "Huawei", "hh"))


def test_the_report_described_by_its_topic_is_the_report() -> None:
    from assistant.question_reading import read_question

    assert "数字丝绸之路" not in read_question("为啥Uber也会出现在一份讲数字丝绸之路的报告里?")
    assert "数字丝绸之路" in read_question("数字丝绸之路的报告里提到Uber吗?")


def test_a_need_after_a_question_is_no_question_of_its_own() -> None:
    """"…发布单位是哪家?简报引用时署名需写全称。": what the asker needs asks nothing; it was answered as a question
    of its own, with unrelated prose."""
    from assistant.question import question_parts

    assert question_parts("这份报告的发布单位是哪家?简报引用时署名需写全称。") == [
        "这份报告的发布单位是哪家?简报引用时署名需写全称。"]
    assert len(question_parts("菜鸟在东南亚做了什么?亚马逊呢?")) == 2


@pytest.mark.parametrize(("question", "word"), [
    ("我们在做海外本地话打法的benchmark,报告说本地化升级主要体现在哪几个维度?", "维度"),
    ("做数字金融的公司扎根当地金融体系、服务长尾人群", "扎根"),
    ("把报告里跟物流、供应链沾边的案例全捞出来", "沾边"),
])
def test_common_words_the_dictionary_tags_as_places_are_no_names(question, word) -> None:
    from assistant.answer.evidence import proper_names

    assert word not in proper_names(question)


@pytest.mark.parametrize(("question", "fact"), [
    ("您好,我是省公司人力部做培训的,在搞内训题库。请按报告内容出3道单选题,考第三章的三大趋势,附标准答案", "跃迁"),
    ("数字丝路 定义", "应运而生"),
])
def test_the_part_of_a_reply_asked_for_is_no_topic_the_documents_lack(real_assistant, question, fact) -> None:
    """标准答案, 定义, 建议 name what the reply is, not what it is about: that the report never writes the word is
    no reason to refuse (blind20 y-069 was refused as "asks about what the documents never mention: 标准答案")."""
    from assistant.answer.evidence import topic_nouns

    assert not {"标准答案", "定义", "建议"} & set(topic_nouns(question))
    answer_carrying(real_assistant, question, fact)


@pytest.mark.parametrize("question", [
    "Quick one — this report is from China Mobile Research Institute, no? I need to cite it correctly.",
    "这份报告是商务部发布的吧?我讲课时要把出处说清楚。",
    "论文要引用这份中国移动研究院的报告,作者和发布机构该怎么写?",
    "网传截图称该报告由商务部与中国电信联合发布,是否属实?",  # no 的 after the verb
])
def test_a_guess_at_the_publisher_is_checked_by_the_cover(real_assistant, question) -> None:
    """"这份报告是商务部发布的吧?": the organisation named is the asker's guess, which the cover answers (and corrects);
    it was refused as a name the corpus never mentions, or as "not about 商务部" (blind24 zc-033, zc-058, blind18
    w-071)."""
    from assistant.answer.report_questions import publisher_guess

    assert publisher_guess(question) and not publisher_guess("这份报告是哪个单位出的?")
    answer_carrying(real_assistant, question, "中国电信研究院天翼智库")


def test_a_language_is_not_its_country(real_assistant) -> None:
    """"我要准备国名的越南语对照": 越南语 is the language the asker will use; read as 越南 it was a name every quote had
    to hold ("not about 越南", blind24 zc-054)."""
    from assistant.question_reading import read_question

    assert "越南" not in read_question("报告提到的国家和地区有哪些?我要准备国名的越南语对照")
    assert "越南" in read_question("越南的数字经济怎么样") and "阿拉伯文化" in read_question("阿拉伯文化艺术网络")
    question = "金融科技那一部分,报告提到的国家和地区有哪些?我要准备国名的越南语对照,请一个一个列出来。"
    answer_carrying(real_assistant, question, "监管嵌入")


def test_what_the_asker_will_translate_is_no_instruction(real_assistant) -> None:
    """"…请分条列出,每条我要翻成越南语": the asker will translate; nothing is asked of us but the list (blind24 zc-121
    was refused as an instruction). "帮我翻译成英文" still asks us to translate."""
    from assistant.answer.off_topic import off_topic_kind

    assert off_topic_kind("我再自己翻成越南语") == "" and off_topic_kind("帮我翻译成英文") == "instruction"
    assert off_topic_kind("我想请你帮我写一首诗") == "instruction"
    answer_carrying(real_assistant, "给企业的建议有几条呢?请分条列出,每条我要翻成越南语,所以请用比较短的句子。", "绿色")


@pytest.mark.parametrize(("question", "fact"), [
    ("TikTok跟印尼GoTo那个合作,报告里是怎么讲的?帮我写段100字左右的解说词。", "Tokopedia"),
    ("第三章里面有一个表格,四种模式的定位和特点,可以帮我翻译成英文吗?", "监管嵌入"),
])
def test_a_request_to_write_around_what_the_report_says_is_answered_by_quoting_it(real_assistant, question,
                                                                                   fact) -> None:
    """The report's own passage answers "…报告里是怎么讲的?帮我写段解说词" and "把表格翻译成英文", with a note that
    the assistant quotes and does not write or translate (blind24 zc-025, blind22 za-083 were refused as
    instructions). A poem or a weekly report stays an instruction."""
    from assistant.answer.off_topic import QUOTES_ONLY_ZH, off_topic_kind

    answer = answer_carrying(real_assistant, question, fact)
    assert QUOTES_ONLY_ZH in answer.notes
    assert off_topic_kind("帮我写一首关于报告的诗") == "instruction"
    assert off_topic_kind("顺便帮我写个周报 本周:看报告 开会 做ppt") == "instruction"


def test_an_english_statement_before_the_question_is_background(real_assistant) -> None:
    """"…we are bidding for a sovereign cloud deal in the Gulf." asks nothing: "are" asks only where it opens a
    sentence. Read as a question, its Bengaluru was a name the documents never mention (blind24 zc-114, refused)."""
    question = ("Hi, I am delivery manager at an IT services firm in Bengaluru, we are bidding for a sovereign cloud "
                "deal in the Gulf. As per the report, how are cloud providers addressing the data sovereignty concerns "
                "of host countries? Kindly share in bullet points.")
    assert "Bengaluru" in background(question)
    assert background("Are there any figures on Indonesia? Thanks.") == ""
    answer_carrying(real_assistant, question, "数据主权")


def test_a_places_government_or_media_is_the_place() -> None:
    """"越南政府", "越南媒体": the tagger reads a new organisation the documents never name; it is 越南's (blind24
    zc-095 was refused as "names the corpus does not mention: 越南政府")."""
    from assistant.answer.org_kinds import institution_of

    assert institution_of("越南政府", "越南") and institution_of("越南媒体", "越南")
    assert not institution_of("越南电信", "越南") and not institution_of("越南政府", "印尼")


def test_a_part_leaving_out_its_subject_shares_the_refusal_of_the_part_naming_it(real_assistant) -> None:
    """"Zalo 这个越南的聊天软件,报告里面有没有提到?有没有跟微信比较?": the report never mentions Zalo, and the second
    part compares Zalo, not the report's 微信, with something (blind24 zc-142 was answered from the second part)."""
    from assistant.question import elliptical

    assert elliptical("有没有跟微信比较?") and not elliptical("它在报告中起什么作用?")
    answer = real_assistant.ask("Zalo 这个越南的聊天软件,报告里面有没有提到?有没有跟微信比较?")
    assert answer.refused, answer.text


def test_words_for_a_name_and_polite_address_are_no_names() -> None:
    """jieba tags 英文名, 劳驾, 老同志 as people and 上屏 as a place (blind24 zc-016, zc-078, zc-088 were refused as
    naming what the documents never mention)."""
    assert proper_names("请给我中文全称和英文名,我做术语表用。") == []
    assert proper_names("学员多是七十岁上下的老同志,劳驾您先用大白话概括一下") == []
    assert proper_names("有没有能直接上屏的数据?") == []


def test_open_source_is_no_source_question(real_assistant) -> None:
    """"what does the report recommend regarding open source?" asks about 开源, not where a figure comes from
    (blind24 zc-015 was refused as "the report gives no source for this passage")."""
    from assistant.answer.analysis import QuestionKind, classify

    assert classify("what does the report recommend regarding open source?") is QuestionKind.OTHER
    assert classify("what is the source of this figure?") is QuestionKind.SOURCE
    answer_carrying(real_assistant, "For companies, what does the report recommend regarding open source?", "开源")


def test_a_question_pointing_at_a_part_is_answered_there_whatever_its_nouns(real_assistant) -> None:
    """"报告第三章讲了三个变化…每个变化的前后两个中文原词": the report says 趋势, never 变化, but the question says
    where to look (blind24 zc-101 was refused as "asks about what the documents never mention: 变化, 格式")."""
    answer = real_assistant.ask("报告第三章讲了三个变化,好像都是“从什么到什么”的格式,对吗?麻烦给我一个对照:"
                                "每个变化的前后两个中文原词,我再自己翻成越南语。")
    assert not answer.refused, answer.debug
    assert all(c.paragraph.locator.startswith("§3") for c in answer.citations), answer.text


@pytest.mark.parametrize(("question", "fact"), [
    ("Does the report propose pilot zones for digital cooperation?", "试验区"),
    ("How does the report use the idea of a right to digital development?", "数字发展权"),
])
def test_an_english_question_in_the_vocabulary_of_policy_reports_is_read(real_assistant, question, fact) -> None:
    """pilot zones (试验区), the right to digital development (数字发展权), governance, compliance, ecosystem…: an
    English word nothing in the name table knew made the question name nothing the documents use, and it was refused
    unread (blind21 z-076, blind24 zc-068)."""
    answer_carrying(real_assistant, question, fact)


def test_this_report_told_in_plain_words_is_its_gist(real_assistant) -> None:
    """"劳驾您先用大白话把这份报告讲的是什么概括一下" asks for the whole report's gist, for an audience of 学员 (blind24
    zc-078 was refused as "asks about what the documents never mention: 学员, 先用")."""
    assert about_report("把这份报告讲的是什么概括一下") and about_report("这份报告讲的是什么")
    question = ("您好,我是退休的中学政治老师,下个月在老年大学给学员们讲一讲“数字丝绸之路”。学员多是七十岁上下的"
                "老同志,劳驾您先用大白话把这份报告讲的是什么概括一下,三五句话就行。")
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug


def test_a_column_of_the_table_asked_for_in_english_is_the_table(real_assistant) -> None:
    """"Could you also translate the positioning column into English, row by row?": the table's 定位 column (blind24
    zc-005 named nothing the name table knew and was refused)."""
    answer = real_assistant.ask("Could you also translate the positioning column into English, row by row?")
    assert not answer.refused, answer.debug
    assert "技术赋能与数据安全协同共建产业基础设施" in answer.text


def test_a_place_in_the_background_is_context_when_the_question_names_its_subject(real_assistant) -> None:
    """"TikTok Shop 在越南非常火。报告讲社交电商的时候,是怎么描述 TikTok Shop 的呢?": the question names what it asks
    about; 越南 in the sentence before is why the asker cares, not a name every quote must hold (blind24 zc-128 was
    refused as "not about 越南")."""
    answer_carrying(real_assistant, "TikTok Shop 在越南非常火。报告讲社交电商的时候,是怎么描述 TikTok Shop 的呢?",
                    "TikTok")


def test_a_vietnamese_phrase_and_a_noun_joined_to_youguan_are_no_names() -> None:
    """"我翻译的时候用 cùng xây dựng, cùng chia sẻ": the asker's wording in a language with diacritics ("chia", "ng"
    were names the documents never mention; blind24 zc-059); "阿拉伯国家有关的内容": jieba's one "organisation"
    国家有关 (blind24 zc-038). "São Paulo" is still a name."""
    from assistant.question_reading import read_question

    assert "chia" not in read_question("我翻译的时候用 cùng xây dựng, cùng chia sẻ,可以吗?")
    assert "São Paulo" in read_question("I am a consultant in São Paulo, what does the report say about Brazil?")
    assert "国家有关" not in proper_names("有没有跟阿拉伯国家有关的内容?")


def test_a_part_of_an_opinion_is_answered_only_when_it_asks_about_the_documents_on_its_own() -> None:
    """"你觉得…会成功吗?请说你自己的看法" was answered from its second part (blind22 za-119); a question of its own
    about the report after an opinion still is."""
    from assistant.question import asks_documents

    assert not asks_documents("请说你自己的看法。") and not asks_documents("对风险的估计充分吗?")
    assert asks_documents("报告里讲了TikTok的哪些案例?") and asks_documents("“规则驱动的文化与科技共生模式”怎么理解?")


def test_an_english_word_naming_a_multiword_chinese_term_weighs_as_its_rarest_word() -> None:
    """"digital infrastructure" is 数字基础设施 in the report, which the segmenter splits (数字|基础设施): the
    English word now weighs as 基础设施 does instead of nothing."""
    from assistant.answer.evidence import question_concepts

    idf = {"数字": 0.5, "基础设施": 3.0}
    concepts = question_concepts(["infrastructure"], {"infrastructure": ("数字基础设施",)}, idf, english=True)
    assert [c.weight for c in concepts] == [3.0]
    assert question_concepts(["weather"], {}, idf, english=True) == ()


def test_a_colon_after_the_question_introduces_its_form_not_the_question(real_assistant) -> None:
    """"…? Please answer in two parts: how it was before and how it is now." asks the first sentence; the words
    after the colon say how to answer (they alone name nothing the report names)."""
    from assistant.question_reading import asked_part

    question = ("How changed the way platform companies take part in digital infrastructure? Please answer in two "
                "parts: how it was before and how it is now.")
    assert asked_part(question) == question
    background = "我下周要跟印尼合作方开会,想了解一下:报告里提到印尼的有哪些案例?"
    assert asked_part(background) == "报告里提到印尼的有哪些案例?"
    assert not real_assistant.ask(question).refused


@pytest.mark.parametrize(("question", "fact"), [
    ("金融科技那部分提到了哪些国家和地区?请直接说名字,用顿号隔开,不要加粗", "印尼"),
    ("出海会踩些啥子坑?报告后头好像讲了,帮我捋一哈", "挑战"),
])
def test_how_the_reply_should_look_names_no_topic(real_assistant, question: str, fact: str) -> None:
    """"不要加粗", "用顿号隔开", "报告后头": the reply's form and the asker's place in the report, not what the
    question is about (the tagger called 加粗 a name, 后头 a topic the documents never mention)."""
    answer_carrying(real_assistant, question, fact)


def test_the_language_asked_for_is_no_name(real_assistant) -> None:
    """"…translated to English": English is the language of the reply, not a thing the documents must mention."""
    answer = real_assistant.ask("From the table in the chapter 4 give me please only the row about cloud computing, "
                                "translated to English.")
    assert not answer.refused and "保障数字主权的云服务模式" in answer.text


def test_a_name_offered_as_an_example_of_a_kind_is_not_required(real_assistant) -> None:
    """"有没有具体到绿色数据中心、PUE这种指标?": PUE is the asker's example of a kind of metric; that the report never
    writes it is part of the answer, not a reason to refuse."""
    answer_carrying(real_assistant, "企业侧建议里讲绿色,有没有具体到绿色数据中心、PUE这种指标?", "绿色数据中心")


@pytest.mark.parametrize(("question", "fact"), [
    ("「应用赋能」在报告里到底指啥?别给我空话,要贴着报告原意", "应用赋能"),
    ("啥叫'应用赋能'?", "应用赋能"),
])
def test_zhi_sha_and_sha_jiao_ask_for_a_definition(real_assistant, question: str, fact: str) -> None:
    """"指啥", "啥叫" ask what a term means, as 指什么 and 什么是 do: the passage that introduces it is quoted."""
    from assistant.answer.analysis import QuestionKind, classify

    assert classify(question) is QuestionKind.DEFINITION
    answer_carrying(real_assistant, question, fact, "云计算与AI中台")


def test_a_quoted_term_asked_with_zhi_sha_is_read_where_its_part_introduces_it(real_assistant) -> None:
    """"文娱那块提的“规则驱动”到底指啥?": the term is 规则驱动, and the answer is §4.4's passage introducing it,
    not the comparison table's one-line row."""
    from assistant.answer.definitions import defined_term

    question = "文娱那块提的“规则驱动”到底指啥?底层逻辑帮我捋一下,别太学术"
    assert defined_term(question) == "规则驱动" and defined_term("啥叫“价值共生”?本土化那块提的") == "价值共生"
    answer = answer_carrying(real_assistant, question, "规则共建共治")
    assert "§4.4" in {c.paragraph.locator.split(" ")[0] for c in answer.citations}


def test_english_names_joined_with_an_article_are_asked_about_each(real_assistant) -> None:
    """"the Uber and the Amazon" (a Russian or Spanish speaker's articles): each name is answered where the report
    gives it, as "Uber and Amazon" is; asked as a whole, no sentence names both."""
    answer = real_assistant.ask("In the chapter 2 appear the Uber and the Amazon. For which role each one is used "
                                "like example?")
    assert not answer.refused
    assert "Amazon汇聚全球190余个国家" in answer.text and "Uber在中东地区" in answer.text


@pytest.mark.parametrize("question", [
    "您好。我在审读一部书稿,其中多处引用这份报告,作者署为“中国信息通信研究院发布”。请核对原报告的发布单位。",
    "这份报告的发布单位是哪家?",
    "天翼智库 数字丝路 报告 发布单位",
])
def test_a_request_to_check_the_publisher_is_answered_by_the_cover(real_assistant, question: str) -> None:
    """"请核对…" after a greeting is a request, not chit-chat; "发布单位" asks who published the report (it got the
    e-mail line or the working group alone)."""
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert "中国电信研究院天翼智库[" in answer.text


def test_a_count_to_be_listed_is_a_list_question(real_assistant) -> None:
    """"报告总结了几条?给我列出来": the items are wanted, not a figure "N条" (it was refused: no figure of that kind;
    "难在哪里" asks where the difficulty lies, not for a place)."""
    answer = real_assistant.ask("现在出海难在哪里,报告总结了几条?给我列出来")
    assert not answer.refused and answer.debug["kind"] == "list"


def test_a_copy_editors_request_for_the_chapter_titles_lists_them(real_assistant) -> None:
    """"请逐字列出五章的章标题,我要和书稿中的引述核对": 章标题 asks how the report is laid out (it was refused: 标题 and
    书稿 are words the report never uses)."""
    answer = real_assistant.ask("请逐字列出五章的章标题,我要和书稿中的引述核对。")
    assert "章节1:一、数字丝路的发展机遇[" in answer.text and "章节5:五、未来展望与行动倡议[" in answer.text


def test_a_request_for_a_chapters_section_headings_gets_them_all(real_assistant) -> None:
    answer = real_assistant.ask("第三章各小节标题请照录,引号照原文保留。")
    headings = [line for line in answer.text.splitlines() if line.startswith("标题:")]
    assert [h[3:6] for h in headings] == ["(一)", "(二)", "(三)"]
    assert_extractive(answer)


def test_the_original_and_the_askers_manuscript_are_no_names(real_assistant) -> None:
    """"在原文中" is the report's own text and "书稿" the asker's manuscript: neither is a name the report must hold."""
    answer = real_assistant.ask("“卡奥斯”在原文中是否附英文名或注明所属企业?书稿写作COSMOPlat,需统一。")
    assert not answer.refused and "COSMOPlat" in answer.text


def test_a_word_is_written_when_its_stem_is() -> None:
    from assistant.text import match_key, written

    key = match_key("引入当地伙伴共享资源")
    assert written("当地人", key) and written("当地", key)
    assert not written("地人", key) and not written("岗位数", key)


@pytest.mark.parametrize(("question", "kind"), [
    ("china vs us digital silk road who wins? your opinion", "opinion"),
    ("未来中美在数字丝路上谁会赢?", "opinion"),
    ("谁赢得了2022年世界杯?", ""),  # who won: a fact a document may give
])
def test_who_will_come_out_ahead_is_a_forecast(question: str, kind: str) -> None:
    from assistant.answer.off_topic import off_topic_kind

    assert off_topic_kind(question) == kind


def test_names_offered_as_alternatives_and_figures_as_examples(real_assistant) -> None:
    """"印尼或印度…的具体数字,比如用户规模或渗透率": either country will do (each is asked about), and the figures
    named after 比如 are examples, not requirements (it was refused: no sentence names both countries, nor gives a
    penetration rate)."""
    answer = real_assistant.ask("报告有没有给出印尼或印度在数字支付、普惠金融方面的具体数字,"
                                "比如用户规模或渗透率?如有,分别是多少?")
    assert not answer.refused and "数千万未注册银行账户" in answer.text


@pytest.mark.parametrize("question", [
    "跨竟电商那节有没有给交易规模的具体数字?比如多少亿美元那种",  # an example of the figure's form still binds
    "报告里有没有中东或沙特云市场规模的数字?有的话给我原数和年份",  # "沙特电信持股55%" is a stake, no market size
])
def test_a_figure_of_another_kind_still_does_not_answer(real_assistant, question: str) -> None:
    assert real_assistant.ask(question).refused


def test_office_jargon_is_no_name(real_assistant) -> None:
    answer = real_assistant.ask("我们是做SaaS出海的,最近在复盘本地化打法。报告里讲平台企业本土化是怎么一步步升级的?"
                                "底层逻辑帮我拉齐一下")
    assert not answer.refused and "价值共生" in answer.text


@pytest.mark.parametrize("question", ["报告是哪年出的", "这份报告是什么时候发布的?"])
def test_when_the_report_came_out_is_asked_of_its_front_matter(real_assistant, question: str) -> None:
    """The cover carries no date: it was answered with a body sentence that happens to hold a year (2023年…跨境电商)."""
    answer = real_assistant.ask(question)
    assert answer.refused, answer.text


def test_a_present_tense_publish_asks_who_made_the_report(real_assistant) -> None:
    answer = real_assistant.ask("Who publish this report and when?")
    assert not answer.refused and "中国电信研究院天翼智库[" in answer.text


def test_what_the_answer_is_for_is_no_name(real_assistant) -> None:
    """"…as a markdown table for our IC memo.": the asker's use of the answer; "IC" was required of every sentence."""
    answer = real_assistant.ask("Please reproduce the chapter 4 comparison table as a markdown table for our IC memo.")
    assert not answer.refused and "混合主权架构" in answer.text


def test_advice_whose_addressee_follows_the_verb(real_assistant) -> None:
    """"报告有建议企业跟当地政府…合作吗": the advice to enterprises (§5.2.2), not to governments (it quoted §5.2.1)."""
    answer = real_assistant.ask("报告有建议企业跟当地政府、当地企业合作吗?怎样讲的?")
    assert not answer.refused and answer.citations[0].paragraph.locator.startswith("§5.2.2")
