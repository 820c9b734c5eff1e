"""The eval set and harness: pure metrics by hand, set integrity, floors on the real system."""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from assistant.evaluation import metrics as m
from assistant.evaluation.dataset import load_questions
from assistant.evaluation.harness import evaluate_question, summarise, threshold_sweep
from assistant.ingest import load_corpus

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "evals" / "questions.jsonl"


def test_hit_and_rank_metrics_by_hand() -> None:
    ranked = ["a", "b", "c", "d"]
    assert m.hit_at(ranked, {"c"}, 1) == 0.0
    assert m.hit_at(ranked, {"c"}, 3) == 1.0
    assert m.reciprocal_rank(ranked, {"c", "d"}) == pytest.approx(1 / 3)
    assert m.reciprocal_rank([], {"a"}) == 0.0
    assert m.hit_at([], {"a"}, 5) == 0.0
    # one gold at rank 2 of two golds: DCG = 1/log2(3); IDCG = 1 + 1/log2(3)
    log3 = 1.584962500721156
    assert m.ndcg_at(["x", "a", "y"], {"a", "b"}) == pytest.approx((1 / log3) / (1 + 1 / log3))
    assert m.ndcg_at(["a", "a"], {"a"}) == pytest.approx(1.0)  # a duplicate counts once
    assert m.ndcg_at(["a"], set()) == 0.0
    with pytest.raises(ValueError):
        m.hit_at(ranked, {"a"}, 0)


def test_metrics_with_ties_and_duplicates() -> None:
    # Tied scores are ordered by the retriever (stable, document order); metrics read that order.
    from assistant.fusion import score_fusion

    fused = score_fusion(np.array([1.0, 1.0, 0.0]), np.array([0.5, 0.5, 0.5]), 0.6)
    ranked = [f"p{i}" for i in np.argsort(-fused, kind="stable")]
    assert ranked == ["p0", "p1", "p2"]
    assert m.reciprocal_rank(ranked, {"p1"}) == 0.5
    assert m.hit_at(ranked, {"p1"}, 1) == 0.0
    # a gold paragraph cited twice counts once; two golds tied at the top give a perfect nDCG
    assert m.citation_recall(["p1", "p1"], {"p1", "p2"}) == 0.5
    assert m.ndcg_at(["p1", "p2", "p3"], {"p1", "p2"}) == pytest.approx(1.0)
    assert m.percentile([2.0, 2.0, 2.0, 9.0], 50) == 2.0


def test_answer_and_refusal_metrics_by_hand() -> None:
    assert m.fact_accuracy("增速达18.6%,位居第一", ["18.6%", "第一"]) == 1.0
    assert m.fact_accuracy("增速达 18.6 %", ["18.6%"]) == 1.0  # spaces and width do not matter
    assert m.fact_accuracy("无", ["18.6%", "第一"]) == 0.0
    assert m.fact_accuracy("anything", []) == 1.0
    texts = {"p1": "东南亚增速18.6%", "p2": "无关"}
    assert m.citation_precision(["p1", "p2"], {"p9"}, texts, ["18.6%"]) == 0.5
    assert m.citation_precision([], {"p1"}, texts, []) == 0.0
    assert m.citation_recall(["p1"], {"p1", "p2"}) == 0.5
    assert m.citation_recall([], set()) == 1.0
    scores = m.refusal_scores([True, True, False, False], [False, True, False, True])
    assert scores == {"refusal_precision": 0.5, "refusal_recall": 0.5, "false_refusal_rate": 0.5}
    assert m.refusal_scores([], [])["refusal_recall"] == 0.0
    assert m.percentile([5.0, 1.0, 3.0, 2.0], 50) == 2.0
    assert m.percentile([5.0, 1.0, 3.0, 2.0], 95) == 5.0
    assert m.percentile([], 50) == 0.0


def test_question_set_is_complete_and_gold_ids_exist() -> None:
    questions = load_questions(SET)
    assert len(questions) >= 150
    assert len({q.id for q in questions}) == len(questions)
    counts = Counter(q.category for q in questions)
    for category in ("number", "entity", "definition", "list", "multi", "paraphrase", "english", "source"):
        assert counts[category] >= 10, category
    assert counts["unanswerable"] >= 20
    ids = {p.id for d in load_corpus(ROOT / "corpus") for p in d.paragraphs}
    for q in questions:
        if q.answerable:
            assert q.gold and set(q.gold) <= ids, f"{q.id}: gold ids missing after re-ingest"
            assert q.facts, q.id
        else:
            assert not q.gold
    chapters = Counter(q.chapter for q in questions if q.answerable)
    for chapter in ("front", "1", "2", "3", "4", "5"):
        assert chapters[chapter] >= 10, chapter


