"""What a question asks for, from its wording (Chinese or English).

The kind steers which sentence is quoted (a number, a definition, a list, a source line) and what a quoted
sentence must supply for the question to count as answered; it never changes what is retrieved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from assistant.answer.asides import without_purpose
from assistant.answer.comparison import compared_things
from assistant.answer.constraints import designators, roles
from assistant.answer.off_topic import off_topic_kind
from assistant.answer.passing import named, workings_subject
from assistant.answer.question_names import question_names, untabled_names
from assistant.answer.report_questions import about_report, asks_authorship, publisher_guess
from assistant.answer.sections import asks_overview, section_reference
from assistant.lexicon import Mention, NameTable
from assistant.text import cjk_ratio, match_key, written


class QuestionKind(Enum):
    NUMBER = "number"
    DEFINITION = "definition"
    LIST = "list"
    SOURCE = "source"
    OTHER = "other"


_SOURCE = re.compile(
    r"出处|来源|出自|引自|引用(?!(?:这份|这篇|本|该|此)?报告|时|的时候)|脚注|尾注|注释|援引|引了|(?<![吸牵指勾])引的|数据.*哪里|哪份报告|依据.*哪|从哪(?:儿|里)?(?:来|得|出)|从哪(?:个|家|份)[^,，。?？]{0,12}?来的|哪(?:儿|里)?来的|打哪|"
    r"根据(?:什么|啥|哪)|数据源|参考(?:了|的)?(?:哪|什么|啥)|参考文献|哪(?:个|家)?媒体|(?:谁|哪)[^,，。?？]{0,6}报道|"
    r"(?<!\bopen )(?<!\bopen-)\bsources?\b|(?<!\bto )\bcite[sd]?\b(?![^?]{0,40}\bas\b(?! (?:the|a) source))|"
    r"\breferences?\b(?! to\b)|\bfootnotes?\b|where .* come from|according to which|"  # "reference to X": a mention
    r"\bbased on what\b|\b(?:is|was|are|were) (?:it|this|that|they|these) from\b|"
    r"^\W*(?:is|was) the\b[^?]{0,60}\bfrom\b",
    re.I,
)
_LIST = re.compile(
    r"哪些|哪几|哪[二三四五六七八九十两]|几大|[二三四五六七八九十两]大[\u4e00-\u9fff]{0,2}?(?:特点|趋势|机遇|方面|模式|挑战|"
    r"角色|举措|方向|优势|原则|路径)|几个?(?:方面|层面|层次)|有什么特点|特点是什么|分别是(?:什么|啥|哪)|"
    r"包括什么|包含什么|举措|建议|列出|列一下|列举|罗列|\blist\b|what are the|which .*(?:are|were)\b|name the",
    re.I,
)
_DEFINITION = re.compile(
    r"什么是|是什么意思|(?:是)?啥意思|是啥玩意|是什么玩意|指什么|指啥|啥叫|什么叫|是指|含义|内涵|定义|核心在于|核心是什么|"
    r"\bwhat is (?:a |an |the )?(?:\w+|[\"“'‘][\w\s-]{2,40}[\"”'’])\??$|\bdefin|\bmean",
    re.I,
)
# "When" asks for a date at the start or before an auxiliary ("when did…"), not as a conjunction
# ("challenges … face when expanding").
_WHEN_EN = r"^\W*when\b|\bwhen (?:did|was|is|were|will|does|do|has|had|can|could|should)\b"
# "东南亚电商盘子多大": asks for a size (evidence.py says what figure answers it).
SIZE_ASKED = r"(?:盘子|体量|市场)(?:现在|目前)?(?:有)?多大"
_NUMBER = re.compile(
    rf"多少|(?<![这那])几[个家项座张台条位名次倍天年月人国种类款届周岁级]|多长|多高|多重|多远|多久|多深|"
    r"比例|比重|百分|增速|规模|占比|(?:人数|人次|销量|产量|出货量|票房|(?<![效频概])率)(?:是|有|为)?(?:多少)?\W*$|"
    rf"{SIZE_ASKED}|何时|哪一?年|什么时候|时间|"
    rf"\bhow (?:many|much|large|big|fast)\b|\bpercent|\bshare\b|\bnumber of\b|{_WHEN_EN}|\bwhat year\b|\brate\b|"
    r"\bsize\b|\bcapex\b|\brevenues?\b|\bvaluation\b|\bprofits?\b|\bprice\b|\bcosts?\b|\bpopulation\b|"
    # "有啥数字吗", "有具体数据没", "有没有…失败率的统计?", "any figures on…": asks for figures, whatever the topic.
    r"成本|价格|估值|营收|利润|市值|有没有[^,，。?？]{1,14}?的(?:统计|数字|数值)(?:吗|么|呢|没|[?？]|$)|"
    r"有(?:没有)?(?:啥|什么|具体|哪些)?的?(?:数字|数据|数值|统计)(?:吗|么|嘛|呢|没|不|[?？]|$)|(?:具体|统计)(?:数字|数据|数值)|"
    r"\b(?:what|any|which) (?:\w+ )?(?:figures?|numbers?|statistics|stats)\b",
    re.I,
)


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

# --- what the question is, beyond its kind -------------------------------------------------------------

# The comparison table ("表格里…", "the table comparing…"); "有张把四种模式放一起比的表": 张 counts a table, whatever
# describes it before 表 (not 表达, 表示…); "fintech那一行呢": a row of it (not "我们这一行", a line of work); "the
# positioning column, row by row".
_TABLE = re.compile(r"表格|表里|表中|对照表|对比表|比较表|一览表|(?:那|这|哪)(?:个|张)表|列表对比|"
                    r"张[^,，。?？]{0,16}表(?![达示现明述彰态])|\btables?\b|(?<![们我])(?:那|这|哪)一行(?!业)|"
                    r"\b(?:positioning|features?|models?|types?|heading)s? columns?\b|\brow by row\b", re.I)
_COUNTS_KINDS = re.compile(r"几[类种个列条项点]|\bhow many (?:types|kinds|categories|columns|features)\b", re.I)
WHEN = re.compile(r"哪一?年|哪年|何时|什么时候|啥时候|几月|哪天|(?:时间|日期)(?:是|为)?(?:什么|哪天|几号)?[?？]?$|"
                  rf"{_WHEN_EN}|\bwhat year\b|\bwhich year\b|\bwhat date\b", re.I)
# Where: a place the question does not already name.
_WHERE = re.compile(r"在哪|哪里|哪儿|何地|何处|地点|举办地|举行地|所在地|哪个?城市|哪座城市|\bwhere\b", re.I)
# "区别在哪", "难点在哪里": where in an argument, not a place.
_ABSTRACT_WHERE = re.compile(r"在哪(?:一|个|一个)?[集期章页节段部季篇版]|"
                             r"(?:区别|差别|差异|不同|差|难点|难|关键|问题|好处|优势|亮点|意义|特点|重点|"
                             r"创新|不足|短板|痛点|价值)(?:主要)?(?:在|是)?哪(?:里|儿)?")
# Roles only people hold: the answer must name a person, not a place or a company.
_PERSON_ROLE = re.compile(
    r"主演|导演|演员|编剧|男主角|女主角|男配角|女配角|歌手|创始人|创办人|董事长|总裁|首席执行官|\bCEO\b|"
    r"市长|省长|总理|总统|首相|议长|部长|主席|指令长|航天员|旗手|火炬手|教练|单打冠军|男单冠军|女单冠军|"
    r"\b(?:actor|actress|director|founder|president|prime minister|mayor|chairman)\b",
    re.I,
)
# "哪个组 / 哪家公司 / 哪个判例": the answer names such a thing.
_WHICH = re.compile(r"哪(?:一)?[个家座所位条项部只支款种]([\u4e00-\u9fff])(?=[的是里中呢吗啊?？,，。]|$)")
# A title in 《》 names one work: an answer about another work does not answer.
_TITLE = re.compile(r"《([^》]{1,30})》")
# A term in quotes ("价值共生", 「标准塑造」) is the report's own word for the thing asked about.
_QUOTED = re.compile(r"[\"“'‘「『]([^\"”'’」』]{2,20})[\"”'’」』]")
# Who: a person (or an organisation, for "谁提出的…") the question does not already name ("which four types of
# companies" asks for kinds).
_WHO = re.compile(r"谁|哪位|哪家|哪(?:个|些|一)?(?:公司|企业|机构|组织|平台|单位|银行|大行|[运厂供服]\w?商|集团|"
                  r"巨头|品牌|媒体|国家|地区|城市)|\bwho\b|\bwhom\b|\bwhich (?!(?:[\w-]+ )?(?:types?|kinds?|categories|"
                  r"sorts?) of\b)(?:[\w-]+ ){0,3}?(?:compan(?:y|ies)|firms?|organi[sz]ations?|platforms?|banks?|"
                  r"countr(?:y|ies)|operators?|carriers?|providers?|vendors?|giants?|brands?|telcos?|groups?)\b", re.I)
# "北京冬奥会男子500米速度滑冰金牌", "CBA2021-2022赛季总冠军": a keyword question ending with a placing asks who
# (a person or a team) holds it.
_ENDS_WITH_PLACING = re.compile(r"(?:冠军|亚军|季军|金牌|银牌|铜牌|得主)(?:是|为)?(?:谁|哪个|哪位|哪支球?队)?\W*$")
_ENDS_WITH_PLACE = re.compile(r"(?:国家|城市|地点|举办地|发源地)\W*$")
_ENDS_WITH_TEAM = re.compile(r"(?:队伍|球队|战队)\W*$")
# Any question word: a question without one is a keyword query, whose last noun says what it wants.
_ASKS_ANYTHING = re.compile(r"什么|啥|哪|谁|怎|如何|吗|么|呢|几|多少|是否|有没有|"
                            r"\b(?:what|which|who|how|is|are|does|do)\b", re.I)
_ASKS_WHO = re.compile(r"谁|哪位|\bwho\b", re.I)
_WHY = re.compile(r"为什么|为何|为啥|原因|怎么会|凭什么|驱动因素|动因|"
                  r"\bwhy\b|\breason|\bwhat(?:'s| is) driving\b|\bdrivers?\b", re.I)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LATIN_WORD = re.compile(r"[A-Za-z]{5,}")
# A time counted from today ("去年", "next year"): a dated document cannot say which year that is.
_RELATIVE_TIME = re.compile(r"明年|后年|今年|去年|前年|明天|今天|昨天|下个月|上个月|"
                            r"\b(?:next|this|last) (?:year|month|week)\b|\btomorrow\b|\btoday\b|\byesterday\b", re.I)
_QUESTION_NUMBER = re.compile(r"\d+(?:\.\d+)?")
@dataclass(frozen=True)
class Analysis:
    """What a question asks for and what an answer must respect."""

    question: str
    lang: str  # "zh" | "en"
    kind: QuestionKind
    wants: str  # "date" | "place" | "person" | "who" (person or organisation) | "reason" | "" (the kind says the rest)
    off_topic: str  # "" | "chitchat" | "instruction" | "opinion"
    about_report: bool  # author, title, working group, contact: answered from the front matter
    authorship: bool  # asks who made the report (cover and working group)
    table: bool  # asks about the comparison table
    names: tuple[Mention, ...]  # named things (companies, countries, ...) an answer must be about
    unknown: tuple[str, ...]  # names the corpus never mentions under any of their names
    years: tuple[str, ...]
    titles: tuple[str, ...] = ()  # works named in 《》: the answer must be about them
    which: str = ""  # "哪个组" -> "组": the kind of thing the answer names
    numbers: tuple[str, ...] = ()  # the numbers the question itself gives (never an answer)
    terms: tuple[str, ...] = ()  # Chinese terms in quotes that the corpus uses: the answer is read where they are
    absent_topics: tuple[str, ...] = ()  # the question's common nouns when the corpus uses none of them (天气)
    events: tuple[str, ...] = ()  # "开幕" in "北京冬奥会开幕日期": what a date, place or person answers for
    relative_time: str = ""  # "去年", "next year": a time counted from today
    section: str = ""  # "第二章" -> "§2", "preface" -> "前言": the part of the report it points at
    overview: bool = False  # "讲了啥", "what does it say": asks what a part says as a whole
    designators: tuple[str, ...] = ()  # "第七届", "神舟十四号": the edition the answer must be about
    roles: tuple[str, ...] = ()  # "女主角", "季军": the role or placing the answer must be for
    compared: tuple[str, ...] = ()  # "5G和4G有啥区别" -> ("5G", "4G"): an answer must treat them apart
    workings: str = ""  # "how does a CDN work" -> "CDN" (when the documents name it): not just listed in passing


def _wants(question: str, kind: QuestionKind) -> str:
    if WHEN.search(question):
        return "date"
    if _WHY.search(question):
        return "reason"
    if kind is QuestionKind.SOURCE or kind is QuestionKind.LIST:
        return ""
    if _WHERE.search(_ABSTRACT_WHERE.sub("", question)):
        return "place"
    if kind is QuestionKind.NUMBER and not _ASKS_WHO.search(question):
        return ""  # "特拉斯当了多久首相" asks how long, not who
    if _PERSON_ROLE.search(question):
        return "person"
    if _WHO.search(question) or _ENDS_WITH_PLACING.search(question):
        return "who"
    if kind is QuestionKind.OTHER and not _ASKS_ANYTHING.search(question):
        # A keyword question ending in the kind of thing it wants: "KF-21战斗机研发国家", "卡塔尔世界杯决赛队伍".
        if _ENDS_WITH_PLACE.search(question):
            return "place"
        if _ENDS_WITH_TEAM.search(question):
            return "who"
    return ""


def analyse(question: str, names: NameTable, corpus_key: str, chinese_names: Sequence[str] = (),
            topics: Sequence[str] = (), events: Sequence[str] = (), titles: Sequence[str] = ()) -> Analysis:
    """`chinese_names`: proper names a POS tagger found in the question, `topics` its common nouns (the caller tags,
    this stays pure); `titles`, the titles of the report's parts. A guess at the publisher is checked by the cover."""
    kind = classify(question)
    section = section_reference(question)
    if kind is QuestionKind.NUMBER and (_TABLE.search(question) or section) and _COUNTS_KINDS.search(question):
        kind = QuestionKind.LIST  # "那个表对比了几类", "第四章归纳了几种模式": what a table or part sets out, listed
    every, guess, overview = names.find(question), publisher_guess(question), asks_overview(question, titles)
    mentions, extra, unknown = question_names(question, every, kind is QuestionKind.NUMBER, chinese_names,
                                              section, names, corpus_key, kind is QuestionKind.SOURCE, guess)
    # a quoted term the documents use is what it is about ("「跃迁」这个词来形容…变化": no absent topics)
    quoted = [t for t in _QUOTED.findall(question) if cjk_ratio(t) > 0.5 and match_key(t) in corpus_key]
    absent = tuple(topics) if topics and not quoted and not any(written(t, corpus_key) for t in topics) else ()
    subject = workings_subject(question)
    known = bool(subject) and named(subject, names, corpus_key)
    # (in a Chinese question, an English word the documents never write: "大模型的transformer是啥原理")
    foreign = cjk_ratio(subject) > 0 and any(match_key(w) not in corpus_key for w in _LATIN_WORD.findall(subject))
    if subject and not known and (cjk_ratio(subject) > 0.5 or foreign) and subject not in absent:
        absent = (*absent, subject)  # "大语言模型是什么原理": the documents never name it, let alone explain it
    return Analysis(
        question=question,
        lang="en" if is_english(question) else "zh",
        kind=kind,
        wants=_wants(question, kind),
        off_topic=off_topic_kind(without_purpose(question)),  # not what the asker will do with the answer
        # "chapter 4 - how is it structured?" asks about the chapter, not the report's layout
        about_report=(about_report(question) or bool(guess)) and not (section[:1] == "§" and overview),
        authorship=asks_authorship(question) or bool(guess),
        table=bool(_TABLE.search(question)),
        names=mentions + untabled_names(question, extra, unknown),
        unknown=unknown,
        years=tuple(_YEAR.findall(question)),
        titles=tuple(_TITLE.findall(question)),
        which=(m.group(1) if (m := _WHICH.search(question)) else ""),
        numbers=tuple(_QUESTION_NUMBER.findall(question)),
        terms=tuple(t for t in quoted if all(match_key(t) != match_key(m.surface) for m in every)),
        absent_topics=absent,
        events=tuple(events),
        relative_time=(m.group(0) if (m := _RELATIVE_TIME.search(question)) else ""),
        section=section,
        overview=overview,
        designators=designators(question),
        roles=roles(question),
        compared=compared_things(question, names, corpus_key),
        workings=subject if known else "",
    )
