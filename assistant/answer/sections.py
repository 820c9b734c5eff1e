"""Questions that point at a part of the report: "第二章里亚马逊是啥案例", "according to the preface, …".

Readers name the part they mean by its number or by the front matter's name. Such a question is
answered from that part: its paragraphs become the candidates, whatever the search ranked first,
because the words of the question often match another chapter better than the one meant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.asides import ABOUT_ASKER
from assistant.lexicon import NameTable
from assistant.lexicon.numerals import chinese_to_number
from assistant.text import match_key, tokenize

# The evidence a quote needs, as a share of the usual threshold, when it comes from the part of the report the
# question points at ("第4章一共把平台企业分成了几类": 四类企业 in §4's opening shares few of the question's words).
PART_THRESHOLD = 0.5

_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

_NUM = r"[一二两三四五六七八九十\d]+"
_CHAPTER_ZH = re.compile(rf"第({_NUM})(?:章|部分|篇)(?:第({_NUM})(?:节|部分))?")
_SECTION_DOTTED = re.compile(
    r"(?:第|§|\bsec(?:tion)?\.?\s*|\bch(?:apter)?\.?\s*)(\d+)\.(\d+)|(\d+)\.(\d+)\s*(?:节|部分)", re.I)
_CHAPTER_EN = re.compile(
    r"\b(?:chapter|part)\s+(\d+|one|two|three|four|five)\b|\b(first|second|third|fourth|fifth)\s+(?:chapter|part)\b|"
    r"\bch\.?\s*(\d+)\b",  # "ch.4", "ch3": the analyst's abbreviation
    re.I,
)
# "the last chapter", "最后一章": the report's last chapter, whichever number it has.
_LAST_CHAPTER = re.compile(r"\b(?:last|final|concluding|closing)\s+chapter\b|最后一章|最后一部分|末章|"
                           r"报告(?:的)?(?:后头|后面|末尾|结尾|后半部分)|\bend of the report\b", re.I)
LAST_CHAPTER = "§last"
_CHAPTER_SECTION = re.compile(
    r"(?<![\u4e00-\u9fff])([一二三四五六七八九十])\s*[(\uff08]\s*([一二三四五六七八九十])\s*[)\uff09]")
_FOREWORD = re.compile(r"前言|序言|\bpreface\b|\bforeword\b", re.I)
FOREWORD = "前言"
OPENING = " "  # after a chapter's prefix ("§5 "): its opening paragraphs only, before its first sub-part (parts.py)
# "第五章开头讲的那几个难点", "the opening of chapter 5": the chapter's own paragraphs, before its first sub-part.
_OPENING = re.compile(r"(?:章|部分)(?:的)?(?:开头|开篇|一开始)|\b(?:opening|beginning|start) of (?:the )?"
                      r"(?:\w+ )?(?:chapter|part)\b|\bchapter \w+ (?:opens|begins|starts)\b", re.I)


def _number(text: str) -> int:
    """"2", "二", "十一", "second" -> 2, 2, 11, 2; 0 when it is no number."""
    if text.isdigit():
        return int(text)
    if text.lower() in _EN_ORDINALS:
        return _EN_ORDINALS[text.lower()]
    return int(chinese_to_number(text) or 0)


# "我要用在我的论文第一章", "for chapter 2 of my thesis": a part of the asker's own writing, not of the report.
_ASKERS_OWN = re.compile(r"(?:我|我们|咱们?|俺|自己|本人)的[^,，。;；?？!！报]{0,6}$|"
                         r"(?:论文|课件|讲义|简报|稿子|作业|PPT)的?$|\b(?:my|our) (?:own )?(?:thesis|paper|essay|deck|"
                         r"slides?|presentation|memo|book|dissertation|report|brief)(?:'s)?\s*$", re.I)
_OF_ASKERS = re.compile(r"^\s*(?:of|in) (?:my|our)\b", re.I)


def _not_askers(pattern: re.Pattern[str], question: str) -> re.Match[str] | None:
    """The first match of a part reference that is not to a part of the asker's own writing."""
    return next((m for m in pattern.finditer(question) if not _ASKERS_OWN.search(question[:m.start()])
                 and not _OF_ASKERS.match(question[m.end():])), None)


