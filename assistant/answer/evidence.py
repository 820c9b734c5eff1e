"""Evidence measures for the judgement: term coverage, similarity, and the figures a question wants.

`evidence_score` weighs the question's term coverage of the best paragraph and of its
best sentence with the dense similarity (weights from a grid search, evals/RESULTS.md);
`expected_quantity` says what figure a "多少个数据中心 / 哪一年 / 多少钱" question needs;
`proper_names` finds the names a question is about. The judgement (judgement.py) uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.analysis import SIZE_ASKED, WHEN
from assistant.text import match_key, pos_tags, tokenize

# Weights found by a grid search on the Chinese eval questions (see evals/RESULTS.md).
W_PARAGRAPH, W_SENTENCE, W_DENSE = 0.75, 0.25, 0.25
# "nz" (other proper noun) misfires on ordinary words such as 中文; a 2-character "nr" starting
# with a conjunction is a segmentation slip (和云), not a person.
_NAME_TAGS = frozenset({"ns", "nr", "nt", "nrt", "nrfg", "eng"})
_CONJUNCTIONS = frozenset("和与及或跟同在")
_DIGIT = re.compile(r"\d")
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
_SIZE = re.compile(rf"规模(?:有|是|能到|达到)?多(?:大|少)|多大规模|{SIZE_ASKED}|"
                   r"\bhow (?:big|large)\b|\bsize\b",
                   re.I)
_SIZE_UNITS = re.compile(r"(?:\d[\d.,]*|[一二两三四五六七八九十]+)(?:多|余|\+)?\s*(?:万亿|千亿|百亿|亿|万)|"
                         + _MONEY_UNITS.pattern + "|" + _RATE_UNITS.pattern)
# "多少个数据中心" / "几家工厂" / "多少万亿元": the measure word the answer's number must carry.
_MEASURE = re.compile(
    r"(?:多少|几)(万亿元|亿元|万元|万亿美元|亿美元|万美元|美元|个|家|项|座|张|台|条|位|名|次|倍|天|年|人|国|种|类|款)([^,,。;;??]{0,6})"
)
# "多长 / 多高 / 多重 / 多远 / 多久": the units a measurement answer must carry.
_DIMENSIONS = {
    "多长时间": r"(?:天|年|月|周|小时|分钟|秒)", "多久": r"(?:天|年|月|周|小时|分钟|秒)",
    "多长": r"(?:米|公里|千米|厘米|km|m\b)", "多高": r"(?:米|公里|千米|厘米|层)", "多远": r"(?:米|公里|千米|km)",
    "多重": r"(?:吨|公斤|千克|克|斤)", "多深": r"(?:米|公里|千米)",
}
# "死亡人数", "中重卡销量", "总票房": the measured quantity names its unit.
_MEASURED = (
    (re.compile(r"人数|人次"), r"(?:人次|人|名)"),
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


@lru_cache(maxsize=256)
def expected_quantity(question: str) -> re.Pattern[str] | None:
    """The pattern an answer sentence must contain for a quantity or date question, if any.

    A count may be written with its measure word or straight before the noun it
    counts ("多少个国家" is answered by "30余国"), in digits or Chinese numerals.
    Cached: the judgement asks it of every candidate sentence of a question.
    """
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
    measure = _MEASURE.search(question)
    if measure:  # the most specific: "多少万亿元", "多少个数据中心"
        return _counted(measure)
    if _RATE.search(question):
        return _RATE_UNITS
    if _SIZE.search(question):
        return _SIZE_UNITS
    return None


# A percentage right after 增速/增长 is a growth rate: it says how fast, not how big.
_GROWTH_BEFORE = re.compile(r"(?:增速|增长|增幅|增长率|同比|增加|提升)[^,,。;;]{0,4}$")


def is_growth_rate(text: str, start: int) -> bool:
    """Whether the figure starting at `start` in `text` is a growth rate."""
    return bool(_GROWTH_BEFORE.search(text[max(0, start - 8):start]))


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
    counted = counter + (rf"[^,,。;;]{{0,10}}?[{re.escape(chars)}]" if chars else "")
    same = "|".join(re.escape(u) for u in _SAME_COUNT.get(unit, ()))
    return re.compile(_NUMBER + _MAGNITUDE + "(?:" + counted + (f"|{same}" if same else "") + ")")


def term_coverage(
    query_tokens: Sequence[str], text_key: str, idf: dict[str, float], unknown: float | None = None
) -> float:
    """Share of the question's IDF mass found in the text; unknown words weigh the most.

    `unknown` is that weight (the largest IDF); callers scoring many texts pass it once.
    """
    if not query_tokens:
        return 0.0
    unknown = max(idf.values(), default=1.0) if unknown is None else unknown
    weights = {t: idf.get(t, unknown) for t in set(query_tokens)}
    total = sum(weights.values())
    found = sum(w for t, w in weights.items() if t in text_key)
    return found / total if total else 0.0


@dataclass(frozen=True)
class Concept:
    """One thing a question asks about: found in a text when any of its forms is."""

    forms: tuple[str, ...]  # matching keys: the question's word and the other names of what it names
    weight: float  # its IDF: rare words decide more


def question_concepts(
    tokens: Sequence[str], alternatives: dict[str, tuple[str, ...]], idf: dict[str, float], english: bool,
    nouns: frozenset[str] = frozenset(), median_idf: float | None = None,
) -> tuple[Concept, ...]:
    """The question's words as concepts; `alternatives` maps a word to the other names of the thing it names.

    A noun the corpus never uses weighs the median IDF: it may be the very thing the corpus lacks (天气,
    首都). Other unknown words weigh nothing: colloquial verbs and particles (提了, 拿, 搞) say nothing about
    the topic. In an English question only words naming something the name table knows count: other
    English words never match Chinese text. `median_idf`: the corpus's, when the caller has it computed.
    """
    typical = median_idf if median_idf is not None else (sorted(idf.values())[len(idf) // 2] if idf else 1.0)
    concepts = []
    for token in dict.fromkeys(tokens):
        forms = tuple(dict.fromkeys((token, *alternatives.get(token, ()))))
        known = [idf[f] for f in forms if f in idf]
        if english and not alternatives.get(token):
            continue
        weight = max(known) if known else (typical if token in nouns else 0.0)
        if weight > 0:
            concepts.append(Concept(forms, weight))
    return tuple(concepts)


def concept_coverage(concepts: Sequence[Concept], text_key: str) -> float:
    """Share of the concepts' weight found in the text (0 when there are none)."""
    total = sum(c.weight for c in concepts)
    found = sum(c.weight for c in concepts if any(f in text_key for f in c.forms))
    return found / total if total else 0.0


