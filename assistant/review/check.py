"""Verdicts for an answer's claims against the paragraphs they cite.

`supported`: one sentence of a cited paragraph (read with the sentence before it and
its heading, where the subject is often named) states the claim: its numbers as
numbers, its names through the shared name table, its polarity and direction, and
most of its words or a close embedding. `contradicted`: the cited text states a
different value for the same thing (another number, another name of the same kind,
the negation, the other direction). `unsupported`: nothing there states it.
`uncited`: it cites no paragraph that exists. A claim that is not supported gets
`suggested` only when another paragraph of the corpus does support it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from assistant.answer.footnotes import UNPLACED, report_footnotes
from assistant.corpus import CorpusView
from assistant.lexicon import ENTITY_KINDS, NameTable, load_name_table
from assistant.lexicon.numerals import find_quantities
from assistant.review.claims import Claim, split_claims
from assistant.review.matching import Evidence, Match, Probe, entity_groups, match
from assistant.review.verdicts import (  # re-exported: the CLI and the web app import them from here
    VERDICTS,
    CheckError,
    CheckReport,
    ClaimVerdict,
    Suggestion,
    reason_for,
    report_to_text,
)
from assistant.review.words import everyday, unknown_names
from assistant.text import cjk_ratio, match_key, tokenize
from assistant.types import Hit, Paragraph

if TYPE_CHECKING:
    from assistant.pipeline import Assistant

__all__ = ["VERDICTS", "CheckError", "CheckReport", "Checker", "ClaimVerdict", "Suggestion", "check_answer",
           "report_to_text"]

SUGGEST_K = 8  # retrieved paragraphs tried for a suggestion
_SOURCE_LINE = re.compile(r"^(?:出处|[Ss]ource)\s*\d+\s*[:：]\s*")
_NUMERIC = re.compile(r"[\d.,%]+|[\d零〇一二两三四五六七八九十百千万亿]*[多余]?[个家项年月日天国座张元人次倍款条种]?")
_META = frozenset({"报告", "建议", "认为", "指出", "提到", "表示", "说", "称", "据", "the", "report", "says"})
_CLAUSE = re.compile(r"[,，;；:：。]")


Embed = Callable[[Sequence[str]], np.ndarray]
Retrieve = Callable[[str, int], Sequence[Hit]]


class Checker:
    """Checks answers against one corpus; built once, it caches prepared sentences per paragraph."""

    def __init__(self, corpus: CorpusView, embed: Embed, retrieve: Retrieve, names: NameTable | None = None) -> None:
        self.corpus = corpus
        self.embed = embed
        self.retrieve = retrieve
        self.names = names if names is not None else load_name_table(None, (p.text for p in corpus.paragraphs))
        self._cache: dict[str, list[Evidence]] = {}
        self._vectors: dict[str, np.ndarray] = {}  # claim text -> vector (prime() fills it in batches)

    @cached_property
    def by_locator(self) -> dict[str, Paragraph]:
        """Locator -> paragraph, built at the first claim citing a locator (a library has many paragraphs)."""
        return {match_key(p.locator): p for p in self.corpus.live_paragraphs()}

    @classmethod
    def from_assistant(cls, assistant: Assistant) -> Checker:
        """The assistant's own name table: its aliases and the pairs the report and sources write, stored when
        they were indexed (reading every paragraph of a large library for pairs took seconds at start)."""
        return cls(assistant.corpus, assistant.embedder.embed,
                   lambda q, k: assistant.retriever.retrieve(q, k).hits, assistant.names)

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

    def weight(self, token: str) -> float:
        """Corpus IDF; a word the corpus never uses weighs the most, unless it is everyday language (已经)."""
        if token in self.corpus.idf:
            return self.corpus.idf[token]
        return self.corpus.median_idf if everyday(token) else self.corpus.max_idf

    def probe(self, text: str, vector: np.ndarray) -> Probe:
        tokens = [t for t in tokenize(text) if not _NUMERIC.fullmatch(t) and t not in _META]
        weights = {t: self.weight(t) for t in set(tokens)}
        clauses, start = [], 0
        for piece in re.split(r"(?<=[,，;；。])", text):
            words = [t for t in tokenize(piece) if not _NUMERIC.fullmatch(t)]
            clauses.append((start, start + len(piece), {t: weights.get(t, self.weight(t)) for t in words}))
            start += len(piece)
        mentions = tuple(m for m in self.names.find(text) if m.group.kind in ENTITY_KINDS)
        synonyms = {}
        for token in weights:
            group = self.names.group_of(token)
            if group is not None:
                synonyms[token] = tuple(n.lower() for n in group.names if n.lower() != token)
        return Probe(text, cjk_ratio(text) < 0.3, weights, tuple(find_quantities(text)),
                     entity_groups(self.names, text), vector, mentions, tuple(clauses), synonyms,
                     unknown_names(text, mentions, self.names))

    def evidence(self, para: Paragraph) -> list[Evidence]:
        """A paragraph's sentences (and footnotes, for 出处 lines), each with its context and clause vectors.

        A short claim often restates one clause of a long sentence, so its cosine is
        taken against the sentence and against each clause, and the best one counts.
        """
        if para.id in self._cache:
            return self._cache[para.id]
        texts = [s.text for s in self.corpus.sentences.get(para.id, ())]
        texts += [s.text or s.title for s in self.corpus.sources_of(para) if not s.missing]
        pieces = [[t, *(c for c in _CLAUSE.split(t) if len(c) >= 6 and c != t)] for t in texts]
        flat = [piece for group in pieces for piece in group]
        vectors = self.embed(flat) if flat else np.zeros((0, 1), dtype=np.float32)
        heading = para.heading_path[-1] if para.heading_path else ""
        out, row = [], 0
        for i, (text, group) in enumerate(zip(texts, pieces, strict=True)):
            out.append(self._prepare(para, heading, texts[max(0, i - 2) : i], text, vectors[row : row + len(group)]))
            row += len(group)
        pairs = [texts[i] + texts[i + 1] for i in range(len(texts) - 1)]  # a claim may merge two sentences
        if pairs:
            for i, (pair, vector) in enumerate(zip(pairs, self.embed(pairs), strict=True)):
                out.append(self._prepare(para, heading, texts[max(0, i - 2) : i], pair, vector[None, :], True))
        self._cache[para.id] = out
        return out

    def _prepare(self, para: Paragraph, heading: str, before: Sequence[str], text: str,
                 vectors: np.ndarray, pair: bool = False) -> Evidence:
        context = " ".join([heading, *before, text])
        clauses = tuple((match_key(c), tuple(find_quantities(c))) for c in _CLAUSE.split(text) if c.strip())
        context_groups = entity_groups(self.names, context)
        return Evidence(text, para.id, match_key(text), match_key(heading), match_key(context),
                        tuple(find_quantities(text)), tuple(find_quantities(context)),
                        entity_groups(self.names, text), context_groups, vectors, clauses,
                        tuple(n.lower() for g in context_groups for n in g.names), pair)

    def judge(self, probe: Probe, para: Paragraph) -> tuple[str, Match | None]:
        matches = [match(probe, ev, self.names) for ev in self.evidence(para)]
        if not matches:
            return "unsupported", None
        singles = [m for m, ev in zip(matches, self.evidence(para), strict=True) if not ev.pair]
        if any(m.close(probe.english) for m in singles):  # one sentence states it: a pair may not overrule that
            matches = singles
        supporting = [m for m in matches if m.supports(probe.english)]
        if supporting:
            return "supported", max(supporting, key=Match.relevance)
        best = max(matches, key=Match.relevance)
        if best.topical(probe.english) and best.conflict():
            return "contradicted", best
        return "unsupported", best

    @cached_property
    def _paragraph_keys(self) -> list[tuple[Paragraph, str]]:
        return [(p, match_key(" ".join([*p.heading_path, p.text]))) for p in self.corpus.paragraphs]

    def candidates(self, probe: Probe) -> list[Paragraph]:
        """Paragraphs to try for a suggestion: by the claim's words (Chinese), else by retrieval (English)."""
        if probe.english or not probe.weights:
            found = [self.corpus.by_id.get(h.paragraph_id) for h in self.retrieve(probe.text, SUGGEST_K)]
            return [p for p in found if p is not None]
        scored = []
        for para, key in self._paragraph_keys:
            score = sum(w for t, w in probe.weights.items() if t in key)
            scored.append((score, para))
        scored.sort(key=lambda item: -item[0])
        return [para for _, para in scored[:SUGGEST_K]]

    def suggest(self, probe: Probe, cited: Sequence[Paragraph]) -> Suggestion | None:
        """Another paragraph whose sentence supports the claim (the best of the candidates), else None."""
        best: tuple[float, Paragraph] | None = None
        for para in self.candidates(probe):
            if para in cited:
                continue
            verdict, found = self.judge(probe, para)
            if verdict == "supported" and found is not None and (best is None or found.relevance() > best[0]):
                best = (found.relevance(), para)
        return Suggestion.of(best[1]) if best else None

    def supports(self, text: str, paragraph: Paragraph) -> bool:
        """Whether a sentence of `paragraph` supports the claim: the UI shows a suggestion only then."""
        text = _SOURCE_LINE.sub("", text)
        return self.judge(self.probe(text, self.vectors([text])[0]), paragraph)[0] == "supported"

    def unplaced_footnote(self, text: str) -> ClaimVerdict | None:
        """A source line for a footnote whose mark the text lost (the answers' source list writes them so):
        supported when the report has that footnote with that text; there is no paragraph to cite."""
        stripped = text.rstrip("。. ")
        suffix = next((s.strip() for s in UNPLACED.values() if stripped.endswith(s.strip())), "")
        number = re.match(r"^(?:出处|[Ss]ource)\s*(\d+)", stripped)
        if not suffix or not number:
            return None
        line = _SOURCE_LINE.sub("", stripped)[: -len(suffix)].strip()
        found = report_footnotes(self.corpus).get(int(number.group(1)))
        if found is not None and found.text == line:
            return ClaimVerdict(text, "supported", None, found.text, None)
        return ClaimVerdict(text, "unsupported", None, "", None, "no footnote of the report says this")

    def check_claim(self, claim: Claim, vector: np.ndarray) -> ClaimVerdict:
        footnote = self.unplaced_footnote(claim.text)
        if footnote is not None:
            return footnote
        probe = self.probe(_SOURCE_LINE.sub("", claim.text), vector)
        cited = self.resolve(claim)
        if not cited:
            return ClaimVerdict(claim.text, "uncited", None, "", self.suggest(probe, []), "no citation to a paragraph")
        results = [(self.judge(probe, para), para) for para in cited]
        rank = {"supported": 0, "contradicted": 1, "unsupported": 2}
        (verdict, best), para = min(results, key=lambda r: (rank[r[0][0]], -(r[0][1].relevance() if r[0][1] else 0)))
        suggested = None if verdict == "supported" else self.suggest(probe, cited)
        return ClaimVerdict(claim.text, verdict, (para.id, para.locator), best.sentence if best else "", suggested,
                            reason_for(verdict, best))

    def prime(self, texts: Sequence[str], batch: int = 64) -> None:
        """Embed many claims ahead in batches (an evaluation checks hundreds one by one)."""
        todo = [t for t in dict.fromkeys(_SOURCE_LINE.sub("", t) for t in texts) if t not in self._vectors]
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            self._vectors.update(zip(chunk, self.embed(chunk), strict=True))

    def vectors(self, texts: Sequence[str]) -> list[np.ndarray]:
        missing = [t for t in texts if t not in self._vectors]
        fresh = dict(zip(missing, self.embed(missing), strict=True)) if missing else {}
        return [self._vectors[t] if t in self._vectors else fresh[t] for t in texts]

    def check(self, answer: str) -> CheckReport:
        claims = split_claims(answer)
        if not claims:
            raise CheckError("the answer holds no sentence to check")
        vectors = self.vectors([_SOURCE_LINE.sub("", c.text) for c in claims])
        return CheckReport(tuple(self.check_claim(c, v) for c, v in zip(claims, vectors, strict=True)))


def check_answer(answer: str, assistant: Assistant) -> CheckReport:
    return Checker.from_assistant(assistant).check(answer)


