"""Recommendations asked for by whom they address: "给企业的建议有哪几条", "what does it recommend to governments".

Policy reports close with recommendations grouped by addressee, one part each, under a heading that says so
("(二)行动倡议" > "1.政府层面", "2.企业层面", "3.国际组织与智库"). A reader names the addressee, not the heading
("对政府有什么建议"), and "企业" alone matches half the report ("平台企业"), so the search often ranks the report's
outlook or its opening first. When the question asks for advice *to* someone whom exactly one such part
addresses, that part is where the answer is.
"""

from __future__ import annotations

import re

from assistant.answer.sections import heading_title
from assistant.lexicon import NameTable
from assistant.text import match_key

# A part whose heading says it holds recommendations: its sub-parts are addressed to someone.
_ADVICE_HEADING = re.compile(r"建议|倡议|对策|举措|措施|recommend", re.I)
_ADVICE = r"(?:政策)?(?:建议|倡议|对策|举措|措施|要求|期望|呼吁)"
# "对/给/向/针对 X (层面)(提出了)(哪些)建议", "X层面/方面的建议": the addressee is what X names.
_TO_ZH = re.compile(rf"(?:对|给|向|为|面向|针对)(?P<x>[^,，。?？;；]{{1,12}}?)(?:层面|方面)?(?:都|分别|主要)?"
                    rf"(?:提出?了?|给出?了?|有|的)?(?:哪些|什么|啥|哪几条|几条|哪几点|些)?(?:具体)?(?:的)?{_ADVICE}|"
                    rf"(?P<y>[^,，。?？;；\s]{{2,8}}?)(?:层面|方面)(?:的|有|提出?了?)?(?:哪些|什么|啥|几条)?{_ADVICE}|"
                    # "报告有建议企业跟当地政府合作吗": advice whose addressee follows the verb
                    r"(?:建议|倡议|呼吁)(?P<z>[^,，。?？;；\s]{2,6}?)(?=跟|和|与|要|应|去|在|如何|怎么|多|加强|积极|主动)")
# "recommend(ations) to/for X", "advice for X", "what should X do": the English addressee.
_TO_EN = re.compile(r"\b(?:recommend\w*|advice|advise\w*|suggest\w*|propos\w*|call\w* on)\b[^?.;]{0,30}?"
                    r"\b(?:to|for|on)\s+(?:the\s+)?(?P<x>[\w\s&-]{2,40})|"
                    r"\bwhat should\s+(?:the\s+)?(?P<y>[\w\s&-]{2,30}?)\s+do\b", re.I)
_LEVEL = re.compile(r"(?:层面|方面|层次)$")
_JOINED = re.compile(r"[与和及、]")


def addressees(title: str) -> list[str]:
    """The addressees a heading names: "2.企业层面" -> ["企业"], "3.国际组织与智库" -> ["国际组织", "智库"]."""
    core = _LEVEL.sub("", heading_title(title)).strip()
    return [word for word in _JOINED.split(core) if len(word) >= 2]


def addressed_part(question: str, headings: dict[str, str], names: NameTable, within: str = "") -> str:
    """The one part of recommendations addressed to whom the question asks advice for, when it lies `within` the
    part the question otherwise points at (or it points nowhere); else `within`."""
    said = _said_addressee(question)
    if not said:
        return within
    advice = [prefix for heading, prefix in headings.items() if _ADVICE_HEADING.search(heading)]
    key = match_key(said)
    named = {match_key(n) for m in names.find(said) for n in m.group.names}
    found = [prefix for heading, prefix in headings.items()
             if any(prefix.startswith(p + ".") for p in advice)
             and any(match_key(word) in key or match_key(word) in named for word in addressees(heading))]
    if len(found) == 1 and (not within or found[0].startswith(within + ".")):
        return found[0]
    return within


def _said_addressee(question: str) -> str:
    for pattern in (_TO_ZH, _TO_EN):
        if match := pattern.search(question):
            return next(g for g in match.groups() if g is not None)
    return ""
