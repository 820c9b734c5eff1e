"""What a question asks for, from its wording (Chinese or English).

The kind steers which sentence is quoted (a number, a definition, a list, a
source line) and what a quoted sentence must supply for the question to count
as answered; it never changes what is retrieved.
"""

from __future__ import annotations

import re
from enum import Enum

from assistant.text import cjk_ratio


class QuestionKind(Enum):
    NUMBER = "number"
    DEFINITION = "definition"
    LIST = "list"
    SOURCE = "source"
    OTHER = "other"


_SOURCE = re.compile(
    r"出处|来源|出自|引自|引用|数据.*哪里|哪份报告|依据.*哪|"
    r"\bsources?\b|\bcited?\b|\bcites\b|where .* come from|according to which",
    re.I,
)
_LIST = re.compile(
    r"哪些|哪几|哪[二三四五六七八九十两]|几大|[二三四五六七八九十两]大(?:特点|趋势|机遇|方面)|几个方面|有什么特点|特点是什么|"
    r"包括什么|包含什么|举措|建议|\blist\b|what are the|which .*(?:are|were)\b|name the",
    re.I,
)
_DEFINITION = re.compile(
    r"什么是|是什么意思|指什么|是指|含义|内涵|定义|核心在于|核心是什么|"
    r"\bwhat is (?:a |an |the )?\w+\??$|\bdefin|\bmean",
    re.I,
)
_NUMBER = re.compile(
    r"多少|几个|几家|几项|几座|几年|几国|几种|几类|几天|几倍|比例|比重|百分|增速|规模|占比|何时|哪一?年|什么时候|时间|"
    r"\bhow (?:many|much|large|big|fast)\b|\bpercent|\bshare\b|\bnumber of\b|\bwhen\b|\bwhat year\b|\brate\b",
    re.I,
)


_COUNTED = re.compile(r"哪[二三四五六七八九十两几]|几大|[二三四五六七八九十两]大|几个方面|哪几|几点|几类|几种", re.I)


def wants_enumeration(question: str) -> bool:
    """"哪三个方面" / "四大机遇": the question asks for a counted list, so quote the whole list."""
    return bool(_COUNTED.search(question))


def is_english(question: str) -> bool:
    return cjk_ratio(question) < 0.3


def classify(question: str) -> QuestionKind:
    """First match wins, in the order source, list, number, definition."""
    for kind, pattern in (
        (QuestionKind.SOURCE, _SOURCE),
        (QuestionKind.LIST, _LIST),
        (QuestionKind.NUMBER, _NUMBER),
        (QuestionKind.DEFINITION, _DEFINITION),
    ):
        if pattern.search(question):
            return kind
    return QuestionKind.OTHER
