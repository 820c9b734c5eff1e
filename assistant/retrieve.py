"""Hybrid retrieval: BM25 and dense scores fused per paragraph.

A paragraph's dense score is the best cosine of any of its units (the whole
paragraph or one sentence), so a question about one fact in a long paragraph
is not drowned by the rest of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.fusion import max_normalise, rrf_scores, score_fusion
from assistant.index.backend import FaissBackend, SearchBackend
from assistant.index.embed import Embedder
from assistant.index.load import LoadedIndex
from assistant.lexicon import ENTITY_KINDS, Mention, NameTable
from assistant.text import match_key, tokenize
from assistant.types import Hit

MODES = ("hybrid", "bm25", "dense", "rrf")
NAME_WEIGHT = 0.5  # BM25 over the question's names alone, added to the normalised BM25 of the whole question
# Up to this many units every one is scored (the report alone has ~350); above, the dense index is asked
# for its best DENSE_DEPTH units (or DENSE_DEPTH_PER_HIT per requested paragraph), never for all of them.
FULL_SCAN_UNITS = 4096
DENSE_DEPTH = 512
DENSE_DEPTH_PER_HIT = 64
# `ask --scope`: which documents a search may return (by their role in the corpus).
SCOPES = {"all": None, "report": "report", "sources": "source", "library": "library"}


@dataclass(frozen=True)
class Retrieval:
    """What one search produced: hits plus what the answer layer reuses."""

    question: str
    hits: tuple[Hit, ...]
    query_vector: np.ndarray
    query_tokens: tuple[str, ...]


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first, ties in index order: the first k of a stable argsort.

    Only the candidates at or above the k-th value are sorted, so a 100k-paragraph library costs O(n).
    """
    if k >= scores.size:
        return np.argsort(-scores, kind="stable")
    threshold = np.partition(scores, scores.size - k)[scores.size - k]
    candidates = np.flatnonzero(scores >= threshold)
    return candidates[np.argsort(-scores[candidates], kind="stable")][:k]


class HybridRetriever:
    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        lexical_weight: float = 0.6,
        mode: str = "hybrid",
        names: NameTable | None = None,
        backend: SearchBackend | None = None,
    ):
        if mode not in MODES:
            raise ValueError(f"retriever mode must be one of {', '.join(MODES)}, not {mode!r}.")
        if embedder.name != index.manifest["embedder"]["name"]:
            raise ValueError(f"index was built with {index.manifest['embedder']['name']}, not {embedder.name}.")
        self.index = index
        self.backend: SearchBackend = backend or FaissBackend(index)
        self.embedder = embedder
        self.lexical_weight = lexical_weight
        self.mode = mode
        self.names = names
        paragraphs = index.corpus.paragraphs
        # unit row -> paragraph position, to take the max cosine per paragraph
        self._owner = index.corpus.unit_owner
        self._n = len(paragraphs)
        self._roles = index.corpus.paragraph_roles()  # "" for a paragraph replaced or removed since the base
        self._alive = np.flatnonzero(self._roles != "")

    def dense_scores(self, query_vector: np.ndarray, k: int = 5) -> np.ndarray:
        """Best unit cosine per paragraph; in a large library only the top units are searched (others get -1)."""
        units = self.backend.units
        depth = units if units <= FULL_SCAN_UNITS else max(DENSE_DEPTH, DENSE_DEPTH_PER_HIT * k)
        scores, rows = self.backend.dense_search(query_vector, depth)
        best = np.full(self._n, -1.0, dtype=np.float32)
        np.maximum.at(best, self._owner[rows], scores)
        return best

    def query_text(self, question: str, mentions: Sequence[Mention] | None = None) -> str:
        """The question plus the corpus's own spellings of names it gives otherwise (Alibaba -> 阿里巴巴, 出海 -> 海外).

        Only names the corpus does not use as written are expanded, and only into names it does use:
        expanding a name the corpus already uses ("平台企业" -> "平台公司") only dilutes the search.
        `mentions`: the names already found in the question, when the caller has them.
        """
        if self.names is None:
            return question
        corpus_key = self.index.corpus.text_key
        extra: list[str] = []
        for mention in self.names.find(question) if mentions is None else mentions:
            if match_key(mention.surface) in corpus_key:
                continue
            extra.extend(n for n in mention.group.names if match_key(n) in corpus_key and n not in extra)
        return " ".join([question, *extra])

    def name_tokens(self, question: str, mentions: Sequence[Mention] | None = None) -> list[str]:
        """Tokens of the companies, countries, products … the question names, in the corpus's own spellings.

        An answer must be about them (the judgement refuses quotes that are not), so a paragraph naming
        them must not be outranked by ones that merely share the question's common words ("海外", "数字化").
        """
        if self.names is None:
            return []
        corpus_key = self.index.corpus.text_key
        found = self.names.find(question) if mentions is None else mentions
        spellings = [n for m in found if m.group.kind in ENTITY_KINDS
                     for n in m.group.names if match_key(n) in corpus_key]
        return tokenize(" ".join(dict.fromkeys(spellings)))

    def retrieve(self, question: str, k: int = 5, scope: str = "all") -> Retrieval:
        """The k best paragraphs; `scope` limits them to the report, the sources or the library.

        Scores are normalised over the paragraphs in scope, so a scope ranks as if it were the corpus.
        """
        if k < 1:
            raise ValueError("k must be at least 1.")
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}.")
        tokens = tuple(tokenize(question))
        query_vector = self.embedder.embed([question])[0]
        mentions = self.names.find(question) if self.names is not None else []  # found once, used twice
        lexical = self.backend.lexical_scores(tokenize(self.query_text(question, mentions)))
        named = self.name_tokens(question, mentions)
        if named:  # the paragraphs naming what the question is about rank first among equals
            lexical = max_normalise(np.asarray(lexical)) + NAME_WEIGHT * max_normalise(
                np.asarray(self.backend.lexical_scores(named)))
        dense = self.dense_scores(query_vector, k)
        keep = np.flatnonzero(self._roles == SCOPES[scope]) if SCOPES[scope] else self._alive
        lexical, dense = np.asarray(lexical)[keep], dense[keep]
        if self.mode == "bm25":
            fused = max_normalise(lexical)
        elif self.mode == "dense":
            fused = dense
        elif self.mode == "rrf":
            fused = rrf_scores(lexical, dense)
        else:
            fused = score_fusion(lexical, dense, self.lexical_weight)
        lex_norm = max_normalise(lexical)
        order = top_k(fused, k)
        paragraphs = self.index.corpus.paragraphs
        hits = tuple(
            Hit(paragraphs[keep[i]].id, float(fused[i]), float(lex_norm[i]), float(dense[i])) for i in order
        )
        return Retrieval(question, hits, query_vector, tokens)
