"""Stems: the clauses around a fact, cut so that the question stands on its own.

A stem starts where its subject is named (not mid-sentence after a cut), drops list
markers and 例如-style leads, and asks with a question word that fits the answer's kind;
where a name sits beside the noun that describes it (平台阿里鱼) or inside quotes, the
item asks for the fill instead of using a question word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.quiz.facts import Fact, strip_lead

_CLAUSE = re.compile(r"[,，;；:：]")
_PUNCT = ",，:：;；"

_SUBJECT = re.compile(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*|"
                      r"[\u4e00-\u9fff]{2,8}(?:集团|公司|科技|银行|政府|央行|电信|云|组织|机构|国际|局)")


_EXAMPLE = re.compile(r"(?:例如|比如)[,，:：]?")


def in_quote(sentence: str, start: int) -> bool:
    head = sentence[:start]
    return head.count('"') % 2 == 1 or head.count("“") > head.count("”")


def _names_something(text: str) -> bool:
    return bool(_SUBJECT.search(text))


def subject_before(sentence: str, left: int, names: Callable[[str], bool] = _names_something,
                   fact: tuple[int, int] = (0, 0)) -> bool:
    """The clauses cut off before the window name who acts (WeChat与TikTok…, 中国已与…): keep them.

    The fact itself does not count as a subject: it is blanked or swapped.
    """
    start, end = fact
    window = sentence[left : left + 30]
    if start >= left:
        window = sentence[left:start] + "\u3000" + sentence[end : left + 30]
    return names(sentence[:left]) and not names(window)


def _window(sentence: str, start: int, end: int, before: int = 50, total: int = 90,
            names: Callable[[str], bool] = _names_something) -> tuple[int, int]:
    """The clauses around a fact: enough context to answer, short enough to read.

    It reaches back to the sentence's start when the clauses before the fact hold its subject
    (a stem that begins mid-sentence, "覆盖全球200余个区域", asks about nobody).
    """
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(sentence))]
    left = min((b for b in bounds if b <= start and start - b <= before), default=max(b for b in bounds if b <= start))
    if left and ((start - left < 12 and start <= 110) or subject_before(sentence, left, names, (start, end))):
        left = 0
    example = max((m.end() for m in _EXAMPLE.finditer(sentence, 0, start)), default=0)
    left = max(left, example)  # "…,例如Amazon汇聚…": the example stands alone; the clauses before it are a heading
    ends = [m.start() for m in _CLAUSE.finditer(sentence, end)] + [len(sentence)]
    right = ends[0]
    for candidate in ends[1:]:
        if candidate - left > total:
            break
        right = candidate
    return left, right


def stem_text(fact: Fact, replacement: str, whole: bool = False,
             names: Callable[[str], bool] = _names_something) -> str:
    """The fact's clauses with the fact replaced; `whole` keeps clauses after it (cloze, tf)."""
    left, right = _window(fact.sentence, fact.start, fact.end, total=90 if whole else 0, names=names)
    text = fact.sentence[left : fact.start] + replacement + fact.sentence[fact.end : right]
    text = strip_lead(text.lstrip(_PUNCT + " "))
    return text.lstrip(_PUNCT + " ").rstrip(_PUNCT + "。")


_NOUN_AFTER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{0,6}?"
                         r"(?:平台|国家|地区|企业|系统|方案|模式|项目|网络|一体机|中心|产品|体系|机构|组织)")


def appositive(fact: Fact) -> bool:
    """The name sits next to a noun that describes it (平台阿里鱼, 全球南方国家, Azure Stack混合云一体机)."""
    before = fact.sentence[fact.start - 1 : fact.start]
    after = fact.sentence[fact.end : fact.end + 8]
    return bool(before and "\u4e00" <= before <= "\u9fff" and before in "台品擎库统网") or bool(
        after and "\u4e00" <= after[0] <= "\u9fff" and _NOUN_AFTER.match(after))


def question_word(fact: Fact) -> str:
    """What the question asks for, in place of the fact: 多少个, 哪一年, 哪家企业…"""
    if fact.kind == "percent":
        return "多少"
    if fact.kind == "year":
        return "哪一年"
    if fact.kind == "count":
        return "多少" + fact.unit.lstrip("百万亿")
    if fact.kind in ("country", "region", "city"):
        return {"country": "哪个国家", "region": "哪个地区", "city": "哪座城市"}[fact.kind]
    if fact.kind == "org":
        return "哪个机构"
    if fact.kind == "product":
        return "哪个产品或平台"
    before = fact.sentence[fact.start - 1 : fact.start]
    return "什么" if before and before in "台库包统品" else "哪家企业"