def _code_strings() -> str:
    """Every string literal in assistant/ except docstrings (examples in prose are not tuning)."""
    found = []
    for path in (ROOT / "assistant").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
        }
        found.extend(
            node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        )
    return "\n".join(found)


HEADINGS = json.loads((ROOT / "tests" / "golden" / "report_structure.json").read_text(encoding="utf-8"))["headings"]


# The blind set's facts include the report's own name ("数字丝路"), which the app's title shows: there only
# facts of six characters or more count as answers.
@pytest.mark.parametrize(("question_set", "min_fact"), [("questions.jsonl", 4), ("blind/questions.jsonl", 6)])
def test_no_question_or_gold_answer_is_hard_coded_in_the_package(question_set: str, min_fact: int) -> None:
    strings = _code_strings()
    for line in (SET.parent / question_set).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert len(row["question"]) < min_fact or row["question"] not in strings, row["id"]
        for fact in row["facts"]:
            # shorter facts ("18个", "华为") are ordinary words; a heading is shown by the app's outline
            if len(fact) >= min_fact and not any(fact in h for h in HEADINGS):
                assert fact not in strings, (row["id"], fact)


@pytest.fixture(scope="module")
def eval_results(real_assistant):
    return [evaluate_question(real_assistant, q) for q in load_questions(SET)]


# Measured with the real USE embedder on 2026-11-30 after the answer judgement (208 questions: 158 zh + 20 en
# answerable, 30 unanswerable): hit@5 0.989 | zh cited-gold 0.968 | key facts 0.890 (zh 0.888) | en cited-gold 0.90
# | number facts 1.000 | refusal recall 0.900 | false refusals 0.006 (before: 0.937 | 0.856 | 0.85 | 0.667 | 0.034).
# Floors sit a few points below, so a regression fails while noise (one or two questions) does not.
# Floors only go up. End of the eighth round (2026-12-02): hit@5 0.989, zh cited-gold 0.962, key facts 0.952 (zh
# 0.946), en cited-gold 1.0, refusal recall 0.867, false refusals 0.011.
FLOORS = {
    "hit5": 0.96,
    "zh_cited_gold": 0.93,
    "fact_accuracy": 0.92,
    "zh_fact_accuracy": 0.91,
    "en_cited_gold": 0.80,
    "number_fact_accuracy": 0.95,
    "refusal_recall": 0.83,
}
FALSE_REFUSAL_CEILING = 0.04


def test_eval_floors_on_the_real_report(eval_results) -> None:
    overall = summarise(eval_results)
    zh = summarise([r for r in eval_results if r.lang == "zh"])
    en = summarise([r for r in eval_results if r.lang == "en"])
    number = summarise([r for r in eval_results if r.category == "number"])
    measured = {
        "hit5": overall["hit5"],
        "zh_cited_gold": zh["cited_gold"],
        "fact_accuracy": overall["fact_accuracy"],
        "zh_fact_accuracy": zh["fact_accuracy"],
        "en_cited_gold": en["cited_gold"],
        "number_fact_accuracy": number["fact_accuracy"],
        "refusal_recall": overall["refusal_recall"],
    }
    report = ", ".join(f"{k}={v:.3f}" for k, v in measured.items())
    report += f", false_refusal_rate={overall['false_refusal_rate']:.3f}"
    below = {k: v for k, v in measured.items() if v < FLOORS[k]}
    assert not below, f"below the floor: {below} (all: {report})"
    assert overall["false_refusal_rate"] <= FALSE_REFUSAL_CEILING, report


def test_threshold_sweep_is_monotonic(eval_results) -> None:
    rows = threshold_sweep(eval_results, "zh", [-1.0, 0.3, 0.6, 1.0])
    recalls = [r["refusal_recall"] for r in rows]
    assert recalls == sorted(recalls)
    false_refusals = [r["false_refusal_rate"] for r in rows]
    assert false_refusals == sorted(false_refusals)
    # At the lowest threshold only question-level refusals remain (a name or a topic the corpus lacks).
    assert rows[0]["false_refusal_rate"] <= FALSE_REFUSAL_CEILING


