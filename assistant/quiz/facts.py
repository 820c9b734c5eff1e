"""Checkable facts in report sentences: quantities, names, definitions, list items.

A quiz item is only as good as its fact: each one is a span of a real sentence,
so blanking it gives a cloze and the cited paragraph always shows the answer.
Names come from a gazetteer built from the corpus itself by patterns (Latin brand
names, Chinese names before 集团/科技/云, countries of a fixed list that occur),
so nothing outside the report is ever offered as an answer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from assistant.text import match_key, strip_marks

_COUNTRY_NAMES = """
中国 美国 英国 法国 德国 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 波兰 希腊 奥地利
爱尔兰 匈牙利 捷克 罗马尼亚 塞尔维亚 俄罗斯 乌克兰 白俄罗斯 土耳其 日本 韩国 朝鲜 蒙古 印度
巴基斯坦 孟加拉国 斯里兰卡 尼泊尔 印度尼西亚 印尼 马来西亚 新加坡 泰国 越南 老挝 柬埔寨 缅甸 菲律宾
文莱 东帝汶 哈萨克斯坦 乌兹别克斯坦 吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 阿富汗 伊朗 伊拉克 叙利亚
约旦 黎巴嫩 以色列 沙特阿拉伯 沙特 阿联酋 卡塔尔 科威特 阿曼 也门 巴林 埃及 利比亚 突尼斯
阿尔及利亚 摩洛哥 苏丹 埃塞俄比亚 肯尼亚 坦桑尼亚 乌干达 卢旺达 尼日利亚 加纳 塞内加尔 科特迪瓦
喀麦隆 安哥拉 赞比亚 津巴布韦 莫桑比克 南非 马达加斯加 加拿大 墨西哥 巴西 阿根廷 智利 秘鲁 哥伦比亚
委内瑞拉 古巴 澳大利亚 新西兰 斐济
"""
COUNTRIES = tuple(_COUNTRY_NAMES.split())
ALIASES = {"印尼": "印度尼西亚", "沙特": "沙特阿拉伯"}
_LATIN = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z']*[a-z][A-Za-z']*(?: [A-Z][A-Za-z']*[a-z][A-Za-z']*)?)(?![A-Za-z])")
_LATIN_STOP = {"App", "Top", "Net", "IoT", "Emerging Market", "Fulfillment", "Stack", "SuperAPP"}
_SUFFIXED = re.compile(r"(集团|科技|云|公司)(?![计服技平原网底厂端化一])")
_LEAD_VERB = re.compile(r"(?:例如|比如|如)[,,::]?([\u4e00-\u9fff]{2,4}?)(?:推出|在|与|联合|拥有|设立|发布|提出|汇聚)")
_LEAD_WORDS = ("例如", "比如", "引自", "如", "在", "与", "和", "由", "到")
_GENERIC = {"金融", "数字", "主权", "行业", "本土", "混合", "合资", "欧盟", "文化", "网"}
_NOT_COMPANY = ("政府", "央行", "银行", "局", "部", "组织", "机构")
_STEM_NEXT = "与在的、和,,推出联合"
NUMBER = re.compile(
    r"(?<![A-Za-z\d.])(\d+(?:\.\d+)?)(多|余|\+)?(百万|万|亿)?(%|[个家项年月座张国天元])?(?![A-Za-z\d])"
)
_DEFINITION = re.compile(r"([^,,。;;:“”\"]{2,20}?)(?:是指|指的是)")
_ORDINALS = "一二三四五六七八九"


@dataclass(frozen=True)
class Gazetteer:
    """Names the report uses, by kind: 'company' (incl. platforms) or 'country'."""

    companies: tuple[str, ...]
    countries: tuple[str, ...]

    def kind_of(self, name: str) -> str:
        return "country" if name in self.countries else "company"

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        names = sorted({*self.companies, *self.countries}, key=len, reverse=True)  # longest wins at a position
        return re.compile("|".join(map(re.escape, names)) or "(?!)")

    def find(self, text: str) -> list[tuple[int, str]]:
        """(start, name) of every name in text, left to right, no overlaps."""
        return [(m.start(), m.group(0)) for m in self._pattern.finditer(text)]


def canonical(name: str) -> str:
    """One key per entity: aliases and spelling variants (Youtube/YouTube) collapse."""
    return match_key(ALIASES.get(name, name))


def same_entity(a: str, b: str) -> bool:
    """True when one name is (part of) the other: 华为 and 华为云, TikTok and TikTok Shop."""
    ka, kb = canonical(a), canonical(b)
    return ka in kb or kb in ka


def _chinese_candidates(text: str) -> set[str]:
    names = set()
    for m in _SUFFIXED.finditer(text):
        start = m.start()
        while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        run = text[start : m.start()]
        for lead in _LEAD_WORDS:
            if run.startswith(lead) and len(run) - len(lead) >= 2:
                run = run[len(lead) :]
        if 2 <= len(run) <= 3 and run not in _GENERIC:
            names.add(run + m.group(1))
            alone = any(m2.end() < len(text) and text[m2.end()] in _STEM_NEXT for m2 in re.finditer(run, text))
            if m.group(1) == "云" and alone:  # 华为云 -> also 华为, when the report uses it alone
                names.add(run)
    for m in _LEAD_VERB.finditer(text):
        name = m.group(1)
        if not name.endswith(_NOT_COMPANY) and name not in _GENERIC:
            names.add(name)
    return names


def build_gazetteer(texts: Iterable[str]) -> Gazetteer:
    """Company/platform and country names that occur in the texts."""
    text = "\n".join(strip_marks(t) for t in texts)
    latin = {m.group(1) for m in _LATIN.finditer(text)}
    latin = {n for n in latin if n not in _LATIN_STOP and not n.endswith("aaS")}
    countries = tuple(sorted(c for c in COUNTRIES if c in text))
    companies = {n for n in latin | _chinese_candidates(text) if n not in countries}
    return Gazetteer(tuple(sorted(companies)), countries)


@dataclass(frozen=True)
class Fact:
    """One blankable span of a sentence."""

    kind: str  # percent | year | count | company | country | definition | item
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


def name_facts(sentence: str, pid: str, gazetteer: Gazetteer) -> list[Fact]:
    found = gazetteer.find(sentence)
    facts = []
    for start, name in found:
        if name == "中国" or _in_title(sentence, start) or sum(1 for _, n in found if same_entity(n, name)) > 1:
            continue
        facts.append(Fact(gazetteer.kind_of(name), name, sentence, pid, start))
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
        head = re.split(r"[,,;;。:]", sentence[m.end() :], maxsplit=1)[0]
        if 2 <= len(head) <= 30:
            facts.append(Fact("item", head, sentence, pid, m.end()))
    return facts


def sentence_facts(sentence: str, pid: str, gazetteer: Gazetteer) -> list[Fact]:
    """All facts of one sentence (marks already stripped), in order of position."""
    facts = [
        *number_facts(sentence, pid),
        *name_facts(sentence, pid, gazetteer),
        *definition_facts(sentence, pid),
        *item_facts(sentence, pid),
    ]
    return sorted(facts, key=lambda f: (f.start, f.kind))


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


def name_distractors(fact: Fact, gazetteer: Gazetteer, rng: random.Random) -> list[str]:
    """Three other names of the same kind, none the same entity as the answer or named in the sentence."""
    names = gazetteer.countries if fact.kind == "country" else gazetteer.companies
    sentence = match_key(fact.sentence)
    pool = [n for n in names if n != "中国" and not same_entity(n, fact.answer) and canonical(n) not in sentence]
    same_script = [n for n in pool if n.isascii() == fact.answer.isascii()]
    pool = sorted(same_script if len(same_script) >= 3 else pool)
    rng.shuffle(pool)
    chosen: list[str] = []
    for name in pool:
        if len(chosen) < 3 and not any(same_entity(name, c) for c in chosen):
            chosen.append(name)
    return chosen
