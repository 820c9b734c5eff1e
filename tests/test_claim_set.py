"""CI floors for the answer checker on the adversarial claim set (evals/claims/, issue 10).

The set: every report sentence (and some clauses) cited correctly, plus number changes,
same-kind name swaps, negations, direction flips, wrong citations, uncited sentences and
fabrications generated from the report, and hand-written paraphrases (true and false).
Targets: catch ≥ 98% of problem claims, pass ≥ 96% of true ones. Measured numbers are in
evals/RESULTS.md; the floors sit a little below them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.claims import load_claims, score_claims, table
from assistant.review.check import Checker

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "evals" / "claims"


@pytest.fixture(scope="module")
def scores(real_assistant):
    rows = load_claims([CLAIMS / "generated.jsonl", CLAIMS / "hand.jsonl"])
    return score_claims(Checker.from_assistant(real_assistant), rows)


def test_the_set_is_large_and_varied() -> None:
    rows = load_claims([CLAIMS / "generated.jsonl", CLAIMS / "hand.jsonl"])
    kinds = {r["kind"] for r in rows}
    assert len(rows) >= 300 and {"exact", "number", "swap", "negation", "wrong_cite", "uncited", "fabricated",
                                 "paraphrase"} <= kinds
    assert sum(r["kind"].startswith("paraphrase") for r in rows) >= 60


def test_checker_floors(scores) -> None:
    print("\n" + table(scores))
    failures = json.dumps(scores.failures()[:5], ensure_ascii=False, indent=1)
    assert scores.catch_rate() >= 0.98, failures
    assert scores.pass_rate() >= 0.96, failures
    assert scores.label_rate() >= 0.95
    assert scores.suggestion_rate() >= 0.95  # wrong or missing citation: the right paragraph is suggested
    assert scores.false_suggestion_rate() <= 0.02  # a false claim gets no suggestion
    paraphrases = [r for r in scores.rows if r["kind"] == "paraphrase"]
    assert sum(r["verdict"] == "supported" for r in paraphrases) / len(paraphrases) >= 0.95
