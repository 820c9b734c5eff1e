"""Which sentences an answer quotes: scoring, and following the report's list structure.

Pure functions over the corpus view. A sentence scores by the question's term
coverage (read with its section heading), its cosine to the question, its
paragraph's retrieval score and whether it is the kind of sentence asked for.
A list question quotes the list: an intro with its item paragraphs, short
lead sentences inside one paragraph, or an in-sentence 一是/二是 enumeration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.analysis import QuestionKind
from assistant.answer.evidence import Concept, concept_coverage
from assistant.answer.parallel import sibling_leads
from assistant.answer.passages import SHORT_SENTENCE, further, passage_from, with_follower
from assistant.corpus import CorpusView, Sentence
from assistant.text import match_key
from assistant.types import Hit, Paragraph

# Sentence score = LEX * idf-weighted term coverage + DENSE * cosine + PARA * paragraph score + bonuses.
LEX, DENSE, PARA = 0.45, 0.35, 0.35
KIND_BONUS = 0.12  # a sentence of the kind the question asks for (a number, a definition)
# Quote a second paragraph when its best sentence scores this share of the first's: the report spreads one answer
# over neighbouring paragraphs (a claim, then its example). 0.88 quoted too few: dev sets gold cited 0.901 -> 0.907,
# all facts 0.767 -> 0.771 at 0.70, answers 10 characters longer on average (evals/RESULTS.md, thirteenth round);
# with four paragraphs, 0.60: dev gold cited +2 questions, all facts +3, held out +5 / +2, 15 characters longer.
SECOND_SENTENCE_RATIO = 0.60


_COUNTED = re.compile(r"哪[二三四五六七八九十两几]|几大|[二三四五六七八九十两]大|几个方面|哪几|几点|几类|几种", re.I)


def wants_enumeration(question: str) -> bool:
    """"哪三个方面" / "四大机遇": the question asks for a counted list, so quote the whole list."""
    return bool(_COUNTED.search(question))


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    score: float


_DIGIT = re.compile(r"[0-9]")
_DEFINING = re.compile(r"是指|指的是|定义为|是一种|核心在于|本质是")


# The defined term as the subject of a defining verb: '"数字丝绸之路" 应运而生,成为…的重要桥梁', "X是…".
_DEFINING_VERB = r"[\"”」』]?\s*[^,，。;；]{0,4}?(?:是|指|即|成为|已成为|作为|应运而生|被称为|意味着)"


def _kind_bonus(kind: QuestionKind, text: str, defined: Sequence[str] = ()) -> float:
    if kind is QuestionKind.NUMBER and _DIGIT.search(text):  # not str.isdigit: footnote marks ¹ are no numbers
        return KIND_BONUS
    if kind is QuestionKind.DEFINITION and (_DEFINING.search(text) or any(
            re.search(re.escape(term) + _DEFINING_VERB, text) for term in defined)):
        return KIND_BONUS
    return 0.0


def score_sentences(
    hits: Sequence[Hit], query_vector: np.ndarray, concepts: Sequence[Concept], corpus: CorpusView, kind: QuestionKind,
    defined: Sequence[str] = (),
) -> list[ScoredSentence]:
    scored = []
    for hit in hits:
        # A sentence is read in its section: "组长:饶少阳。" answers "工作组的组长是谁" under the heading 工作组.
        heading = match_key(corpus.by_id[hit.paragraph_id].section)
        for sentence in corpus.sentences.get(hit.paragraph_id, ()):
            lex = concept_coverage(concepts, heading + match_key(sentence.text))
            cos = float(corpus.vectors[sentence.row] @ query_vector)
            score = LEX * lex + DENSE * cos + PARA * hit.score + _kind_bonus(kind, sentence.text, defined)
            scored.append(ScoredSentence(sentence, score))
    scored.sort(key=lambda s: -s.score)
    return scored


def _list_quotes(paragraph: Paragraph, corpus: CorpusView) -> list[Sentence] | None:
    """For a list intro (or one of its items): the intro sentence and each item's lead."""
    intro_id = paragraph.id if paragraph.id in corpus.groups else None
    if intro_id is None:
        intro_id = corpus.intro_of.get(paragraph.id)
    if intro_id is None:
        return None
    intro = corpus.sentences.get(intro_id, ())
    # The intro's last sentence announces the list, unless the intro is itself item one ("一是…").
    quotes = [intro[0] if intro[0].text.startswith("一是") else intro[-1]] if intro else []
    for item in corpus.groups[intro_id]:
        if corpus.sentences.get(item):  # each item with its content: "一是混合主权架构。" says what, the next how
            quotes.extend(with_follower(corpus.sentences[item][0], corpus))
    return quotes


LIST_PARAGRAPH_CHARS = 600  # a list written in one paragraph is quoted whole up to this length


def _paragraph_leads(paragraph: Paragraph, corpus: CorpusView) -> list[Sentence] | None:
    """A list written inside one paragraph as short lead sentences (e.g. the action items)."""
    leads = [s for s in corpus.sentences.get(paragraph.id, ()) if len(s.text) < SHORT_SENTENCE]
    return leads if len(leads) >= 2 else None


