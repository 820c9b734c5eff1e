"""Whose value a sentence gives: the names it holds, the role a name stands beside, the company a figure belongs to.

Used by the judgement (judgement.sentence_problem): "导演是谁" wants a person named beside 导演, "阿里云持股多少" a
figure in a clause that does not name another company. Pure functions over strings (jieba's tags, cached).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.analysis import Analysis
from assistant.answer.constraints import event_forms, role_spans
from assistant.answer.evidence import tagged_names
from assistant.lexicon import ENTITY_KINDS, PLACE_KINDS, NameTable
from assistant.lexicon.table import fold

# Clauses end at these (the text is read NFKC-folded: a full-width "，" is ",").
CLAUSE_END = re.compile(r"[,;。]")


_ASKS_CITY = re.compile(r"哪(?:个|座|一)?城市|哪个市(?![场民值区面])|\bwhich city\b|\bwhat city\b", re.I)


def _name_spans(kinds: set[str], text: str, question: str, names: NameTable) -> list[tuple[int, int]]:
    """Where the text names a place/person/organisation (per `kinds`) that the question does not."""
    table_kinds = {"place": PLACE_KINDS, "who": ENTITY_KINDS, "person": {"person"}}
    wanted = set().union(*(table_kinds[k] for k in kinds))
    # "在哪个城市" is not answered by a country ("这家美国公司"): only cities, and places the table does not call
    # a country or region, count.
    wider = {"country", "region"} if kinds == {"place"} and _ASKS_CITY.search(question) else set()
    wanted -= wider
    spans = [(m.start, m.end) for m in names.find(text, kinds=wanted) if m.surface not in question]
    tags = {"place": {"place"}, "who": {"person", "org", "place"}, "person": {"person"}}
    wanted_tags = set().union(*(tags[k] for k in kinds))
    words = {word for word, kind in tagged_names(text) if kind in wanted_tags and word not in question
             and not (wider and any(m.surface == word for m in names.find(word, kinds=wider)))}
    return spans + [m.span() for word in words for m in re.finditer(re.escape(word), text)]


def names_a(kinds: set[str], text: str, question: str, names: NameTable) -> bool:
    """Whether the text names a place/person/organisation (per `kinds`) that the question does not."""
    return bool(_name_spans(kinds, text, question, names))


# Placings exclude each other: a sentence naming another one is not about the one asked for.
_PLACINGS = (("冠军", "金牌"), ("亚军", "银牌"), ("季军", "铜牌"))


# How far (characters between them) a name may stand from the role it holds: "导演辛爽", "蒋万安…当选台北市长",
# "武大靖,2018年平昌冬奥会…金牌"; a name thirty characters on, in another clause, holds no such role.
ROLE_REACH = 16
# A profession is held in apposition ("导演辛爽", "辛爽导演", "张艺谋担任总导演"): "用刘琳老师…因为导演觉得她合适" names
# an actress in the director's clause. A placing is won at a sentence's end ("纳达尔…斩获澳网男单冠军"): the wider
# reach.
PROFESSION_REACH = 6
_PLACING = re.compile(r"冠军|亚军|季军|金牌|银牌|铜牌|得主|\bchampion|\bwinner|\bmedal", re.I)


def holder_beside_role(analysis: Analysis, text: str, names: NameTable) -> bool:
    """Whether a new name stands beside the role asked about (True when the sentence does not name the role:
    it was named before it)."""
    key = fold(text)
    roles = [(*span, ROLE_REACH if _PLACING.search(role) else PROFESSION_REACH)
             for role in analysis.roles for span in role_spans(role, key)]
    if not roles:
        # "…拿下女子跳台亚军" is about another placing than the 冠军 asked for, whatever was named before it
        asked = {p for family in _PLACINGS for p in family if any(a.endswith(family) for a in analysis.roles)}
        return not any(role_spans(p, key) for family in _PLACINGS for p in family if p not in asked)
    return any(start - reach <= end_ and start_ <= end + reach
               for start_, end_ in _name_spans({analysis.wants}, text, analysis.question, names)
               for start, end, reach in roles)


HOLDERS = frozenset({"company", "org"})


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` begins."""
    return max((m.end() for m in CLAUSE_END.finditer(text, 0, at)), default=0)


