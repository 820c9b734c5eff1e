"""Which words of a claim are everyday language and which are names no table knows (pure but for jieba's
frequency table, loaded once)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from assistant.lexicon import NameTable
from assistant.text import pos_tags

_NAME_TAGS = frozenset({"ns", "nt"})  # place, organisation (jieba tag set, which rjieba shares)
COMMON_FREQ = 3000  # jieba frequency above which a word the corpus lacks is everyday language, not a new fact


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba, for its word frequencies, loaded once without its banner on stderr."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def everyday(token: str) -> bool:
    """A word common enough in jieba's frequency table to be ordinary language, not a fact of its own."""
    return int(_jieba().dt.FREQ.get(token, 0) or 0) >= COMMON_FREQ


def unknown_names(text: str, mentions: Sequence[Any], names: NameTable) -> tuple[str, ...]:
    """Words the shared tagger (text.pos_tags) marks as places or organisations that no name covers: 北极."""
    out, pos = [], 0
    for word, flag in pos_tags(text):
        start, pos = text.find(word, pos), pos + len(word)
        if flag not in _NAME_TAGS or len(word) < 2 or names.group_of(word) is not None:
            continue
        if any(m.start < start + len(word) and start < m.end for m in mentions):
            continue  # 东南亚地区: the table knows 东南亚
        out.append(word)
    return tuple(dict.fromkeys(out))
