"""The answer verifier: does this admissible sentence answer the question? A logistic regression.

The rules (judgement.py) decide what they can decide (names, years, answer types, weak
evidence); the verifier reads the sentences the rules let through and gives the chance that the
best of them answers. Weights live in verifier.json beside this module (JSON, no pickle),
written by evals/train_verifier.py from the repository's own questions (see evals/RESULTS.md).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answer.analysis import Analysis
from assistant.answer.candidates import evidence, surroundings
from assistant.answer.evidence import Concept
from assistant.answer.selection import ScoredSentence
from assistant.answer.verifier_features import FEATURES, Reading, features
from assistant.corpus import CorpusView
from assistant.types import Hit

WEIGHTS = Path(__file__).with_name("verifier.json")
CANDIDATES = 3  # the best admissible sentences read; the question is answered when one of them answers


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float  # below this chance the answer is refused (chosen on dev, evals/train_verifier.py)

    def probability(self, rows: np.ndarray) -> np.ndarray:
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {"features": list(self.names), "mean": [round(float(v), 10) for v in self.mean],
                "scale": [round(float(v), 10) for v in self.scale],
                "weights": [round(float(v), 10) for v in self.weights], "bias": round(self.bias, 10),
                "threshold": self.threshold}

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(tuple(data["features"]), np.array(data["mean"]), np.array(data["scale"]),
                   np.array(data["weights"]), float(data["bias"]), float(data["threshold"]))


    @classmethod
    def neutral(cls) -> Model:
        """Chance 0.5 for everything and threshold 0: reads the features, never refuses (for collecting them)."""
        n = len(FEATURES)
        return cls(FEATURES, np.zeros(n), np.ones(n), np.zeros(n), 0.0, 0.0)


@lru_cache(maxsize=4)
def load_model(path: Path = WEIGHTS) -> Model:
    model = Model.from_json(json.loads(path.read_text(encoding="utf-8")))
    if model.names != FEATURES:
        raise ValueError(f"{path} was trained on other features; run evals/train_verifier.py")
    return model


def fit(rows: np.ndarray, labels: np.ndarray, l2: float = 1.0, iterations: int = 30) -> tuple[np.ndarray, ...]:
    """L2-regularised logistic regression by Newton's method on standardised rows: deterministic.

    Returns (mean, scale, weights, bias).
    """
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - labels) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        w = w - np.linalg.solve(hessian, gradient)
    return mean, scale, w[:-1], float(w[-1])


@dataclass(frozen=True)
class Assessment:
    probability: float  # the best candidate's chance of answering
    probabilities: tuple[float, ...]  # each candidate's
    rows: tuple[tuple[float, ...], ...]  # one feature row per candidate read
    paragraphs: tuple[str, ...]
    sentences: tuple[str, ...]


def read(analysis: Analysis, tokens: Sequence[str], concepts: Sequence[Concept], admissible: Sequence[ScoredSentence],
         hits: Sequence[Hit], corpus: CorpusView, query_vector: np.ndarray) -> tuple[list[Reading], list[list[float]]]:
    """Readings and feature rows of the best admissible sentences (the cosines are the index's vectors)."""
    rank = {h.paragraph_id: i for i, h in enumerate(hits)}
    by_id = {h.paragraph_id: h for h in hits}
    english = analysis.lang == "en"
    fused = [*(h.score for h in hits), 0.0, 0.0]
    dense = [*sorted((h.dense for h in hits), reverse=True), 0.0, 0.0]
    readings, rows = [], []
    for item in admissible[:CANDIDATES]:
        sentence = item.sentence
        paragraph = corpus.by_id[sentence.paragraph_id]
        hit = by_id.get(paragraph.id, Hit(paragraph.id, 0.0))
        before, _near = surroundings(sentence, corpus)
        reading = Reading(
            sentence=sentence.text, before=before, paragraph=" ".join([*paragraph.heading_path, paragraph.text]),
            cos_sentence=float(corpus.vectors[sentence.row] @ query_vector), cos_paragraph=hit.dense,
            lexical=hit.lexical, fused=hit.score, rank=rank.get(paragraph.id, len(hits)), score=item.score,
            best_score=admissible[0].score,
            evidence=evidence(paragraph, sentence.text, concepts, hit.dense, english),
            lead=fused[0] - fused[1], dense_lead=dense[0] - dense[1],
        )
        readings.append(reading)
        rows.append(features(analysis, tokens, concepts, reading))
    return readings, rows


def assess(model: Model, analysis: Analysis, tokens: Sequence[str], concepts: Sequence[Concept],
           admissible: Sequence[ScoredSentence], hits: Sequence[Hit], corpus: CorpusView,
           query_vector: np.ndarray) -> Assessment:
    """The verifier's reading of a question's best admissible sentences."""
    _readings, rows = read(analysis, tokens, concepts, admissible, hits, corpus, query_vector)
    chances = tuple(float(p) for p in model.probability(np.array(rows))) if rows else ()
    top = admissible[:CANDIDATES]
    return Assessment(max(chances, default=1.0), chances, tuple(tuple(r) for r in rows),
                      tuple(s.sentence.paragraph_id for s in top), tuple(s.sentence.text for s in top))

