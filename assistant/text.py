"""Shared text helpers: matching keys, sentence splitting and tokenisation.

Users always see the original (repaired) text; these keys are only for
comparing and indexing, so full-width and half-width forms, superscript
footnote marks and case never decide whether two strings match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_RE = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
_SPACE_RE = re.compile(r"\s+")
# CJK ideographs, CJK punctuation and full-width forms.
CJK_CLASS = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef《》、。"
_CJK_RE = re.compile(f"[{CJK_CLASS}]")
# ASCII and full-width forms: the report was extracted with ASCII punctuation, users' documents keep "？！；".
_SENTENCE_FINAL = "。!?;\uff01\uff1f\uff1b"
_CLOSERS = "”’』」)》\uff09"
_TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff]")

# Function words that carry no meaning for lexical matching.
STOPWORDS = frozenset(
    [
        "的", "了", "和", "与", "及", "或", "在", "是", "为", "对", "等", "中", "把", "被", "将", "从", "向",
        "以", "于", "而", "也", "都", "就", "有", "这", "那", "其", "之", "个", "们", "给", "做", "看", "吗",
        "呢", "吧", "啊", "什么", "哪些", "哪个", "哪", "哪里", "哪儿", "哪位", "哪份", "哪家", "哪种",
        "哪一", "哪年", "一年", "哪一年", "何时", "多少", "几", "几个", "第几", "谁", "怎么", "怎样", "如何",
        "为什么", "是否", "有没有", "是不是", "什么样", "多大", "请", "问", "报告", "这份", "这个", "那个",
        "文中", "根据", "提到", "提及", "提出", "说", "中有", "一共", "分别", "具体", "主要", "目前", "当前",
        "方面", "内容", "情况", "哪些方面", "哪方面", "哪几", "哪几个", "the", "a", "an", "of", "to", "in",
        "on", "for", "and", "or", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
        "what", "which", "who", "whom", "whose", "how", "many", "much", "does", "do", "did", "with", "by",
        "as", "at", "from", "that", "this", "it", "its", "report", "can", "could", "should", "would", "will",
        "their", "there", "they", "them", "these", "those", "s", "according", "about", "into", "than", "then",
        "also", "any", "some",
        # colloquial question words and generic words about the question itself ("报告咋说的", "举啥例子")
        "啥", "咋", "干啥", "干嘛", "是啥", "有啥", "叫啥", "啥样", "咋样", "怎么样", "搞", "弄", "干", "整", "讲",
        "说说", "介绍", "一下", "下", "里", "里面", "里头", "那些", "这些", "那事", "这事", "回事", "咋回事", "东西",
        "呀", "嘛", "啦", "哦", "么", "来着", "到底", "究竟", "大概", "大致", "一些", "些", "例子", "举例", "意思",
        "啥意思", "定义", "含义", "有关", "相关", "关于", "这块", "那块", "部分", "这部分", "那部分", "章节", "写",
        "tell", "me", "us", "please", "say", "says", "said", "mention", "mentions", "mentioned", "describe",
        "explain", "give", "example", "examples", "kind", "kinds", "does", "doing", "done", "one", "ones",
        # single-character function words that jieba leaves alone ("引自" -> 引, 自)
        "自", "由", "该", "此", "各", "每", "已", "又", "再", "还", "并", "且", "但", "则", "即", "引", "如", "所",
    ]
)


_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


def superscript_numbers(text: str) -> list[int]:
    """The footnote numbers written as superscripts in the text (`…第一³。` -> [3]), in order."""
    return [int(run.translate(_FROM_SUPERSCRIPT)) for run in _SUPERSCRIPT_RE.findall(text)]


def strip_marks(text: str) -> str:
    """Drop superscript footnote marks, which NFKC would turn into real digits."""
    return _SUPERSCRIPT_RE.sub("", text)


@lru_cache(maxsize=1)
def _converter():
    import opencc  # a C++ table converter: about 1.5 µs for 50 characters

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Traditional characters in their simplified forms (數字絲綢之路 -> 数字丝绸之路); simplified text unchanged.

    For matching only: a library document in traditional characters and a question in simplified ones (or
    the other way round) then share their words.
    """
    return _converter().convert(text) if text else text