def warm_up_tokenizers() -> None:
    """Load the segmenter's dictionary ahead of the first question."""
    tokenize("预热")
    pos_tags("预热")


@lru_cache(maxsize=256)
def _question_tags(question: str) -> tuple[tuple[str, str], ...]:
    """A question's POS tags, computed once: its names, nouns, topics and events are all read from them."""
    return tuple(pos_tags(question))


# Words a POS tagger takes for names in colloquial questions ("东西" as a place, "啥" as anything).
_NOT_NAMES = frozenset({"东西", "时候", "地方", "那边", "这边", "哪儿", "那个", "这个", "大概", "到底",
                        "城市", "国家", "地区", "省份", "海外", "国内", "当地", "全球", "世界"})


def nouns(question: str) -> frozenset[str]:
    """The question's nouns (matching keys), by jieba's POS tags."""
    return frozenset(match_key(w) for w, tag in _question_tags(question) if tag[:1] == "n" or tag in ("vn", "eng"))


# Nouns that say how a question asks, not what about: a question is not off the documents' topic for them.
_GENERIC_NOUNS = frozenset({
    "办法", "方法", "方式", "情况", "问题", "区别", "不同", "意思", "东西", "内容", "全称", "名字", "时候", "地方",
    "原因", "作用", "影响", "意义", "关系", "特点", "方面", "部分", "报告", "全书", "数据", "数字", "例子", "案例",
    "目的", "目标", "重点", "核心", "整体", "具体", "消息", "事情", "现状", "前景", "趋势", "细节", "啥意思",
    # who the user asks for and what for ("我要给领导写两三句", "新员工培训用"): their situation, not the topic
    "领导", "老板", "同事", "上司", "汇报", "培训", "新员工", "会议", "简报", "要点", "材料", "稿子", "邮件", "文章",
})
# A "noun" starting with one of these is a segmentation slip ("对云", "做云", "那节"), not a topic.
_FUNCTION_CHARS = frozenset("对做那这在给把被让向从跟和与及或是有")


