"""Footnotes: note lines -> Source records, and body marks -> footnote numbers (pure).

The report cites its sources with superscript marks (`…偏弱¹。`) whose notes sit
at the foot of each page. Extraction damaged both sides: one note lost its
number (`$^{^{--}}$ 引用自…`), two notes lost their text, and some marks came
out as plain digits glued to the clause (`…应用7。`). Parsing both sides here
lets every paragraph point at the works it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.normalise import repair_text
from assistant.text import SUPERSCRIPT_DIGITS, superscript_numbers
from assistant.types import Source

_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_NOTE_LINE = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]{{1,3}})\s*(\S.*)$")
# A note whose superscript number was mangled into LaTeX by the extractor.
_DAMAGED_NOTE_LINE = re.compile(r"^\$\^\{.*?\}\$\s*(\S.*)$")
_CITE_PREFIX = re.compile(r"^(?:引用自|引自|引用|来源于|来源[:\uff1a]?|资料来源[:\uff1a]?|参见|参考)\s*")
_BOOK_TITLE = re.compile(r"《([^《》]*)》")
_DATE = re.compile(r"\d{4}年(?:\d{1,2}月)?")
# 1-2 plain digits glued to an ideograph and followed by clause punctuation or the paragraph end.
# A following unit (`18个`, `2天`, `10%`) makes them a quantity, so those never match.
_PLAIN_MARK = re.compile(r"(?<=[\u3400-\u4dbf\u4e00-\u9fff])(\d{1,2})(?=[\u3002,\uff0c;\uff1b]|$)")


@dataclass(frozen=True)
class NoteLine:
    """A footnote line as found: its number (None when damaged) and its repaired text."""

    number: int | None
    text: str


def parse_note_line(line: str) -> NoteLine | None:
    """Recognise a footnote line (`² 引用自…`, `¹²引自…`, `$^{^{--}}$ 引用自…`); None for any other line."""
    stripped = line.strip()
    match = _NOTE_LINE.match(stripped)
    if match and any(c.isalpha() for c in match.group(2)):
        return NoteLine(int(match.group(1).translate(_FROM_SUPERSCRIPT)), repair_text(match.group(2)))
    damaged = _DAMAGED_NOTE_LINE.match(stripped)
    if damaged and any(c.isalpha() for c in damaged.group(1)):
        return NoteLine(None, repair_text(damaged.group(1)))
    return None


def number_notes(notes: list[NoteLine]) -> dict[int, str]:
    """Give every note its number, inferring a lost one from its neighbours (next - 1, else previous + 1).

    When a number occurs twice, its first note is kept.
    """
    numbered: dict[int, str] = {}
    for i, note in enumerate(notes):
        number = note.number
        if number is None:
            following = next((n.number for n in notes[i + 1 :] if n.number is not None), None)
            previous = max(numbered, default=0)
            number = following - 1 if following and following > 1 and following - 1 not in numbered else previous + 1
        numbered.setdefault(number, note.text)
    return numbered


def make_source(number: int, note: str) -> Source:
    """Split a note into title (last 《…》), publisher (before the first 《, or a leading journal) and date."""
    body = _CITE_PREFIX.sub("", note)
    titles = _BOOK_TITLE.findall(body)
    if not titles:
        date = _DATE.search(body)
        return Source(f"fn{number}", number, title=note, date=date.group() if date else "", text=note)
    outside = _BOOK_TITLE.sub(" ", body)
    date_match = _DATE.search(outside)
    date = date_match.group() if date_match else ""
    publisher = _DATE.sub("", body.split("《", 1)[0]).strip(" ,\uff0c\u3001:\uff1a")
    if not publisher and len(titles) > 1:
        publisher = titles[0]  # `引自《科技进步与对策》2024年1月《模块化…》`: the journal publishes it
    return Source(f"fn{number}", number, title=titles[-1], publisher=publisher, date=date, text=note)


def build_sources(notes: dict[int, str], cited: set[int]) -> tuple[Source, ...]:
    """All sources sorted by number: one per note, plus a `missing` one per cited number without a note."""
    sources = [make_source(n, text) for n, text in notes.items()]
    sources += [Source(f"fn{n}", n, title="", missing=True) for n in cited - notes.keys()]
    return tuple(sorted(sources, key=lambda s: s.number))


def find_marks(text: str, max_note: int) -> tuple[str, tuple[int, ...]]:
    """Find the footnote marks of a paragraph; return the text with every mark as superscript, and the numbers.

    Superscript digits are always marks. Plain digits count only when glued to an ideograph, followed by
    clause punctuation or the end, and within 1..max_note (the highest footnote number of the document).
    """
    numbers = set(superscript_numbers(text))

    def plain(match: re.Match[str]) -> str:
        value = int(match.group(1))
        if not 1 <= value <= max_note:
            return match.group()
        numbers.add(value)
        return match.group(1).translate(_TO_SUPERSCRIPT)

    return _PLAIN_MARK.sub(plain, text), tuple(sorted(numbers))
