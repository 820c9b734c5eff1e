"""Two-hop provenance: from a quoted report sentence to the passage of the source it cites.

When a cited paragraph carries footnote n and source n's own document is
indexed, the sentence of that document that best matches the quote is shown
with its page: "the report says X [§1.2 ¶2], citing Bain [3], which says Y on
p.7". Matching is the cosine of the sentence vectors already in the index
plus the overlap of words and numbers, so a figure quoted from the source
(`18.6%`) finds its origin even when the wording differs. Plain numpy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from assistant.answer.evidence import term_coverage
from assistant.corpus import CorpusView, Sentence
from assistant.text import match_key, tokenize
from assistant.types import Answer, Citation, SourcePassage

DENSE, LEXICAL, NUMBER = 0.5, 0.5, 0.3  # weights of cosine, idf-weighted word coverage, shared figures
MIN_SCORE = 0.35  # below it the source document says nothing close enough to show
SHORTLIST = 40  # sentences kept by cosine before the (slower) lexical scoring
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*%?")


def _figures(text: str) -> set[str]:
    """Numbers that identify a claim (`18.6%`, `2023`); single digits say too little."""
    return {f for f in _FIGURE.findall(match_key(text)) if len(f.rstrip("%")) > 1}


def best_passage(quotes: Sequence[Sentence], candidates: Sequence[Sentence], corpus: CorpusView) -> tuple[int, float]:
    """Index and score of the candidate sentence that best matches any of the quotes."""
    rows = np.array([c.row for c in candidates], dtype=np.int64)
    cosine = (corpus.vectors[rows] @ corpus.vectors[[q.row for q in quotes]].T).max(axis=1)
    shortlist = np.argsort(-cosine, kind="stable")[:SHORTLIST]
    quote_tokens = [tokenize(q.text) for q in quotes]
    quote_figures = set().union(*(_figures(q.text) for q in quotes))
    best, best_score = -1, -1.0
    for i in shortlist:
        text = candidates[int(i)].text
        key = match_key(text)
        lexical = max(term_coverage(tokens, key, corpus.idf, corpus.max_idf) for tokens in quote_tokens)
        shared = NUMBER if quote_figures & _figures(text) else 0.0
        score = DENSE * float(cosine[i]) + LEXICAL * lexical + shared
        if score > best_score:
            best, best_score = int(i), score
    return best, best_score


def source_passages(citation: Citation, quotes: Sequence[Sentence], corpus: CorpusView) -> tuple[SourcePassage, ...]:
    """One passage per footnote of the cited paragraph whose source document is indexed and matches."""
    if not quotes:
        return ()
    out = []
    for number, doc in corpus.linked_source_docs(citation.paragraph):
        candidates = corpus.doc_sentences.get(doc, ())
        if not candidates:
            continue
        index, score = best_passage(quotes, candidates, corpus)
        if score < MIN_SCORE:
            continue
        sentence = candidates[index]
        para = corpus.by_id[sentence.paragraph_id]
        source = corpus.sources.get((citation.paragraph.doc, number))
        out.append(SourcePassage(source.id if source else f"fn{number}", number, doc, para.id, para.locator,
                                 sentence.text, para.page, round(score, 4)))
    return tuple(out)


def with_provenance(answer: Answer, corpus: CorpusView) -> Answer:
    """The answer with `source_passages` on each citation whose footnoted sources are indexed."""
    if answer.refused or not corpus.links:
        return answer
    citations = []
    for citation in answer.citations:
        quoted = set(citation.sentences)
        quotes = [s for s in corpus.sentences.get(citation.paragraph.id, ()) if s.text in quoted]
        citations.append(replace(citation, source_passages=source_passages(citation, quotes, corpus)))
    return replace(answer, citations=tuple(citations))
