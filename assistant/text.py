"""Shared text helpers: matching keys, sentence splitting and tokenisation.

Users always see the original (repaired) text; these keys are only for
comparing and indexing, so full-width and half-width forms, superscript
footnote marks and case never decide whether two strings match.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_SPACE_RE = re.compile(r"\s+")
# CJK ideographs, CJK punctuation and full-width forms.
CJK_CLASS = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef《》、。"
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
_SENTENCE_END = re.compile(r"(?<=[。!?!?;;])(?![”\"’』」)])")
_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")

# Function words that carry no meaning for lexical matching.
STOPWORDS = frozenset(
    """的 了 和 与 及 或 在 是 为 对 等 中 把 被 将 从 向 以 于 而 也 都 就 有 这 那 其 之 个
    什么 哪些 哪个 哪 多少 几 怎么 怎样 如何 为什么 是否 吗 呢 吧 啊 请 问 报告 根据 提到 提出 说
    the a an of to in on for and or is are was were be what which who how many much does do did
    with by as at from that this it its report""".split()
)


def strip_marks(text: str) -> str:
    """Drop superscript footnote marks, which NFKC would turn into real digits."""
    return _SUPERSCRIPT_RE.sub("", text)


def match_key(text: str) -> str:
    """A normalised form for matching: no marks, NFKC, lower case, no spaces."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", strip_marks(text)).lower())


def is_cjk(char: str) -> bool:
    return bool(_CJK_RE.match(char))


def cjk_ratio(text: str) -> float:
    """Share of non-space characters that are CJK: tells Chinese from English questions."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if is_cjk(c)) / len(chars)


def split_sentences(text: str) -> list[str]:
    """Split at sentence-final punctuation, keeping the punctuation with its sentence."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p]


@lru_cache(maxsize=1)
def _jieba():  # noqa: ANN202 - jieba has no type hints
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens of the matching key, without stopwords and punctuation."""
    key = unicodedata.normalize("NFKC", strip_marks(text)).lower()
    tokens = _jieba().lcut_for_search(key)
    return [t for t in (tok.strip() for tok in tokens) if t and _TOKEN_OK.search(t) and t not in STOPWORDS]
