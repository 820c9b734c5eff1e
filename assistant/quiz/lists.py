"""Enumerations as quiz material: "which of these is / is not one of …".

The report states much of its argument as lists: 三大趋势 (一是…二是…三是…) inside a
sentence, 未来展望 as paragraphs that open with 一是/二是, and the 行动倡议 of §5.2 as
short imperative sentences under a heading (1.政府层面). A list gives choice items
whose wrong options are items of *another* list, so they are never also true.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text import strip_marks
from assistant.types import Paragraph
from assistant.units import quotable_sentences

_ORDINAL = re.compile(r"([一二三四五六七八九])是")
_ORDER = "一二三四五六七八九"
MAX_ITEM = 26  # characters an option may run to
_FRAMED = re.compile(r"(.+?)[仍正将]?(?:呈现|面临|包括|带来|有)(.*[一二三四五六七八九多]+[大项个类种方面].*)$")


@dataclass(frozen=True)
class ItemList:
    """One enumeration: what it lists (its title), its items, and where it is."""

    title: str
    items: tuple[str, ...]
    paragraph_id: str  # the paragraph that states it (the first one, for lists over paragraphs)
    sentence: str  # the sentence to quote as the explanation
    sources: tuple[str, ...] = ()  # the sentence stating each item, when items have sentences of their own

    @property
    def key(self) -> str:
        return f"{self.paragraph_id}|{self.title}"


def _head(text: str) -> str:
    return re.split(r"[,，;；。:]", text, maxsplit=1)[0].strip()


def _title(heading_path: Sequence[str]) -> str:
    title = heading_path[-1] if heading_path else ""
    return re.sub(r"^(?:[(（][一二三四五六七八九十]+[)）]|\d+\.)", "", title).strip()


def in_sentence_lists(para: Paragraph) -> list[ItemList]:
    """一是…二是…三是… inside one sentence, titled by what precedes 一是."""
    out = []
    for sentence in quotable_sentences(para):
        sentence = strip_marks(sentence)
        marks = list(_ORDINAL.finditer(sentence))
        marks = [m for i, m in enumerate(marks) if i < len(_ORDER) and m.group(1) == _ORDER[i]]
        if len(marks) < 3:
            continue
        intro = re.sub(r"[:： ,，]+$", "", sentence[: marks[0].start()])
        intro = re.split(r"[,，。;；]", intro)[-1].strip() or _title(para.heading_path)
        framed = _FRAMED.match(intro)
        if framed:  # 平台企业的共建共享发展呈现三大趋势 -> 平台企业的共建共享发展的三大趋势
            intro = f"{framed.group(1)}的{framed.group(2)}"
        heads = tuple(_head(sentence[m.end() :]) for m in marks)
        if all(4 <= len(h) <= MAX_ITEM for h in heads):
            out.append(ItemList(intro, heads, para.id, sentence))
    return out


def paragraph_lists(paragraphs: Sequence[Paragraph]) -> list[ItemList]:
    """Paragraphs under one heading that open with 一是, 二是, …: the first sentence of each is an item."""
    groups: dict[tuple[str, ...], list[Paragraph]] = {}
    for para in paragraphs:
        groups.setdefault(tuple(para.heading_path), []).append(para)
    out = []
    for path, paras in groups.items():
        opening = [p for p in paras if _ORDINAL.match(p.text)]
        heads = tuple(_head(p.text[2:]) for p in opening)
        if len(opening) >= 3 and all(4 <= len(h) <= MAX_ITEM for h in heads):
            firsts = tuple(strip_marks(quotable_sentences(p)[0]) for p in opening)
            out.append(ItemList(_title(path), heads, opening[0].id, firsts[0], firsts))
    return out


_THESIS = re.compile(r"^([\u4e00-\u9fff]{4,12})[:：]")  # 技术供给更灵活:从标准化产品转向…
_ROLE = re.compile(r"^平台企业作为([\u4e00-\u9fff]{4,14}?)[,，]")  # 平台企业作为数字基建的主导建设者,…


def thesis_lists(paragraphs: Sequence[Paragraph]) -> list[ItemList]:
    """Paragraphs under one heading that open with a thesis (X更Y:…) or a role (平台企业作为X,…)."""
    groups: dict[tuple[str, ...], list[tuple[Paragraph, str]]] = {}
    for para in paragraphs:
        first = strip_marks(quotable_sentences(para)[0]) if quotable_sentences(para) else ""
        m = _THESIS.match(first) or _ROLE.match(first)
        if m:
            groups.setdefault(tuple(para.heading_path), []).append((para, m.group(1)))
    out = []
    for path, found in groups.items():
        if len(found) >= 3:
            sources = tuple(strip_marks(quotable_sentences(p)[0]) for p, _ in found)
            out.append(ItemList(_title(path), tuple(h for _, h in found), found[0][0].id, sources[0], sources))
    return out


def action_lists(paragraphs: Sequence[Paragraph]) -> list[ItemList]:
    """Recommendations written as short sentences under a numbered heading (§5.2: 1.政府层面)."""
    out = []
    for para in paragraphs:
        if not para.heading_path or not re.match(r"\d+\.", para.heading_path[-1]):
            continue
        heads, sources = [], []
        for sentence in quotable_sentences(para):
            head = re.sub(r"^(?:同时|此外|另外)[,，]?", "", _head(strip_marks(sentence)))
            if 6 <= len(head) <= MAX_ITEM and not head.startswith(("如", "例如", "比如", "通过", "在")):
                heads.append(head)
                sources.append(strip_marks(sentence))
        if len(heads) >= 3:
            out.append(ItemList(_title(para.heading_path), tuple(heads), para.id, sources[0], tuple(sources)))
    return out


def collect_lists(paragraphs: Sequence[Paragraph]) -> list[ItemList]:
    found = [*paragraph_lists(paragraphs), *action_lists(paragraphs), *thesis_lists(paragraphs)]
    for para in paragraphs:
        found.extend(in_sentence_lists(para))
    return found
