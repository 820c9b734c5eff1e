"""Extractive answers: quote the corpus sentences that answer, cite each one.

Nothing here writes new text about the report: every answer sentence is a
sentence of a cited paragraph (or a footnote of it, for "where is this from"
questions). When the evidence is too weak the answer is a plain refusal with
the closest paragraphs as "see also".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.corpus import CorpusView, Sentence
from assistant.evidence import W_DENSE, absent_names, evidence_score, expected_quantity, missing_years, term_coverage
from assistant.question import QuestionKind, classify, is_english, wants_enumeration
from assistant.text import match_key, superscript_numbers
from assistant.types import Answer, AnswerSentence, Citation, Hit, Paragraph

REFUSAL_ZH = "报告中没有找到相关内容。"
REFUSAL_EN = "The report does not cover this."
SOURCE_PREFIX = "出处"

# Sentence score = LEX * idf-weighted term coverage + DENSE * cosine + PARA * paragraph score + bonuses.
LEX, DENSE, PARA = 0.45, 0.35, 0.35
KIND_BONUS = 0.12  # a sentence of the kind the question asks for (a number, a definition)
SECOND_SENTENCE_RATIO = 0.88  # quote a second paragraph only when nearly as good as the first


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    score: float


_DIGIT = re.compile(r"[0-9]")
_DEFINING = re.compile(r"是指|指的是|定义为|是一种|核心在于|本质是")


def _kind_bonus(kind: QuestionKind, text: str) -> float:
    if kind is QuestionKind.NUMBER and _DIGIT.search(text):  # not str.isdigit: footnote marks ¹ are no numbers
        return KIND_BONUS
    if kind is QuestionKind.DEFINITION and _DEFINING.search(text):
        return KIND_BONUS
    return 0.0


def score_sentences(
    hits: Sequence[Hit], query_vector: np.ndarray, query_tokens: Sequence[str], corpus: CorpusView, kind: QuestionKind
) -> list[ScoredSentence]:
    scored = []
    for hit in hits:
        # A sentence is read in its section: "组长:饶少阳。" answers "工作组的组长是谁" under the heading 工作组.
        heading = match_key(corpus.by_id[hit.paragraph_id].section)
        for sentence in corpus.sentences.get(hit.paragraph_id, ()):
            lex = term_coverage(query_tokens, heading + match_key(sentence.text), corpus.idf)
            cos = float(corpus.vectors[sentence.row] @ query_vector)
            score = LEX * lex + DENSE * cos + PARA * hit.score + _kind_bonus(kind, sentence.text)
            scored.append(ScoredSentence(sentence, score))
    scored.sort(key=lambda s: -s.score)
    return scored


def _list_quotes(paragraph: Paragraph, corpus: CorpusView) -> list[Sentence] | None:
    """For a list intro (or one of its items): the intro sentence and each item's lead."""
    intro_id = paragraph.id if paragraph.id in corpus.groups else None
    if intro_id is None:
        intro_id = next((i for i, items in corpus.groups.items() if paragraph.id in items), None)
    if intro_id is None:
        return None
    intro = corpus.sentences.get(intro_id, ())
    # The intro's last sentence announces the list, unless the intro is itself item one ("一是…").
    quotes = [intro[0] if intro[0].text.startswith("一是") else intro[-1]] if intro else []
    quotes.extend(corpus.sentences[item][0] for item in corpus.groups[intro_id] if corpus.sentences.get(item))
    return quotes


SHORT_SENTENCE = 30  # characters: a lead such as "一是混合主权架构。" or "设立数字合作创新试验区。"


def _with_follower(sentence: Sentence, corpus: CorpusView) -> list[Sentence]:
    """A short lead sentence says what, the next one says how: quote both."""
    sentences = corpus.sentences.get(sentence.paragraph_id, ())
    if len(sentence.text) < SHORT_SENTENCE and sentences and sentences[0] == sentence and len(sentences) > 1:
        return [sentence, sentences[1]]
    return [sentence]


def _paragraph_list(paragraph: Paragraph, corpus: CorpusView) -> list[Sentence] | None:
    """A list written inside one paragraph as short lead sentences (e.g. the action items)."""
    sentences = corpus.sentences.get(paragraph.id, ())
    leads = [s for s in sentences if len(s.text) < SHORT_SENTENCE]
    return leads if len(leads) >= 2 else None


_ITEM_START = re.compile(r"^[二三四五六七八九十]是")


