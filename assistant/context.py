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
_INTRO_END = (":", ":")


def list_groups(paragraphs: Sequence[Paragraph]) -> dict[str, tuple[str, ...]]:
    """Map each list intro paragraph id to the ids of its item paragraphs."""
    groups: dict[str, tuple[str, ...]] = {}
    for i, para in enumerate(paragraphs):
        if not para.text.rstrip().endswith(_INTRO_END):
            continue
        items: list[str] = []
        for follower in paragraphs[i + 1 :]:
            if follower.doc != para.doc or follower.heading_path != para.heading_path:
                break
            if not _ITEM_RE.match(follower.text):
                break
            items.append(follower.id)
        if items:
            groups[para.id] = tuple(items)
    return groups


def lead(paragraph: Paragraph) -> str:
    """The first sentence: in this report it states the paragraph's point."""
    sentences = split_sentences(paragraph.text)
    return sentences[0] if sentences else paragraph.text


def indexed_texts(paragraphs: Sequence[Paragraph]) -> list[str]:
    """What the lexical index sees per paragraph: headings, text, list context."""
    by_id = {p.id: p for p in paragraphs}
    groups = list_groups(paragraphs)
    intro_of = {item: intro for intro, items in groups.items() for item in items}
    texts = []
    for para in paragraphs:
        parts = [*para.heading_path, para.text]
        if para.id in groups:
            parts.extend(lead(by_id[item]) for item in groups[para.id])
        if para.id in intro_of:
            parts.append(by_id[intro_of[para.id]].text)
        texts.append("\n".join(parts))
    return texts