def section_reference(question: str) -> str:
    """The locator prefix of the part a question points at ("§2", "§4.1", "前言"), or ""."""
    if m := _not_askers(_SECTION_DOTTED, question):
        chapter, section = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"§{int(chapter)}.{int(section)}"
    if m := _not_askers(_CHAPTER_SECTION, question):  # "一(一)", the report's own numbering of §1.1
        return f"§{_number(m.group(1))}.{_number(m.group(2))}"
    if m := _not_askers(_CHAPTER_ZH, question):
        chapter = _number(m.group(1))
        return f"§{chapter}.{_number(m.group(2))}" if m.group(2) else f"§{chapter}"
    if m := _not_askers(_CHAPTER_EN, question):
        return f"§{_number(m.group(1) or m.group(2) or m.group(3))}"
    if _LAST_CHAPTER.search(question):
        return LAST_CHAPTER
    if _FOREWORD.search(question):
        return FOREWORD
    return ""


# "金融科技那节", "平台企业角色那部分": a part named by (words of) its heading. 环节, 细节, 文章, 大部分 are words,
# not parts; "支付这块" names a topic, not a part (tried: it sent a question about 机遇 to the fintech section).
_NAMED_PART = re.compile(
    r"([\u4e00-\u9fffA-Za-z0-9]{2,14}?)(?:那|这|一)?(?:个)?(?<![环细季关调情礼音春过文规印篇乐奖宪大])(?:节|章|部分|小节)"
)
# "the part on fintech", "the section about cloud computing": the English names of heading words.
_NAMED_PART_EN = re.compile(
    r"\b(?:part|section|chapter)s? (?:on|about|covering|dealing with)\s+(?:the\s+)?([\w\s&-]{2,40})", re.I)
# "the digital governance part", "in the cloud bit": the words before the part word.
# ("Chapter 4 cloud part": without "the", only part/section/bit; "the … chapter" names a chapter.)
_NAMED_PART_EN_BEFORE = re.compile(r"\bthe\s+([\w&-]+(?:\s+[\w&-]+){0,3}?)\s+(?:part|section|bit|chapter)\b|"
                                   r"\b([\w&-]+(?:\s+[\w&-]+){0,3}?)\s+(?:part|section|bit)\b", re.I)
_FILLER = frozenset(["在", "的", "里", "中", "讲", "说", "提到", "关于", "有关", "报告", "这", "那"])


def named_part(question: str, headings: dict[str, str], names: NameTable | None = None) -> str:
    """The part whose heading holds the words before "那节/部分" in the question (or, in English, the Chinese
    names of the words after "the part on"), or "" when none or several do."""
    if match := _NAMED_PART.search(question):
        return _part_by_words([w for w in tokenize(match.group(1)) if w not in _FILLER], headings)
    if names is not None:
        for pattern in (_NAMED_PART_EN, _NAMED_PART_EN_BEFORE):
            if match := pattern.search(question):
                said = next(g for g in match.groups() if g is not None)
                words = [n for m in names.find(said) for n in m.group.names if not n.isascii()]
                if part := _part_by_words(words, headings):
                    return part
    return ""


# A heading's own title, without its number: "(二)行动倡议" -> "行动倡议", "2.企业层面" -> "企业层面".
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])\s*")
MIN_TITLE = 4  # shorter titles are ordinary words


def asked_part(section: str, question: str, headings: dict[str, str], names: NameTable) -> str:
    """The part a question points at: a part named by its heading's words inside the chapter it numbers ("第四章
    云计算那部分" -> §4.1), else the numbered part, else one named by words or by its whole title."""
    if section == LAST_CHAPTER:
        section = max((p for p in headings.values() if p.startswith("§") and "." not in p),
                      key=lambda p: int(p[1:]) if p[1:].isdigit() else 0, default="")
    # "第四章" is no part named by its words
    named = named_part(without_part_numbers(question), headings, names) or titled_part(question, headings)
    part = named if named and (not section or named.startswith(section + ".")) else section
    return part + OPENING if part.startswith("§") and "." not in part and _OPENING.search(question) else part


