"""Stable paragraph IDs.

Citations, caches and evaluation files refer to paragraphs by ID, so an ID
must survive re-ingestion and unrelated edits. It is therefore derived from
the paragraph's own content (its matching key, so spacing, width and
footnote-mark changes do not count) and never from its position.
"""

from __future__ import annotations

import hashlib

from assistant.text import match_key

ID_LENGTH = 11


def content_id(doc: str, text: str) -> str:
    """The bare content hash of a paragraph: `p` + 11 hex digits of sha1(doc NUL match_key(text))."""
    digest = hashlib.sha1(f"{doc}\x00{match_key(text)}".encode()).hexdigest()
    return "p" + digest[:ID_LENGTH]


def paragraph_id(doc: str, text: str, seen: dict[str, int]) -> str:
    """The ID of the next paragraph in reading order.

    `seen` counts the bare IDs given so far in this document: a repeated text gets `-2`, `-3`, …
    so two identical paragraphs stay distinct while every other ID is unaffected.
    """
    base = content_id(doc, text)
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def assign_ids(doc: str, texts: list[str]) -> list[str]:
    """IDs for a document's paragraph texts, given in reading order."""
    seen: dict[str, int] = {}
    return [paragraph_id(doc, text, seen) for text in texts]
