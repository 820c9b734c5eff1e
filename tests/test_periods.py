"""The part of a year a figure covers (answer/periods.py): 上半年, 前三季度, 1-11月 are not the whole year."""

from __future__ import annotations

import pytest

from assistant.answer.periods import figure_period, other_period, periods


@pytest.mark.parametrize(("text", "keys"), [
    ("一汽解放2022年上半年中重卡销量", ("1-6",)),
    ("2023年第一季度营收", ("1-3",)),
    ("Q3 revenue", ("7-9",)),
    ("前三季度出口额", ("1-9",)),
    ("2022年1-11月重卡销量", ("1-11",)),
    ("1至6月", ("1-6",)),
    ("今年5月份的销量", ("5-5",)),
    ("全年销量", ()),  # the whole year is what a bare year asks
    ("11月23日发布", ()),  # a date is no period
])
def test_periods_share_one_key_across_spellings(text, keys) -> None:
    assert periods(text) == keys


def test_the_nearest_period_before_a_figure_is_its_own() -> None:
    text = "上半年销量增长5%,全年销量达到100万辆。"
    assert figure_period(text, text.index("5%")) == "1-6"
    assert figure_period(text, text.index("100")) == "1-12"
    listed = "2021年三、四季度中国GDP环比增长率分别为0.7%和1.6%,美国分别为0.6%和1.7%。"
    assert figure_period(listed, listed.index("0.6")) == "q3,q4"


def test_a_figure_of_another_period_answers_neither_that_period_nor_the_year() -> None:
    text = "2022年1-11月重卡终端实销426332辆。"
    at = text.index("426332")
    assert other_period(text, at, ("1-6",), dated=True)
    assert other_period(text, at, (), dated=True)  # "2022年销量" asks for the year
    assert not other_period(text, at, (), dated=False)  # "销量是多少" asks for whatever the text gives
    assert not other_period(text, at, ("1-11",), dated=True)
