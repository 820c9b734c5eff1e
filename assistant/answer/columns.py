"""A question that compares two of a table's columns is a question about the table.

"云计算平台和金融科技平台这两类模式,定位上有啥不一样?" never says "表", but the report's one table sets its four
kinds of platform side by side, one column each, under a heading that names the kind ("云计算平台企业…模式",
"金融科技平台企业…模式"). A comparison naming two of those kinds (under any of their names: "fintech",
"跨境电商模式") is answered by those columns, the report's own comparison, rather than by whichever paragraph
shares most words with it. A kind is named by a word of its heading's first part (before "平台企业") that no
other column's heading holds: "金融" names the fintech column, "科技" (also in "文化与科技共生") and "数字" name none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.answer.analysis import Analysis
from assistant.answer.evidence import Concept
from assistant.answer.selection import COMPARES, table_quotes
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import NameTable
from assistant.text import match_key, tokenize
from assistant.types import Paragraph

_HEADING_END = re.compile(r"[:：]")
_KIND_END = "平台企业"


def _words(text: str) -> set[str]:
    return {w for w in tokenize(match_key(text)) if len(w) >= 2 and not w.isascii()}


@lru_cache(maxsize=64)
def column_words(headings: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Per column, the words of its kind (its heading's first part) that no other column's heading holds."""
    whole = [_words(h) for h in headings]
    kinds = [_words(h.split(_KIND_END)[0]) for h in headings]
    return tuple(frozenset(w for w in kind if not any(w in other for j, other in enumerate(whole) if j != i))
                 for i, kind in enumerate(kinds))


def compared_columns(question: str, headings: Sequence[str], spellings: Sequence[str] = ()) -> list[int]:
    """The columns a comparison question names (two or more), by position; [] when it names fewer or compares
    nothing. `spellings` are the Chinese names of things the question names in another language."""
    if not COMPARES.search(question) or len(headings) < 2:
        return []
    key = match_key(" ".join([question, *spellings]))
    named = [i for i, words in enumerate(column_words(tuple(headings))) if any(w in key for w in words)]
    return named if len(named) >= 2 else []


def _named(question: str, table: Paragraph, corpus: CorpusView, names: NameTable) -> list[int]:
    spellings = [n for m in names.find(question) for n in m.group.names]
    headings = [_HEADING_END.split(s.text)[0] for s in corpus.sentences.get(table.id, ())]
    return compared_columns(question, headings, spellings)


def table_ids(analysis: Analysis, question: str, corpus: CorpusView, names: NameTable) -> frozenset[str]:
    """The tables a question is about: every table when it says so ("表格里…"), else a table two of whose columns
    it compares."""
    tables = corpus.of_kind("table")
    if analysis.table:
        return frozenset(p.id for p in tables)
    if not COMPARES.search(question):  # the name lookup below costs more than the rest of this
        return frozenset()
    return frozenset(p.id for p in tables if _named(question, p, corpus, names))


def column_quotes(table: Paragraph, concepts: Sequence[Concept], corpus: CorpusView, question: str,
                  names: NameTable) -> list[Sentence]:
    """The columns a comparison names, each once ("云计算…和金融科技…": not the 数字文娱 column, which shares
    "科技"); else the rows a table question is about (selection.table_quotes)."""
    rows = corpus.sentences.get(table.id, ())
    if named := _named(question, table, corpus, names):
        return [rows[i] for i in named]
    return table_quotes(table, concepts, corpus, question)
