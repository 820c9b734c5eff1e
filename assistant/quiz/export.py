"""Quiz exports: JSON for programs, Markdown to print, CSV for Anki, GIFT for Moodle.

Each format is a pure function of the items, so a quiz written to a file is the
same as the one printed, and a test can parse every export back.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

from assistant.quiz.items import BLANK, FALSE, TRUE, QuizItem

LETTERS = "ABCD"
TYPE_LABELS = {"mc": "选择题", "cloze": "填空题", "tf": "判断题"}
CSV_COLUMNS = ("front", "back", "type", "id", "locator")
_GIFT_SPECIAL = "~=#{}:"
_MD_SPECIAL = "\\`*_[]<>|"


def answer_label(item: QuizItem) -> str:
    """The answer as a learner sees it: "B. 18.6%" for a choice, the text otherwise."""
    if item.type == "mc":
        return f"{LETTERS[item.options.index(item.answer)]}. {item.answer}"
    return item.answer


def to_json(items: Sequence[QuizItem]) -> str:
    return json.dumps([item.to_dict() for item in items], ensure_ascii=False, indent=2)


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def to_markdown(items: Sequence[QuizItem], title: str = "数字丝路报告测验 / Quiz") -> str:
    """Numbered questions to print, then the answer key with each answer's source."""
    lines = [f"# {title}", ""]
    for number, item in enumerate(items, start=1):
        lines.append(f"{number}. **{TYPE_LABELS[item.type]}** {_md(item.stem)}")
        if item.type == "mc":
            lines.extend(f"    - {letter}. {_md(option)}" for letter, option in zip(LETTERS, item.options, strict=True))
        elif item.type == "tf":
            lines.append(f"    - ( ) {TRUE}    ( ) {FALSE}")
        lines.append("")
    lines += ["---", "", "## 答案 / Answer key", ""]
    for number, item in enumerate(items, start=1):
        lines.append(f"{number}. {_md(answer_label(item))} — {item.citation.locator}:{_md(item.explanation)}")
    return "\n".join(lines) + "\n"


def to_csv(items: Sequence[QuizItem]) -> str:
    """One row per item, header first; front/back are what an Anki note shows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        front = item.stem
        if item.type == "mc":
            front += "\n" + "\n".join(f"{letter}. {o}" for letter, o in zip(LETTERS, item.options, strict=True))
        back = answer_label(item)
        if item.accepted:
            back += f"(也接受 / also accepted: {' / '.join(item.accepted)})"
        back += f"\n{item.explanation} ({item.citation.locator})"
        writer.writerow((front, back, item.type, item.id, item.citation.locator))
    return buffer.getvalue()


def gift_escape(text: str) -> str:
    """Backslash the characters GIFT gives a meaning to (and backslash itself)."""
    text = text.replace("\\", "\\\\")
    return "".join("\\" + ch if ch in _GIFT_SPECIAL else ch for ch in text).replace("\n", " ")


def _gift_item(item: QuizItem) -> str:
    feedback = "####" + gift_escape(f"{item.citation.locator} {item.explanation}")
    title = f"::{gift_escape(item.id)}::"
    if item.type == "mc":
        answers = " ".join(("=" if o == item.answer else "~") + gift_escape(o) for o in item.options)
        return f"{title}{gift_escape(item.stem)} {{{answers} {feedback}}}"
    if item.type == "tf":
        return f"{title}{gift_escape(item.stem)} {{{'T' if item.answer == TRUE else 'F'}{feedback}}}"
    before, _, after = item.stem.partition(BLANK)  # Moodle's missing-word form: the answer sits in the blank
    answers = " ".join("=" + gift_escape(a) for a in (item.answer, *item.accepted))  # each is fully right
    return f"{title}{gift_escape(before)} {{{answers}{feedback}}} {gift_escape(after)}".rstrip()


def to_gift(items: Sequence[QuizItem]) -> str:
    """Moodle GIFT: one question per paragraph, special characters escaped."""
    header = f"// 数字丝路报告测验: {len(items)} questions\n\n"
    return header + "\n\n".join(_gift_item(item) for item in items) + "\n"


FORMATS: dict[str, Callable[[Sequence[QuizItem]], str]] = {
    "json": to_json,
    "md": to_markdown,
    "csv": to_csv,
    "gift": to_gift,
}


def render(items: Sequence[QuizItem], fmt: str) -> str:
    try:
        return FORMATS[fmt](items)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}") from None
