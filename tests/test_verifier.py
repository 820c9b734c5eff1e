"""The learned answer verifier: its features on real report sentences, the stored weights reproduced
from the stored training rows, the hook in the judgement, and the setting that turns it on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from assistant.answer.analysis import analyse
from assistant.answer.evidence import Concept
from assistant.answer.judgement import Verdict, verified
from assistant.answer.verifier import WEIGHTS, Model, load_model
from assistant.answer.verifier_features import FEATURES, Reading, features, focus, new_words
from assistant.config import Settings
from assistant.lexicon import NameTable
from assistant.text import match_key, tokenize

ROOT = Path(__file__).resolve().parent.parent
REPORT = (ROOT / "corpus" / "digital-silk-road-report.txt").read_text(encoding="utf-8")


def report_sentence(fragment: str) -> str:
    """The whole report sentence holding `fragment` (so the test reads the report, not a paraphrase)."""
    match = re.search(r"[^。\n]*" + re.escape(fragment) + r"[^。\n]*。", REPORT)
    assert match, fragment
    return match.group(0)


def feature_row(question: str, sentence: str, before: str = "") -> dict[str, float]:
    analysis = analyse(question, NameTable([]), match_key(REPORT))
    tokens = tokenize(question)
    concepts = tuple(Concept((t,), 1.0) for t in dict.fromkeys(tokens))
    reading = Reading(sentence, before, sentence, cos_sentence=0.5, cos_paragraph=0.5, lexical=1.0, fused=1.0,
                      rank=0, score=1.0, best_score=1.0, evidence=0.5, lead=0.2, dense_lead=0.1)
    row = features(analysis, tokens, concepts, reading)
    assert len(row) == len(FEATURES)
    return dict(zip(FEATURES, row, strict=True))


def test_features_tell_the_answering_sentence_from_one_that_only_echoes_the_question() -> None:
    question = "数字丝绸之路合作国家目前有多少个?"
    answer = feature_row(question, report_sentence("合作国家达到18个"))
    echo = feature_row(question, report_sentence("国家内生需求支撑"))
    assert answer["new_figure"] == 1.0 and answer["supplies_asked"] == 1.0
    assert echo["new_figure"] == 0.0 and echo["supplies_asked"] == 0.0
    assert answer["focus_in_sentence"] == 1.0  # 国家, the word the question asks about
    assert answer["words_in_sentence"] >= echo["words_in_sentence"] > 0
    assert answer["new_tokens"] > echo["new_tokens"]  # the answer supplies more than the question's words
    assert answer["asks_number"] == 1.0 and answer["english"] == 0.0
    assert answer["lead"] == pytest.approx(0.2) and answer["first_hit"] == 1.0


def test_full_and_half_width_forms_match_alike() -> None:
    sentence = report_sentence("合作国家达到18个")
    half = feature_row("数字丝绸之路合作国家目前有多少个?", sentence)
    full = feature_row("数字丝绸之路合作国家目前有多少个？", sentence.replace("18", "１８"))
    assert full["words_in_sentence"] == half["words_in_sentence"]
    assert full["new_figure"] == half["new_figure"] == 1.0


def test_focus_is_the_word_beside_the_question_word() -> None:
    assert focus("数字丝绸之路合作国家目前有多少个?") == "国家"
    assert focus("工作组的组长是谁?") == "组长"
    assert focus("谁是工作组组长?") == "组长"
    assert focus("东南亚数字经济规模有多大?") == "规模"
    assert focus("How many countries have joined?") == ""
    assert "18" in new_words(report_sentence("合作国家达到18个"), match_key("合作国家有多少个"))


def test_training_reproduces_the_stored_weights(tmp_path: Path) -> None:
    import evals.train_verifier as train

    out = tmp_path / "verifier.json"
    model = train.fit_and_write(train.FEATURES_FILE, out, verbose=False)
    stored = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    fresh = json.loads(out.read_text(encoding="utf-8"))
    assert fresh["features"] == stored["features"] == list(FEATURES)
    assert fresh["threshold"] == stored["threshold"]
    for key in ("mean", "scale", "weights"):
        np.testing.assert_allclose(fresh[key], stored[key], atol=1e-6)
    assert fresh["bias"] == pytest.approx(stored["bias"], abs=1e-6)
    assert 0.0 < model.threshold < 0.5


def test_training_data_never_includes_the_held_out_test_split() -> None:
    import evals.train_verifier as train

    blind = {json.loads(line)["id"]: json.loads(line)["split"]
             for line in (ROOT / "evals" / "blind" / "questions.jsonl").read_text(encoding="utf-8").splitlines()}
    records = train.load_records(train.FEATURES_FILE)
    assert {r["set"] for r in records} == {"first", "blind-dev"}
    assert all(blind[r["id"]] == "dev" for r in records if r["set"] == "blind-dev")


def test_the_verifier_refuses_only_what_the_rules_accepted() -> None:
    assert verified(Verdict(True), 0.01, 0.07) == Verdict(False, "verifier (0.01 < 0.07)")
    assert verified(Verdict(True), 0.5, 0.07) == Verdict(True)
    weak = Verdict(False, "weak evidence (0.10 < 0.30)")
    assert verified(weak, 0.99, 0.07) == weak  # it never overrides a rule's refusal


def test_setting_and_stored_model() -> None:
    assert Settings().answer_verifier is False  # off by default: it did not help on held-out data
    assert Settings.from_env({"ASSISTANT_VERIFIER": "1"}).answer_verifier is True
    assert Settings.from_env({"ASSISTANT_VERIFIER": "0"}).answer_verifier is False
    model = load_model()
    assert model.names == FEATURES
    neutral = Model.neutral()
    assert neutral.probability(np.zeros((2, len(FEATURES)))).tolist() == [0.5, 0.5]


@pytest.mark.slow
def test_verifier_reads_the_candidates_of_a_real_question(real_assistant) -> None:
    real_assistant.verifier = load_model()
    try:
        answer = real_assistant.ask("数字丝绸之路合作国家目前有多少个?")
    finally:
        real_assistant.verifier = None
    assert not answer.refused and "18个" in answer.text
    assessment = answer.debug["verifier"]
    assert assessment.probability >= load_model().threshold
    assert len(assessment.rows[0]) == len(FEATURES)
