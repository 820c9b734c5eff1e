"""Candidate sentences: which retrieved sentences could answer, and how strongly.

Sentences are scored (selection.score_sentences) against the question's concepts (its
words plus the other names of the things it names); a sentence is admissible only when it
is about what the question asks (judgement.context_problem, read with the text before it)
and supplies the kind of answer asked for (judgement.sentence_problem). The evidence score
of the best admissible sentence is what the threshold is compared with.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.analysis import Analysis
from assistant.answer.evidence import Concept, concept_coverage, evidence_score
from assistant.answer.judgement import context_problem, sentence_problem
from assistant.answer.selection import ScoredSentence
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import NameTable
from assistant.text import match_key
from assistant.types import Hit, Paragraph

# English evidence: similarity plus this weight times the share of named things found (measured on blind dev).
W_NAMES_EN = 0.3


def evidence(top: Paragraph, best: str, concepts: Sequence[Concept], dense: float, english: bool) -> float:
    """Coverage of the question's concepts by the answering paragraph and sentence, plus similarity.

    English words never match Chinese text: an English question counts only the things it names that the
    name table knows (FinVolution -> 信也科技), on top of the cross-lingual similarity.
    """
    paragraph = concept_coverage(concepts, match_key(" ".join([*top.heading_path, top.text])))
    if english:
        return dense + W_NAMES_EN * paragraph
    return evidence_score(paragraph, concept_coverage(concepts, match_key(best)), dense)


def alternatives(question: str, tokens: Sequence[str], names: NameTable) -> dict[str, tuple[str, ...]]:
    """For each question word inside a name, the other names of that thing (阿里 -> 阿里巴巴, Alibaba)."""
    mentions = [(match_key(m.surface), m.group) for m in names.find(question)]
    alternatives: dict[str, tuple[str, ...]] = {}
    for token in tokens:
        for surface, group in mentions:
            if token in surface:
                others = tuple(match_key(n) for n in group.names if match_key(n) != token)
                alternatives[token] = (*alternatives.get(token, ()), *others)
    return alternatives


def front_hits(front: Sequence[Paragraph], concepts: Sequence[Concept]) -> list[Hit]:
    """The report's front matter (cover, working group, foreword), best-covered first."""
    scored = [(concept_coverage(concepts, match_key(" ".join([*p.heading_path, p.text]))), p) for p in front]
    scored.sort(key=lambda item: -item[0])
    return [Hit(p.id, 0.5 + 0.5 * coverage, coverage, 0.0) for coverage, p in scored]


def surroundings(sentence: Sentence, corpus: CorpusView) -> tuple[str, str]:
    """What a sentence is read after: (its headings, the paragraph before and the earlier sentences of its
    paragraph; its headings and the sentence just before in its paragraph). A paragraph's first sentence does not
    take its year or edition from the paragraph before: a library's paragraphs may be unrelated passages
    ("…第七届立法会选举…" ends one snippet, "2022年…补选…全取4个议席" opens the next)."""
    para = corpus.by_id[sentence.paragraph_id]
    sentences = corpus.sentences.get(para.id, ())
    position = sentences.index(sentence) if sentence in sentences else 0
    previous = corpus.previous(para)
    last = corpus.sentences[previous.id][-1].text if previous and corpus.sentences.get(previous.id) else ""
    before = "\n".join([*para.heading_path, last, *(s.text for s in sentences[:position])])
    near = "\n".join([*para.heading_path, sentences[position - 1].text if position else ""])
    return before, near


# Candidates scoring below this share of the best admissible one are never quoted (selection quotes a further
# paragraph from 0.60, a disagreeing document from 0.8): they need no judgement.
ADMISSIBLE_FLOOR = 0.60


def admissible(analysis: Analysis, scored: Sequence[ScoredSentence], corpus: CorpusView,
               names: NameTable, keep: frozenset[str] = frozenset()) -> tuple[list[ScoredSentence], str]:
    """The sentences that could answer: about what is asked (names, years) and of the kind asked for.

    Sentences of the paragraphs in `keep` (the table, for a table question) are judged at any score.
    """
    found: list[ScoredSentence] = []
    first_problem = ""
    for item in scored:
        if found and item.score < ADMISSIBLE_FLOOR * found[0].score and item.sentence.paragraph_id not in keep:
            continue
        text = item.sentence.text
        before, near = surroundings(item.sentence, corpus)
        problem = context_problem(analysis, text, before, near, names) or sentence_problem(analysis, text, names)
        if problem:
            first_problem = first_problem or problem
        else:
            found.append(item)
    return found, first_problem


# How close to the best admissible sentence a footnoted one must score to be quoted first for a source question.
FOOTNOTED_RATIO = 0.8


def footnoted_first(admissible: list[ScoredSentence], corpus: CorpusView) -> list[ScoredSentence]:
    """For "where does X come from": a sentence whose paragraph carries a footnote, scoring nearly as well as the best
    one, goes first ("东南亚…增速达18.6%³" before an unsourced sentence on 东南亚's payments); a weak one does not (a
    footnoted passage on another topic is a confident wrong source)."""
    best = admissible[0].score
    close = [s for s in admissible if s.score >= FOOTNOTED_RATIO * best
             and corpus.sources_of(corpus.by_id[s.sentence.paragraph_id])]
    return [*close, *(s for s in admissible if s not in close)]
