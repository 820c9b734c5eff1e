"""What the answer verifier reads of one (question, candidate sentence) pair: a fixed vector of numbers.

Every feature comes from signals the judgement already has (concept coverage, cosines, the
retrieval scores) or from cheap string work on the question and the sentence: how many of the
question's words the sentence and its context hold, whether the sentence only echoes the
question's words or supplies something new (a figure, a date, a name the question does not give),
and whether that is the kind of thing asked for. No embedding is computed here: the cosines are
passed in. Pure, so it can be tested on real sentences and reused offline by the training script.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.analysis import Analysis, QuestionKind, is_english
from assistant.answer.evidence import Concept, concept_coverage, tagged_names
from assistant.answer.quantities import expected_quantity
from assistant.text import STOPWORDS, is_cjk, match_key, segment, tokenize

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_CN_COUNT = re.compile(r"[一二两三四五六七八九十百千万亿]+[个家项座张台条位名次倍天年人国种类款成]")
_WORDLIKE = re.compile(r"[A-Za-z0-9\u4e00-\u9fff]")
_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*[日号]|(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Reading:
    """One candidate sentence with what surrounds it and the scores already computed for it."""

    sentence: str
    before: str  # its headings, the paragraph before, the earlier sentences of its paragraph
    paragraph: str  # its headings and its paragraph's text
    cos_sentence: float  # cosine of the question and the sentence
    cos_paragraph: float  # the paragraph's dense score
    lexical: float  # the paragraph's normalised BM25 score
    fused: float  # the paragraph's fused retrieval score
    rank: int  # the paragraph's place in the hits (0 = first)
    score: float  # the sentence's selection score
    best_score: float  # the best admissible sentence's selection score
    evidence: float  # the judgement's evidence score, had this sentence been the answer
    lead: float = 0.0  # the first hit's fused score less the second's: an answer paragraph tends to stand out
    dense_lead: float = 0.0  # the same for the dense scores (the best less the second best)


FEATURES = (
    "evidence", "paragraph_coverage", "sentence_coverage", "context_coverage", "cos_sentence", "cos_paragraph",
    "lexical", "fused", "first_hit", "rank", "score_ratio", "words_in_sentence", "words_in_context",
    "novelty", "new_tokens", "echo", "new_figure", "new_date", "new_names", "supplies_asked", "log_length",
    "english", "asks_number", "asks_definition", "asks_list", "asks_source", "asks_date", "asks_name",
    "asks_reason", "missing_heaviest", "missing_share", "bigrams_in_sentence", "lead", "dense_lead",
    "has_focus", "focus_in_sentence", "focus_in_context",
)


def question_words(tokens: Sequence[str]) -> list[str]:
    """The question's content words: its tokens (stopwords gone, width folded) but single CJK characters,
    which are mostly particles and verbs jieba splits off colloquial wording."""
    return [t for t in dict.fromkeys(tokens) if not (len(t) == 1 and is_cjk(t))]


def _share(words: Sequence[str], key: str) -> float:
    return sum(1 for w in words if w in key) / len(words) if words else 0.0


def own_words(sentence: str) -> list[str]:
    """The sentence's content words of two characters or more, once each."""
    return [t for t in dict.fromkeys(tokenize(sentence)) if len(t) > 1]


def new_words(sentence: str, question_key: str) -> list[str]:
    """The sentence's content words that the question does not contain: what it supplies."""
    return [t for t in own_words(sentence) if t not in question_key]


def new_figure(sentence: str, numbers: Sequence[str]) -> bool:
    """A number the question did not give itself, in digits or a counted Chinese numeral."""
    return any(n not in numbers for n in _DIGITS.findall(sentence)) or bool(_CN_COUNT.search(sentence))


def new_names(sentence: str, question: str) -> int:
    """Places, people and organisations jieba tags in the sentence that the question does not name."""
    key = match_key(question)
    return len({w for w, _kind in tagged_names(sentence) if match_key(w) not in key})


def missing(concepts: Sequence[Concept], key: str) -> tuple[float, float]:
    """(weight of the heaviest concept the text lacks over the heaviest of all, share of concepts it lacks)."""
    if not concepts:
        return 0.0, 0.0
    absent = [c.weight for c in concepts if not any(f in key for f in c.forms)]
    return max(absent, default=0.0) / max(c.weight for c in concepts), len(absent) / len(concepts)


