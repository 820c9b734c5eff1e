"""Run the question set through the assistant and aggregate the metrics."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from assistant.config import Settings
from assistant.evaluation import metrics as m
from assistant.evaluation.dataset import EvalQuestion
from assistant.pipeline import Assistant

SEARCH_K = 10


@dataclass(frozen=True)
class QuestionResult:
    id: str
    category: str
    lang: str
    answerable: bool
    question: str
    answer: str
    refused: bool
    ranked: tuple[str, ...]
    cited: tuple[str, ...]
    hit1: float
    hit5: float
    mrr10: float
    ndcg10: float
    fact_accuracy: float
    all_facts: float  # 1.0 when the answer carries every key fact
    citation_precision: float
    citation_recall: float
    cited_gold: float  # 1.0 when a gold paragraph is among the cited ones
    latency_ms: float
    evidence: float  # the refusal signal, kept so thresholds can be swept offline
    reason: str = ""  # why the answer was refused ("weak evidence …" is the threshold's doing)


def evaluate_question(assistant: Assistant, q: EvalQuestion) -> QuestionResult:
    answer, retrieval = assistant.ask_traced(q.question, search_k=SEARCH_K)
    ranked = tuple(h.paragraph_id for h in retrieval.hits)
    cited = tuple(c.paragraph.id for c in answer.citations)
    gold = set(q.gold)
    texts = {c.paragraph.id: c.paragraph.text for c in answer.citations}
    text = "" if answer.refused else answer.text
    return QuestionResult(
        q.id, q.category, q.lang, q.answerable, q.question, answer.text, answer.refused, ranked, cited,
        m.hit_at(ranked, gold, 1), m.hit_at(ranked, gold, 5), m.reciprocal_rank(ranked, gold, 10),
        m.ndcg_at(ranked, gold, 10), m.fact_accuracy(text, q.facts) if not answer.refused else 0.0,
        m.all_facts(text, q.facts) if not answer.refused else 0.0,
        m.citation_precision(cited, gold, texts, q.facts), m.citation_recall(cited, gold),
        1.0 if gold & set(cited) else 0.0, answer.latency_ms, float(answer.debug.get("evidence", 0.0)),
        refusal_reason(answer.debug),
    )


def refusal_reason(debug: dict) -> str:
    """The judgement's reason for a refusal; for a multi-part question, its parts' reasons."""
    if debug.get("reason"):
        return str(debug["reason"])
    return "; ".join(str(p["reason"]) for p in debug.get("parts", []) if p.get("reason"))


ANSWER_METRICS = ("hit1", "hit5", "mrr10", "ndcg10", "fact_accuracy", "all_facts", "citation_precision",
                  "citation_recall", "cited_gold")


def summarise(results: Sequence[QuestionResult]) -> dict[str, float]:
    """Means of the answer metrics over answerable questions, refusal scores over all."""
    answerable = [r for r in results if r.answerable]
    summary: dict[str, float] = {"questions": float(len(results)), "answerable": float(len(answerable))}
    for name in ANSWER_METRICS:
        values = [getattr(r, name) for r in answerable]
        summary[name] = sum(values) / len(values) if values else 0.0
    summary.update(m.refusal_scores([r.refused for r in results], [r.answerable for r in results]))
    latencies = [r.latency_ms for r in results]
    summary["latency_p50_ms"] = m.percentile(latencies, 50)
    summary["latency_p95_ms"] = m.percentile(latencies, 95)
    return summary


def by_category(results: Sequence[QuestionResult]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[QuestionResult]] = defaultdict(list)
    for result in results:
        groups[result.category].append(result)
    return {name: summarise(items) for name, items in sorted(groups.items())}


def threshold_sweep(results: Sequence[QuestionResult], lang: str, thresholds: Sequence[float]) -> list[dict]:
    """Refusal recall and false-refusal rate at each threshold, for one question language."""
    chosen = [r for r in results if r.lang == lang]
    rows = []
    for threshold in thresholds:
        # A refusal for another reason (a name the corpus lacks, no figure) stands at any threshold.
        refused = [r.evidence < threshold or (r.refused and not r.reason.startswith("weak evidence")) for r in chosen]
        scores = m.refusal_scores(refused, [r.answerable for r in chosen])
        rows.append({"threshold": threshold, **scores})
    return rows


@dataclass(frozen=True)
class EvalRun:
    retriever: str
    embedder: str
    load_seconds: float
    overall: dict[str, float]
    categories: dict[str, dict[str, float]]
    results: tuple[QuestionResult, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["results"] = [asdict(r) for r in self.results]
        return data


def run_eval(
    settings: Settings, questions: Sequence[EvalQuestion], mode: str = "hybrid",
    progress: Callable[[str], None] = lambda _m: None,
) -> EvalRun:
    started = time.perf_counter()
    assistant = Assistant.open(settings, progress=progress, mode=mode)
    assistant.ask("warm-up 预热")  # first call pays one-off costs (jieba dictionary)
    load_seconds = time.perf_counter() - started
    results = tuple(evaluate_question(assistant, q) for q in questions)
    return EvalRun(mode, assistant.embedder.name, load_seconds, summarise(results), by_category(results), results)
