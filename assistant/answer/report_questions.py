"""Questions about the report itself: who wrote it, its title, contact, why it was written, how it is laid out.

The front matter (cover, working group, foreword) answers them by its place, not by its wording
(answer/front_matter.py says which part answers which).
"""

from __future__ import annotations

import re

_ABOUT_REPORT = re.compile(
    r"(?:报告|这份|本报告|该报告)[^,，。?？]{0,8}(?:谁|作者|编写|撰写|写的|出品|发布|出版|署名|全名|标题|题目|名字|叫什么|叫啥)|"
    # "报告是哪年出的": when it came out, which only its front matter could say
    r"(?:报告|这份|本报告|该报告)[^,，。?？]{0,8}(?:哪一?年|什么时候|何时|啥时候|哪天)[^,，。?？]{0,3}(?:出|发|写|编|做)|"
    r"(?:谁|哪个?(?:单位|机构|部门))[^,，。?？]{0,6}(?:写|编|发布|出)[^,，。?？]{0,4}报告|"
    # "这份报告是哪个单位出的", "这报告是研究院下面哪个智库出的"
    r"(?:报告|这份|本报告|该报告)[^,，。?？]{0,8}(?:哪个?|什么|哪家)(?:单位|机构|部门|智库|组织)[^,，。?？]{0,3}"
    r"(?:出|发布|发|写|编|做|搞)(?:的|了)?(?:呀|啊|呢)?(?=[^\w]|$)|"
    r"工作组|编写组|课题组|编辑组|组长|成员|邮箱|联系方式|联系邮箱|"
    # Who it is for: "这份报告主要是写给哪些人看的", "who is this report for" (not "报告中面向各国政府的建议")
    r"(?:报告|这份)[^,，。?？]{0,8}(?:写给|给谁看|给哪些人看|(?:面向|适合)(?:谁|哪些|哪类|什么人)|目标读者|受众)|"
    r"\bwho is (?:it|this|(?:this|the) report) (?:for|aimed at|written for)\b|\b(?:target |intended )?audience\b|"
    r"\bwho (?:wrote|writes|authored|published|produced|compiled|prepared|made|make|makes)\b|"
    r"\b(?:the|this) report (?:was|is|were|get|got) (?:published|released|written|issued|made)\b|"
    # "the authors" as the makers asked about, not as the subject of what the report says ("what the authors call…")
    r"\bauthors?\b(?!\W+(?:call|say|argue|describe|term|refer|write|note|claim|suggest|see|use|mean|contend)s?\b)|"
    r"\bpublisher\b|"
    r"\b(?:who|which \w+) (?:put|puts|released|issued|made)\b[^?]{0,20}\breport\b|"
    # "Which organisation is behind this report?", "报告背后是哪个机构"
    r"\bbehind (?:the|this) (?:report|study|paper)\b|(?:报告|这份)[^,，。?？]{0,4}背后|"
    r"\bworking group\b|\bcontact\b|\be-?mail\b|\btitle of (?:the|this) report\b|\bfull title\b|"
    # Why it was written and how it is laid out: the foreword says both.
    r"写作背景|写作目的|(?:为什么|为啥|为何)[^,，。?？]{0,6}(?:写|搞|做|编|出)[^,，。?？]{0,4}报告|"
    r"报告[^,，。?？]{0,4}(?:结构|框架|章节|主要内容|(?:分|有)(?:了|为|成)?几|几个部分)|"
    # "目录 几章", "一共分了几章" (not "在第几章": where a thing is), "五章的章标题"
    r"(?<!第)几章|目录|每(?:一)?章|各章|章标题|章名|一级标题|"
    # "这份报告主要讲了啥", "这份报告讲的是什么", "what is this report about": the whole report's gist is its outline
    r"(?:这份|这个|本|该|整个|整份)报告(?:主要|大概|整体|总体)?在?(?:讲|说|写)(?:了|的)?(?:是)?(?:啥|什么|些什么|些啥)|"
    # "概括一下这份报告", "报告的核心观点", "summary in 5 bullets", "the overall argument of this report"
    r"(?:概括|总结|归纳|提炼|总括)(?:一下)?(?:这份|这个|本|该|整个|整份)报告|"
    r"(?:这份|这个|本|该|整个|整份)报告(?:的内容)?(?:概括|总结|归纳|提炼)|"
    r"(?:这份|这个|本|该|整个|整份)?报告的?(?:核心观点|主要观点|核心结论|主要结论|核心内容|主旨|中心思想|要点)|"
    # (not "a summary of the report's outlook", "summarise what the report says about payments": a part of it)
    r"\b(?:summary|summari[sz]e|overview|gist|overall argument|main (?:argument|points|message)|"
    r"key (?:takeaways|points|messages|findings))\s+(?:of\s+)?(?:the\s+|this\s+)?(?:whole\s+|entire\s+)?"
    r"report\b(?!['’]s)|"
    r"\breport\W{1,4}(?:summary|in a nutshell|gist)\b|"
    # a bare request with no subject ("key takeaways, 5 bullets"): the report is the only thing it can be about
    r"^\W*(?:the\s+)?(?:key takeaways|main points|summary|tl;?dr|gist)\b[\s,.:;-]*(?:in\s+)?(?:\d+|three|five)?\s*"
    r"(?:bullets?|bullet points|points|lines)?\W*(?:pls|please)?\W*$|"
    r"\bwhat(?:'s| is) (?:the|this) report (?:about|saying)\b|"
    r"\b(?:publish(?:es|ed)?|wrote|write|writes|authored|released|produced|issued) (?:the|this)\b[^?]{0,60}\breport\b|"
    r"\bwhy (?:was|did)\b[^?]{0,40}\breport\b[^?]{0,20}\b(?:written|wrote|write|published)\b|"
    r"\b(?:report|it) (?:is )?(?:structured|organi[sz]ed)\b|\beach chapter\b|\btable of contents\b|\boutline of\b|"
    r"\bhow many chapters\b",
    re.I,
)
# Who made the report: answered by the cover (publisher) and the working group.
_AUTHORSHIP = re.compile(
    r"谁|作者|编写|撰写|写的|出品|发布方|出版|署名|(?:哪个?|什么|哪家)(?:单位|机构|部门|智库|组织)|"
    r"(?:发布|编制|牵头|研究)(?:单位|机构)|发布者|"  # "原报告的发布单位是哪个": who published it
    r"\bauthor|\bwrote\b|\bwritten\b|\bpublish|\bproduced\b|\bworking group\b|\bwho\b|\bbehind\b|背后",
    re.I,
)