def topic_nouns(question: str) -> list[str]:
    """The common nouns a question is about (天气, 汇率, 坏账): not names, not words for how it asks."""
    return [w for w, tag in _question_tags(question)
            if (tag[:1] == "n" or tag == "vn") and tag not in _NAME_TAGS and tag != "nz" and len(w) >= 2
            and w not in _GENERIC_NOUNS and w[0] not in _FUNCTION_CHARS and w not in _NOT_NAMES]


_GENERIC_VERBS = frozenset({"是", "有", "叫", "叫做", "称为", "包括", "包含", "进行", "成为", "属于", "位于", "发生",
                            "提到", "讲述", "介绍", "说", "讲", "知道", "告诉"})


# Event words the tagger often files under another tag ("去世" as a time word).
EVENT_WORDS = re.compile(r"去世|逝世|病逝|开幕|闭幕|举办|举行|召开|发售|上映|施行|实施|生效|发射|交付|首飞|"
                          r"成立|创立|创办|上线|发布|坠毁|遇袭|中枪|通车|开通|开业|上市")


def event_verbs(question: str) -> list[str]:
    """The verbs naming what happened ("去世", "举办", "坠毁"): a date, place or person answers for that event."""
    tagged = [w for w, tag in _question_tags(question)
              if tag in ("v", "vn") and len(w) >= 2 and w not in _GENERIC_VERBS]
    listed = [m.group(0) for m in EVENT_WORDS.finditer(question) if not any(m.group(0) in w for w in tagged)]
    return list(dict.fromkeys([*tagged, *listed]))


_PLACE_TAGS = frozenset({"ns", "nsf"})
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_ORG_TAGS = frozenset({"nt", "nz"})


@lru_cache(maxsize=4096)
def tagged_names(text: str) -> tuple[tuple[str, str], ...]:
    """(word, kind) for places, people and organisations jieba tags in a text; cached: sentences repeat."""
    kinds = []
    for word, tag in pos_tags(text):
        if len(word) < 2 or word in _NOT_NAMES:
            continue
        if tag in _PLACE_TAGS:
            kinds.append((word, "place"))
        elif tag in _PERSON_TAGS and not (len(word) == 2 and word[0] in _CONJUNCTIONS):
            kinds.append((word, "person"))
        elif tag in _ORG_TAGS:
            kinds.append((word, "org"))
    return tuple(kinds)


def proper_names(question: str) -> list[str]:
    """Proper names, numbers with digits and Latin terms in a Chinese question (jieba POS tags)."""
    names = []
    for word, tag in _question_tags(question):
        if len(word) < 2 or word in _NOT_NAMES:
            continue
        is_name = tag in _NAME_TAGS or (tag == "m" and _DIGIT.search(word) is not None)
        if tag == "nr" and len(word) == 2 and word[0] in _CONJUNCTIONS:
            is_name = False
        if is_name:
            names.append(word)
    return names


def evidence_score(paragraph_coverage: float, sentence_coverage: float, dense: float) -> float:
    """How well the best paragraph and sentence match the question; pure, so it can be calibrated offline."""
    return W_PARAGRAPH * paragraph_coverage + W_SENTENCE * sentence_coverage + W_DENSE * dense
