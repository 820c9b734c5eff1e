"""Train the answer verifier (assistant/answer/verifier.py) from the repository's own questions.

Usage (from the repo root):
    python evals/train_verifier.py collect   # ask the questions, write evals/verifier/features.jsonl
    python evals/train_verifier.py fit       # fit the weights, write assistant/answer/verifier.json

Training data, and nothing else: the first eval set (evals/questions.jsonl) and the blind set's DEV
split. The blind TEST split and RGB are held out. Per question, the feature rows of the best
admissible sentences (what the rules let through) are labelled:
- an answerable question's sentence holding a key fact, in a gold paragraph or holding at least half
  the key facts (a question without facts: any sentence of a gold paragraph): 1;
- an unanswerable question's sentences: 0;
- "ablation" negatives: an answerable question asked again with its gold paragraphs removed from
  the hits, so the best remaining sentences are on the topic but (mostly) lack the answer: 0
  (a sentence that still holds one of the key facts is left out);
- other sentences of answerable questions: left out (they may or may not answer).
`fit` is deterministic (Newton's method, fixed folds by a hash of the question id). The threshold
is read off out-of-fold probabilities at the question level: the highest that adds at most
MAX_ADDED_FALSE_REFUSALS false refusals on answerable questions the rules accept.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer.verifier import WEIGHTS, Model, fit  # noqa: E402
from assistant.answer.verifier_features import FEATURES  # noqa: E402
from assistant.text import match_key  # noqa: E402

FEATURES_FILE = ROOT / "evals" / "verifier" / "features.jsonl"
SETS = (("first", ROOT / "evals" / "questions.jsonl", None), ("blind-dev", ROOT / "evals" / "blind" / "questions.jsonl",
                                                              "dev"))
FOLDS = 5
SEARCH_DEPTH = 50  # paragraphs searched before the gold ones are taken out
L2 = 10.0
MAX_ADDED_FALSE_REFUSALS = 0.03  # share of answerable questions the verifier may newly refuse (out of fold)


def _label(pid: str, sentence: str, gold: set[str], facts: list[str], answerable: bool, ablation: bool) -> int | None:
    key = match_key(sentence)
    found = sum(1 for f in facts if match_key(f) in key)
    if ablation:
        return None if found else 0
    if not answerable:
        return 0
    if facts:  # the sentence that supplies the answer holds a key fact
        return 1 if found and (pid in gold or found * 2 >= len(facts)) else None
    return 1 if pid in gold else None


def _records(debug: dict) -> list[dict]:
    """The verifier's readings in an answer's debug trace (one per part of a multi-part question)."""
    parts = debug.get("parts") or [debug]
    found = []
    for part in parts:
        assessment = part.get("verifier")
        if assessment is not None:
            found.append({"rule_accept": not part.get("reason"), "rows": [list(r) for r in assessment.rows],
                          "pids": list(assessment.paragraphs), "sentences": list(assessment.sentences)})
    return found


def retrieve_without(assistant, question: str, excluded: set[str]):
    """The search as if the excluded paragraphs were not in the library: the best SEARCH_DEPTH paragraphs
    without them, their scores fused again after normalising over the rest (as retrieval normalises)."""
    from assistant.fusion import max_normalise, score_fusion
    from assistant.types import Hit

    retrieval = assistant.retriever.retrieve(question, SEARCH_DEPTH)
    kept = [h for h in retrieval.hits if h.paragraph_id not in excluded]
    lexical = np.array([h.lexical for h in kept], dtype=float)
    dense = np.array([h.dense for h in kept], dtype=float)
    fused = score_fusion(lexical, dense, assistant.retriever.lexical_weight)
    lex_norm = max_normalise(lexical)
    order = sorted(range(len(kept)), key=lambda i: -fused[i])[: assistant.settings.top_k]
    hits = tuple(Hit(kept[i].paragraph_id, float(fused[i]), float(lex_norm[i]), kept[i].dense) for i in order)
    return replace(retrieval, hits=hits)


def collect(out: Path) -> int:
    from assistant.config import Settings
    from assistant.evaluation.dataset import load_questions
    from assistant.pipeline import Assistant

    assistant = Assistant.open(Settings.from_env({}, index_dir=ROOT / "index", corpus_dir=ROOT / "corpus"))
    assistant.verifier = Model.neutral()  # reads every question's candidates, refuses none
    lines = []
    for name, path, split in SETS:
        for q in load_questions(path, split):
            gold, facts = set(q.gold), list(q.facts)
            runs = [("asked", assistant.ask_traced(q.question)[0].debug)]
            if q.answerable and gold:
                retrieval = retrieve_without(assistant, q.question, gold)
                runs.append(("ablation", assistant._compose(q.question, retrieval, assistant.settings.top_k).debug))
            for source, debug in runs:
                for record in _records(debug):
                    labels = [_label(pid, s, gold, facts, q.answerable, source == "ablation")
                              for pid, s in zip(record["pids"], record["sentences"], strict=True)]
                    lines.append(json.dumps({"set": name, "id": q.id, "source": source, "answerable": q.answerable,
                                             "rule_accept": record["rule_accept"], "labels": labels,
                                             "rows": [[round(v, 6) for v in r] for r in record["rows"]]},
                                            ensure_ascii=False))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} records -> {out}")
    return 0


def load_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _fold(qid: str) -> int:
    return zlib.crc32(qid.encode()) % FOLDS


def _training_rows(records: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for record in records:
        for row, label in zip(record["rows"], record["labels"], strict=True):
            if label is not None:
                rows.append(row)
                labels.append(label)
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def _model(records: list[dict], threshold: float = 0.5) -> Model:
    rows, labels = _training_rows(records)
    mean, scale, weights, bias = fit(rows, labels, L2)
    return Model(FEATURES, mean, scale, weights, bias, threshold)


def out_of_fold(records: list[dict]) -> list[float]:
    """Each record's question-level probability (the best of its rows) from a model that never saw its question."""
    scores = [0.0] * len(records)
    for fold in range(FOLDS):
        model = _model([r for r in records if _fold(r["id"]) != fold])
        for i, record in enumerate(records):
            if _fold(record["id"]) == fold and record["rows"]:
                scores[i] = float(model.probability(np.array(record["rows"])).max())
    return scores