def about_report(question: str) -> bool:
    """Whether the question asks about the report itself (its makers, title, contact, purpose or layout)."""
    return bool(_ABOUT_REPORT.search(question))


def asks_authorship(question: str) -> bool:
    """Whether it asks who made the report: answered by the cover (publisher) and the working group."""
    return bool(_AUTHORSHIP.search(question))


# The asker's guess at who made the report, checked: "这份报告是商务部发布的吧?", "这份中国移动研究院的报告",
# "this report is from China Mobile Research Institute, no?", "Is this published by China Telecom?". The front
# matter answers it (and corrects a wrong guess); the organisation guessed is no name the answer must hold.
_PUBLISHER_GUESS = re.compile(
    r"(?:这份|这个|这篇|这|该|本)报告(?:是|应该是|应是)?(?:由)?(?P<zh>[^,，。?？!！\s]{2,20}?)"
    r"(?:发布|出|编写|撰写|写|出品|编|做)(?:的|(?=[,，。?？!！]|吗|吧|$))|"  # ("该报告由工信部联合发布,是否属实?")
    r"(?:这份|这个|这篇|该)(?P<zh2>[^,，。?？!！\s]{2,20}?)的报告|"
    r"\b(?:this|the) report (?:is|was|comes) (?:from|by) (?P<en>[^,?.!;—–-]{2,60})|"
    r"\b(?:is|was) (?:this|it|the report) (?:published|written|produced|released|issued) by (?P<en2>[^,?.!;—–-]{2,60})",
    re.I,
)

# "这份报告是哪个单位出的" asks who made it; it guesses nobody.
_ASKS_WHICH = re.compile(r"哪|什么|谁|啥|\b(?:which|what|who)\b", re.I)


def publisher_guess(question: str) -> str:
    """The organisation the asker guesses made the report ("商务部", "China Mobile Research Institute"), or ""."""
    m = _PUBLISHER_GUESS.search(question)
    guess = next((g for g in m.groups() if g), "").strip() if m else ""
    return "" if _ASKS_WHICH.search(guess) else guess

