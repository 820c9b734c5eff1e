"""Which part of a year a figure covers: "上半年", "前三季度", "1-11月" are not the whole year.

"一汽解放2022年上半年中重卡销量" is not answered by "2022年1-11月重卡终端实销426332辆", nor "美国2021年GDP增长多少"
by "三、四季度…美国分别为0.6%和1.", the growth of two quarters. A question names the period it asks about, or by
naming only a year asks about the whole year; a figure qualified by another period answers neither. Equivalent
spellings (上半年 = 1-6月 = 前两季度) share one key. Pure functions over strings.
"""

from __future__ import annotations

import re

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12}
_NUM = r"(?:1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])"
_QUARTERS = r"[一二三四1-4](?:\s*[、和及与,，至到-]\s*[一二三四1-4])*"
PERIOD = re.compile(
    rf"(?P<whole>全年度?)|(?P<half>上半年|下半年|前半年|后半年)|"
    rf"(?P<first>前\s*(?P<firstn>[一二两三四1-4])\s*(?:个)?季度)|"
    rf"(?P<quarter>第?(?P<qs>{_QUARTERS})\s*季度)|"
    rf"(?P<q>\bQ(?P<qn>[1-4])\b)|"
    rf"(?P<range>(?P<m1>{_NUM})\s*(?:月)?\s*[-~～—–至到]\s*(?P<m2>{_NUM})\s*月(?!\s*\d{{1,2}}\s*[日号]))|"
    rf"(?P<months>前\s*(?P<mn>{_NUM})\s*个?月)|"
    rf"(?P<month>(?P<mm>{_NUM})\s*月份)",
    re.I,
)
# A figure's own period is written shortly before it in its sentence ("上半年销量8.5万辆", "1-11月…实销426332辆",
# "三、四季度中国…分别为0.7%和1.6%,美国分别为0.6%"); the nearest one is its own ("上半年增长5%,全年达到100万辆").
_SENTENCE_END = re.compile(r"[。;；!?！？]")
PERIOD_REACH = 48  # characters between a period and the figure it qualifies (a listed "分别为…和…" reaches far)


def _n(text: str) -> int:
    text = text.strip()
    return int(text) if text.isdigit() else _CN.get(text, 0)


def period_key(match: re.Match[str]) -> str:
    """Months covered, as "first-last" ("上半年" -> "1-6"); several quarters listed ("三、四季度") as "q3,q4"."""
    if match.group("whole"):
        return "1-12"
    if match.group("half"):
        return "1-6" if match.group("half") in ("上半年", "前半年") else "7-12"
    if match.group("first"):
        return f"1-{3 * _n(match.group('firstn'))}"
    if match.group("quarter"):
        quarters = [_n(q) for q in re.findall(r"[一二三四1-4]", match.group("qs"))]
        if len(quarters) == 1:
            return f"{3 * quarters[0] - 2}-{3 * quarters[0]}"
        return ",".join(f"q{q}" for q in quarters)
    if match.group("q"):
        quarter = int(match.group("qn"))
        return f"{3 * quarter - 2}-{3 * quarter}"
    if match.group("range"):
        return f"{_n(match.group('m1'))}-{_n(match.group('m2'))}"
    if match.group("months"):
        return f"1-{_n(match.group('mn'))}"
    month = _n(match.group("mm"))
    return f"{month}-{month}"


def periods(text: str) -> tuple[str, ...]:
    """The periods a text names, as keys (not the whole year: "全年" asks what a bare year asks)."""
    return tuple(dict.fromkeys(k for m in PERIOD.finditer(text) if (k := period_key(m)) != "1-12"))


def figure_period(text: str, at: int) -> str:
    """The period written nearest before the figure at `at` in its sentence (within PERIOD_REACH characters), or
    "" when none is."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    found = [m for m in PERIOD.finditer(text, start, at) if m.end() >= at - PERIOD_REACH]
    return period_key(found[-1]) if found else ""


def other_period(text: str, at: int, asked: tuple[str, ...], dated: bool) -> bool:
    """Whether the figure at `at` covers another period than the one asked: `asked` are the question's periods;
    with none, a question naming a year (`dated`) asks for the whole year."""
    if not asked and not dated:
        return False
    own = figure_period(text, at)
    if not own:
        return False
    return own not in asked and own != "1-12"
