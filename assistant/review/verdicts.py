"""What the checker returns: a verdict per claim, the report over an answer, and its text form.

Kept apart from the matching so the web app and the CLI depend on these types only.
`to_dict` is the JSON of `assistant check --json` and of the app's /check endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.review.matching import Match
from assistant.types import ParagraphRef

VERDICTS = ("supported", "contradicted", "unsupported", "uncited")


class CheckError(ValueError):
    """The input holds no claim to check."""


Suggestion = ParagraphRef  # another paragraph that supports a claim its citation does not


@dataclass(frozen=True)
class ClaimVerdict:
    text: str
    verdict: str
    citation: tuple[str, str] | None  # (paragraph id, locator) the verdict was reached on
    evidence: str  # best-matching sentence of the cited paragraph, "" when uncited
    suggested: Suggestion | None  # another paragraph that supports the claim, when it is not supported
    reason: str = ""  # why it is not supported: "number: 20% vs 18.6%", "name: 南亚 not in the cited text"…

    def to_dict(self) -> dict[str, Any]:
        citation = {"id": self.citation[0], "locator": self.citation[1]} if self.citation else None
        return {"text": self.text, "verdict": self.verdict, "citation": citation, "evidence": self.evidence,
                "suggested": vars(self.suggested) if self.suggested else None, "reason": self.reason}


@dataclass(frozen=True)
class CheckReport:
    claims: tuple[ClaimVerdict, ...]

    @property
    def verdict(self) -> str:
        return "supported" if self.claims and all(c.verdict == "supported" for c in self.claims) else "issues"

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "claims": [c.to_dict() for c in self.claims]}


def reason_for(verdict: str, best: Match | None) -> str:
    if verdict == "supported":
        return ""
    if best is None:
        return "the cited paragraph has no sentence to compare"
    if verdict == "contradicted":
        return best.conflict()
    if best.absent:
        return f"name: {', '.join(best.absent)} not in the cited text"
    if best.missing:
        return f"number: {', '.join(q.text for q in best.missing)} not in the cited text"
    if best.polarity or best.direction:
        return best.conflict()
    return "no sentence of the cited text states it"


def report_to_text(report: CheckReport) -> str:
    """A readable table: one row per claim, evidence and suggestion indented under it."""
    supported = sum(c.verdict == "supported" for c in report.claims)
    lines = [f"verdict: {report.verdict} ({supported} of {len(report.claims)} claims supported)", "",
             f"{'#':>3}  {'verdict':<13} {'citation':<12} claim"]
    for number, claim in enumerate(report.claims, start=1):
        locator = claim.citation[1] if claim.citation else "-"
        lines.append(f"{number:>3}  {claim.verdict:<13} {locator:<12} {claim.text}")
        if claim.reason:
            lines.append(f"{'':>5}reason:    {claim.reason}")
        if claim.evidence:
            lines.append(f"{'':>5}evidence:  {claim.evidence}")
        if claim.suggested:
            s = claim.suggested
            lines.append(f"{'':>5}suggested: {s.locator} ({s.id}) {s.text[:120]}{'…' if len(s.text) > 120 else ''}")
    return "\n".join(lines)
