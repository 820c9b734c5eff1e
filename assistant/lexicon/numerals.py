"""Numbers as numbers: so "18.6 %", "1,500", "3.3亿" and "三十多" compare by value, not by spelling.

Shared by the checker (a claim's numbers against a report sentence) and the quiz
(answers and their accepted variants). A small pure reader, not cn2an or jionlp:
it handles every form the report and the claim set use (三十多 = 30余 = 30多,
两天 = 2天, 1.5万 = 15000, 三成 = 30%, qualifiers 以上/超过/近/约) without a
dependency. Each quantity carries its bound: "more" (多/余/以上/超过/逾/+),
"less" (近/不到/不足/以下), "about" (约/左右/上下) or "" (exact).

The checker decides "supported" or "contradicted" by comparing the quantities of a
claim with those of a report sentence; string comparison would call "1500多" and
"1,500" different and "20%" and "20" equal. Chinese numerals are read only where
they are plainly quantities (with 十/百/千/万/亿 or a counter), never in set
phrases such as 一带一路 or 一是.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import strip_marks

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_ENGLISH = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
COUNTERS = "个家项年月日天国座张元人次倍款条种"
_APPROX = r"(?:多|余|\+|左右|以上|上下|以下)"
_AFTER_BOUND = {"多": "more", "余": "more", "+": "more", "以上": "more", "左右": "about", "上下": "about",
                "以下": "less"}
_BEFORE_BOUND = (("超过", "more"), ("逾", "more"), ("不到", "less"), ("不足", "less"), ("接近", "less"),
                 ("将近", "less"), ("近", "less"), ("约", "about"), ("大约", "about"))
_TENTHS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?|[一二三四五六七八九])成(?![为立功长本熟果员型效绩交就])")
_ARABIC = re.compile(
    r"(?<![A-Za-z\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(多|余|\+)?\s*"
    r"(百万|千万|千亿|万亿|十亿|百亿|千|万|亿|thousand|million|billion|trillion)?\s*"
    r"(%|％|percent|per cent|个百分点|[" + COUNTERS + r"])?(?![A-Za-z])"
)
_CHINESE = re.compile(r"(?<![第之数几上成])([" + _CN_NUM + r"]{1,12})(多|余)?([" + COUNTERS + r"])?")
_SET_PHRASES = re.compile("一带一路|三位一体|千人千面|成千上万|千万不|万一|一万步|百分百|百度|千方百计")


@dataclass(frozen=True)
class Quantity:
    """A number found in text with what it counts."""

    value: float  # in units: "3.3亿" -> 330000000.0, "18.6%" -> 18.6
    percent: bool
    unit: str  # the counter after it ("个", "年"), "" when none
    approx: bool  # "1500多", "10%左右", "60+", "约30"
    text: str  # as written
    bound: str = ""  # "more" | "less" | "about" | "": what the qualifier says about the true value

    @property
    def kind(self) -> str:
        """percent | year | count: a claim's 20% can only contradict another percentage."""
        if self.percent:
            return "percent"
        if (self.unit == "年" or not self.unit) and self.value.is_integer() and 1900 <= self.value <= 2100:
            return "year"
        return "count"

    def same_value(self, other: Quantity) -> bool:
        if self.percent != other.percent:
            return False
        return abs(self.value - other.value) <= 1e-9 * max(1.0, abs(self.value))

    def opposed(self, other: Quantity) -> bool:
        """Same number, opposite qualifiers: "超过30个" against "近30个"."""
        return {self.bound, other.bound} == {"more", "less"}


def _bound(clean: str, start: int, end: int, inner: str | None) -> str:
    """The qualifier around a number: written inside it (30多), after it (以上) or before it (超过)."""
    if inner:
        return _AFTER_BOUND.get(inner, "more")
    tail = re.match(_APPROX, clean[end:])
    if tail:
        return _AFTER_BOUND[tail.group(0)]
    head = clean[max(0, start - 2) : start]
    return next((b for word, b in _BEFORE_BOUND if head.endswith(word)), "")


def chinese_to_number(text: str) -> float | None:
    """Simple Chinese numerals: 十八 -> 18, 一千五百 -> 1500, 三千万 -> 30000000, 千亿 -> 1e11."""
    if not text or any(ch not in _DIGITS and ch not in _SMALL and ch not in _BIG for ch in text):
        return None
    if len(text) >= 3 and all(ch in _DIGITS for ch in text):  # 二〇二三: a year read digit by digit; 二三 is "2 or 3"
        return float("".join(str(_DIGITS[ch]) for ch in text))
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:  # "二三" is not a numeral
                return None
            digit = _DIGITS[ch] or None  # 零 only marks a gap: 一千零五
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        else:
            section += digit or 0
            total = (total + (section or 1)) * _BIG[ch] if total < _BIG[ch] else total + (section or 1) * _BIG[ch]
            section, digit = 0.0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """One number written any common way: "1,500", "18.6", "3.3亿", "1百万", "十", "3.3 billion"."""
    whole = chinese_to_number(text.strip())
    if whole is not None:
        return whole
    found = find_quantities(text)
    return found[0].value if len(found) == 1 else None


