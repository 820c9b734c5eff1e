"""Names typed with one slip: "东难亚" for 东南亚, "普会金融" for 普惠金融, "Cainaio" for Cainiao.

A slip turns a name the documents use into a name they never mention, and the question is refused or searched
for the wrong words. A written form is read as a name of the table when it is one character (one letter, or two
swapped) away from exactly one name, and is no word of its own: a Chinese form must be a span of the question's
segmentation whose slipped word the dictionary lacks ("东北亚" is a word, "阿里去年" is 阿里 + 去年), a Latin form
a capitalised word of five letters or more that the table does not know, with the same first letter, and not the
first word of a sentence (capitalised by its place).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lexicon.table import NameTable
from assistant.text import is_word, word_spans

MIN_CJK = 3  # two-character names are too close to ordinary words (百事 is Pepsi, not 百世)
MIN_LATIN = 5
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")  # characters, not the CJK punctuation beside them (、)
_LATIN_WORD = re.compile(r"[A-Z][A-Za-z]{4,}")  # a capitalised word: names are written so


def corrected(question: str, names: NameTable) -> str:
    """The question with each slipped name written as the table writes it; unchanged when there is none."""
    cjk, latin = _spellings(names)
    return _latin_fixed(_cjk_fixed(question, cjk), latin, names)


def _blank(text: str, at: int) -> str:
    """The text with one character blanked: names one slip apart share such a key."""
    return text[:at] + "_" + text[at + 1:]


def _cjk_fixed(question: str, spellings: dict[str, frozenset[str]]) -> str:
    spans = word_spans(question)
    if spans is None:
        return question
    starts = [s for s, _ in spans]
    words = [w for _, w in spans]
    bounds = set(starts) | {s + len(w) for s, w in zip(starts, words, strict=True)}
    for length in {len(key) for key in spellings}:
        for start in (s for s in starts if s + length in bounds):
            typed = question[start:start + length]
            if not _IDEOGRAPHS.fullmatch(typed) or is_word(typed):
                continue
            near = {name for i in range(length) for name in spellings.get(_blank(typed, i), ())}
            found = {name for name in near if _one_off(typed, name, start, words, starts)}
            if len(found) == 1:
                question = question[:start] + found.pop() + question[start + length:]
    return question


def _one_off(typed: str, name: str, start: int, words: list[str], starts: list[int]) -> bool:
    """One character differs, and the word of the question holding it is no dictionary word."""
    slips = [i for i, (a, b) in enumerate(zip(typed, name, strict=True)) if a != b]
    if len(slips) != 1:
        return False
    at = start + slips[0]
    word = next(w for s, w in zip(reversed(starts), reversed(words), strict=True) if s <= at)
    return not is_word(word)


# A sentence's first word is capitalised by its place, not as a name: "Would you recommend…" is no slip of "World".
_SENTENCE_START = re.compile(r"(?:^|[.?!。？！]\s*)[\W_]*$")


def _latin_fixed(question: str, spellings: tuple[str, ...], names: NameTable) -> str:
    def fix(match: re.Match[str]) -> str:
        typed = match.group(0)
        if names.group_of(typed) is not None or _SENTENCE_START.search(question[:match.start()]):
            return typed
        # one name written two ways ("Huawei", "HUAWEI"): the later, the way names are usually written, is kept
        # A slip keeps the first letter: "UCloud" is a company of its own, not "Cloud" of Huawei Cloud.
        found = {word.lower(): word for word in spellings
                 if typed[0].lower() == word[0].lower() and _edit_one(typed.lower(), word.lower())}
        return next(iter(found.values())) if len(found) == 1 else typed

    return _LATIN_WORD.sub(fix, question)


def _edit_one(a: str, b: str) -> bool:
    """One letter inserted, deleted, replaced, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@lru_cache(maxsize=8)
def _spellings(names: NameTable) -> tuple[dict[str, frozenset[str]], tuple[str, ...]]:
    """The table's Chinese names by each of their one-blank keys, and the words of its Latin names (all-capital
    spellings first)."""
    cjk: dict[str, set[str]] = {}
    latin: set[str] = set()
    for group in names.groups:
        for name in group.names:
            if len(name) >= MIN_CJK and _IDEOGRAPHS.fullmatch(name):
                for i in range(len(name)):
                    cjk.setdefault(_blank(name, i), set()).add(name)
            latin.update(w for w in _LATIN_WORD.findall(name) if len(w) >= MIN_LATIN)
    return {key: frozenset(found) for key, found in cjk.items()}, tuple(sorted(latin, key=str.isupper, reverse=True))
