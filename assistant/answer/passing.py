"""Things a text names only in passing, inside a list ("利用区块链、物联网、云计算、AI等技术").

Such a text says nothing of what the thing is, how it works or how it differs from the others listed, however
well its words match a question asking that. Used for comparison questions ("5G和4G有啥区别") and for
questions asking what a thing is or how it works ("Explain what an API is", "大语言模型是什么原理").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.lexicon import NameTable
from assistant.lexicon.table import fold
from assistant.text import match_key

# Items of one list (short: a list names things, a clause that merely contains 、 is longer): three or more joined
# by 、 (the last may be joined by 和/与/及), or two or more closed by 等.
_ITEM = r"[^、,，。;；:：!！?？\n()（）《》等]{1,10}"
_LIST = re.compile(rf"{_ITEM}(?:、{_ITEM}){{2,}}|{_ITEM}(?:、{_ITEM})+(?:和|与|及|以及){_ITEM}|"
                   rf"{_ITEM}(?:[、和与及]{_ITEM})+等")

# "大语言模型是什么原理", "how does a CDN work", "how are GDPR fines calculated": how a thing works.
_WORKINGS_ZH = re.compile(r"^(?:请问)?(.{2,20}?)(?:到底|究竟|具体)?(?:是)?(?:什么|啥|怎样的|怎么样的)?(?:的)?"
                          r"(?:原理|工作原理|运作原理|机制是什么|是怎么工作的|怎么工作|如何工作|是怎么算的|怎么算|如何计算)")
_WORKINGS_EN = re.compile(r"\bhow (?:does|do) (?:an? |the )?(.+?) (?:actually )?work\b|"
                          r"\bhow (?:is|are) (?:an? |the )?(.+?) (?:calculated|computed|determined)\b|"
                          r"\bexplain what (?:an? |the )?(.+?) (?:is|are|does|do)\b", re.I)


def workings_subject(question: str) -> str:
    """The thing a question asks the workings or nature of, as written, or ""."""
    for pattern in (_WORKINGS_ZH, _WORKINGS_EN):
        m = pattern.search(question)
        if m:
            return next(g for g in m.groups() if g).strip()
    return ""


def named(thing: str, names: NameTable, corpus_key: str) -> bool:
    """A name the table knows, covering the whole of `thing`, or words the documents use as written."""
    if len(match_key(thing)) < 2:
        return False
    found = names.find(thing)
    if len(found) == 1 and found[0].surface.strip() == thing.strip():
        return True
    return match_key(thing) in corpus_key


def _spans(thing: str, text: str, folded: str, names: NameTable) -> list[tuple[int, int]]:
    group = names.group_of(thing)
    if group is not None:
        return [(m.start, m.end) for m in names.find(text) if m.group is group]
    key = fold(thing).replace(" ", "")
    return [(m.start(), m.end()) for m in re.finditer(re.escape(key), folded)] if key else []


def named_only_in_lists(things: Sequence[str], read: str, names: NameTable) -> bool:
    """Whether one of `things` is missing from the text or named there only inside lists of three or more things
    (or lists closed by 等)."""
    folded = fold(read)
    lists = [m.span() for m in _LIST.finditer(folded)]
    for thing in things:
        spans = _spans(thing, read, folded, names)
        if not any(not any(start <= a and b <= end for start, end in lists) for a, b in spans):
            return True
    return False
