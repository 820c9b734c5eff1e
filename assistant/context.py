"""Structural context: which paragraphs belong together when indexed or quoted.

The report often states a list in one paragraph (`…有三大特点:`) and its items in
the following ones (`一是…`, `二是…`). Indexed alone, neither side matches a
question about the list; so each side is indexed with the other's lead text,
and the answer layer quotes the intro with its items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text import split_sentences
from assistant.types import Paragraph

_ITEM_RE = re.compile(r"^[一二三四五六七八九十]是")
# "技术供给更灵活:从标准化产品转向模块化能力开放。" — a short "point: gist." lead.
_LEAD_ITEM_RE = re.compile(r"^[^。,，]{2,14}[:：][^。]{2,40}。")
_COUNTED_INTRO_RE = re.compile(r"[二三四五六七八九十两]大[^。,，]{0,8}[。:：]$")
_INTRO_END = (":", "：")
TABLE_WORDS = "表格 表 table"


def _is_intro(para: Paragraph, previous: Paragraph | None) -> bool:
    """Ends with a colon, announces "四大…", or opens its section (the lead of a section's points)."""
    text = para.text.rstrip()
    opens_section = previous is None or previous.heading_path != para.heading_path
    return text.endswith(_INTRO_END) or bool(_COUNTED_INTRO_RE.search(text)) or opens_section


def list_groups(paragraphs: Sequence[Paragraph]) -> dict[str, tuple[str, ...]]:
    """Map each list intro paragraph id to the ids of its item paragraphs (at least two)."""
    groups: dict[str, tuple[str, ...]] = {}
    for i, para in enumerate(paragraphs):
        previous = paragraphs[i - 1] if i and paragraphs[i - 1].doc == para.doc else None
        if para.kind != "body" or not _is_intro(para, previous):
            continue
        items: list[str] = []
        pattern = None
        for follower in paragraphs[i + 1 :]:
            if follower.doc != para.doc or follower.heading_path != para.heading_path:
                break
            pattern = pattern or next((p for p in (_ITEM_RE, _LEAD_ITEM_RE) if p.match(follower.text)), None)
            if pattern is None or not pattern.match(follower.text):
                break
            items.append(follower.id)
        if len(items) >= 2:
            groups[para.id] = tuple(items)
    return groups


def lead(paragraph: Paragraph) -> str:
    """The first sentence: in this report it states the paragraph's point."""
    sentences = split_sentences(paragraph.text)
    return sentences[0] if sentences else paragraph.text


def indexed_texts(paragraphs: Sequence[Paragraph]) -> list[str]:
    """What the lexical index sees per paragraph: headings, text, list context.

    Depends only on each paragraph's own document (a document's start opens a section), so a
    document's texts, and their tokens, can be computed once and kept with it.
    """
    by_id = {p.id: p for p in paragraphs}
    groups = list_groups(paragraphs)
    intro_of = {item: intro for intro, items in groups.items() for item in items}
    texts = []
    for para in paragraphs:
        parts = [*para.heading_path, para.text]
        if para.kind == "table":
            parts.append(TABLE_WORDS)  # "根据第四章的表格…" should find the table
        if para.id in groups:
            parts.extend(lead(by_id[item]) for item in groups[para.id])
        if para.id in intro_of:
            parts.append(by_id[intro_of[para.id]].text)
        texts.append("\n".join(parts))
    return texts
