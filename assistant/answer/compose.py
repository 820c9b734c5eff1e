"""Extractive answers: quote the corpus sentences that answer, cite each one.

Nothing here writes new text about the report: every answer sentence is a
sentence of a cited paragraph (or a footnote of it, for "where is this from"
questions). When the evidence is too weak the answer is a plain refusal with
the closest paragraphs as "see also".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.answer.analysis import Analysis, QuestionKind, analyse, is_english
from assistant.answer.evidence import W_DENSE, evidence_score, proper_names, term_coverage
from assistant.answer.judgement import judge
from assistant.answer.selection import ScoredSentence, choose, score_sentences
from assistant.corpus import CorpusView
from assistant.lexicon import NameTable
from assistant.text import match_key, superscript_numbers
from assistant.types import Answer, AnswerSentence, Citation, Hit

REFUSAL_ZH = "报告中没有找到相关内容。"
REFUSAL_EN = "The report does not cover this."
SOURCE_PREFIX = "出处"


def quoted_marks(sentences: Sequence[str]) -> set[int]:
    """Footnote numbers carried by the quoted sentences themselves (superscripts)."""
    return {number for sentence in sentences for number in superscript_numbers(sentence)}


def _source_lines(citations: Sequence[Citation]) -> list[str]:
    """The footnotes behind the quoted sentences; all of the paragraph's when the sentence carries none."""
    lines = []
    for citation in citations:
        marks = quoted_marks(citation.sentences)
        for source in citation.sources:
            if not source.missing and (not marks or source.number in marks):
                lines.append(f"{SOURCE_PREFIX}{source.number}:{source.text or source.title}[{citation.marker}]")
    return lines


def _evidence(hits: Sequence[Hit], scored: Sequence[ScoredSentence], query_tokens: Sequence[str],
              corpus: CorpusView, english: bool) -> float:
    """Coverage of the question's words by the best paragraph and sentence, plus similarity."""
    top = corpus.by_id[hits[0].paragraph_id]
    best = [s.sentence.text for s in scored if s.sentence.paragraph_id == top.id][:1]
    if english:
        # Word coverage means nothing for English words over Chinese text: the dense score decides.
        return evidence_score(0.0, 0.0, hits[0].dense / W_DENSE)
    return evidence_score(
        term_coverage(query_tokens, match_key(" ".join([*top.heading_path, top.text])), corpus.idf, corpus.max_idf),
        term_coverage(query_tokens, match_key(best[0]), corpus.idf, corpus.max_idf) if best else 0.0,
        hits[0].dense,
    )


def _context(paragraph_ids: Sequence[str], corpus: CorpusView) -> str:
    """What a quote is read with: its paragraphs, their headings and the paragraph before each."""
    parts = []
    for pid in dict.fromkeys(paragraph_ids):
        para = corpus.by_id[pid]
        previous = corpus.previous(para)
        parts.extend([*para.heading_path, para.text, previous.text if previous else ""])
    return "\n".join(parts)


def _front_hits(corpus: CorpusView, query_tokens: Sequence[str]) -> list[Hit]:
    """The report's front matter (cover, working group, foreword), best-covered first."""
    front = [p for p in corpus.report_paragraphs() if p.kind == "front"]
    scored = [
        (term_coverage(query_tokens, match_key(" ".join([*p.heading_path, p.text])), corpus.idf, corpus.max_idf), p)
        for p in front
    ]
    scored.sort(key=lambda item: -item[0])
    return [Hit(p.id, 0.5 + 0.5 * coverage, coverage, 0.0) for coverage, p in scored]


def _refusal(question: str, analysis: Analysis, hits: Sequence[Hit], corpus: CorpusView, debug: dict) -> Answer:
    refusal = REFUSAL_EN if analysis.lang == "en" else REFUSAL_ZH
    # Off-topic questions get no "see also": nothing in the documents is close to a greeting or a poem.
    see_also = () if analysis.off_topic else tuple(corpus.by_id[h.paragraph_id] for h in hits[:3])
    return Answer(question, refusal, True, see_also=see_also, lang=analysis.lang, debug=debug)