def anothers(text: str, at: int, asked: set, names: NameTable) -> bool:
    """Whether the figure at `at` belongs to another company than the `asked` ones (name groups): its clause names
    one and none of them ("沙特云计算公司中阿里云持股多少": "…,沙特电信持股55%" is 沙特电信's share)."""
    if not asked:
        return False
    start = _clause_start(text, at)
    end = next((m.start() for m in CLAUSE_END.finditer(text, at)), len(text))
    holders = {m.group for m in names.find(text[start:end], kinds=HOLDERS)}
    return bool(holders) and not holders & asked


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")


def dated_otherwise(text: str, at: int, asked: Sequence[str]) -> bool:
    """Whether the figure at `at` is dated to another year than the `asked` ones: the last year written before it
    in its clause ("预计2023年全年CPI同比上涨2.1%,略高于2022年的水平" gives 2023's rise, not 2022's)."""
    if not asked:
        return False
    start = _clause_start(text, at)
    years = _YEAR.findall(text, start, at)
    return bool(years) and years[-1] not in asked


# A plan or forecast is no record: "计划于2021年交付首架C919", "预计将于1月12日在香港上映", "预测票房将达到60亿".
# ("将于" alone is a schedule, often the answer: "北京冬奥会将于2月4日开幕".)
_HEDGE = re.compile(r"预计|预测|预期|计划|有望|拟于|或将|(?<!尽)可能(?!性)|估计|猜测|传闻|爆料|据传|目标是")
# A question about a plan or forecast wants one: "计划何时交付", "预计能达到多少", "到2030年会有多少".
ASKS_PLAN = re.compile(r"预计|预测|预期|计划|打算|有望|目标|规划|将会|将要|会不会|能不能|能否|能达到|会达到|将达到")


def hedged(text: str, at: int) -> bool:
    """Whether the figure at `at` is planned or forecast: its sentence says so before it."""
    return _HEDGE.search(text, 0, at) is not None


# "邓小岚女士所创办的马兰小乐队": the event qualifies the noun after 的, the thing it made or did.
_QUALIFIED = re.compile(r"的([\u4e00-\u9fff]{2,8})")
# "她的父亲英王乔治六世去世", "其子…身亡": the clause names a relative as the event's subject; unless the question asks
# about that relative, the event is someone else's.
_KIN = re.compile(r"父亲|母亲|儿子|女儿|丈夫|妻子|王夫|王后|祖父|祖母|外祖|孙子|孙女|"
                  r"哥哥|姐姐|弟弟|妹妹|兄长|胞[兄弟姐妹]|[其之][子女父母夫妻兄弟姐妹]")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def events_of_others(analysis: Analysis, text: str) -> bool:
    """Whether each mention of the asked event in the text is about another: its clause names a relative of the one
    asked about as its subject, or it is a relative clause whose noun after its 的 and whose clause before it share
    no two characters with the question ("果果合唱团是谁创办的" is not
    answered by "它的前身是邓小岚女士所创办的马兰小乐队"; "零壹空间是舒畅创办的民营火箭公司" answers)."""
    text, asked = fold(text), _bigrams(fold(analysis.question))
    spots = [m for event in analysis.events for form in event_forms(event) for m in re.finditer(re.escape(form), text)]

    def of_another(spot: re.Match[str]) -> bool:
        kin = _KIN.search(text, _clause_start(text, spot.start()), spot.start())
        if kin and kin.group(0) not in analysis.question:
            return True
        qualified = _QUALIFIED.match(text, spot.end())
        if not qualified:
            return False
        around = _bigrams(qualified.group(1)) | _bigrams(text[_clause_start(text, spot.start()):spot.start()])
        return not around & asked

    return bool(spots) and all(of_another(m) for m in spots)
