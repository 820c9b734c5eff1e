"""Verdicts for an answer's claims against the paragraphs they cite.

`supported`: one sentence of a cited paragraph states the claim (all its numbers, as
numbers, and most of its words, or a close embedding for paraphrase and English).
`contradicted`: that sentence is on the same point but gives another number or name.
`unsupported`: no sentence states it. `uncited`: it cites no paragraph that exists.
Anything not supported gets `suggested`: the retrieved paragraph that best states it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.corpus import CorpusView
from assistant.quiz.facts import Gazetteer, build_gazetteer, same_entity
from assistant.review.claims import Claim, split_claims
from assistant.review.numbers import Quantity, conflicting, find_quantities, missing_quantities
from assistant.text import cjk_ratio, match_key, tokenize
from assistant.types import Hit, Paragraph

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

COVERAGE = 0.6  # share of a Chinese claim's IDF-weighted words found in the sentence
COSINE_ZH = 0.75  # ... or this close in meaning (a paraphrase)
COSINE_EN = 0.5  # an English claim against a Chinese sentence: meaning and numbers only
TOPICAL_ZH, TOPICAL_EN = 0.45, 0.4  # "about the same thing", for contradictions
VERDICTS = ("supported", "contradicted", "unsupported", "uncited")
_SOURCE_LINE = re.compile(r"^(?:出处|[Ss]ource)\s*\d+\s*[::]\s*")
_NUMERIC = re.compile(r"[\d.,%]+")
_CLAUSE = re.compile(r"[,,;;::。]")


class CheckError(ValueError):
    """The input holds no claim to check."""


@dataclass(frozen=True)
class Suggestion:
    id: str
    locator: str
    text: str


@dataclass(frozen=True)
class ClaimVerdict:
    text: str
    verdict: str
    citation: tuple[str, str] | None  # (paragraph id, locator) the verdict was reached on
    evidence: str  # best-matching sentence of the cited paragraph, "" when uncited
    suggested: Suggestion | None

    def to_dict(self) -> dict[str, Any]:
        citation = {"id": self.citation[0], "locator": self.citation[1]} if self.citation else None
        return {"text": self.text, "verdict": self.verdict, "citation": citation, "evidence": self.evidence,
                "suggested": vars(self.suggested) if self.suggested else None}


@dataclass(frozen=True)
class CheckReport:
    claims: tuple[ClaimVerdict, ...]

    @property
    def verdict(self) -> str:
        return "supported" if self.claims and all(c.verdict == "supported" for c in self.claims) else "issues"

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True)
class Match:
    """How one report sentence stands to one claim."""

    sentence: str
    paragraph_id: str
    coverage: float
    cosine: float
    missing: tuple[Quantity, ...]  # claim numbers the sentence lacks
    number_conflict: bool  # ... and it states another number of the same kind
    name_conflict: bool  # a claim name is absent and the sentence names another of that kind
    names_missing: bool

    def relevance(self) -> float:
        return self.coverage + self.cosine

    def topical(self, english: bool) -> bool:
        return self.cosine >= TOPICAL_EN if english else self.coverage >= TOPICAL_ZH or self.cosine >= COSINE_ZH

    def supports(self, english: bool) -> bool:
        close = self.cosine >= COSINE_EN if english else self.coverage >= COVERAGE or self.cosine >= COSINE_ZH
        return close and not self.missing and not self.names_missing


@dataclass(frozen=True)
class _Probe:
    """A claim prepared once: its words, numbers, names and vector."""

    text: str
    english: bool
    weights: dict[str, float]
    quantities: list[Quantity]
    names: list[str]
    vector: np.ndarray


Embed = Callable[[Sequence[str]], np.ndarray]
Retrieve = Callable[[str, int], Sequence[Hit]]


class Checker:
    """Checks answers against one corpus; built once, it caches clause vectors per paragraph."""

    def __init__(self, corpus: CorpusView, embed: Embed, retrieve: Retrieve) -> None:
        self.corpus = corpus
        self.embed = embed
        self.retrieve = retrieve
        self.gazetteer: Gazetteer = build_gazetteer(p.text for p in corpus.paragraphs)
        self.by_locator = {match_key(p.locator): p for p in corpus.paragraphs}
        self._cache: dict[str, list[tuple[str, np.ndarray]]] = {}

    @classmethod
    def from_assistant(cls, assistant: Assistant) -> Checker:
        return cls(assistant.corpus, assistant.embedder.embed, lambda q, k: assistant.retriever.retrieve(q, k).hits)

    def resolve(self, claim: Claim) -> list[Paragraph]:
        """Cited paragraphs that exist; markers like [1] resolve to nothing."""
        found = []
        for ref in claim.refs:
            para = self.corpus.by_id.get(ref.value) if ref.kind == "id" else None
            if ref.kind == "locator":
                para = self.by_locator.get(match_key(ref.value))
            if para is not None and para not in found:
                found.append(para)
        return found

    def _probe(self, text: str, vector: np.ndarray) -> _Probe:
        tokens = [t for t in tokenize(text) if not _NUMERIC.fullmatch(t)]
        weights = {t: self.corpus.idf.get(t, self.corpus.max_idf) for t in set(tokens)}
        names = [name for _, name in self.gazetteer.find(text)]
        return _Probe(text, cjk_ratio(text) < 0.3, weights, find_quantities(text), names, vector)

    def _evidence(self, para: Paragraph) -> list[tuple[str, np.ndarray]]:
        """A paragraph's sentences (and footnotes, for 出处 lines), each with the vectors of its clauses.

        A short claim often restates one clause of a long sentence, so its cosine is
        taken against the sentence and against each clause, and the best one counts.
        """
        if para.id not in self._cache:
            texts = [s.text for s in self.corpus.sentences.get(para.id, ())]
            texts += [s.text or s.title for s in self.corpus.sources_of(para) if not s.missing]
            pieces = [[t, *(c for c in _CLAUSE.split(t) if len(c) >= 6 and c != t)] for t in texts]
            flat = [piece for group in pieces for piece in group]
            vectors = self.embed(flat) if flat else np.zeros((0, 1), dtype=np.float32)
            out, row = [], 0
            for text, group in zip(texts, pieces, strict=True):
                out.append((text, vectors[row : row + len(group)]))
                row += len(group)
            self._cache[para.id] = out
        return self._cache[para.id]

    def match(self, probe: _Probe, sentence: str, vectors: np.ndarray, pid: str) -> Match:
        key = match_key(sentence)
        total = sum(probe.weights.values())
        coverage = sum(w for t, w in probe.weights.items() if t in key) / total if total else 1.0
        found = find_quantities(sentence)
        names = [name for _, name in self.gazetteer.find(sentence)]
        absent = [n for n in probe.names if not any(same_entity(n, s) for s in names)]
        kinds = {self.gazetteer.kind_of(n) for n in absent}
        other = any(self.gazetteer.kind_of(s) in kinds and not any(same_entity(s, n) for n in probe.names)
                    for s in names)
        cosine = float(np.max(vectors @ probe.vector))
        missing = tuple(missing_quantities(probe.quantities, found))
        return Match(sentence, pid, coverage, cosine, missing, bool(conflicting(probe.quantities, found)),
                     bool(absent) and other, bool(absent))

    def judge(self, probe: _Probe, para: Paragraph) -> tuple[str, Match | None]:
        matches = [self.match(probe, s, v, para.id) for s, v in self._evidence(para)]
        if not matches:
            return "unsupported", None
        supporting = [m for m in matches if m.supports(probe.english)]
        if supporting:
            return "supported", max(supporting, key=Match.relevance)
        best = max(matches, key=Match.relevance)
        if best.topical(probe.english) and (best.number_conflict or best.name_conflict):
            return "contradicted", best
        return "unsupported", best

    def suggest(self, probe: _Probe, cited: Sequence[Paragraph]) -> Suggestion | None:
        """The paragraph whose best sentence supports the claim, else refutes it, else is closest."""
        candidates = list(cited)
        for hit in self.retrieve(probe.text, 5):
            para = self.corpus.by_id[hit.paragraph_id]
            if para not in candidates:
                candidates.append(para)
        order = {"supported": 2, "contradicted": 1, "unsupported": 0}
        scored = []
        for para in candidates:
            verdict, best = self.judge(probe, para)
            if best is not None:
                scored.append((order[verdict], best.relevance(), para))
        if not scored:
            return None
        para = max(scored, key=lambda item: (item[0], item[1]))[2]
        return Suggestion(para.id, para.locator, para.text)

    def supports(self, text: str, paragraph: Paragraph) -> bool:
        """Whether a sentence of `paragraph` supports the claim: the UI shows a suggestion only then."""
        text = _SOURCE_LINE.sub("", text)
        return self.judge(self._probe(text, self.embed([text])[0]), paragraph)[0] == "supported"

    def check_claim(self, claim: Claim, vector: np.ndarray) -> ClaimVerdict:
        probe = self._probe(_SOURCE_LINE.sub("", claim.text), vector)
        cited = self.resolve(claim)
        if not cited:
            return ClaimVerdict(claim.text, "uncited", None, "", self.suggest(probe, []))
        results = [(self.judge(probe, para), para) for para in cited]
        rank = {"supported": 0, "contradicted": 1, "unsupported": 2}
        (verdict, best), para = min(results, key=lambda r: (rank[r[0][0]], -(r[0][1].relevance() if r[0][1] else 0)))
        suggested = None if verdict == "supported" else self.suggest(probe, cited)
        return ClaimVerdict(claim.text, verdict, (para.id, para.locator), best.sentence if best else "", suggested)

    def check(self, answer: str) -> CheckReport:
        claims = split_claims(answer)
        if not claims:
            raise CheckError("the answer holds no sentence to check")
        vectors = self.embed([_SOURCE_LINE.sub("", c.text) for c in claims])
        return CheckReport(tuple(self.check_claim(c, v) for c, v in zip(claims, vectors, strict=True)))


def check_answer(answer: str, assistant: Assistant) -> CheckReport:
    return Checker.from_assistant(assistant).check(answer)


def report_to_text(report: CheckReport) -> str:
    """A readable table: one row per claim, evidence and suggestion indented under it."""
    supported = sum(c.verdict == "supported" for c in report.claims)
    lines = [f"verdict: {report.verdict} ({supported} of {len(report.claims)} claims supported)", "",
             f"{'#':>3}  {'verdict':<13} {'citation':<12} claim"]
    for number, claim in enumerate(report.claims, start=1):
        locator = claim.citation[1] if claim.citation else "-"
        lines.append(f"{number:>3}  {claim.verdict:<13} {locator:<12} {claim.text}")
        if claim.evidence:
            lines.append(f"{'':>5}evidence:  {claim.evidence}")
        if claim.suggested:
            s = claim.suggested
            lines.append(f"{'':>5}suggested: {s.locator} ({s.id}) {s.text[:120]}{'…' if len(s.text) > 120 else ''}")
    return "\n".join(lines)
