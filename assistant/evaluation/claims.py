"""Scores the answer checker on a labelled claim set (evals/claims/*.jsonl).

Two numbers matter to a reviewer: the share of problem claims it catches (any
verdict but `supported`) and the share of true, correctly cited claims it passes.
The rest says how well it labels and points: the verdict it was expected to give,
and for a true claim cited wrongly or not at all, whether it suggests the paragraph
that does support it (and, for a false claim, that it suggests nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class _Checks(Protocol):
    def check(self, answer: str) -> Any: ...


def load_claims(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


@dataclass
class ClaimScores:
    """Counts per claim kind and overall; rates are computed from them."""

    rows: list[dict[str, Any]] = field(default_factory=list)  # each input row plus "verdict", "suggested"

    def _share(self, rows: Sequence[dict[str, Any]], ok) -> float:
        return sum(1 for r in rows if ok(r)) / len(rows) if rows else 1.0

    @property
    def true_rows(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["truth"]]

    @property
    def false_rows(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if not r["truth"]]

    def pass_rate(self) -> float:
        return self._share(self.true_rows, lambda r: r["verdict"] == "supported")

    def catch_rate(self) -> float:
        return self._share(self.false_rows, lambda r: r["verdict"] != "supported")

    def label_rate(self) -> float:
        return self._share(self.rows, lambda r: r["verdict"] == r["expect"] or (r["expect"] == "not_supported"
                           and r["verdict"] != "supported"))

    def suggestion_rate(self) -> float:
        """Claims the corpus supports elsewhere (wrong or missing citation): the right paragraph suggested."""
        return self._share([r for r in self.rows if r.get("gold") and not r["truth"]],
                           lambda r: r["suggested"] == r["gold"])

    def false_suggestion_rate(self) -> float:
        """False claims given a suggestion at all (there is nothing in the corpus to suggest)."""
        return self._share([r for r in self.rows if not r.get("gold") and not r["truth"]],
                           lambda r: r["suggested"] is not None)

    def by_kind(self) -> dict[str, dict[str, float]]:
        kinds: dict[str, list[dict[str, Any]]] = {}
        for r in self.rows:
            kinds.setdefault(r["kind"], []).append(r)
        out = {}
        for kind, rows in sorted(kinds.items()):
            good = (lambda r: r["verdict"] == "supported") if rows[0]["truth"] else (
                lambda r: r["verdict"] != "supported")
            out[kind] = {"n": len(rows), "ok": self._share(rows, good),
                         "label": self._share(rows, lambda r: r["verdict"] == r["expect"])}
        return out

    def failures(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if (r["verdict"] == "supported") != r["truth"]]


def score_claims(checker: _Checks, rows: Sequence[dict[str, Any]]) -> ClaimScores:
    """Checks each claim on its own (one claim per answer) and records the verdict and suggestion."""
    scores = ClaimScores()
    prime = getattr(checker, "prime", None)
    if prime is not None:
        from assistant.review.claims import split_claims

        prime([c.text for row in rows for c in split_claims(row["claim"])])
    for row in rows:
        [verdict] = checker.check(row["claim"]).claims
        suggested = verdict.suggested.locator if verdict.suggested else None
        scores.rows.append({**row, "verdict": verdict.verdict, "suggested": suggested, "reason": verdict.reason})
    return scores


def table(scores: ClaimScores) -> str:
    """The Markdown table RESULTS.md shows."""
    lines = ["| kind | claims | right (caught or passed) | expected verdict |", "|---|---:|---:|---:|"]
    for kind, row in scores.by_kind().items():
        lines.append(f"| {kind} | {row['n']} | {row['ok']:.1%} | {row['label']:.1%} |")
    return "\n".join(lines)
