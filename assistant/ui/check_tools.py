"""The checker's side of the web app: which answer texts can be checked, and the verdicts as HTML and JSON
(badges with symbol and words, the differing numbers highlighted, a suggested paragraph as a citation link)."""

from __future__ import annotations

import re
from typing import Any

from assistant.config import Settings
from assistant.lexicon import NameTable
from assistant.review.check import Checker, CheckError, CheckReport, ClaimVerdict, Suggestion
from assistant.review.numbers import conflicting, find_quantities, missing_quantities
from assistant.ui.markup import esc, highlight, notice_html, para_link

MAX_ANSWER_CHARS = Settings.max_answer_chars  # the same cap as `assistant check`
VERDICT_LABELS = {  # symbol, Chinese, English: the badge never relies on colour alone
    "supported": ("✓", "有据", "supported"),
    "contradicted": ("✗", "矛盾", "contradicted"),
    "unsupported": ("?", "无据", "unsupported"),
    "uncited": ("!", "未引用", "uncited"),
    "issues": ("⚠", "有问题", "issues found"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


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

