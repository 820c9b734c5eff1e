"""Pure builders for the Quiz (出题) tab (HTML views, export files), with the Check (核查) tab's from check_tools.

No gradio here. Every piece of corpus or user text goes through `esc`; locators are
`para_link`s, so the page script opens their paragraph in the side panel like a citation.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.quiz import FactPool, QuizError, QuizItem, build_quiz
from assistant.quiz.export import LETTERS, TYPE_LABELS, answer_label, render
from assistant.quiz.items import FALSE, TRUE, section_key
from assistant.types import Paragraph
from assistant.ui.check_tools import (  # re-exported: the app and its API read every tool from here
    MAX_ANSWER_CHARS,
    VERDICT_LABELS,
    answer_problem,
    badge,
    check_html,
    check_json,
    check_view,
    claim_html,
    differences,
    shown_suggestion,
)
from assistant.ui.markup import esc, notice_html, para_link

__all__ = [
    "ALL", "EXTENSIONS", "FORMAT_CHOICES", "MAX_ANSWER_CHARS", "TYPE_CHOICES", "TYPE_EN", "VERDICT_LABELS",
    "answer_problem", "badge", "check_html", "check_json", "check_view", "claim_html", "differences", "make_quiz",
    "prune_exports", "quiz_html", "quiz_json", "quiz_view", "scratch_root", "section_choices", "shown_suggestion",
    "write_export", "write_text_export",
]

ALL = "all"
TYPE_CHOICES = (("选择题 mc", "mc"), ("填空题 cloze", "cloze"), ("判断题 tf", "tf"))
FORMAT_CHOICES = (("Markdown", "md"), ("CSV (Anki)", "csv"), ("GIFT (Moodle)", "gift"), ("JSON", "json"))
EXTENSIONS = {"md": "md", "csv": "csv", "gift": "gift", "json": "json"}
TYPE_EN = {"mc": "Multiple choice", "cloze": "Cloze", "tf": "True / false"}


# --- quiz --------------------------------------------------------------------------------------------


def section_choices(paragraphs: Sequence[Paragraph]) -> list[tuple[str, str]]:
    """("全部 All", "all"), then every chapter and section holding quizzable paragraphs, as (label, locator)."""
    choices, seen = [("全部 All", ALL)], set()
    for para in paragraphs:
        key = section_key(para.locator)
        if para.kind != "body" or not key.startswith("§"):
            continue
        parts = key[1:].split(".")
        for depth in range(1, len(parts) + 1):
            prefix = "§" + ".".join(parts[:depth])
            if prefix in seen or depth > len(para.heading_path):
                continue
            seen.add(prefix)
            indent = "\u2003" * (depth - 1)  # em spaces: the dropdown shows the outline's depth
            choices.append((f"{indent}{prefix} {para.heading_path[depth - 1]}", prefix))
    return choices


def make_quiz(pool: FactPool, section: str | None, n: float | None, types: Sequence[str] | str,
              seed: float | None) -> list[QuizItem]:
    """Items as `assistant quiz` builds them; raises QuizError (its message is the CLI's) for bad input."""
    if isinstance(types, str):
        types = [t.strip() for t in types.split(",") if t.strip()]
    if n is None or int(n) != n or n < 1:
        raise QuizError("the number of items must be a whole number, at least 1")
    chosen = None if not section or section.strip().lower() in ("", ALL) else section.strip()
    return build_quiz(pool, int(n), list(types), int(seed or 0), chosen)


def quiz_json(pool: FactPool, section: str | None, n: float | None, types: Sequence[str] | str,
              seed: float | None) -> list[dict[str, Any]]:
    """The same items as `assistant quiz --format json`, parsed."""
    return json.loads(render(make_quiz(pool, section, n, types, seed), "json"))


def _options(item: QuizItem) -> str:
    if item.type == "mc":
        rows = (f'<li><span class="opt">{letter}.</span> {esc(o)}</li>' for letter, o in zip(LETTERS, item.options,
                                                                                        strict=True))
    elif item.type == "tf":
        rows = (f'<li><span class="opt">( )</span> {label}</li>' for label in (f"{TRUE} True", f"{FALSE} False"))
    else:
        return ""
    return f'<ul class="options">{"".join(rows)}</ul>'


def quiz_html(items: Sequence[QuizItem], heading: str = "") -> str:
    """Numbered questions, then the answer key with each answer's clickable source locator."""
    questions = "".join(
        f'<li class="quiz-item" data-type="{esc(item.type)}"><span class="qtype">{esc(TYPE_LABELS[item.type])} '
        f'{esc(TYPE_EN[item.type])}</span> <span class="stem">{esc(item.stem)}</span>{_options(item)}</li>'
        for item in items)
    key = "".join(
        f'<li><b class="key-answer">{esc(answer_label(item))}</b> · '
        f"{para_link(item.citation.id, item.citation.locator, css='loc')}"
        f'<div class="explanation">{esc(item.explanation)}</div></li>'
        for item in items)
    head = f'<div class="quiz-meta">{esc(heading)}</div>' if heading else ""
    return (f'<div class="quiz">{head}<ol class="quiz-items">{questions}</ol>'
            f'<h4 class="quiz-key-title">答案 Answer key</h4><ol class="quiz-key">{key}</ol></div>')


@lru_cache(maxsize=1)
def scratch_root() -> Path:
    """One temporary folder per process for downloads, removed at exit (a test run builds many apps)."""
    root = Path(tempfile.mkdtemp(prefix="assistant-"))
    atexit.register(shutil.rmtree, root, True)
    return root


def write_export(items: Sequence[QuizItem], fmt: str, out_dir: Path | None = None, stem: str = "quiz") -> Path:
    """The quiz in `fmt` (md, csv, gift, json) as a UTF-8 file in `out_dir` (default: a new temp dir)."""
    text = render(items, fmt)
    folder = out_dir if out_dir is not None else Path(tempfile.mkdtemp(prefix="quiz-", dir=scratch_root()))
    path = folder / f"{stem}.{EXTENSIONS[fmt]}"
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    return path


def prune_exports(folder: Path, max_age_s: float, now: float | None = None) -> list[Path]:
    """Delete export files in `folder` older than `max_age_s`, so they do not pile up while the app runs."""
    now = time.time() if now is None else now
    removed = []
    for path in folder.glob("*"):
        try:
            if path.is_file() and now - path.stat().st_mtime > max_age_s:
                path.unlink()
                removed.append(path)
        except OSError:  # another request removed it first
            continue
    return removed


def write_text_export(text: str, folder: Path, name: str, max_age_s: float) -> Path:
    """`text` as a UTF-8 file `name` in `folder`, after pruning the folder's old exports."""
    prune_exports(folder, max_age_s)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def quiz_view(pool: FactPool, section: str | None, n: float | None, types: Sequence[str], seed: float | None,
              fmt: str, out_dir: Path | None = None) -> tuple[str, Path | None]:
    """The quiz as HTML plus its export file, or a notice (too few facts, no type) and no file."""
    try:
        items = make_quiz(pool, section, n, types, seed)
    except QuizError as exc:
        return notice_html(f"无法出题 Cannot make this quiz: {exc}"), None
    where = section if section and section != ALL else "全部 All"
    slug = re.sub(r"[^0-9.]", "", where).replace(".", "-") or "all"
    path = write_export(items, fmt, out_dir, f"quiz-{slug}-n{len(items)}-seed{int(seed or 0)}")
    heading = f"{len(items)} 题 items · {where} · seed {int(seed or 0)} · {fmt.upper()}"
    return quiz_html(items, heading), path
