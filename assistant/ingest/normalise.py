"""Text repair for extracted report text (pure functions).

PDF-to-text conversion leaves spaces inside Chinese words (`连 接`), after
ASCII punctuation used as Chinese punctuation (`例如, 华为云`), between the
digits of a number (`1 8 . 6 %`) and stray page glyphs on their own lines.
Everything here undoes that damage without touching real spacing between
Latin words (`Emerging Market 2.0`, `Touch'n Go eWallet`).
"""

from __future__ import annotations

import re

from assistant.text import SUPERSCRIPT_DIGITS, is_cjk

# Characters that end a sentence (or a list intro): a paragraph ending in one is complete.
SENTENCE_FINAL = "\u3002!?\uff01\uff1f:\uff1a;\uff1b\u2026."
CLOSING_QUOTES = "\"'\u201d\u2019\u300f\u300d\u300b)\uff09"
# ASCII punctuation that the report uses in place of full-width Chinese punctuation.
_ASCII_CJK_PUNCT = ",;:!?)"
_SPACES = re.compile(r"[^\S\n]+")
# A run of single characters of a number separated by single spaces: `1 8 . 6 %`, `1 , 2 0 0`
# (pypdf puts a space between every glyph of a Chinese PDF, digits included).
_SPACED_NUMBER = re.compile(r"(?<![A-Za-z0-9.%])\d(?: [\d.%,])+(?![A-Za-z0-9.%])")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def repair_text(text: str) -> str:
    """Repair every line of `text` (lines are kept; each one is stripped)."""
    return "\n".join(_repair_line(line) for line in text.split("\n"))


def _repair_line(line: str) -> str:
    # Runs of spaces become one first, so `1  1` is seen as a spaced number now rather than
    # after the next repair (which made the repair not idempotent).
    line = _SPACES.sub(" ", line.strip())
    line = _SPACED_NUMBER.sub(lambda m: _collapse_number(m, line), line)
    return _SPACES.sub(lambda m: _space_or_nothing(m, line), line)


def _collapse_number(match: re.Match[str], line: str) -> str:
    """Glue `1 8 . 6 %` back together when it sits between CJK text, never inside Latin text."""
    before = line[: match.start()].rstrip()[-1:]
    after = line[match.end() :].lstrip()[:1]
    neighbours = [c for c in (before, after) if c]
    if any(_LATIN_OR_DIGIT.match(c) for c in neighbours) or not any(is_cjk(c) for c in neighbours):
        return match.group()
    return match.group().replace(" ", "")


def _space_or_nothing(match: re.Match[str], line: str) -> str:
    """Drop whitespace next to CJK text; keep one space between Latin words and digits."""
    start, end = match.start(), match.end()
    if start == 0 or end == len(line):
        return ""
    left, right = line[start - 1], line[end]
    if is_cjk(left) or is_cjk(right):
        return ""
    # `18.6 %`, `18.6% ,`: no space belongs before a percent sign or punctuation after a number.
    if (left.isdigit() or left == "%") and (right == "%" or right in _ASCII_CJK_PUNCT):
        return ""
    # `例如, 2024年`: an ASCII comma after CJK text is Chinese punctuation in disguise.
    # The character before the comma is read past spaces ("乙 , 1"), whose own removal comes in the same pass.
    before = line[: start - 1].rstrip()[-1:]
    if left in _ASCII_CJK_PUNCT and before and (is_cjk(before) or before in SUPERSCRIPT_DIGITS):
        return ""
    return " "


def join_parts(*parts: str) -> str:
    """Join pieces of one paragraph (wrapped lines, page-broken halves) and repair the seams."""
    return repair_text(" ".join(p.strip() for p in parts if p.strip()))


def is_stray_glyph(line: str) -> bool:
    """A page artefact on its own line: a few glyphs with no letters, e.g. `٥`, `⁰³`, a page number."""
    stripped = line.strip()
    return 0 < len(stripped) <= 3 and not any(c.isalpha() for c in stripped)


def ends_sentence(text: str) -> bool:
    """Whether a paragraph is complete: it ends in sentence-final punctuation (or a quote after one).

    Trailing footnote marks are ignored, so `…动能¹¹` is judged by the character before the mark.
    """
    stripped = text.rstrip().rstrip(SUPERSCRIPT_DIGITS)
    while stripped and stripped[-1] in CLOSING_QUOTES:
        stripped = stripped[:-1]
        if stripped and stripped[-1] in SENTENCE_FINAL:
            return True
    return bool(stripped) and stripped[-1] in SENTENCE_FINAL