def without_part_numbers(question: str) -> str:
    """The question without the numbers of parts it points at ("list the four types in ch.4" -> "… four types …")."""
    for pattern in (_SECTION_DOTTED, _CHAPTER_SECTION, _CHAPTER_ZH, _CHAPTER_EN, _LAST_CHAPTER):
        question = pattern.sub(" ", question)
    return question


def titled_part(question: str, headings: dict[str, str]) -> str:
    """The deepest part whose whole title the question writes ("行动倡议中企业层面有哪些建议" -> §5.2.2), or ""
    when none does or two parts apart from each other do."""
    key = match_key(question)
    found = [prefix for heading, prefix in headings.items()
             if len(title := match_key(heading_title(heading))) >= MIN_TITLE and title in key]
    deepest = max(found, key=lambda prefix: prefix.count("."), default="")
    return deepest if all(deepest.startswith(p) for p in found) else ""


def _part_by_words(words: list[str], headings: dict[str, str]) -> str:
    best, best_score, tied = "", 0, False
    for heading, prefix in headings.items():
        key = match_key(heading)
        score = sum(len(w) for w in words if match_key(w) in key)
        if score > best_score:
            best, best_score, tied = prefix, score, False
        elif score == best_score and prefix.startswith(best + "."):
            best = prefix  # the deeper of two nested parts whose headings both hold the words
        elif score == best_score and prefix != best and not best.startswith(prefix + "."):
            tied = True
    # Two characters ("文娱那节") name a part when only one heading holds them.
    return best if best_score >= 2 and not tied else ""


# "用三句话", "三点": a format request counted in sentences or points (also read by _FORMAT below).
_ZH_COUNTED_FORMAT = r"用?[一二三四五两几\d]+(?:句话|点|条|段话)"
# "第三章讲了啥", "4.2节主要内容", "what does section 4.1 say": the question asks what the part says as a whole.
_OVERVIEW = re.compile(
    r"(?:讲|说|写|谈|介绍|聊|讨论|论述|探讨)(?:了|的)?(?:啥|什么|些什么|些啥|哪些内容)(?:内容|东西)?的?(?:呢|啊|呀)?\W*$|"
    # "第五章整体讲了些什么,一段话概括", "第三章讲了啥,用三句话": a format request may follow the question
    r"(?:讲|说|写|谈|介绍|聊)(?:了|的)?(?:啥|什么|些什么|些啥)[,，]\s*"
    rf"(?:用?(?:一段话|一句话|几句话|简单|简要)?(?:概括|总结|概述|说说|讲讲)|{_ZH_COUNTED_FORMAT}(?:概括|总结|说)?)"
    r"(?:下|一下)?\W*$|(?:一段话|一句话|几句话|简单|简要)(?:概括|总结|概述)(?:下|一下)?\W*$|"
    r"主要(?:讲|说|写)(?:了|的)?(?:啥|什么|些什么|些啥)?(?:呢|啊)?\W*$|"
    r"(?:内容|大意|要点|观点)(?:是(?:什么|啥))?(?:呢|啊)?\W*$|概括一下|概述一下|总结一下|简述一下|"
    r"\bwhat does\b.{0,60}\b(?:say|cover|discuss|talk about|deal with|describe)\b|"
    r"\bsummari[sz]e\b|\bsummary\b|\boverview\b|"
    r"\bwhat(?:'s| is)\b.{0,40}\babout\b(?:\W+(?:in (?:a|one|two|a few|a couple(?: of)?) (?:sentences?|words|lines)|"
    r"briefly|in short|in brief))?\W*$|\bmain (?:points?|ideas?|message)\b|\bgist\b|\brundown\b|\brecap\b|"
    r"\btl;?dr\b|\bbreak(?:down| down)\b|\bwalk me through\b|\bhow is\b.{0,40}\b(?:structured|organi[sz]ed|laid out)\b|"
    # "第四章的整体框架是怎样的", "第三章分几部分": how a part is laid out is what its opening and outline say
    r"(?:结构|框架|脉络)(?:是)?(?:怎样|怎么样|如何|什么样|啥样)(?:的)?\W*$|分(?:为|成)?哪?几(?:个)?(?:节|部分|块|层面|方面|层次)"
    r"(?:\W*(?:分别|各自)(?:是|针对|面向|对应)?(?:什么|啥|谁|哪些)呢?)?\W*$|"
    # "行动倡议部分分别面向哪几类主体?": whom its sub-parts address, which their headings say
    r"(?:分别|各自)?(?:面向|针对|对|给)(?:的是)?哪(?:几|些)(?:类|个|种)?(?:对象|主体|群体|人群|方面)(?:提的|提出的?)?\W*$|"
    # "第三章各小节标题请照录,引号照原文保留": its sub-parts' headings, whatever form the asker wants them in
    r"(?:各|每个?|所有)?(?:小节|子节|节)的?(?:标题|小标题|名称)[^?？]*$",
    re.I,
)


