"""What kind of answer a question wants, from its wording (Chinese or English).

The kind only steers which sentence is quoted (a number, a definition, a list,
a source line); it never changes what is retrieved.
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


class QuestionError(ValueError):
    """A question that cannot be answered as given (empty, too long, not text)."""


def validate_question(question: str, max_chars: int) -> str:
    """Return the stripped question or raise QuestionError with a one-line reason."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text.")
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty.")
    if len(text) > max_chars:
        raise QuestionError(f"the question is too long ({len(text)} characters; the limit is {max_chars}).")
    controls = sum(
        1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r") or ch == "\ufffd" or 0xD800 <= ord(ch) <= 0xDFFF
    )
    if controls or not any(ch.isalnum() for ch in text):
        raise QuestionError("the question is not readable text (binary or control characters).")
    return text


_PART_END = re.compile(r"(?<=[??])")
MIN_PART_CHARS = 4


def question_parts(question: str) -> list[str]:
    """Split a multi-part question at its question marks; one part when it is a single question."""
    parts = [p.strip() for p in _PART_END.split(question) if p.strip()]
    if len(parts) < 2 or any(len(p) < MIN_PART_CHARS for p in parts):
        return [question]
    return parts