def bigrams(text: str) -> set[str]:
    """Character pairs of the CJK runs of a matching key: phrase overlap that does not depend on segmentation."""
    return {text[i : i + 2] for i in range(len(text) - 1) if is_cjk(text[i]) and is_cjk(text[i + 1])}


_WH = re.compile(r"^(?:谁|哪.*|什么|啥|多少|几.*|多|何.*)$")
_LINKS = frozenset({"是", "有", "为", "叫", "的", "在", "了", "目前", "达到", "共", "一共", "总共", "大约", "约"})


@lru_cache(maxsize=1024)
def focus(question: str) -> str:
    """The word the question asks about, beside its question word: 冠军 in "冠军是哪支球队", 票房 in
    "票房是多少", 组长 in "谁是组长"; "" for English questions and questions without a question word."""
    if is_english(question):
        return ""
    words = segment(question)
    wh = next((i for i, w in enumerate(words) if _WH.match(w)), None)
    if wh is None:
        return ""
    for word in reversed(words[:wh]):
        if word not in _LINKS:
            return match_key(word) if _content(word) else ""
    after = [w for w in words[wh + 1 :] if _content(w)]  # the question opens with its question word
    return match_key(after[-1]) if after else ""


def _content(word: str) -> bool:
    return len(word) > 1 and _WORDLIKE.search(word) is not None and match_key(word) not in STOPWORDS


def supplies_asked(analysis: Analysis, sentence: str, figure: bool, date: bool, names: int, novelty: float) -> float:
    """Whether the sentence holds the kind of thing asked for, read loosely (the rules read it strictly)."""
    if analysis.wants == "date":
        return float(date)
    if analysis.kind is QuestionKind.NUMBER:
        quantity = expected_quantity(analysis.question)
        if quantity is not None:
            return float(any(new_figure(m.group(0), analysis.numbers) for m in quantity.finditer(sentence)))
        return float(figure)
    if analysis.wants in ("place", "person", "who"):
        return float(names > 0)
    return min(1.0, 2.0 * novelty)  # open questions: something beyond the question's own words


def features(analysis: Analysis, tokens: Sequence[str], concepts: Sequence[Concept], reading: Reading) -> list[float]:
    """The feature vector, in the order of FEATURES."""
    sentence_key = match_key(reading.sentence)
    context_key = match_key(reading.before) + sentence_key
    question_key = match_key(analysis.question)
    words = question_words(tokens)
    own = own_words(reading.sentence)
    fresh = [t for t in own if t not in question_key]
    novelty = len(fresh) / len(own) if own else 0.0
    figure = new_figure(reading.sentence, analysis.numbers)
    date = any(new_figure(m.group(0), analysis.numbers) for m in _DATE.finditer(reading.sentence))
    names = new_names(reading.sentence, analysis.question)
    in_sentence = _share(words, sentence_key)
    heaviest, absent = missing(concepts, context_key)
    pairs = bigrams(question_key)
    asked = focus(analysis.question)
    kind = analysis.kind
    return [
        reading.evidence,
        concept_coverage(concepts, match_key(reading.paragraph)),
        concept_coverage(concepts, sentence_key),
        concept_coverage(concepts, context_key),
        reading.cos_sentence,
        reading.cos_paragraph,
        reading.lexical,
        reading.fused,
        float(reading.rank == 0),
        min(reading.rank, 10) / 10.0,
        reading.score / reading.best_score if reading.best_score > 0 else 0.0,
        in_sentence,
        _share(words, context_key + match_key(reading.paragraph)),
        novelty,
        min(len(fresh), 20) / 20.0,
        in_sentence * (1.0 - novelty),  # the question's words echoed back with little else
        float(figure),
        float(date),
        min(names, 5) / 5.0,
        supplies_asked(analysis, reading.sentence, figure, date, names, novelty),
        math.log1p(len(reading.sentence)) / 6.0,
        float(analysis.lang == "en"),
        float(kind is QuestionKind.NUMBER),
        float(kind is QuestionKind.DEFINITION),
        float(kind is QuestionKind.LIST),
        float(kind is QuestionKind.SOURCE),
        float(analysis.wants == "date"),
        float(analysis.wants in ("place", "person", "who")),
        float(analysis.wants == "reason"),
        heaviest,
        absent,
        len(pairs & bigrams(sentence_key)) / len(pairs) if pairs else 0.0,
        reading.lead,
        reading.dense_lead,
        float(bool(asked)),
        float(bool(asked) and asked in sentence_key),
        float(bool(asked) and asked in context_key),
    ]
