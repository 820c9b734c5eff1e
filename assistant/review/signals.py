"""Polarity and direction: the small words that turn a true sentence false.

"平台企业不再是单一产品的输出" and "…是单一产品的输出" share every content word, and
"增速高于全国" and "增速低于全国" differ by one character, so term coverage and
embeddings both call them the same. These pure functions find what each side
negates and which way it points, so the checker can compare them.
"""

from __future__ import annotations

import re

# Longest first; 非/无/未/不 inside these words negate nothing (非洲, 未来, 不断, 无人机…).
_NEGATORS = ("并非", "尚未", "并未", "从未", "没有", "并不", "不再", "不是", "未能", "无法",
             "不", "未", "非", "无", "没")
_LITERAL = re.compile(
    "南非|非洲|未来|非常|除非|无人|无论|无线|无缝|无数|无疑|毫无|无代码|无抵押|不断|不仅|不同|不少|不久|不足|不平衡|"
    "不得不|不可或缺|不管|不但|不光|不过|不一|不确定|不可篡改|不对称|未注册|非凡|非法|无偿|不均|并不仅|从无到有|不再局限"
)
_NEGATION = re.compile("|".join(_NEGATORS))
_SCOPE = 2  # characters after a negator that say what it negates

OPPOSITES = (
    ("高于", "低于"), ("增长", "下降"), ("上升", "下降"), ("增加", "减少"), ("扩大", "缩小"), ("领先", "落后"),
    ("最快", "最慢"), ("最高", "最低"), ("最大", "最小"), ("加快", "放缓"), ("提升", "降低"), ("超过", "不到"),
    ("之前", "之后"), ("早于", "晚于"), ("多于", "少于"),
)
_SUPERLATIVE = re.compile(r"最[\u4e00-\u9fff]|首位|唯一|全部|所有")
_FIRST = ("第一", "首位", "居首", "最快", "最高", "最大", "最多")  # ranks that say the same as 第一
_ORDINAL = re.compile(r"第([一二三四五六七八九十])(?![届次批期章节条])")


def negations(text: str) -> list[tuple[str, str]]:
    """(negator, what follows it) for every real negation, literal compounds masked out."""
    masked = _LITERAL.sub(lambda m: "\u3000" * len(m.group(0)), text)
    out = []
    for m in _NEGATION.finditer(masked):
        scope = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", masked[m.end() : m.end() + _SCOPE + 2])[:_SCOPE]
        out.append((m.group(0), scope))
    return out


def polarity_flip(claim: str, evidence: str) -> bool:
    """The claim negates what the evidence asserts, or asserts what it negates."""
    claimed, stated = negations(claim), negations(evidence)
    stated_scopes = {scope for _, scope in stated}
    for _, scope in claimed:  # a negation the evidence does not make
        if scope and scope not in stated_scopes:
            return True
    claimed_scopes = {scope for _, scope in claimed}
    for _, scope in stated:  # ... or the evidence's negation, asserted
        if len(scope) == _SCOPE and scope not in claimed_scopes and scope in _masked_plain(claim):
            return True
    return False


def _masked_plain(text: str) -> str:
    """The text with every negated span removed: what it asserts positively."""
    masked = _LITERAL.sub(lambda m: "\u3000" * len(m.group(0)), text)
    return _NEGATION.sub("\u3000", masked)


def direction_flip(claim: str, evidence: str) -> bool:
    """The claim points one way (高于, 增长, 第一) where the evidence points the other."""
    for a, b in OPPOSITES:
        for word, other in ((a, b), (b, a)):
            if word in claim and word not in evidence and other in evidence and other not in claim:
                return True
    claimed = set(_ORDINAL.findall(claim))
    stated = set(_ORDINAL.findall(evidence))
    return bool(claimed and stated and not claimed & stated)


def overstated(claim: str, evidence: str) -> bool:
    """The claim says 最快/唯一/全部 where the evidence does not (较快 is not 最快)."""
    for word in _SUPERLATIVE.findall(claim):
        if word in evidence:
            continue
        if word in _FIRST and any(f in evidence for f in _FIRST):
            continue
        return True
    return False
