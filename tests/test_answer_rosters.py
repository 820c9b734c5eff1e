"""Questions asking which countries or companies a part of the report names, and questions on how things compare
or work that a passing mention does not answer (answer/roster.py, answer/comparison.py, answer/passing.py)."""

from __future__ import annotations

import pytest

from tests.test_answers import assert_extractive


@pytest.mark.parametrize(("question", "kinds"), [
    ("金融科技那节提到哪些国家", ("country",)),
    ("Which countries are covered in the fintech section?", ("country",)),
    ("标准制定那块提到了哪些AI公司", ("company",)),
    ("标准制定那块提到了哪些 AI 公司", ("company",)),  # as the pipeline reads it: a space around Latin words
    ("Which companies are used as examples in the section on the core roles?", ("company",)),
    ("哪些国际组织参与了", ("org",)),
    ("数字丝绸之路合作国家有多少个?", ()),
])
def test_which_countries_or_companies_questions_name_the_kind(question, kinds) -> None:
    from assistant.answer.roster import asked_kinds

    assert asked_kinds(question) == kinds


@pytest.mark.parametrize("question", ["金融科技那节提到哪些国家",
                                      "Which countries are covered in the fintech section?"])
def test_every_country_a_part_names_is_quoted(real_assistant, question):
    """§4.3 names 印尼, 新加坡, 印度, 沙特阿拉伯 and 阿联酋 across three paragraphs; the best-matching one names two.
    沙特阿拉伯 is read inside "沙特阿拉伯金融管理局" too."""
    answer = real_assistant.ask(question)
    assert not answer.refused
    for country in ("印尼", "新加坡", "印度", "沙特阿拉伯", "阿联酋"):
        assert country in answer.text, country
    assert all(c.paragraph.locator.startswith("§4.3") for c in answer.citations)
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "companies"), [
    ("平台企业参与国际标准制定,报告举了哪些 AI 公司?", ("商汤科技", "腾讯")),
    ("讲数字治理的时候,报告拿哪几家中国企业当例子?", ("商汤科技",)),
])
def test_which_companies_is_answered_by_the_sentences_naming_companies(real_assistant, question, companies):
    """The best passage is the governance section's three trend leads, which name no company: the answer is the
    sentences of that section's retrieved paragraphs that do (商汤科技; 百度 and 腾讯 with the IEEE working group),
    with the lead each "比如" refers to. The foreword, also retrieved, names its publisher: no example."""
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert all(c in answer.text for c in companies), answer.text
    assert "中国电信研究院" not in answer.text
    assert_extractive(answer)


def test_a_roster_question_naming_a_company_is_answered_about_it(real_assistant):
    """"信也科技在哪几个国家" asks about one company: not a roster of the part's countries."""
    answer = real_assistant.ask("金融科技那块 信也科技是在哪几个国家做业务的?")
    assert "沙特阿拉伯" not in answer.text


@pytest.mark.parametrize(("question", "pair"), [
    ("5G和4G到底有啥区别?", ("5G", "4G")),
    ("区块链和云计算是啥关系", ("区块链", "云计算")),
    ("市场适配和价值共生 这俩到底差在哪", ("市场适配", "价值共生")),
    ("what's the difference between 5G and 4G?", ("5G", "4G")),
    # a description, not a thing the documents name: left to the other rules
    ("出海本土化老的做法和现在的新做法区别在哪", ()),
    ("数字丝绸之路合作国家有多少个?", ()),
])
def test_a_comparison_question_names_what_it_compares(question, pair) -> None:
    from assistant.answer.comparison import compared_things
    from assistant.lexicon import NameTable

    corpus = "从以4G、5G与光纤铺设为代表的硬件互联阶段;利用区块链、物联网、云计算等技术;从市场适配转向价值共生;做法"
    from assistant.text import match_key

    assert compared_things(question, NameTable([]), match_key(corpus)) == pair


@pytest.mark.parametrize(("pair", "listed", "apart"), [
    (("5G", "4G"), "具体而言,从以4G、5G与光纤铺设为代表的硬件互联阶段,逐步升级为提供云计算与AI中台等平台化服务。",
     "与4G相比,5G的时延更低、带宽更大。"),
    (("区块链", "云计算"), "利用区块链、物联网、云计算、AI等技术,打通全链条数据。",
     "云计算提供算力底座,区块链则保障数据可信流转。"),
    (("WeChat", "TikTok"), "持续加强对WeChat、TikTok、YouTube等平台的治理。",
     "WeChat与TikTok持续加强对儿童保护、网络诈骗以及涉及种族、宗教与皇室内容的精准治理。"),
])
def test_things_named_only_inside_a_list_are_not_compared(pair, listed, apart) -> None:
    """A list of three or more things (or one closed by 等) mentions them in passing; a sentence about both, or
    one contrasting them, treats them apart."""
    from assistant.answer.passing import named_only_in_lists
    from assistant.lexicon import NameTable

    assert named_only_in_lists(pair, listed, NameTable([]))
    assert not named_only_in_lists(pair, apart, NameTable([]))
    assert named_only_in_lists(pair, apart.replace(pair[1], ""), NameTable([]))  # one of them missing


@pytest.mark.parametrize("question", ["5G和4G到底有啥区别?", "区块链和云计算是啥关系",
                                      "What's the difference between 5G and 4G?"])
def test_things_the_report_only_lists_together_are_not_compared(real_assistant, question):
    answer = real_assistant.ask(question)
    assert answer.refused, answer.text
    assert "apart" in answer.debug["reason"]


@pytest.mark.parametrize("question", ["市场适配和价值共生这俩到底差在哪",
                                      "what's the difference between 'market adaptation' and 'value symbiosis'?"])
def test_things_the_report_contrasts_are_compared(real_assistant, question):
    """The English names of the report's trend terms come from corpus/aliases.toml."""
    answer = real_assistant.ask(question)
    assert not answer.refused
    assert "市场适配" in answer.text and "价值共生" in answer.text
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "subject"), [
    ("大语言模型是什么原理", "大语言模型"),
    ("GDP怎么算的?", "GDP"),
    ("how does a CDN actually work?", "CDN"),
    ("hey, how are GDPR fines calculated?", "GDPR fines"),
    ("Explain what an API is in simple terms", "API"),
    ("数字丝绸之路合作国家有多少个?", ""),
])
def test_questions_about_how_a_thing_works_name_the_thing(question, subject) -> None:
    from assistant.answer.passing import workings_subject

    assert workings_subject(question) == subject


@pytest.mark.parametrize(("question", "reason"), [
    ("Explain what an API is in simple terms", "only in passing"),  # "开放API、标准化接口、资源共享平台、激励机制"
    ("大语言模型是什么原理", "never mention"),
])
def test_how_a_thing_works_is_not_answered_by_a_passing_mention(real_assistant, question, reason):
    answer = real_assistant.ask(question)
    assert answer.refused, answer.text
    assert reason in answer.debug["reason"]


def test_how_a_thing_the_report_explains_works_is_answered(real_assistant):
    answer = real_assistant.ask("混合主权架构是什么原理")
    assert not answer.refused
    assert "混合主权架构" in answer.text
    assert_extractive(answer)


def test_jurisdictions_are_countries_and_regions(real_assistant):
    """"哪些司法辖区": the countries and regions (the EU) whose rules the part describes."""
    answer = real_assistant.ask("金融科技平台那一部分涉及了哪些司法辖区的监管环境?请逐一列明。")
    assert not answer.refused
    assert all(place in answer.text for place in ("欧盟", "印尼", "新加坡", "沙特阿拉伯", "阿联酋"))
