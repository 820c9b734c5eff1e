"""The figure a question wants: "多少个数据中心" a count of data centres, "哪一年" a date, "多少钱" an amount of money.

`expected_quantity` gives the pattern an answer sentence must contain; a growth rate is no size, a date no count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.answer.analysis import SIZE_ASKED, WHEN
from assistant.text import tokenize

_NUMBER = r"(?:\d[\d.,]*|[一二两三四五六七八九十百千万]+)(?:多|余|\+)?"  # "18.6", "1500多", "近百", "30余"
_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|(?<!\d)(?:19|20)\d{2}\s*[-/.—–]\s*\d{1,2}")
_MONEY = re.compile(
    r"多少钱|花了多少|投资了?多少|成本|价格|售价|营收|收入|收益|利润|市值|估值|融资|"
    r"how much money|invest|\bput (?:in|into)\b|"
    r"\bpa(?:y|id)\b|\bcosts?\b|\bprice\b|\bcapex\b|\brevenues?\b|\bprofits?\b|"
    r"\bvaluation\b|\bspen[dt]\b|\bmarket cap",
    re.I,
)
_MAGNITUDE = r"\s*[万亿千百]{0,2}\s*"
_MONEY_UNITS = re.compile(
    _NUMBER + _MAGNITUDE + r"(?:元|美元|美金|港元|欧元)|\$\s*\d|\d\s*(?:billion|million|trillion)")
# "坏账率多少 / 占比多少 / what rate": a share, so the answer gives a percentage (or a fraction, 一成).
_RATE = re.compile(r"率|比例|比重|占比|增速|份额|百分之几|\brate\b|\bpercent(?:age)?\b|\bshare of\b|\bratio\b", re.I)
_RATE_UNITS = re.compile(r"\d[\d.]*\s*%|百分之[一二三四五六七八九十百\d]|\d[\d.]*\s*个?百分点|"
                         r"[一二三四五六七八九十\d]成|[一二三四五六七八九十\d]+分之|\bpercent\b")
# "规模有多大 / how big": an amount with its magnitude (3.3亿, 1500多亿元, 2万亿美元), or a share of a whole
# ("占国内生产总值比重达10%左右" is how the report sizes China's digital economy).
_SIZE = re.compile(rf"规模(?!化|以上|效应|优势)|{SIZE_ASKED}|"
                   r"\bhow (?:big|large)\b|\bsize\b",
                   re.I)
_SIZE_UNITS = re.compile(r"(?:\d[\d.,]*|[一二两三四五六七八九十]+)(?:多|余|\+)?\s*(?:万亿|千亿|百亿|亿|万)|"
                         + _MONEY_UNITS.pattern + "|" + _RATE_UNITS.pattern)
# "多少个数据中心" / "几家工厂" / "多少万亿元": the measure word the answer's number must carry.
_MEASURE = re.compile(
    r"(?:多少|(?<![这那])几)(万亿元|亿元|万元|万亿美元|亿美元|万美元|美元|个|家|项|座|张|台|条|位|名|次|倍|天|年|人|国|种|类|款)([^,，。;；?？]{0,6})"
)
# "多长 / 多高 / 多重 / 多远 / 多久": the units a measurement answer must carry.
_DIMENSIONS = {
    "多长时间": r"(?:天|年|月|周|小时|分钟|秒)", "多久": r"(?:天|年|月|周|小时|分钟|秒)",
    "多长": r"(?:米|公里|千米|厘米|km|m\b)", "多高": r"(?:米|公里|千米|厘米|层)", "多远": r"(?:米|公里|千米|km)",
    "多重": r"(?:吨|公斤|千克|克|斤)", "多深": r"(?:米|公里|千米)",
}
# "GDP增长多少", "下降了多少": a change is a percentage or a figure in digits ("中美两国" counts no change).
_CHANGE = re.compile(r"(?:增长|增加|上涨|上升|提高|提升|下降|下跌|减少|降低)了?(?:多少|几成|百分之几)|"
                     r"\bhow much did \w+ (?:grow|rise|increase|fall|drop|decline)\b", re.I)
_CHANGE_UNITS = re.compile(_RATE_UNITS.pattern + r"|\d[\d.,]*\s*(?:多|余)?\s*[万亿千百]{0,2}\s*[^\d\s,，。;；.%]")
# "死亡人数", "中重卡销量", "总票房": the measured quantity names its unit.
_MEASURED = (
    # ("人口城镇化率", "人口密度": a rate of the population, not its size)
    (re.compile(r"人数|人次|人口(?![^,，。?？]*(?:率|密度|比例|占比|结构))|\bpopulation\b(?! (?:density|growth))|"
                r"\bhow many (?:people|persons|residents|inhabitants|users|employees|staff|workers|customers)\b",
                re.I),
     r"(?:人次|人口|人|名|[^,，。;；\d]{0,4}(?:用户|员工|客户))"),
    (re.compile(r"销量|产量|出货量|交付量|保有量"), r"(?:辆|台|部|件|套|吨|架|艘|斤|公斤|千克|桶|千瓦时|度)"),
    (re.compile(r"票房"), r"(?:元|美元|(?<=[万亿]))"),  # "票房8.4亿" drops its 元
)
# "发售日期", "哪天", "几号": a day, not a year ("有爆料人猜测是2023年的年底" gives no release date).
_ON_A_DAY = re.compile(r"日期|哪天|哪一天|几号|几月几[日号]|\bwhat date\b|\bon what day\b", re.I)
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[一二三四五六七八九十]+月[一二三四五六七八九十]+[日号]|"
                  r"(?<!\d)(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}")
# Words the report uses for the same count: "多少人" is answered by "3.3亿用户".
_SAME_COUNT = {"人": ("用户", "人口", "名"), "名": ("人",), "国": ("个",), "个": ("余国", "国")}
_ANY_COUNTER = "[个座家所条台项只位部款种类张]"


# Figures offered as examples of what would do ("有没有具体数字,比如用户规模或渗透率"): none of them is required.
# (An example of the figure's form, "比如多少亿美元那种", still says what kind of figure is wanted.)
EXAMPLE_CLAUSE = re.compile(r"(?:比如|例如|譬如|诸如|such as|e\.g\.|for example)"
                            r"(?![^,，。;；?？]*(?:多少|几|how many|how much))[^,，。;；?？]*", re.I)


@lru_cache(maxsize=256)
def expected_quantity(question: str) -> re.Pattern[str] | None:
    """The pattern an answer sentence must contain for a quantity or date question, if any.

    A count may be written with its measure word or straight before the noun it
    counts ("多少个国家" is answered by "30余国"), in digits or Chinese numerals.
    Cached: the judgement asks it of every candidate sentence of a question.
    """
    question = EXAMPLE_CLAUSE.sub("", question)
    if WHEN.search(question):
        return _DAY if _ON_A_DAY.search(question) else _DATE
    for nouns, units in _MEASURED:
        if nouns.search(question):
            return re.compile(_NUMBER + _MAGNITUDE + units)
    if _MONEY.search(question):
        return _MONEY_UNITS
    for word, units in _DIMENSIONS.items():
        if word in question:
            return re.compile(_NUMBER + _MAGNITUDE + units)
    if _CHANGE.search(question):
        return _CHANGE_UNITS
    measure = _MEASURE.search(question)
    if measure:  # the most specific: "多少万亿元", "多少个数据中心"
        return _counted(measure)
    if _RATE.search(question):
        return _RATE_UNITS
    if _SIZE.search(question):
        return _SIZE_UNITS
    return None


# "死亡人数", "实际参考人数", "多少人遇难": whose headcount is asked. A sentence counting people who did something else
# ("259.77万人通过资格审查", asked 参考人数) gives no answer. ("员工总人数": 总 is no qualifier.)
_QUALIFIED_COUNT = re.compile(r"([\u4e00-\u9fff]{2})总?(?:人数|人次)|(?:多少|几)[万千百]?[人名]([\u4e00-\u9fff]{2})")
_SAME_QUALIFIER = (("死亡", "遇难", "罹难", "丧生", "身亡", "死于"), ("受伤", "伤者"), ("旅游", "出游"))


def counted_qualifier(question: str) -> tuple[str, ...]:
    """The words saying whose headcount a question asks (its own first), or ()."""
    m = _QUALIFIED_COUNT.search(question)
    word = m and (m.group(1) or m.group(2))
    # a word of the question as segmented ("多少人在用" asks how many use it: 在用 is no word, let alone a qualifier)
    if not word or re.search(r"[多少几是有的了共约]", word) or word not in tokenize(question):
        return ()
    return next((group for group in _SAME_QUALIFIER if word in group), (word,))


# A percentage right after 增速/增长 is a growth rate: it says how fast, not how big; after 持股/控股 a stake
# ("沙特电信持股55%"): whose a company is, not how big a market.
_GROWTH_BEFORE = re.compile(r"(?:增速|增长|增幅|增长率|同比|增加|提升|持股|控股|股权|占股)[^,，。;；]{0,4}$")


def is_growth_rate(text: str, start: int) -> bool:
    """Whether the figure starting at `start` in `text` is a growth rate."""
    return bool(_GROWTH_BEFORE.search(text[max(0, start - 8):start]))


# "人均GDP为2.69万美元" is a figure per person: no answer to "上海的GDP是多少" (unless the question asks per capita).
_PER_CAPITA_BEFORE = re.compile(r"(?:人均|每人|平均每)[^,，。;；]{0,12}$")
PER_CAPITA = re.compile(r"人均|每人|平均每|per (?:capita|person|head)", re.I)


def is_per_capita(text: str, start: int) -> bool:
    """Whether the figure starting at `start` in `text` is a per-person figure."""
    return bool(_PER_CAPITA_BEFORE.search(text[max(0, start - 16):start]))


def asks_size(question: str) -> bool:
    return expected_quantity(question) is _SIZE_UNITS


def _counted(measure: re.Match[str]) -> re.Pattern[str]:
    unit, noun = measure.group(1), measure.group(2)
    # The counted noun must follow the number within a few characters ("11座世界\"灯塔工厂\"",
    # "131个共建国家" for "多少个一带一路国家"), so "多少个数据中心" is not answered by "17个国家";
    # the report's synonyms count as the same.
    chars = "".join(sorted({c for c in noun if "\u4e00" <= c <= "\u9fff"}))
    # 个 is the generic counter: "多少个车站" is answered by "10座车站".
    counter = _ANY_COUNTER if unit == "个" else re.escape(unit)
    # A noun of two characters or more is matched by one of its character pairs ("多少名本科生" is not answered by
    # "884名推免生": they share only 生; "多少个一带一路国家" is answered by "131个共建国家").
    word = "".join(c for c in noun if "\u4e00" <= c <= "\u9fff")
    pairs = "|".join(dict.fromkeys(re.escape(word[i:i + 2]) for i in range(len(word) - 1)))
    head = f"(?:{pairs})" if pairs else f"[{re.escape(chars)}]"
    counted = counter + (rf"[^,，。;；]{{0,10}}?{head}" if chars else "")
    # "多少个国家" is answered by "17国"; "多少个数据中心" is not ("与17国签署…推动跨境数据中心建设").
    same = "|".join(re.escape(u) for u in _SAME_COUNT.get(unit, ()) if not (unit == "个" and "国" in u and chars
                                                                             and "国" not in chars))
    after = _NUMBER + _MAGNITUDE + "(?:" + counted + (f"|{same}" if same else "") + ")"
    if not chars:
        return re.compile(after)
    # The noun may also come first: "录取本科生7436名", "合作国家达到18个".
    before = head + r"[^\d,，。;；]{0,6}?" + _NUMBER + _MAGNITUDE + counter
    return re.compile(f"{after}|{before}")