def choose_threshold(records: list[dict], scores: list[float]) -> float:
    """The highest threshold whose added false refusals (asked, answerable, accepted by the rules) stay in budget."""
    answerable = [s for r, s in zip(records, scores, strict=True)
                  if r["source"] == "asked" and r["answerable"] and r["rule_accept"]]
    budget = MAX_ADDED_FALSE_REFUSALS * len(answerable)
    candidates = sorted(set(np.round(np.arange(0.01, 1.0, 0.01), 2)))
    best = 0.0
    for t in candidates:
        if sum(1 for s in answerable if s < t) <= budget:
            best = float(t)
    return best


def sweep(records: list[dict], scores: list[float]) -> None:
    """Question-level refusal rates at each threshold, out of fold, for the records the rules accept."""
    def share(selected: list[float], t: float) -> str:
        return f"{sum(1 for s in selected if s < t) / len(selected):.3f} ({len(selected)})" if selected else "-"

    groups: dict[str, list[float]] = {}
    for record, score in zip(records, scores, strict=True):
        if not record["rule_accept"]:
            continue
        kind = "answerable" if record["answerable"] else "unanswerable"
        kind = "ablation" if record["source"] == "ablation" else kind
        groups.setdefault(f"{record['set']} {kind}", []).append(score)
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        print(f"t={t:.2f} " + "  ".join(f"{name}: {share(v, t)}" for name, v in sorted(groups.items())))


def fit_and_write(features_file: Path, out: Path, verbose: bool = True) -> Model:
    records = load_records(features_file)
    scores = out_of_fold(records)
    threshold = choose_threshold(records, scores)
    if verbose:
        sweep(records, scores)
        print(f"threshold {threshold:.2f}")
    model = _model(records, threshold)
    out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["collect", "fit"])
    parser.add_argument("--features", type=Path, default=FEATURES_FILE)
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args(argv)
    if args.stage == "collect":
        return collect(args.features)
    model = fit_and_write(args.features, args.out)
    for name, weight in sorted(zip(model.names, model.weights, strict=True), key=lambda item: -abs(item[1])):
        print(f"{name:22s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
