"""Questions about two named things at once are answered name by name when no sentence is about both
(real report, real embedder)."""

from __future__ import annotations

import pytest

from assistant.answer.coordination import aspect_parts, contrast_parts, name_parts
from tests.test_answers import assert_extractive

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("微软和阿里云在数据主权上都是怎么做的", ["微软在数据主权上都是怎么做的", "阿里云在数据主权上都是怎么做的"]),
        ("What did Huawei and Alibaba do in Saudi Arabia?",
         ["What did Huawei do in Saudi Arabia?", "What did Alibaba do in Saudi Arabia?"]),
        ("华为云和阿里云出海哪个更牛", []),  # a verdict: no quote answers it
        ("华为和埃塞电信那个项目覆盖了多少人", []),  # one thing the two share
        ("TikTok和GoTo是什么关系", []),
        ("菜鸟在东南亚咋做的", []),
        ("Epic Games + YouTube cases: which model?", ["Epic Games cases: which model?", "YouTube cases: which model?"]),
        # keywords typed apart: two countries side by side are listed; a company beside a country is set there
        ("印尼 越南 数字经济数据", ["印尼 数字经济数据", "越南 数字经济数据"]),
        ("TikTok 马来西亚 罚款金额", []),
        # a difference asked for is no shared thing, though the two are compared on a 合作
        ("印尼和印度在金融科技合作上有什么不同", ["印尼在金融科技合作上有什么不同", "印度在金融科技合作上有什么不同"]),
    ],
)
def test_name_parts(real_assistant, question: str, parts: list[str]) -> None:
    assert name_parts(question, real_assistant.names) == parts


def test_two_names_without_a_shared_sentence_are_answered_each(real_assistant) -> None:
    """Was refused ("not about 阿里云"): the report describes Microsoft's and Alibaba Cloud's approaches apart."""
    answer = real_assistant.ask("微软和阿里云在数据主权上都是怎么做的")
    assert not answer.refused, answer.debug
    assert "微软主权云" in answer.text and "沙特云计算公司" in answer.text
    assert_extractive(answer)


def test_a_shared_project_is_not_split(real_assistant) -> None:
    """Asked name by name, "华为…覆盖了多少人" would quote Huawei's 30亿人口, a different project."""
    answer = real_assistant.ask("华为和埃塞电信那个项目覆盖了多少人")
    assert "30亿人口" not in answer.text


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("沙特在云计算和支付监管方面各有什么做法?", ["沙特在云计算方面有什么做法?", "沙特在支付监管方面有什么做法?"]),
        # the latest place the aspects attach: 定位 / 特点, not 表里的定位 / 特点
        ("电商那类在表里的定位和特点分别是什么", ["电商那类在表里的定位是什么", "电商那类在表里的特点是什么"]),
        ("报告的结论和建议分别是啥", ["报告的结论是啥", "报告的建议是啥"]),
        # two subjects, each with its own setting
        ("华为云在泰国、菜鸟在东南亚,各自做了啥?", ["华为云在泰国做了啥?", "菜鸟在东南亚做了啥?"]),
        ("微软和阿里云在数据主权上分别是怎么做的", []),  # two names, not two aspects (name_parts)
        ("数字丝路的机遇和挑战哪个更大", []),  # no 分别 / 各: one question
        ("数字丝路的机遇和挑战分别哪个更多", []),  # a verdict
    ],
)
def test_aspect_parts(question: str, parts: list[str]) -> None:
    assert aspect_parts(question) == parts


def test_two_aspects_asked_for_separately_are_answered_each(real_assistant) -> None:
    """Asked whole, the question found only Indonesia's infrastructure plan (§1.2), not its payment blueprint."""
    answer = real_assistant.ask("印尼的数字基建和数字支付各有啥长远规划?")
    assert not answer.refused, answer.debug
    assert "2045年数字印尼愿景" in answer.text and "支付系统蓝图" in answer.text
    assert_extractive(answer)


@pytest.mark.parametrize(("question", "parts"), [
    ("Who runs the Arab arts network, and what is Epic Games doing there?",
     ["Who runs the Arab arts network", "what is Epic Games doing there?"]),
    ("沙特有哪些云规则,还有微软咋应对的?", ["沙特有哪些云规则", "微软咋应对的?"]),
    ("What are the core roles, and which firms are the examples?", ["What are the core roles",
                                                                     "which firms are the examples?"]),
    ("华为和阿里云在沙特做了什么", []),
])
def test_joined_parts(question: str, parts: list[str]) -> None:
    from assistant.question import joined_parts

    assert joined_parts(question) == parts


def test_two_questions_in_one_sentence_are_answered_each_when_the_whole_is_not(real_assistant) -> None:
    """Asked whole it was refused ("not about Epic Games"): no sentence is about the Arab network and Epic Games."""
    answer = real_assistant.ask("Who is behind the Arab arts and culture network, and what is Epic Games doing in "
                                "digital entertainment?")
    assert not answer.refused, answer.debug
    assert "谷歌艺术与文化" in answer.text and "虚幻引擎" in answer.text
    assert_extractive(answer)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How does the report contrast Amazon's approach with Cainiao's in cross-border e-commerce?",
         ["How does the report contrast Amazon's approach with in cross-border e-commerce?",
          "How does the report contrast approach with Cainiao's in cross-border e-commerce?"]),
        # each acts in its own place: the places (and the regulator, the EU) are left out of the halves
        ("How does the report contrast Microsoft's approach in the EU with Alibaba Cloud's in Saudi Arabia?",
         ["How does the report contrast Microsoft's approach with ?",
          "How does the report contrast approach with Alibaba Cloud's ?"]),
        ("在应对欧盟和沙特的数据监管方面,报告所述微软与华为云的做法有何异同?",
         ["在应对的数据监管方面,报告所述微软与的做法有何异同?",
          "在应对的数据监管方面,报告所述与华为云的做法有何异同?"]),
        ("华为云出海哪个更强,跟阿里云比", []),  # a verdict
        ("How does Amazon's approach differ from traditional retail?", []),  # one company
    ],
)
def test_contrast_parts(real_assistant, question: str, parts: list[str]) -> None:
    assert contrast_parts(question, real_assistant.names) == parts


def test_a_contrast_of_two_companies_described_apart_quotes_each(real_assistant) -> None:
    """Was refused ("not about Cainiao"): the report gives Amazon's FBA and Cainiao's chain as examples of two
    different features; a contrast is the two side by side."""
    question = "How does the report contrast Amazon's approach with Cainiao's in cross-border e-commerce?"
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert "FBA" in answer.text and "菜鸟国际" in answer.text
    assert_extractive(answer)


def test_a_contrast_of_two_companies_in_their_own_places_quotes_each(real_assistant) -> None:
    """Was refused ("not about Microsoft, Alibaba Cloud"): each half also asked about the other's place."""
    question = ("How does the report contrast Microsoft's approach to data sovereignty in the EU with Alibaba Cloud's "
                "in Saudi Arabia?")
    answer = real_assistant.ask(question)
    assert not answer.refused, answer.debug
    assert "微软" in answer.text and "阿里云" in answer.text
    assert_extractive(answer)


def test_a_word_inside_a_name_does_not_join_the_names(real_assistant) -> None:
    """"联合国" holds 联合 ("together"), which marks one thing the names share only when it stands on its own."""
    parts = name_parts("报告对联合国、G20、APEC这些多边机制,分别提了什么建议?", real_assistant.names)
    assert len(parts) == 3
