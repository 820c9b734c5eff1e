"""Questions about the report itself, answered from its front matter by what they ask for.

"What is it called", "who wrote it", "how do I contact them" and "how is it laid out" each have one
place in any report's front matter: the cover, the working group, the line with an e-mail address,
and the foreword's paragraph that walks through the chapters. Their wording rarely matches those
lines ("全名叫啥" shares no word with the title), so they are found by role, not by word overlap.
Other questions about the report ("why was it written") take the front paragraph that covers them best.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.corpus import CorpusView, Sentence
from assistant.text import match_key, tokenize
from assistant.types import Paragraph

_TITLE = re.compile(r"全名|全称|标题|题目|名字|叫什么|叫啥|书名|\btitle\b|\bcalled\b|\bname of (?:the|this) report\b",
                    re.I)
_CONTACT = re.compile(r"联系|邮箱|电话|邮件|\bcontact\b|\be-?mail\b|\bphone\b|\breach (?:them|the)\b", re.I)
_STRUCTURE = re.compile(
    r"结构|框架|章节|目录|几章|几部分|几个部分|每(?:一)?章|各章|章标题|章名|一级标题|分为|"
    r"(?:讲|说|写)(?:了|的)?(?:啥|什么|些什么|些啥)|"
    r"概括|总结|归纳|提炼|总括|核心观点|主要观点|核心结论|主要结论|核心内容|主旨|中心思想|要点|"
    r"\bsummar|\boverview\b|\bgist\b|\bargument\b|\bmain points\b|\btakeaways\b|\bkey (?:points|messages|findings)\b|"
    r"\breport (?:about|saying)\b|\bstructur|\bchapters\b|\bhow many chapters\b|"
    r"\borgani[sz]ed\b|\btable of contents\b|\boutline\b|\beach (?:chapter|section|part)\b",
    re.I,
)
_CONTACT_LINE = re.compile(r"@|电话|邮箱|\d{3,4}-\d{7,8}")
# Who the report is for: the foreword says it ("为政策制定者、企业实践者及研究机构提供了…参考").
AUDIENCE = re.compile(r"写给(?:谁|哪些人)|给(?:谁|哪些人)看|面向(?:谁|哪些)|适合(?:谁|哪些人)|目标读者|受众|读者是|"
                      r"\bwho is (?:it|this|(?:this|the) report) (?:for|aimed at|written for)\b|\baudience\b|"
                      r"\bintended for\b", re.I)
_AUDIENCE_LINE = re.compile(r"为[^。]{2,40}提供|供[^。]{2,30}参考|面向[^。]{2,30}(?:读者|人员|机构)")


def front_role(question: str, authorship: bool) -> str:
    """"title" | "authorship" | "audience" | "contact" | "structure" | "": what a question about the report asks
    for."""
    if AUDIENCE.search(question):
        return "audience"
    if _CONTACT.search(question):
        return "contact"
    if _STRUCTURE.search(question):
        return "structure"
    if _TITLE.search(question):
        return "title"
    return "authorship" if authorship else ""


def _cover(front: Sequence[Paragraph]) -> list[Paragraph]:
    return [p for p in front if not p.heading_path]


def _working_group(front: Sequence[Paragraph]) -> Paragraph | None:
    """The front paragraph that is mostly a list of names (the densest in 、)."""
    lists = [p for p in front if p.heading_path and p.text.count("、") > 1]
    return max(lists, key=lambda p: p.text.count("、") / len(p.text), default=None)


def _structure(front: Sequence[Paragraph], headings: Iterable[str]) -> Paragraph | None:
    """The front paragraph that names the most of the report's chapter and section headings' words."""
    words = {match_key(w) for h in headings for w in tokenize(h) if len(w) >= 2}
    prose = [p for p in front if p.heading_path and len(p.text) > 60]
    scored = [(sum(1 for w in words if w in match_key(p.text)), p) for p in prose]
    best = max(scored, key=lambda item: item[0], default=(0, None))
    return best[1] if best[0] >= 3 else None


def by_role(role: str, front: Sequence[Paragraph], headings: Iterable[str]) -> list[Paragraph]:
    """The front paragraphs that answer a question of this role; [] when the front matter has none."""
    if role == "title":
        return _cover(front)
    if role == "authorship":
        group = _working_group(front)
        return [*_cover(front), *([group] if group else [])]
    if role == "contact":
        return [p for p in front if _CONTACT_LINE.search(p.text)]
    if role == "audience":
        return [p for p in front if p.heading_path and _AUDIENCE_LINE.search(p.text)][:1]
    if role == "structure":
        paragraph = _structure(front, headings)
        return [paragraph] if paragraph else []
    return []


def front_matter_quotes(front: Sequence[Paragraph], best: Paragraph, authorship: bool,
                        corpus: CorpusView) -> list[Sentence]:
    """A question about the report: the best front-matter paragraph in full (they are short).

    "Who wrote it" gets the cover (title and publisher) and the working group's leading paragraph.
    """
    chosen = [*by_role("authorship", front, ()), best] if authorship else [best]
    quotes = [s for p in dict.fromkeys(chosen) for s in corpus.sentences.get(p.id, ())]
    return [*quotes, *_publisher_statement(front, corpus)] if authorship else quotes


def _publisher_statement(front: Sequence[Paragraph], corpus: CorpusView) -> list[Sentence]:
    """The foreword's sentence that names the cover's publisher as the one who did the work ("在此背景下,中国电信
    研究院天翼智库创新性地研判了…"): the cover gives a name, this sentence says what it did."""
    cover = _cover(front)
    publishers = [match_key(p.text) for p in cover[1:] if len(p.text) < MAX_PUBLISHER]
    for paragraph in front:
        if paragraph.heading_path and paragraph not in cover:
            for sentence in corpus.sentences.get(paragraph.id, ()):
                if any(name and name in match_key(sentence.text) for name in publishers):
                    return [sentence]
    return []


MAX_PUBLISHER = 40  # a cover line naming an organisation, not a paragraph


OUTLINE_PREFIX = "章节"  # "章节1:一、数字丝路的发展机遇[2]": one line per chapter of a structure answer
HEADING_PREFIX = "标题:"  # "标题:1.政府层面[1]": one line per sub-part of a part's overview


def chapters(corpus: CorpusView) -> list[Paragraph]:
    """The first paragraph of each of the report's chapters, in order: its heading path names the chapter.

    "How is it laid out" is answered by the foreword's walk-through, which names what the chapters discuss but
    not the chapters themselves; their headings say how many there are and what each is called.
    """
    tops = [h for h, place in corpus.part_headings.items() if "." not in place]
    firsts = {}
    for paragraph in corpus.report_paragraphs():
        if paragraph.heading_path and paragraph.heading_path[0] in tops:
            firsts.setdefault(paragraph.heading_path[0], paragraph)
    return list(firsts.values())


def outline_line(number: int, first: Paragraph, marker: int, lang: str, depth: int = 0) -> str:
    """"章节1:一、数字丝路的发展机遇[2]"; a sub-part's heading (depth > 0) carries its own number: "标题:1.政府层面[2]"
    (marked as a heading, so no reader takes it for a quoted sentence)."""
    if depth:
        return f"{'Heading: ' if lang == 'en' else HEADING_PREFIX}{first.heading_path[depth]}[{marker}]"
    prefix = f"Chapter {number}: " if lang == "en" else f"{OUTLINE_PREFIX}{number}:"
    return f"{prefix}{first.heading_path[0]}[{marker}]"
