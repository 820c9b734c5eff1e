"""A sentence that says the figure asked for is not known does not give it.

"他们无法立即确定两起爆炸的死亡人数和受伤人数" answers "索马里汽车炸弹爆炸死亡人数" with nothing, though the
sentence around it may hold another number ("转移一名严重受伤者"). A statement that something is not known
("无法确定", "尚不清楚", "暂未公布") about a thing the question asks (its words follow the statement in the same
clause) rules the sentence out for a figure or a date. Pure functions over strings.
"""

from __future__ import annotations

import re

from assistant.text import tokenize

_NOT_KNOWN = re.compile(r"(?:无法|未能|不能|尚未|暂未|暂时无法|还不能|尚无法|仍无法)(?:立即|马上|准确|立刻|最终)?"
                        r"(?:确定|确认|统计|得知|公布|核实|证实)|尚不清楚|仍不清楚|目前不详|不得而知|尚不得知|暂无(?:统计|数据)")
REACH = 16  # characters after the statement within which the thing not known is named


def says_unknown(question: str, sentence: str) -> bool:
    """Whether the sentence says that something the question asks about is not known."""
    words = {w for w in tokenize(question) if len(w) >= 2 and not w.isascii()}
    for match in _NOT_KNOWN.finditer(sentence):
        clause = re.split(r"[,;。，；]", sentence[match.end(): match.end() + REACH])[0]
        if sum(w in clause for w in words) >= 2:
            return True
    return False
