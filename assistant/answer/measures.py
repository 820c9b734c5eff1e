"""The thing whose figure a question asks for, and whether the documents ever name it.

"平台企业海外项目的违约率或不良率之类的数据", "带动就业岗位数是多少", "开个店要交多少保证金": the figure is of
违约率/不良率, 岗位, 保证金. When the documents never write that word (nor its stem, 岗位 for 岗位数), no sentence
can give its figure, however well the rest of the question matches: the question is refused before any sentence
is weighed. Pure functions over jieba's tags (evidence.question_tags, cached per question).
"""

from __future__ import annotations

import re
from collections.abc import Container

from assistant.answer.analysis import Analysis, QuestionKind
from assistant.answer.evidence import question_tags, topic_nouns
from assistant.text import cjk_ratio, written

# Words asking for a figure: the measured thing stands just before them ("岗位数是多少"), or, for 多少, just after it
# and its counter ("交多少保证金").
_ASKS_BEFORE = frozenset({"多少", "多大"})
_ASKS_AFTER = frozenset({"多少"})
# Nouns that ask for a figure only where they end the ask ("舆情数据?", "占比是多少"): not "数字丝路", "数据中心".
_NOMINAL_ASKS = frozenset({"数据", "数字", "数值", "数额", "统计数据", "比例", "占比", "比重"})
_ENDS_ASK = frozenset({"吗", "呢", "是", "有", "为", "多少", "啊", "吧", *"?？。,，!！;；"})
# Words between the measured thing and the ask: "是多少", "之类的数据", "大概有多少".
_FILLERS = frozenset({"是", "有", "为", "的", "了", "之类", "等", "等等", "具体", "大概", "大约", "约", "一共", "总共",
                      "到底", "究竟", "相关", "方面", "分别", "各自", "各"})
# Words for a measure of something, which the word before names: "骑手数量", "员工人数", "市场规模".
_MEASURE_WORDS = frozenset({"数量", "人数", "规模", "金额", "总额", "总量", "数目", "个数", "次数"})
# Between two measured things: "违约率或不良率", "好感度或者舆情".
_CONNECTORS = frozenset({"或", "或者", "和", "与", "及", "以及", "、", "跟"})
_COUNTERS = re.compile(r"^[个家项座张台条位名次种类款笔元]$")
# A measured thing is a common noun, not a name (a name the documents lack is judged elsewhere).
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nsf", "nt", "nz"})
# "跟东南亚比差多少": a comparison asks for a difference, whatever word stands before 多少.
_COMPARES = re.compile(r"相比|对比|比较|(?:跟|和|与|同)[^,，。?？!！]{1,12}比(?![例重率])")


def _heads_before(tagged: list[tuple[str, str]], at: int) -> list[tuple[str, str]]:
    """The measured things just before tagged[at] (fillers skipped), and those joined to them by 或/和/、."""
    i = at - 1
    while i >= 0 and tagged[i][0] in _FILLERS:
        i -= 1
    heads = []
    while i >= 0:
        heads.append(tagged[i])
        if tagged[i][0] in _MEASURE_WORDS and i >= 1:
            heads.append(tagged[i - 1])  # "骑手数量的数据": the riders are what is counted
        if i >= 2 and tagged[i - 1][0] in _CONNECTORS:
            i -= 2
        else:
            break
    return heads


def _head_after(tagged: list[tuple[str, str]], at: int) -> list[tuple[str, str]]:
    """The measured thing after 多少 (and its counter): "交多少保证金" -> 保证金."""
    i = at + 1
    if i < len(tagged) and _COUNTERS.match(tagged[i][0]):
        i += 1
    return [tagged[i]] if i < len(tagged) else []


def _measured(word: str, tag: str, topics: set[str]) -> bool:
    """Whether a word can be the measured thing: a topic noun (evidence.topic_nouns: not 对云 of "沙特对云数据"),
    or an idiom (好感度), of two characters or more, and not itself a word for a figure (数额)."""
    return ((word in topics or tag == "l") and tag not in _NAME_TAGS and len(word) >= 2 and cjk_ratio(word) == 1
            and word not in _NOMINAL_ASKS and word not in _MEASURE_WORDS)


def unmeasured(question: str, corpus_key: Container[str]) -> tuple[str, ...]:
    """The things a Chinese question asks a figure of, when the documents name none of them (nor their stems:
    岗位 for 岗位数); () otherwise, and when no measured thing is found."""
    if _COMPARES.search(question):
        return ()
    tagged = [(w, t) for w, t in question_tags(question) if w.strip()]  # (tagged once: event_verbs reads them too)
    asks = [i for i, (w, _) in enumerate(tagged) if w in _ASKS_BEFORE or (w in _NOMINAL_ASKS and (
        i + 1 == len(tagged) or tagged[i + 1][0] in _ENDS_ASK))]
    heads = [h for i in asks for h in _heads_before(tagged, i)]
    heads += [h for i, (w, _) in enumerate(tagged) if w in _ASKS_AFTER for h in _head_after(tagged, i)]
    topics = set(topic_nouns(question))
    words = list(dict.fromkeys(w for w, t in heads if _measured(w, t, topics)))
    if not words or any(written(w, corpus_key) for w in words):
        return ()
    return tuple(words)


NEVER_NAMED = ": the documents never name it"  # ends a refusal for a figure of what the documents never name


def measure_problem(analysis: Analysis, corpus_key: Container[str]) -> str:
    """Why no sentence can give the figure asked for ("" when one might): a Chinese question about the documents'
    content (not the report's own parts, table or sources, answered by their place) measuring what they never name."""
    if (analysis.lang != "zh" or analysis.about_report or analysis.table or analysis.section
            or analysis.kind is QuestionKind.SOURCE):
        return ""
    absent = unmeasured(analysis.question, corpus_key)
    return "no figure of " + "/".join(absent) + NEVER_NAMED if absent else ""