# A format request ("in 3 bullets", "in two sentences", "用三句话") asks nothing more specific.
_FORMAT = re.compile(r"\b(?:in|as|with)\s+(?:\d+|one|two|three|four|five|a few|a couple of|a)\s+(?:short\s+)?"
                     r"(?:bullets?|bullet points|points|lines|sentences?|words|paragraphs?)\b|"
                     + _ZH_COUNTED_FORMAT, re.I)
# What may surround a part reference and "讲了啥" in a question that asks nothing more specific.
_OVERVIEW_FILLER = re.compile(
    r"请问|烦请|概述|核心|一下|帮我|给我|告诉我|报告|主要|大概|大致|大体|简单|简要|介绍|哪些|什么|整体|总体|整个|总的来说|到底|究竟|"
    r"部分|最后|"
    r"[的里中在了呢啊吧吗呀这那个下本该和与及有啥是都上]|"
    r"\b(?:what|does|do|did|the|of|in|this|that|report|says?|please|pls|me|tell|about|is|it|its|section|chapter|"
    r"part|can|could|you|give|a|an|briefly|quick|quickly|overall|framework|english|chinese)\b|[\W_\d]|用?(?:英文|中文)",
    re.I,
)


def asks_overview(question: str, titles: Sequence[str] = ()) -> bool:
    """The question asks what a part says as a whole (its opening answers), and nothing more specific:
    "第四章第一节讲了啥" does, "前言里讲的研究框架是啥" asks for one thing within the part. `titles`: the parts' titles
    ("行动倡议主要讲了啥" names its part by one)."""
    question = ABOUT_ASKER.sub("", question)  # "鄙人拟在专栏中谈数字丝路,烦请概述…": that clause asks nothing
    match = _OVERVIEW.search(question)
    if not match:
        return False
    rest = question[: match.start()] + " " + question[match.end():]
    for pattern in (_FORMAT, _SECTION_DOTTED, _CHAPTER_SECTION, _CHAPTER_ZH, _CHAPTER_EN, _FOREWORD, _NAMED_PART,
                    _NAMED_PART_EN):
        rest = pattern.sub(" ", rest)
    for title in titles:
        rest = rest.replace(title, " ") if len(title) >= MIN_TITLE else rest
    return len(_OVERVIEW_FILLER.sub("", rest)) <= 1


def heading_title(heading: str) -> str:
    """A heading's own title, without its number: "(二)行动倡议" -> "行动倡议", "2.企业层面" -> "企业层面"."""
    return _HEADING_NUMBER.sub("", heading).strip()


def part_titles(headings: dict[str, str]) -> tuple[str, ...]:
    """The parts' own titles, without their numbers."""
    return tuple(heading_title(heading) for heading in headings)
