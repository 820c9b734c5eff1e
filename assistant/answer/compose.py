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
from assistant.answer.evidence import (
    Concept,
    concept_coverage,
    evidence_score,
    nouns,
    proper_names,
    question_concepts,
)
from assistant.answer.judgement import context_problem, judge, question_problem, sentence_problem
from assistant.answer.selection import ScoredSentence, choose, front_matter_quotes, score_sentences, table_quotes
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import NameTable
from assistant.text import match_key, superscript_numbers
from assistant.types import Answer, AnswerSentence, Citation, Hit, Paragraph

REFUSAL_ZH = "报告中没有找到相关内容。"
REFUSAL_EN = "The report does not cover this."
SOURCE_PREFIX = "出处"
# English evidence: similarity plus this weight times the share of named things found (measured on blind dev).
W_NAMES_EN = 0.3


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


def _evidence(top: Paragraph, best: str, concepts: Sequence[Concept], dense: float, english: bool) -> float:
    """Coverage of the question's concepts by the answering paragraph and sentence, plus similarity.

    English words never match Chinese text: an English question counts only the things it names that the
    name table knows (FinVolution -> 信也科技), on top of the cross-lingual similarity.
    """
    paragraph = concept_coverage(concepts, match_key(" ".join([*top.heading_path, top.text])))
    if english:
        return dense + W_NAMES_EN * paragraph
    return evidence_score(paragraph, concept_coverage(concepts, match_key(best)), dense)


def _alternatives(question: str, tokens: Sequence[str], names: NameTable) -> dict[str, tuple[str, ...]]:
    """For each question word inside a name, the other names of that thing (阿里 -> 阿里巴巴, Alibaba)."""
    mentions = [(match_key(m.surface), m.group) for m in names.find(question)]
    alternatives: dict[str, tuple[str, ...]] = {}
    for token in tokens:
        for surface, group in mentions:
            if token in surface:
                others = tuple(match_key(n) for n in group.names if match_key(n) != token)
                alternatives[token] = (*alternatives.get(token, ()), *others)
    return alternatives


def _front_hits(front: Sequence[Paragraph], concepts: Sequence[Concept]) -> list[Hit]:
    """The report's front matter (cover, working group, foreword), best-covered first."""
    scored = [(concept_coverage(concepts, match_key(" ".join([*p.heading_path, p.text]))), p) for p in front]
    scored.sort(key=lambda item: -item[0])
    return [Hit(p.id, 0.5 + 0.5 * coverage, coverage, 0.0) for coverage, p in scored]


def _refusal(question: str, analysis: Analysis, hits: Sequence[Hit], corpus: CorpusView, debug: dict) -> Answer:
    refusal = REFUSAL_EN if analysis.lang == "en" else REFUSAL_ZH
    # Off-topic questions get no "see also": nothing in the documents is close to a greeting or a poem.
    see_also = () if analysis.off_topic else tuple(corpus.by_id[h.paragraph_id] for h in hits[:3])
    return Answer(question, refusal, True, see_also=see_also, lang=analysis.lang, debug=debug)


def _surroundings(sentence: Sentence, corpus: CorpusView) -> tuple[str, str]:
    """What a sentence is read after: (its headings, the paragraph before and the earlier sentences of its
    paragraph; its headings and the sentence just before)."""
    para = corpus.by_id[sentence.paragraph_id]
    sentences = corpus.sentences.get(para.id, ())
    position = sentences.index(sentence) if sentence in sentences else 0
    previous = corpus.previous(para)
    last = corpus.sentences[previous.id][-1].text if previous and corpus.sentences.get(previous.id) else ""
    before = "\n".join([*para.heading_path, last, *(s.text for s in sentences[:position])])
    near = "\n".join([*para.heading_path, sentences[position - 1].text if position else last])
    return before, near


def _admissible(analysis: Analysis, scored: Sequence[ScoredSentence], corpus: CorpusView,
                names: NameTable) -> tuple[list[ScoredSentence], str]:
    """The sentences that could answer: about what is asked (names, years) and of the kind asked for."""
    admissible, first_problem = [], ""
    for item in scored:
        text = item.sentence.text
        before, near = _surroundings(item.sentence, corpus)
        problem = context_problem(analysis, text, before, near, names) or sentence_problem(analysis, text, names)
        if problem:
            first_problem = first_problem or problem
        else:
            admissible.append(item)
    return admissible, first_problem


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
    english = is_english(question)
    analysis = analyse(question, names, corpus.text_key, () if english else proper_names(question))
    kind = analysis.kind
    debug: dict = {"kind": kind.value, "evidence": 0.0}
    problem = question_problem(analysis)
    if problem:
        debug["reason"] = problem
        return _refusal(question, analysis, hits, corpus, debug)
    concepts = question_concepts(query_tokens, _alternatives(question, query_tokens, names), corpus.idf, english,
                                 nouns(question))
    front = [p for p in corpus.report_paragraphs() if p.kind == "front"]
    front_text = "\n".join(p.text for p in front)
    # "Who wrote it" is about the report itself, unless it names something the front matter does not.
    if analysis.about_report and all(names.occurs(m.group, front_text) for m in analysis.names):
        hits = _front_hits(front, concepts) or list(hits)
    elif analysis.table:
        tables = [Hit(p.id, 1.0, 1.0, 0.0) for p in corpus.paragraphs if p.kind == "table"]
        hits = [*tables, *(h for h in hits if h.paragraph_id not in {t.paragraph_id for t in tables})]
    scored = score_sentences(hits, query_vector, concepts, corpus, kind) if hits else []
    admissible, problem = _admissible(analysis, scored, corpus, names)
    if not admissible:
        debug["reason"] = problem or "nothing retrieved"
        return _refusal(question, analysis, hits, corpus, debug)
    top = corpus.by_id[admissible[0].sentence.paragraph_id]
    dense = max((h.dense for h in hits if h.paragraph_id == top.id), default=0.0)
    if (top.kind == "front" and analysis.about_report) or (top.kind == "table" and analysis.table):
        evidence = 1.0  # the front matter answers questions about the report, the table questions about it
    else:
        evidence = _evidence(top, admissible[0].sentence.text, concepts, dense, english)
    debug["evidence"] = round(evidence, 4)
    verdict = judge(analysis, evidence, thresholds[1 if english else 0])
    if not verdict.accept:
        debug["reason"] = verdict.reason
        return _refusal(question, analysis, hits, corpus, debug)
    if top.kind == "front" and analysis.about_report:
        chosen = front_matter_quotes(front, top, analysis.authorship, corpus)
    elif top.kind == "table":
        chosen = table_quotes(top, concepts, corpus)
    else:
        chosen = choose(question, admissible, top, corpus, kind, max_citations)
    chosen = list(dict.fromkeys(chosen))  # a sentence is quoted once
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