def match_key(text: str) -> str:
    """A normalised form for matching: no marks, NFKC, lower case, simplified characters, no spaces."""
    return _SPACE_RE.sub("", simplified(unicodedata.normalize("NFKC", strip_marks(text)).lower()))


# A word's last character that makes a count, a rate or a people of its stem: 岗位数, 违约率, 当地人.
_STEM_SUFFIXES = "数量率额度值人者们"


def written(word: str, key: Container[str]) -> bool:
    """Whether a matching key (match_key of a text, or a large library's bigram index) holds the word or its stem
    (岗位 of 岗位数, 当地 of 当地人)."""
    return match_key(word) in key or (len(word) > 2 and word[-1] in _STEM_SUFFIXES and match_key(word[:-1]) in key)


def is_cjk(char: str) -> bool:
    return bool(_CJK_RE.match(char))


def cjk_ratio(text: str) -> float:
    """Share of non-space characters that are CJK: tells Chinese from English questions."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if is_cjk(c)) / len(chars)


def split_sentences(text: str) -> list[str]:
    """Split at sentence-final punctuation, keeping it (and a closing quote) with its sentence.

    The extraction turned quotes into ASCII `"`, which opens and closes alike:
    a `"` right after `。` closes the sentence only when a quote is open.
    """
    sentences: list[str] = []
    start, open_quote, i = 0, False, 0
    while i < len(text):
        ch = text[i]
        if ch == '"':
            open_quote = not open_quote
        elif ch in _SENTENCE_FINAL:
            end = i + 1
            while end < len(text) and (text[end] in _CLOSERS or (text[end] == '"' and open_quote)):
                if text[end] == '"':
                    open_quote = False
                end += 1
            sentences.append(text[start:end])
            start, i = end, end
            continue
        i += 1
    sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


@lru_cache(maxsize=1)
def _segmenter():
    """rjieba (jieba-rs): jieba's dictionary and search mode, without its 0.7-1.8 s dictionary load."""
    import rjieba

    return rjieba.Jieba()


def tokenizer_signature() -> str:
    """Changes whenever tokens would: the index records it and is rebuilt when it differs."""
    import hashlib
    from importlib.metadata import version

    payload = " ".join(sorted(STOPWORDS)) + "|rjieba " + version("rjieba") + "|search-mode nfkc-lower-t2s v2"
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def is_word(text: str) -> bool:
    """Whether jieba's dictionary holds the text as one word (东北亚 yes, 东难亚 no)."""
    return bool(_segmenter().has_word(text))


def tokenize(text: str) -> list[str]:
    """jieba search-mode tokens of the matching key, without stopwords and punctuation."""
    key = simplified(unicodedata.normalize("NFKC", strip_marks(text)).lower())
    tokens = _segmenter().cut_for_search(key)
    return [t for t in (tok.strip() for tok in tokens) if t and _TOKEN_OK.search(t) and t not in STOPWORDS]


def pos_tags(text: str) -> list[tuple[str, str]]:
    """(word, jieba part-of-speech tag) pairs, from the same segmenter as the search tokens."""
    return _segmenter().tag(text)


def word_spans(text: str) -> list[tuple[int, str]] | None:
    """(start, word) for each word of jieba's plain segmentation of the text itself; None when the segmenter
    folded the text (full-width forms) so that positions would not line up."""
    spans, at = [], 0
    for word in segment(text):
        found = text.find(word, at)
        if found < 0:
            return None
        spans.append((found, word))
        at = found + len(word)
    return spans


def segment(text: str) -> list[str]:
    """jieba's plain segmentation of the width-folded text, every word kept (to read a question's structure)."""
    return [w for w in _segmenter().cut(unicodedata.normalize("NFKC", text)) if w.strip()]