def _magnitude(word: str | None) -> float:
    if not word:
        return 1.0
    if word in _ENGLISH:
        return _ENGLISH[word]
    return chinese_to_number(word) or 1.0


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in the text, in order; footnote marks are dropped first."""
    clean = strip_marks(text).replace("\u00a0", " ")
    spans: list[tuple[int, Quantity]] = []
    taken: set[int] = set()
    for m in _TENTHS.finditer(clean):  # 三成 = 30%
        if taken.intersection(range(m.start(), m.end())):
            continue
        tenths = chinese_to_number(m.group(1)) if not m.group(1)[0].isdigit() else float(m.group(1))
        bound = _bound(clean, m.start(), m.end(), None)
        spans.append((m.start(), Quantity((tenths or 0) * 10, True, "", bool(bound), m.group(0), bound)))
        taken.update(range(m.start(), m.end()))
    for m in _ARABIC.finditer(clean):
        if taken.intersection(range(m.start(), m.end())):
            continue
        number, approx, mag, unit = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        value = float(number.replace(",", "")) * _magnitude(mag)
        percent = unit in ("%", "％", "percent", "per cent", "个百分点")
        tail = clean[m.end() : m.end() + 2]
        bound = _bound(clean, m.start(), m.end(), approx)
        is_approx = bool(approx) or bool(re.match(_APPROX, tail)) or bool(bound)
        counter = "" if percent else unit
        if not counter and mag in _BIG:
            counter = mag
        spans.append((m.start(), Quantity(value, percent, counter, is_approx, m.group(0).strip(), bound)))
        taken.update(range(m.start(), m.end()))
    for m in _SET_PHRASES.finditer(clean):
        taken.update(range(m.start(), m.end()))
    for m in _CHINESE.finditer(clean):
        if taken.intersection(range(m.start(), m.end())):
            continue
        numeral, approx, unit = m.group(1), m.group(2), m.group(3) or ""
        plain = not any(ch in _SMALL or ch in _BIG for ch in numeral)
        if plain and (not unit or numeral == "一"):  # "三大", "一个": words, not quantities
            continue  # but 两天, 三家, 五个 count
        if numeral in _BIG or (numeral in _SMALL and not unit):
            continue
        value = chinese_to_number(numeral)
        if value is None:
            continue
        bound = _bound(clean, m.start(), m.end(), approx)
        is_approx = bool(approx) or bool(bound)
        spans.append((m.start(), Quantity(value, False, unit, is_approx, m.group(0), bound)))
    spans.sort(key=lambda item: item[0])
    return [q for _, q in spans]


def _step(value: float) -> float:
    """The place of the last non-zero digit: 30 -> 10, 1500 -> 100, 18.6 -> 0.1."""
    if not value.is_integer():
        return 10 ** -len(f"{value}".split(".")[1])
    digits = str(int(value))
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))


def covers(claim: Quantity, stated: Quantity) -> bool:
    """The claim is true of the stated value: same number, or its range holds it (三十多个 holds 33个)."""
    if claim.percent != stated.percent:
        return False
    if claim.same_value(stated):
        return not claim.opposed(stated)
    if stated.bound or claim.kind == "year":
        return False
    step = _step(claim.value)
    if claim.bound == "more":
        return claim.value < stated.value < claim.value + step
    if claim.bound == "less":
        return claim.value - step < stated.value < claim.value
    if claim.bound == "about":
        return abs(stated.value - claim.value) <= 0.1 * claim.value
    return False


def missing_quantities(claim: list[Quantity], evidence: list[Quantity]) -> list[Quantity]:
    """The claim's quantities that the evidence does not state (by value, percent or not, within a stated range)."""
    return [q for q in claim if not any(covers(q, e) for e in evidence)]


def conflicting(claim: list[Quantity], evidence: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs (claim says, evidence says) of the same kind with different values: 20% vs 18.6%."""
    pairs = []
    for q in missing_quantities(claim, evidence):
        other = next((e for e in evidence if e.kind == q.kind and not any(e.same_value(c) for c in claim)), None)
        other = other or next((e for e in evidence if e.same_value(q) and e.opposed(q)), None)  # 不到30 vs 30多
        if other is not None:
            pairs.append((q, other))
    return pairs


_ANSWER = re.compile(r"^(\d+(?:\.\d+)?)(多|余|\+)?(百万|千万|万|亿)?(%|％|[" + COUNTERS + r"])?$")


def answer_variants(answer: str) -> list[str]:
    """Ways a learner may write a number answer: "1500多张" -> 1500多张, 1500张, 1500多, 1500, 1,500.

    Short-answer exports (GIFT, CSV) accept each of them, so "131" is right for "131个".
    """
    m = _ANSWER.match(answer.strip())
    if not m:
        return [answer]
    number, approx, mag, unit = m.group(1), m.group(2) or "", m.group(3) or "", m.group(4) or ""
    out = [answer, number + approx + mag + unit, number + mag + unit, number + approx + mag, number + mag]
    if mag:
        value = float(number) * _magnitude(mag)
        out.append(f"{value:.0f}" if value.is_integer() else str(value))
    elif "." not in number and int(number) >= 1000 and unit != "年":
        out.append(f"{int(number):,}")
    return list(dict.fromkeys(v for v in out if v))
