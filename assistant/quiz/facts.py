"""Checkable facts in report sentences: quantities, names, definitions, list items.

A quiz item is only as good as its fact: each one is a span of a real sentence,
so blanking it gives a cloze and the cited paragraph always shows the answer.
Names come from the shared name table (`assistant.lexicon`), so a distractor is
always another thing of the same kind (company for company, region for region)
that the report itself names. Sentences that lean on their neighbours (双方, 该模式,
在此基础上) give no facts: a stem must stand on its own.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.lexicon import NameGroup, NameTable

NAME_KINDS = ("country", "region", "city", "org", "company", "product")
MAX_ANSWER = 12  # characters in a cloze answer
NUMBER = re.compile(
    r"(?<![A-Za-z\d.])(\d+(?:\.\d+)?)(多|余|\+)?(百万|万|亿)?(%|[个家项年月座张国天元])?(?![A-Za-z\d])"
)
_DEFINITION = re.compile(r"([^,，。;；:“”\"]{2,20}?)(?:是指|指的是)")
_ORDINALS = "一二三四五六七八九"
# Words that point at something named elsewhere: such a sentence does not stand on its own.
_ANAPHORA = re.compile(r"双方|二者|前者|后者|该模式|该架构|该平台|该项目|该公司|这种|这一|此类|上述|"
                       r"在此基础上|^与此同时|(?<![尤极])其(?![中他次余实])|^此")
_LEADS = re.compile(r"^(?:[一二三四五六七八九]是|例如|比如|如|同时|此外|目前|当前|具体而言)[,，:：]?")


_LOCATIVE = re.compile(r"^(?:如|例如|比如)?[,，]?在[^,，]{1,10}[,，]")  # 如在印尼,整合…: a place, not a subject
_ACTORS = re.compile(r"中国|我国|政府|平台企业|企业|[A-Z][a-z]")


def standalone(sentence: str, table: NameTable | None = None) -> bool:
    """No pointer at something named elsewhere, and an actor named when it opens with a place."""
    if _ANAPHORA.search(sentence):
        return False
    place = _LOCATIVE.match(sentence)
    if not place:
        return True
    rest = sentence[place.end() : place.end() + 12]
    actors = table.find(rest, ("company", "org", "product", "person")) if table is not None else []
    return bool(actors) or bool(_ACTORS.search(rest))


def strip_lead(text: str) -> str:
    """Drop a list marker or connective at the start: 二是…, 例如,…, 同时,…"""
    while True:
        stripped = _LEADS.sub("", text, count=1)
        if stripped == text or len(stripped) < 8:
            return text
        text = stripped


@dataclass(frozen=True)
class Fact:
    """One blankable span of a sentence."""

    kind: str  # percent | year | count | a name kind (company, country, region…) | definition | item
    answer: str  # the span as written in the sentence, e.g. "1500多张", "18.6%", "华为"
    sentence: str  # the sentence, footnote marks removed
    paragraph_id: str
    start: int  # offset of `answer` in `sentence`
    number: float | None = None
    unit: str = ""  # "%", "个", "万家", "亿"; "" for names
    approx: str = ""  # "多", "余" or "+" between the number and its unit
    decimals: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.answer)


def _in_title(sentence: str, start: int) -> bool:
    """Inside 《…》: a book title is quoted, not a fact to blank."""
    return sentence.rfind("《", 0, start) > sentence.rfind("》", 0, start)


def number_facts(sentence: str, pid: str) -> list[Fact]:
    facts = []
    for m in NUMBER.finditer(sentence):
        number, approx, magnitude, counter = m.group(1), m.group(2) or "", m.group(3) or "", m.group(4) or ""
        unit = magnitude + counter
        if not unit or _in_title(sentence, m.start()) or sentence.count(m.group(0)) > 1:
            continue  # a second "18个" in the sentence would give the answer away
        value = float(number)
        if counter == "月" or (counter == "年" and not magnitude and len(number) == 4 and approx):
            continue  # months are dates, not facts; "2000余年" is rare and odd
        if counter == "年" and not magnitude and len(number) == 4:
            kind = "year"
        elif unit == "%":
            kind = "percent"
        else:
            kind = "count"
        decimals = len(number.split(".")[1]) if "." in number else 0
        facts.append(Fact(kind, m.group(0), sentence, pid, m.start(), value, unit, approx, decimals))
    return facts


def name_facts(sentence: str, pid: str, table: NameTable) -> list[Fact]:
    """Names that appear once, outside titles and enumerations (越南、____等国 has many right fills)."""
    found = [m for m in table.find(sentence) if m.group.kind in NAME_KINDS]
    facts = []
    for m in found:
        before, after = sentence[m.start - 1 : m.start], sentence[m.end : m.end + 1]
        if m.group.preferred == "中国" or _in_title(sentence, m.start) or len(m.surface) > MAX_ANSWER:
            continue
        if m.surface != m.group.preferred and len(m.surface) <= 2 and not m.surface.isascii():
            continue  # a short alias is also a word: 电信 in 电信网络 is not 中国电信
        if sum(1 for other in found if other.group is m.group) > 1 or before == "、" or after in ("、", "等"):
            continue
        if (before == "和" or after == "和") and "、" in sentence[max(0, m.start - 12) : m.end + 12]:
            continue  # 东亚和太平洋、东盟…: one item of a list
        facts.append(Fact(m.group.kind, m.surface, sentence, pid, m.start))
    return facts


def definition_facts(sentence: str, pid: str) -> list[Fact]:
    m = _DEFINITION.search(sentence)
    if not m:
        return []
    return [Fact("definition", m.group(1).strip(), sentence, pid, m.start(1))]


def item_facts(sentence: str, pid: str) -> list[Fact]:
    """List items within one sentence: the heads after 一是/二是/三是… (two at least)."""
    marks = [m for m in re.finditer(f"([{_ORDINALS}])是", sentence)]
    marks = [m for i, m in enumerate(marks) if m.group(1) == _ORDINALS[i]] if marks else []
    if len(marks) < 2:
        return []
    facts = []
    for m in marks:
        head = re.split(r"[,，;；。:]", sentence[m.end() :], maxsplit=1)[0]
        if 2 <= len(head) <= 30:
            facts.append(Fact("item", head, sentence, pid, m.end()))
    return facts


def sentence_facts(sentence: str, pid: str, table: NameTable) -> list[Fact]:
    """All facts of one sentence (marks already stripped), in order of position; none if it leans on context."""
    if not standalone(sentence, table):
        return []
    facts = [
        *number_facts(sentence, pid),
        *name_facts(sentence, pid, table),
        *definition_facts(sentence, pid),
        *item_facts(sentence, pid),
    ]
    return sorted((f for f in facts if len(f.answer) <= MAX_ANSWER), key=lambda f: (f.start, f.kind))


def format_number(value: float, decimals: int, fact: Fact) -> str:
    """A value written the way the fact writes its own: same decimals, qualifier and unit."""
    digits = f"{value:.{decimals}f}" if decimals else str(round(value))
    return digits + fact.approx + fact.unit


def _nearby(fact: Fact) -> list[float]:
    """Plausible wrong values: near years, small neighbours, or scaled and rounded like the answer."""
    n = fact.number or 0.0
    if fact.kind == "year":
        return [n + d for d in (-3, -2, -1, 1, 2, 3)]
    if not fact.decimals and n < 10:
        return [n + d for d in (-2, -1, 1, 2, 3)]
    step = 10.0 ** -fact.decimals
    if not fact.decimals and fact.kind == "count":
        digits = str(round(n))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    scaled = [int(n * f / step + 0.5) * step for f in (0.5, 0.75, 1.25, 1.5, 2.0)]
    return scaled + ([n + d for d in (-10, -5, 5, 10)] if fact.kind == "percent" else [])


def number_distractors(fact: Fact, facts: Iterable[Fact], rng: random.Random) -> list[str]:
    """Three wrong values of the same kind and unit: other report values first, then nearby ones."""
    n = fact.number or 0.0
    same = sorted({(f.number, f.decimals) for f in facts if f.kind == fact.kind and f.unit == fact.unit
                   and f.number and n and 0.2 <= f.number / n <= 5 and fact.kind != "year"})
    near = [(v, fact.decimals) for v in _nearby(fact)]
    rng.shuffle(same)
    rng.shuffle(near)
    chosen: dict[str, float] = {}
    for value, decimals in [*same[:2], *near, *same[2:]]:
        text = format_number(value, decimals, fact)
        shown = float(text[: len(text) - len(fact.approx + fact.unit)])
        if shown <= 0 or (fact.kind == "percent" and shown > 100) or abs(shown - n) < 1e-9:
            continue
        if text != fact.answer and shown not in chosen.values() and len(chosen) < 3:
            chosen[text] = shown
    return list(chosen)


def name_distractors(fact: Fact, table: NameTable, named: Iterable[NameGroup], paragraph: Iterable[NameGroup],
                     rng: random.Random, section: Iterable[NameGroup] = ()) -> list[str]:
    """Three other things of the same kind the report names, none named in the fact's paragraph.

    Things from the same section come first (the true/false swap takes the first).
    """
    answer = table.group_of(fact.answer)
    here = set(paragraph)  # the things the fact's paragraph names
    pool = [g for g in dict.fromkeys(named) if g.kind == fact.kind and g is not answer
            and g.preferred != "中国" and g not in here and len(g.preferred) <= MAX_ANSWER]
    near = [g for g in dict.fromkeys(section) if g in pool]
    rest = sorted((g for g in pool if g not in near), key=lambda g: g.preferred)
    rng.shuffle(near)
    rng.shuffle(rest)
    latin = fact.answer.isascii()
    # Same script first (a Latin name among Chinese ones gives the key away), the same section before others.
    others = [*rest, *(g for g in near if g.preferred.isascii() != latin)]
    others.sort(key=lambda g: g.preferred.isascii() != latin)  # stable: the shuffle order stays within each script
    near = [g for g in near if g.preferred.isascii() == latin]
    rest = others
    return [g.preferred for g in [*near, *rest][:3]]