# --- the blind set (written from the outline only; evals/blind/README.md) ------------------------------

BLIND_SET = Path(__file__).resolve().parent.parent / "evals" / "blind" / "questions.jsonl"


def test_blind_set_is_split_once_and_mapped() -> None:
    rows = [json.loads(line) for line in BLIND_SET.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300 and sum(r["lang"] == "en" for r in rows) >= 60
    assert sum(not r["answerable"] for r in rows) >= 80
    kinds = {r["kind"] for r in rows if r["intended"] == "unanswerable"}
    assert {"general", "missing_figure", "other_year", "other_entity", "opinion"} <= kinds
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert all(r["gold"] for r in rows if r["answerable"])


@pytest.fixture(scope="module")
def blind_test_results(real_assistant):
    return [evaluate_question(real_assistant, q) for q in load_questions(BLIND_SET, "test")]


# Floors sit a few points below the measured numbers (evals/RESULTS.md, real USE embedder), so a regression fails
# while one or two questions do not.
# Blind test split (156), end of the eighth round (2026-12-02): hit@5 0.880, gold cited 0.860, key facts 0.817, all
# key facts 0.790, refusal recall 0.911, false refusals 0.030 (sixth round: 0.880 / 0.850 / 0.817 / 0.790 / 0.911
# / 0.030). Twelfth round end (7ac5d39): 0.880 / 0.870 / 0.837 / 0.810 / 0.911 / 0.020. Thirteenth round end
# (571dcdf): 0.880 / 0.880 / 0.871 / 0.850 / 0.911 / 0.020. Fourteenth round end (f5f2bf9): 0.880 / 0.890 / 0.878 /
# 0.850 / 0.911 / 0.020.
BLIND_FLOORS = {"hit5": 0.85, "cited_gold": 0.86, "fact_accuracy": 0.84, "all_facts": 0.82, "refusal_recall": 0.88}
BLIND_FALSE_REFUSAL_CEILING = 0.04


def _assert_floors(results, floors: dict[str, float], ceiling: float) -> None:
    overall = summarise(results)
    report = ", ".join(f"{k}={overall[k]:.3f}" for k in (*floors, "false_refusal_rate"))
    below = {k: overall[k] for k, floor in floors.items() if overall[k] < floor}
    assert not below, f"below the floor: {below} ({report})"
    assert overall["false_refusal_rate"] <= ceiling, report


def test_blind_test_split_floors(blind_test_results) -> None:
    _assert_floors(blind_test_results, BLIND_FLOORS, BLIND_FALSE_REFUSAL_CEILING)


# --- the second blind set (never tuned on) and the third to fifth (written for tuning: all dev), all written blind
# on 2026-12-01 from the outline and mapped afterwards by another reader -------------------------------------------

EVALS = Path(__file__).resolve().parent.parent / "evals"
# Measured 2026-12-02 at the end of the eighth round (evals/RESULTS.md):
# set 2 (held out): hit@5 0.917, gold cited 0.857, key facts 0.764, refusal recall 0.947, false refusals 0.095;
# set 3: hit@5 0.867, gold cited 0.973, key facts 0.940, refusal recall 0.976, false refusals 0.000;
# set 4: hit@5 0.789, gold cited 0.921, key facts 0.905, refusal recall 0.979, false refusals 0.026;
# set 5: hit@5 0.875, gold cited 0.903, key facts 0.831, refusal recall 0.980, false refusals 0.014;
# set 6 (held out, frozen at the end of the fifth round, never tuned on): hit@5 0.906, gold cited 0.797, key facts
# 0.759, refusal recall 0.826, false refusals 0.031;
# set 7 (60 English questions, for tuning): hit@5 0.895, gold cited 0.842, key facts 0.868, refusal recall 0.951,
# false refusals 0.000 (gold cited 0.895 -> 0.842: "who put this report out?" is now answered from the cover and
# working group, as "Who wrote this report?" is; its gold is the foreword);
# set 8 (150, for tuning, written and mapped in the eighth round): hit@5 0.892, gold cited 0.912, key facts 0.775,
# refusal recall 0.958, false refusals 0.029 (at first sight, before tuning on it: 0.892 / 0.804 / 0.690 / 0.896 /
# 0.098);
# set 9 (120, held out: written and mapped at the end of the eighth round, measured once, never tuned on): hit@5
# 0.903, gold cited 0.792, key facts 0.688, refusal recall 0.792, false refusals 0.097.
# set 10 (150, held out: written and mapped in the ninth round, measured at its start and end code, never tuned
# on): hit@5 0.867, gold cited 0.800, key facts 0.741, refusal recall 0.917, false refusals 0.089 at its start code.
# Ninth round end (67c63a7): set 2 gold cited 0.869, key 0.776, FR 0.083; set 4 0.921 / 0.916; set 5 0.931 / 0.859,
# FR 0; set 6 0.844 / 0.796, RR 0.837; set 8 0.922 / 0.796; set 9 0.819 / 0.720, FR 0.083; set 10 0.822 / 0.764;
# set 11 (150, dev, written and mapped in the ninth round; first sight 0.758 / 0.647 / RR 0.949 / FR 0.099): hit@5
# 0.857, gold cited 0.879, key facts 0.772, refusal recall 0.966, false refusals 0.033.
# Tenth round end: set 4 false refusals 0.013; set 5 key 0.863; set 8 gold cited 0.931, key 0.805; set 10 0.833 /
# 0.775; set 11 0.901 / 0.824; set 12 (150, held out: written and mapped in the tenth round, frozen before its first
# measurement): hit@5 0.916, gold cited 0.768, key facts 0.671, refusal recall 0.836, false refusals 0.105.
# Later in the round (f9dc24f): set 3 gold cited 0.987; set 7 0.895 / key 0.921; set 9 0.847 / 0.744, FR 0.056; set
# 10 0.844 / 0.775, FR 0.078; set 11 0.912 / 0.831; set 12 0.789 / 0.677, FR 0.084; set 13 (150, dev, written and
# mapped in the tenth round; first sight 0.763 / 0.665 / RR 0.877 / FR 0.118): hit@5 0.903, gold cited 0.849, key
# facts 0.739, refusal recall 0.877, false refusals 0.054.
# Eleventh round end (ee63abc; 684533c then raised set 8 to 0.941 / 0.815, FR 0.020 and set 15 to 0.755 / 0.672,
# FR 0.128): set 2 0.881 / 0.796, FR 0.071; set 9 0.861 / 0.766; set 10 0.878 / 0.801, FR 0.044;
# set 12 0.800 / 0.701; set 13 0.882 / 0.771, RR 0.930, FR 0.022; set 14 (150, held out: written and mapped in the
# eleventh round, frozen before its first measurement; first sight 0.659 / 0.560 / RR 0.898 / FR 0.209): hit@5 0.813,
# gold cited 0.703, key facts 0.600, refusal recall 0.915, false refusals 0.165; set 15 (150, dev, same round; first
# sight 0.553 / 0.504 / RR 0.768 / FR 0.309): hit@5 0.840, gold cited 0.745, key facts 0.666, refusal recall 0.804,
# false refusals 0.138.
# Twelfth round end (7ac5d39): set 6 0.859 / 0.811, RR 0.872, FR 0.016; set 9 0.875 / 0.780; set 10 RR 0.933;
# set 12 0.821 / 0.722, RR 0.873, FR 0.063; set 13 0.903 / 0.799, RR 0.947; set 14 0.714 / 0.608, RR 0.932, FR 0.154;
# set 15 0.798 / 0.715, FR 0.096; set 16 (150, held out: written and mapped in the twelfth round, frozen before its
# first measurement): hit@5 0.860, gold cited 0.690, key facts 0.631, refusal recall 0.820, false refusals 0.150 at
# first sight and at the end; set 17 (150, dev, same round; first sight 0.570 / 0.483 / RR 0.840 / FR 0.190): hit@5
# 0.810, gold cited 0.740, key facts 0.658, refusal recall 0.980, false refusals 0.090; set 18 (120, dev, same round;
# first sight 0.633 / 0.492 / RR 0.854 / FR 0.152): hit@5 0.810, gold cited 0.747, key facts 0.611, refusal recall
# 0.902, false refusals 0.063. Set 14 RR 0.949 and set 16 RR 0.840 at a0c5c7d.
# Thirteenth round end (571dcdf, 2026-12-03), gold cited / key facts: set 2 0.893 / 0.840; set 3 0.987 / 0.947;
# set 4 0.934 / 0.919; set 5 0.972 / 0.920; set 6 0.875 / 0.852; set 7 0.947 / 0.921; set 8 0.941 / 0.855; set 9
# 0.875 / 0.825; set 10 0.922 / 0.826; set 11 0.945 / 0.888; set 12 0.863 / 0.760; set 13 0.914 / 0.840; set 14
# 0.736 / 0.640; set 15 0.819 / 0.731; set 16 0.740 / 0.675; set 17 0.750 / 0.693; set 18 0.785 / 0.627 (refusals
# as at the twelfth round). Floors for these two sit three points below, rounded down; they never go down.
# Fourteenth round (f5f2bf9, 2026-12-03; 6b453c6 then raised sets 2, 11-14, 16-19 a little; evals/RESULTS.md),
# gold cited / key facts: set 2 0.893 / 0.840; set 3 1.000 / 0.973;
# set 4 0.934 / 0.928; set 5 0.972 / 0.922; set 6 0.938 / 0.891; set 7 0.947 / 0.934; set 8 0.961 / 0.879; set 9
# 0.875 / 0.836; set 10 0.922 / 0.840; set 11 0.956 / 0.890; set 12 0.863 / 0.773; set 13 0.914 / 0.856; set 14
# 0.747 / 0.655; set 15 0.830 / 0.749; set 16 0.770 / 0.687; set 17 0.760 / 0.700; set 18 0.797 / 0.636; refusals
# unchanged. Set 19 (150, held out: written and mapped in the fourteenth round, committed before its first
# measurement; measured once at the session-start code 571dcdf and once at the end): hit@5 0.886, gold cited 0.784
# -> 0.807, key facts 0.709 -> 0.737, all key facts 0.568 -> 0.602, refusal recall 0.887, false refusals 0.136.
# Set 23 (150, held out: written and mapped in the seventeenth round, committed before its first measurement;
# measured at the session-start code cccf332 and at the end, identical): hit@5 0.823, gold cited 0.823, key facts
# 0.684, all key facts 0.531, refusal recall 0.815, false refusals 0.135 (at the round's end 64f9428: hit@5 0.833,
# refusal recall 0.870, false refusals 0.125, the rest unchanged). Set 24 (150, dev, same round; first sight 0.670 /
# 0.620 / RR 0.868 / FR 0.196): hit@5 0.773, gold cited 0.835, key facts 0.754, refusal recall 0.925, false refusals
# 0.021.
# Sets 27 (150, HELD OUT, nineteenth round; start = end: hit@5 0.909, gold cited 0.798, key facts 0.657, refusal
# recall 0.902, false refusals 0.141) and 28 (150, dev; first sight 0.798 / 0.788 / 0.687 / 0.941 / 0.091, end
# 0.788 / 0.869 / 0.759 / 0.961 / 0.010). Set 29 (150, HELD OUT, written and mapped at the round's end; start = end:
# hit@5 0.928, gold cited 0.825, key facts 0.718, refusal recall 0.962, false refusals 0.103).
LATER_SETS = {
    "blind2": ({"hit5": 0.89, "cited_gold": 0.86, "fact_accuracy": 0.81, "refusal_recall": 0.92}, 0.11, {"test"}, 160),
    "blind3": ({"hit5": 0.84, "cited_gold": 0.97, "fact_accuracy": 0.94, "refusal_recall": 0.94}, 0.03, {"dev"}, 160),
    "blind4": ({"hit5": 0.76, "cited_gold": 0.90, "fact_accuracy": 0.89, "refusal_recall": 0.95}, 0.05, {"dev"}, 170),
    "blind5": ({"hit5": 0.85, "cited_gold": 0.94, "fact_accuracy": 0.89, "refusal_recall": 0.95}, 0.03, {"dev"}, 170),
    "blind6": ({"hit5": 0.88, "cited_gold": 0.90, "fact_accuracy": 0.86, "refusal_recall": 0.84}, 0.04, {"test"}, 150),
    "blind7": ({"hit5": 0.86, "cited_gold": 0.91, "fact_accuracy": 0.90, "refusal_recall": 0.92}, 0.03, {"dev"}, 60),
    "blind8": ({"hit5": 0.86, "cited_gold": 0.93, "fact_accuracy": 0.84, "refusal_recall": 0.92}, 0.05, {"dev"}, 150),
    "blind9": ({"hit5": 0.87, "cited_gold": 0.84, "fact_accuracy": 0.80, "refusal_recall": 0.78}, 0.08, {"test"}, 120),
    "blind10": ({"hit5": 0.84, "cited_gold": 0.89, "fact_accuracy": 0.80, "refusal_recall": 0.90}, 0.07, {"test"}, 150),
    "blind11": ({"hit5": 0.83, "cited_gold": 0.92, "fact_accuracy": 0.86, "refusal_recall": 0.94}, 0.05, {"dev"}, 150),
    "blind12": ({"hit5": 0.89, "cited_gold": 0.83, "fact_accuracy": 0.74, "refusal_recall": 0.84}, 0.09, {"test"}, 150),
    "blind13": ({"hit5": 0.87, "cited_gold": 0.88, "fact_accuracy": 0.83, "refusal_recall": 0.92}, 0.05, {"dev"}, 150),
    "blind14": ({"hit5": 0.79, "cited_gold": 0.72, "fact_accuracy": 0.63, "refusal_recall": 0.92}, 0.18, {"test"}, 150),
    "blind15": ({"hit5": 0.81, "cited_gold": 0.81, "fact_accuracy": 0.73, "refusal_recall": 0.77}, 0.10, {"dev"}, 150),
    "blind16": ({"hit5": 0.84, "cited_gold": 0.77, "fact_accuracy": 0.69, "refusal_recall": 0.80}, 0.16, {"test"}, 150),
    "blind17": ({"hit5": 0.78, "cited_gold": 0.81, "fact_accuracy": 0.72, "refusal_recall": 0.95}, 0.09, {"dev"}, 150),
    "blind18": ({"hit5": 0.78, "cited_gold": 0.83, "fact_accuracy": 0.67, "refusal_recall": 0.87}, 0.09, {"dev"}, 120),
    "blind19": ({"hit5": 0.85, "cited_gold": 0.78, "fact_accuracy": 0.71, "refusal_recall": 0.85}, 0.16, {"test"}, 150),
    "blind20": ({"hit5": 0.84, "cited_gold": 0.87, "fact_accuracy": 0.76, "refusal_recall": 0.86}, 0.07, {"dev"}, 150),
    "blind21": ({"hit5": 0.81, "cited_gold": 0.83, "fact_accuracy": 0.75, "refusal_recall": 0.74}, 0.11, {"dev"}, 150),
    "blind22": ({"hit5": 0.83, "cited_gold": 0.76, "fact_accuracy": 0.64, "refusal_recall": 0.65}, 0.11, {"dev"}, 150),
    "blind23": ({"hit5": 0.80, "cited_gold": 0.80, "fact_accuracy": 0.66, "refusal_recall": 0.84}, 0.15, {"test"}, 150),
    "blind24": ({"hit5": 0.75, "cited_gold": 0.81, "fact_accuracy": 0.73, "refusal_recall": 0.90}, 0.05, {"dev"}, 150),
    "blind25": ({"hit5": 0.85, "cited_gold": 0.77, "fact_accuracy": 0.67, "refusal_recall": 0.94}, 0.16, {"test"}, 150),
    "blind26": ({"hit5": 0.84, "cited_gold": 0.88, "fact_accuracy": 0.69, "refusal_recall": 0.92}, 0.06, {"dev"}, 150),
    "blind27": ({"hit5": 0.89, "cited_gold": 0.77, "fact_accuracy": 0.63, "refusal_recall": 0.88}, 0.16, {"test"}, 150),
    "blind28": ({"hit5": 0.76, "cited_gold": 0.83, "fact_accuracy": 0.72, "refusal_recall": 0.94}, 0.03, {"dev"}, 150),
    "blind29": ({"hit5": 0.90, "cited_gold": 0.80, "fact_accuracy": 0.69, "refusal_recall": 0.94}, 0.12, {"test"}, 150),
}


@pytest.mark.parametrize("name", sorted(LATER_SETS))
def test_later_blind_set_floors(real_assistant, name: str) -> None:
    floors, ceiling, splits, size = LATER_SETS[name]
    path = EVALS / name / "questions.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == size and all(r["gold"] for r in rows if r["answerable"])
    assert {r["split"] for r in rows} == splits
    _assert_floors([evaluate_question(real_assistant, q) for q in load_questions(path, None)], floors, ceiling)