def compose_answer(
    question: str,
    hits: Sequence[Hit],
    query_vector: np.ndarray,
    query_tokens: Sequence[str],
    corpus: CorpusView,
    thresholds: tuple[float, float],
    names: NameTable,
    max_citations: int = 3,
) -> Answer:
    """Quote and cite, or refuse; `thresholds` are the (Chinese, English) evidence thresholds."""
    analysis = analyse(question, names, corpus.text_key, proper_names(question) if not is_english(question) else ())
    kind = analysis.kind
    debug: dict = {"kind": kind.value, "evidence": 0.0}
    if analysis.off_topic:
        debug["reason"] = f"off-topic: {analysis.off_topic}"
        return _refusal(question, analysis, hits, corpus, debug)
    if analysis.about_report:
        hits = _front_hits(corpus, query_tokens) or list(hits)
    scored = score_sentences(hits, query_vector, query_tokens, corpus, kind) if hits else []
    if not scored:
        return _refusal(question, analysis, hits, corpus, debug)
    english = analysis.lang == "en"
    evidence = 1.0 if analysis.about_report else _evidence(hits, scored, query_tokens, corpus, english)
    debug["evidence"] = round(evidence, 4)
    chosen = choose(question, scored, corpus.by_id[hits[0].paragraph_id], corpus, kind, max_citations)
    chosen = list(dict.fromkeys(chosen))  # a sentence is quoted once
    verdict = judge(analysis, [s.text for s in chosen], _context([s.paragraph_id for s in chosen], corpus),
                    evidence, thresholds[1 if english else 0], names)
    if not verdict.accept:
        debug["reason"] = verdict.reason
        return _refusal(question, analysis, hits, corpus, debug)
    markers: dict[str, int] = {}
    quoted: list[AnswerSentence] = []
    for sentence in chosen:
        marker = markers.setdefault(sentence.paragraph_id, len(markers) + 1)
        quoted.append(AnswerSentence(sentence.text, marker, sentence.paragraph_id))
    citations = tuple(
        Citation(
            marker,
            corpus.by_id[pid],
            corpus.sources_of(corpus.by_id[pid]),
            tuple(q.text for q in quoted if q.paragraph_id == pid),
        )
        for pid, marker in markers.items()
    )
    separator = "\n" if kind is QuestionKind.LIST else ""
    text = separator.join(f"{q.text}[{q.marker}]" for q in quoted)
    if kind is QuestionKind.SOURCE:
        text = "\n".join([text, *_source_lines(citations)])
    return Answer(question, text, False, tuple(quoted), citations, lang=analysis.lang, debug=debug)


def merge_answers(question: str, parts: Sequence[Answer]) -> Answer:
    """One answer from the answers to each part: markers renumbered per cited paragraph.

    Refused parts are left out; the whole is a refusal only when every part is.
    """
    answered = [a for a in parts if not a.refused]
    if not answered:
        first = parts[0]
        see_also = tuple(dict.fromkeys(p for a in parts for p in a.see_also))[:3]
        debug = {"evidence": max(float(a.debug.get("evidence", 0.0)) for a in parts), "parts": [a.debug for a in parts]}
        return Answer(question, first.text, True, see_also=see_also, lang=first.lang, debug=debug)
    markers: dict[str, int] = {}
    sentences: list[AnswerSentence] = []
    citations: dict[str, Citation] = {}
    texts: list[str] = []
    for part in answered:
        renumber = {}
        for citation in part.citations:
            pid = citation.paragraph.id
            new = markers.setdefault(pid, len(markers) + 1)
            renumber[citation.marker] = new
            old = citations.get(pid)
            quoted = tuple(dict.fromkeys((*(old.sentences if old else ()), *citation.sentences)))
            citations[pid] = Citation(new, citation.paragraph, citation.sources, quoted)
        sentences.extend(AnswerSentence(s.text, renumber[s.marker], s.paragraph_id) for s in part.sentences)
        texts.append(re.sub(r"\[(\d+)\]", lambda m, r=renumber: f"[{r.get(int(m.group(1)), m.group(1))}]", part.text))
    return Answer(question, "\n".join(texts), False, tuple(sentences),
                  tuple(sorted(citations.values(), key=lambda c: c.marker)), lang=answered[0].lang,
                  debug={"evidence": max(float(a.debug.get("evidence", 0.0)) for a in parts),
                         "parts": [a.debug for a in parts]})