def _enumeration(sentence: Sentence, corpus: CorpusView) -> list[Sentence]:
    """"…面临多重挑战:一是…;" continues "二是…;三是…" in the next sentences: quote them all."""
    sentences = corpus.sentences.get(sentence.paragraph_id, ())
    if "一是" not in sentence.text or sentence not in sentences:
        return [sentence]
    quoted = [sentence]
    for follower in sentences[sentences.index(sentence) + 1 :]:
        if not _ITEM_START.match(follower.text):
            break
        quoted.append(follower)
    return quoted


def _choose(
    question: str, scored: list[ScoredSentence], top: Paragraph, corpus: CorpusView, kind: QuestionKind,
    max_citations: int,
) -> list[Sentence]:
    """The quoted sentences; a list question follows the structure of the best paragraph."""
    best = scored[0]
    if kind is QuestionKind.LIST:
        quotes = _list_quotes(top, corpus) or _paragraph_list(top, corpus)
        # The list answers the question when the question is about the list itself (it asks for a
        # counted list, or the intro or an item lead scores best); "哪些平台获得了许可证" wants
        # the one sentence naming them instead.
        top_sentences = {s.sentence for s in scored if s.sentence.paragraph_id == top.id}
        best_in_top = next((s.sentence for s in scored if s.sentence in top_sentences), None)
        if quotes and (top.id in corpus.groups or best_in_top in quotes or wants_enumeration(question)):
            return quotes
        enumeration = _enumeration(best.sentence, corpus)
        if len(enumeration) > 1:
            return enumeration
    chosen = _with_follower(best.sentence, corpus)
    for candidate in scored[1:]:
        if len({s.paragraph_id for s in chosen}) >= min(max_citations, 2):
            break
        if candidate.score < SECOND_SENTENCE_RATIO * best.score:
            break
        if candidate.sentence.paragraph_id not in {s.paragraph_id for s in chosen}:
            chosen.append(candidate.sentence)
    return chosen


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


def _evidence(question: str, hits: Sequence[Hit], scored: Sequence[ScoredSentence], query_tokens: Sequence[str],
              corpus: CorpusView, kind: QuestionKind, english: bool) -> float:
    top = corpus.by_id[hits[0].paragraph_id]
    best = [s.sentence.text for s in scored if s.sentence.paragraph_id == top.id][:2]
    quantity = expected_quantity(question) if kind is QuestionKind.NUMBER else None
    if english:
        # Word coverage and name checks mean nothing for English words over Chinese text: the
        # dense score decides, less the same penalties for a missing quantity or year.
        return evidence_score(0.0, 0.0, hits[0].dense / W_DENSE, kind is QuestionKind.NUMBER, best,
                              missing_years(question, top.text), quantity)
    return evidence_score(
        term_coverage(query_tokens, match_key(" ".join([*top.heading_path, top.text])), corpus.idf),
        term_coverage(query_tokens, match_key(best[0]), corpus.idf) if best else 0.0,
        hits[0].dense,
        kind is QuestionKind.NUMBER,
        best,
        absent_names(question, corpus.text_key) + missing_years(question, top.text),
        quantity,
    )


def compose_answer(
    question: str,
    hits: Sequence[Hit],
    query_vector: np.ndarray,
    query_tokens: Sequence[str],
    corpus: CorpusView,
    thresholds: tuple[float, float],
    max_citations: int = 3,
) -> Answer:
    """Quote and cite, or refuse; `thresholds` are the (Chinese, English) refusal thresholds."""
    english = is_english(question)
    lang = "en" if english else "zh"
    refusal = REFUSAL_EN if english else REFUSAL_ZH
    kind = classify(question)
    scored = score_sentences(hits, query_vector, query_tokens, corpus, kind) if hits else []
    if not scored:
        return Answer(question, refusal, True, lang=lang, debug={"kind": kind.value, "evidence": 0.0})
    evidence = _evidence(question, hits, scored, query_tokens, corpus, kind, english)
    debug = {"evidence": round(evidence, 4), "kind": kind.value}
    if evidence < thresholds[1 if english else 0]:
        see_also = tuple(corpus.by_id[h.paragraph_id] for h in hits[:3])
        return Answer(question, refusal, True, see_also=see_also, lang=lang, debug=debug)
    chosen = _choose(question, scored, corpus.by_id[hits[0].paragraph_id], corpus, kind, max_citations)
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
    return Answer(question, text, False, tuple(quoted), citations, lang=lang, debug=debug)


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