def _with_content(leads: list[Sentence], corpus: CorpusView) -> list[Sentence]:
    """"推动跨境规则衔接与互认机制建设。" names an item; the sentences after it say what it means.

    The paragraph is quoted whole when it is not long, else each lead with the sentence after it.
    """
    sentences = corpus.sentences.get(leads[0].paragraph_id, ())
    if sum(len(s.text) for s in sentences) <= LIST_PARAGRAPH_CHARS:
        return list(sentences)
    quotes = []
    for lead in leads:
        position = sentences.index(lead)
        quotes.extend(sentences[position : position + 2])
    return list(dict.fromkeys(quotes))


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


def announces(sentence: Sentence) -> bool:
    return sentence.text.rstrip().endswith((":", "\uff1a"))


def announced_list(chosen: Sequence[Sentence], corpus: CorpusView) -> list[Sentence]:
    """The items of a list whose intro ("该模式有三大特点:") ends the quoted passage of its paragraph."""
    last = chosen[-1]
    if not announces(last) or last.paragraph_id not in corpus.groups:
        return []
    return _list_quotes(corpus.by_id[last.paragraph_id], corpus) or []


# "每类的定位", "各类平台分别…", "for each type": the question asks for every row, whichever matches best.
_EVERY_ROW = re.compile(r"每(?:一)?[类个种行]|各(?:类|个|种)|分别|所有|全部|一一|"
                        r"\beach\b|\bevery\b|\ball (?:four|the)\b", re.I)


def table_quotes(table: Paragraph, concepts: Sequence[Concept], corpus: CorpusView,
                 question: str = "") -> list[Sentence]:
    """A table question: the row it is about, or every row when it asks for each or no single row matches best."""
    rows = list(corpus.sentences.get(table.id, ()))
    if not rows or _EVERY_ROW.search(question):
        return rows
    coverage = [concept_coverage(concepts, match_key(row.text)) for row in rows]
    best = max(coverage)
    if best > 0 and COMPARES.search(question):  # "金融科技和跨境电商那两行有啥不一样": the rows compared
        return [row for row, c in zip(rows, coverage, strict=True) if c >= COMPARED_ROW * best]
    return [rows[coverage.index(best)]] if coverage.count(best) == 1 and best > 0 else rows


COMPARES = re.compile(r"区别|不同|不一样|对比|比较|相比|差异|差别|异同|\bdiffer|\bcompar|\bcontrast|\bversus\b|\bvs\b",
                      re.I)
COMPARED_ROW = 0.5  # share of the best row's coverage a compared row holds (a row naming the other thing asked)


def choose(
    question: str, scored: list[ScoredSentence], top: Paragraph, corpus: CorpusView, kind: QuestionKind,
    max_citations: int, concepts: Sequence[Concept] = (), causes: bool = False,
    names_asked: Callable[[str], bool] = lambda text: True,
) -> list[Sentence]:
    """The quoted sentences; a list question follows the structure of the best paragraph. `causes`: the question
    asks why, and reasons are sometimes a list written across paragraphs (§1.1's three drivers). `names_asked`: whether
    a text names what the question names; a list structure that does not ("信也科技在哪几个国家做业务": the leads of
    the mode's three features never name 信也科技) is not the answer, the sentence that does is."""
    best = scored[0]
    top_sentences = {s.sentence for s in scored if s.sentence.paragraph_id == top.id}
    best_in_top = next((s.sentence for s in scored if s.sentence in top_sentences), None)
    structured = _list_quotes(top, corpus) if kind is QuestionKind.LIST or causes else None
    if structured is not None and not names_asked(" ".join(s.text for s in structured)):
        structured = None
    if kind is QuestionKind.LIST or causes:
        across = sibling_leads(top, corpus) if structured is None else None
        across_quotes = [s for lead in across or () for s in with_follower(lead, corpus)]
        if across and names_asked(" ".join(s.text for s in across_quotes)) and (
                best_in_top in across or wants_enumeration(question)):  # a list written across paragraphs
            return across_quotes
    if kind is QuestionKind.LIST:
        # The list answers the question when the question is about the list itself (it asks for a
        # counted list, or the intro or an item lead scores best); "哪些平台获得了许可证" wants
        # the one sentence naming them instead.
        quotes = structured or _paragraph_leads(top, corpus)
        # A section whose heading is what the question asks about ("对政府有哪些建议" under "1.政府层面")
        # is itself the list.
        about_section = concept_coverage(concepts, match_key(top.section)) > 0
        if quotes and (top.id in corpus.groups or best_in_top in quotes or wants_enumeration(question)
                       or about_section):
            return quotes if structured else _with_content(quotes, corpus)
    enumeration = _enumeration(best.sentence, corpus)
    if len(enumeration) > 1:
        return enumeration
    if kind in (QuestionKind.OTHER, QuestionKind.DEFINITION, QuestionKind.LIST):
        chosen = passage_from(best.sentence, corpus)
    else:
        chosen = with_follower(best.sentence, corpus)
    announced = announced_list(chosen, corpus)
    if announced:  # "…有三大特点:" is never left hanging: its items follow
        return list(dict.fromkeys([*chosen, *announced]))
    for candidate in scored[1:]:
        if len({s.paragraph_id for s in chosen}) >= max_citations:
            break
        if candidate.score < SECOND_SENTENCE_RATIO * best.score:
            break
        if announces(candidate.sentence):
            continue  # "该模式有三大特点:" says nothing without the list it announces
        if candidate.sentence.paragraph_id not in {s.paragraph_id for s in chosen}:
            chosen.extend(further(candidate.sentence, chosen, kind, corpus))
    return chosen
