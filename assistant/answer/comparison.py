"""Questions that compare two things ("5G和4G有啥区别", "difference between IaaS and PaaS").

A text answers such a question only where it treats the two apart: "从市场适配转向价值共生" contrasts them,
"WeChat与TikTok持续加强…" says what both do. A text that names them only side by side inside a longer list
("以4G、5G与光纤铺设为代表", "利用区块链、物联网、云计算、AI等技术") mentions them in passing and says nothing
of how they differ or relate, however well its words match the question.

Only things the documents name are checked: a question comparing things the documents never name is refused
elsewhere (unknown names), and one comparing descriptions ("老的做法和现在的新做法") is left to the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.answer.passing import named
from assistant.lexicon import NameTable
from assistant.text import cjk_ratio, match_key

_ZH = re.compile(
    r"([^,，。?？!！;；:：、和与跟同及]{1,14}?)(?:和|与|跟|同|及)([^,，。?？!！;；:：、和与跟同及]{1,14}?)"
    r"(?:这两者|这俩|两者|二者)?(?:之间)?(?:到底|究竟|主要|具体)?(?:有|是)?(?:啥|什么|哪些|何|怎样的|怎么样的)?(?:的)?"
    r"(?:区别|差别|差异|不同|关系|联系|异同|差在哪|差在什么)"
)
# "市场适配 vs 价值共生 区别", "被动合规VS标准塑造差在哪": two terms set against each other.
_ZH_VS = re.compile(r"([^,，。?？!！;；:：\s]{2,14}?)\s*(?:vs\.?|versus)\s*([^,，。?？!！;；:：\s]{2,14}?)"
                    r"\s*(?:的|之间|到底|究竟|主要|有|是|啥|什么|哪些)*(?:区别|差别|差异|不同|差在|有何|\W|$)", re.I)
_EN = (
    re.compile(r"\bdifferences? between (.+?) and (.+?)(?=[?.!,;]|$| in the\b| in this\b| according\b)", re.I),
    re.compile(r"\b(?:relationship|relation) between (.+?) and (.+?)(?=[?.!,;]|$| in the\b| in this\b)", re.I),
    re.compile(r"^(?:what(?:'s| is) )?(.+?) (?:vs\.?|versus) (.+?)(?=[?.!,;—–]|\s-|$)", re.I),
    re.compile(r"\bhow (?:do|does|did) (.+?) (?:and|differ from) (.+?)(?: compare| differ| relate)?(?=[?.!,;]|$)",
               re.I),
)
# Words around a compared thing that are not part of its name: "报告里的", "the", a possessive.
_ZH_FILLER = re.compile(r"^(?:请问|报告里|报告中|报告|文中|这里|那个|这个|所谓的?|的)+|(?:的|之间|两者|这俩)+$")
_EN_FILLER = re.compile(r"^(?:the|a|an)\s+|'s?$|\s+(?:rules?|approach(?:es)?|model|models)$|^[\"“‘']+|[\"”’']+$", re.I)



def compared_things(question: str, names: NameTable, corpus_key: str) -> tuple[str, ...]:
    """The two things a question compares, when the documents name both (as a name or as written)."""
    for pattern in (_ZH_VS, _ZH, *_EN):
        m = pattern.search(question)
        if m is None or (pattern is _ZH_VS and not all(cjk_ratio(g) > 0 for g in m.groups())):
            continue
        english = pattern not in (_ZH, _ZH_VS)
        pair = tuple((_EN_FILLER if english else _ZH_FILLER).sub("", part.strip()).strip() for part in m.groups())
        if all(named(thing, names, corpus_key) for thing in pair):
            return pair
        return ()
    return ()


def names_each(pair: tuple[str, ...], names: NameTable) -> Callable[[str], bool]:
    """Whether a text names every thing of `pair`, as the documents write it (their Chinese spellings: "passive
    compliance" is found as 被动合规)."""
    keys = [[match_key(n) for n in names.spellings(thing) if cjk_ratio(n) > 0] or [match_key(thing)] for thing in pair]
    return lambda text: all(any(k and k in match_key(text) for k in spellings) for spellings in keys)


def heading_contrast(pair: tuple[str, ...], names: NameTable, headings: Iterable[str]) -> str:
    """The part heading that names both compared things ("数字治理参与从"被动合规"转向"标准塑造"" for 被动合规 vs
    标准塑造, also asked in English), or "" when none or several do: that part's opening states the contrast."""
    both = names_each(pair, names)
    found = [h for h in headings if both(h)]
    return found[0] if len(pair) == 2 and len(found) == 1 else ""
