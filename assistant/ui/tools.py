"""Pure builders for the Quiz (出题) and Check (核查) tabs: HTML views, export files, input checks.

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

from assistant.config import Settings
from assistant.lexicon import NameTable
from assistant.quiz import FactPool, QuizError, QuizItem, build_quiz
from assistant.quiz.export import LETTERS, TYPE_LABELS, answer_label, render
from assistant.quiz.items import FALSE, TRUE, section_key
from assistant.review.check import Checker, CheckError, CheckReport, ClaimVerdict, Suggestion
from assistant.review.numbers import conflicting, find_quantities, missing_quantities
from assistant.types import Paragraph
from assistant.ui.markup import esc, highlight, notice_html, para_link

ALL = "all"
TYPE_CHOICES = (("选择题 mc", "mc"), ("填空题 cloze", "cloze"), ("判断题 tf", "tf"))
FORMAT_CHOICES = (("Markdown", "md"), ("CSV (Anki)", "csv"), ("GIFT (Moodle)", "gift"), ("JSON", "json"))
EXTENSIONS = {"md": "md", "csv": "csv", "gift": "gift", "json": "json"}
TYPE_EN = {"mc": "Multiple choice", "cloze": "Cloze", "tf": "True / false"}
MAX_ANSWER_CHARS = Settings.max_answer_chars  # the same cap as `assistant check`
VERDICT_LABELS = {  # symbol, Chinese, English: the badge never relies on colour alone
    "supported": ("✓", "有据", "supported"),
    "contradicted": ("✗", "矛盾", "contradicted"),
    "unsupported": ("?", "无据", "unsupported"),
    "uncited": ("!", "未引用", "uncited"),
    "issues": ("⚠", "有问题", "issues found"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


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


# --- check -------------------------------------------------------------------------------------------


def answer_problem(text: object, max_chars: int = MAX_ANSWER_CHARS) -> str:
    """Why the text cannot be checked (empty, binary, too long), or "" when it can."""
    if not isinstance(text, str) or _CONTROL.search(text):
        return "the answer is binary, not an answer text"
    if not text.strip():
        return "the answer is empty: nothing to check"
    if len(text) > max_chars:
        return f"the answer is too long ({len(text)} characters; the limit is {max_chars})"
    return ""


def badge(verdict: str) -> str:
    """A verdict badge: symbol, Chinese and English label, and a colour class."""
    symbol, zh, en = VERDICT_LABELS.get(verdict, ("?", "", verdict))
    return f'<span class="badge badge-{esc(verdict)}">{symbol} {zh} {esc(en)}</span>'


def differences(claim: str, evidence: str, names: NameTable) -> tuple[list[str], list[str]]:
    """What differs: the claim's numbers and names the evidence lacks, and the evidence's numbers and names
    of the same kind that the claim does not state (20% vs 18.6%, 阿里云 vs 华为)."""
    said, found = find_quantities(claim), find_quantities(evidence)
    claim_parts = [q.text for q in missing_quantities(said, found)]
    evidence_parts = [other.text for _, other in conflicting(said, found)]
    in_claim, in_evidence = names.find(claim), names.find(evidence)
    claim_groups = {id(m.group) for m in in_claim}
    evidence_groups = {id(m.group) for m in in_evidence}
    absent = [m for m in in_claim if id(m.group) not in evidence_groups]
    kinds = {m.group.kind for m in absent}
    claim_parts += [m.surface for m in absent]
    evidence_parts += [m.surface for m in in_evidence if m.group.kind in kinds and id(m.group) not in claim_groups]
    return [p.strip() for p in claim_parts if p.strip()], [p.strip() for p in evidence_parts if p.strip()]


def shown_suggestion(checker: Checker, claim: ClaimVerdict) -> Suggestion | None:
    """The checker's suggestion, only when it is another paragraph than the cited one and it supports the claim."""
    s = claim.suggested
    if s is None or claim.verdict == "supported" or (claim.citation and claim.citation[0] == s.id):
        return None
    paragraph = checker.corpus.by_id.get(s.id)
    return s if paragraph is not None and checker.supports(claim.text, paragraph) else None


def claim_html(claim: ClaimVerdict, checker: Checker | None = None) -> str:
    """One claim: its badge and cited locator, its text and the evidence sentence with what differs marked,
    and a suggested paragraph if one supports it."""
    cited = para_link(claim.citation[0], claim.citation[1], css="loc") if claim.citation else "—"
    in_claim, in_evidence = ([], [])
    if checker is not None and claim.evidence and claim.verdict != "supported":
        in_claim, in_evidence = differences(claim.text, claim.evidence, checker.names)
    out = [f'<div class="claim-head">{badge(claim.verdict)} <span class="cited">引用 Cited: {cited}</span></div>',
           f'<div class="claim-text">{highlight(claim.text, in_claim, "diff")}</div>']
    if claim.evidence:
        out.append(f'<blockquote class="evidence"><span class="label">原文 Report says</span> '
                   f'{highlight(claim.evidence, in_evidence, "diff")}</blockquote>')
    suggestion = shown_suggestion(checker, claim) if checker is not None else None
    if suggestion is not None:
        snippet = suggestion.text[:120] + ("…" if len(suggestion.text) > 120 else "")
        link = para_link(suggestion.id, suggestion.locator, css="loc")
        out.append(f'<div class="suggested">建议引用 Suggested: {link} '
                   f'<span class="snippet">{esc(snippet)}</span></div>')
    return f'<li class="claim claim-{esc(claim.verdict)}">{"".join(out)}</li>'


def check_html(report: CheckReport, checker: Checker | None = None) -> str:
    """The overall verdict with counts, then every claim."""
    counts = {v: sum(c.verdict == v for c in report.claims) for v in VERDICT_LABELS if v != "issues"}
    tally = " · ".join(f"{n} {VERDICT_LABELS[v][1]} {v}" for v, n in counts.items() if n)
    overall = (f'<div class="check-overall">{badge(report.verdict)} '
               f'<span class="tally">{counts["supported"]} / {len(report.claims)} 条有据 claims supported'
               f" ({tally})</span></div>")
    claims = "".join(claim_html(c, checker) for c in report.claims)
    return f'<div class="check-report">{overall}<ol class="claims">{claims}</ol></div>'


def check_view(checker: Checker, text: str, max_chars: int = MAX_ANSWER_CHARS) -> str:
    """The checked answer as HTML, or a notice for input that cannot be checked."""
    problem = answer_problem(text, max_chars)
    if problem:
        return notice_html(f"无法核查 Cannot check: {problem}")
    try:
        return check_html(checker.check(text), checker)
    except CheckError as exc:
        return notice_html(f"无法核查 Cannot check: {exc}")


def check_json(checker: Checker, text: str, max_chars: int = MAX_ANSWER_CHARS) -> dict[str, Any]:
    """The same object as `assistant check --json`; raises CheckError for input that cannot be checked."""
    problem = answer_problem(text, max_chars)
    if problem:
        raise CheckError(problem)
    return checker.check(text).to_dict()

