"""What one document may cost: bytes read, characters per paragraph and unit, units per document (pure).

The embedder's memory grows with the length of one input (13–19 KB per character for USE
multilingual v3, measured in BENCHMARKS.md), so a single 240,000-character paragraph, or a file of
NUL bytes, could take the machine down. Every limit is enforced where the text is produced: a file
is read with a bound, a long paragraph is cut into windows before anything is embedded, and a
document that would still be too big is refused with its reason, before it is copied or indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.text import split_sentences
from assistant.types import Paragraph

_SENTENCE_END = re.compile(r"[。!?;.…\uff01\uff1f\uff1b]['\"”’』」)》\uff09]*")  # ASCII and full-width marks


@dataclass(frozen=True)
class Caps:
    """The caps; documented with their measurements in the README and BENCHMARKS.md."""

    text_bytes: int = 2_000_000  # one .txt/.md file (PDFs have their own caps, see ingest.pdf)
    paragraph_chars: int = 2_000  # a longer paragraph is cut into windows of at most this many characters
    unit_chars: int = 2_000  # what the embedder's tokeniser is given for one unit (heading + paragraph)
    units: int = 20_000  # embedded units (paragraphs, headings, sentences) of one document
    library_warn_bytes: int = 200_000_000  # past this, `ingest` warns that the documents will be slow to index
    file_bytes: int = 1_000_000  # `ask --file` and `check --file`


CAPS = Caps()


class TooLarge(ValueError):
    """Input over a cap; the message says which cap."""


def read_capped(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a file, reading no more than limit + 1 (so /dev/zero ends); raises TooLarge."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"too large (over {limit:,} bytes, the limit for a text file)")
    return data


def windows(text: str, max_chars: int) -> list[str]:
    """`text` cut into pieces of at most `max_chars`, each ending at a sentence end or a space when one is near."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > max_chars:
        head = rest[:max_chars]
        cut = max((m.end() for m in _SENTENCE_END.finditer(head, max_chars // 2)), default=0)
        if not cut:
            space = head.rfind(" ", max_chars // 2)
            cut = space + 1 if space > 0 else max_chars
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return [piece for piece in pieces if piece]


def clip_units(texts: Iterable[str], max_chars: int = CAPS.unit_chars) -> list[str]:
    """The embedder's input, each text cut to `max_chars` (paragraph windows keep this a rare safety net)."""
    return [text[:max_chars] for text in texts]


def unit_count(paragraphs: Iterable[Paragraph]) -> int:
    """Units a document will embed, as `corpus.make_units` makes them: the paragraph, its heading path, its
    sentences (a table's rows)."""
    total = 0
    for para in paragraphs:
        quotable = ([line for line in para.text.splitlines() if line.strip()] if para.kind == "table"
                    else split_sentences(para.text))
        total += 1 + bool(para.heading_path) + len(quotable)
    return total
