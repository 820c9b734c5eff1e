"""Answers from several documents: name the document of every quote, show where documents disagree.

A quote from the report needs no label; a quote from a source or library document is
introduced by its document's title, so a reviewer never mistakes it for the report's. When
the best quotes from two documents give different figures for a number or date question,
both are quoted and the answer says that they differ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.analysis import Analysis, QuestionKind
from assistant.answer.quantities import expected_quantity
from assistant.answer.selection import ScoredSentence
from assistant.corpus import CorpusView, Sentence
from assistant.types import AnswerSentence, Citation, Conflict

CONFLICT_NOTE = {"zh": "注意:以上文档对此给出的数字不一致[{markers}]。",
                 "en": "Note: the documents give different figures for this [{markers}]."}
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|万亿|亿|万|千)?")
CONFLICT_RATIO = 0.8  # a second document's quote counts only when it scores nearly as well as the best


def figures(text: str, analysis: Analysis) -> set[str]:
    """The figures a sentence gives for the question (not the question's own numbers)."""
    pattern = expected_quantity(analysis.question) or _FIGURE
    found = {re.sub(r"\s", "", m.group(0)) for m in pattern.finditer(text)}
    return {f for f in found if re.sub(r"[^\d.]", "", f) not in analysis.numbers}


def disagreeing(analysis: Analysis, chosen: Sequence[Sentence], admissible: Sequence[ScoredSentence],
                corpus: CorpusView) -> Sentence | None:
    """The best quote from another document that gives a different figure, for a number or date question."""
    if not chosen or not admissible or not (analysis.kind is QuestionKind.NUMBER or analysis.wants == "date"):
        return None
    first_doc = corpus.by_id[chosen[0].paragraph_id].doc
    ours = set().union(*(figures(s.text, analysis) for s in chosen if corpus.by_id[s.paragraph_id].doc == first_doc))
    if not ours:
        return None
    best = admissible[0].score
    others = [*chosen, *(i.sentence for i in admissible if i.score >= CONFLICT_RATIO * best)]
    for sentence in others:
        if corpus.by_id[sentence.paragraph_id].doc == first_doc:
            continue
        theirs = figures(sentence.text, analysis)
        if theirs and not theirs & ours:
            return sentence
    return None


def conflict_of(citations: Sequence[Citation], quoted: Sequence[AnswerSentence], analysis: Analysis,
                other: Sentence) -> Conflict:
    by_pid = {c.paragraph.id: c for c in citations}
    first, second = by_pid[quoted[0].paragraph_id], by_pid[other.paragraph_id]
    values = (", ".join(sorted(figures(quoted[0].text, analysis))), ", ".join(sorted(figures(other.text, analysis))))
    return Conflict((first.marker, second.marker), (first.doc_title, second.doc_title), values)


def conflict_note(conflict: Conflict, lang: str) -> str:
    return CONFLICT_NOTE[lang].format(markers="][".join(str(m) for m in conflict.markers))


def render(quoted: Sequence[AnswerSentence], citations: Sequence[Citation], lang: str, one_per_line: bool) -> str:
    """The quotes with their markers; a run of quotes from a document other than the report starts with its title."""
    by_marker = {c.marker: c for c in citations}
    parts, previous_doc = [], None
    for q in quoted:
        citation = by_marker[q.marker]
        doc = citation.paragraph.doc
        label = ""
        if citation.role != "report" and doc != previous_doc:
            label = f"据《{citation.doc_title}》:" if lang == "zh" else f"From “{citation.doc_title}”: "
        parts.append(f"{label}{q.text}[{q.marker}]")
        previous_doc = doc
    return ("\n" if one_per_line else "").join(parts)


def citation_of(corpus: CorpusView, pid: str, marker: int, quoted: Sequence[AnswerSentence]) -> Citation:
    """The citation of a paragraph: its sources, the sentences quoted from it and the document it is in."""
    paragraph = corpus.by_id[pid]
    sentences = tuple(q.text for q in quoted if q.paragraph_id == pid)
    return Citation(marker, paragraph, corpus.sources_of(paragraph), sentences,
                    doc_title=corpus.title_of(paragraph.doc), role=corpus.role(paragraph.doc))
