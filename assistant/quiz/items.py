"""Quiz items from report facts: cloze, multiple choice and true/false.

Everything random goes through one seeded `random.Random`, so a seed always gives
the same quiz. Distractors are values of the same kind as the answer (another
percentage, a nearby count with the same unit, another company or country the
report names), so a wrong option is never absurd and never a second right one.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.corpus import quotable_sentences
from assistant.quiz.facts import Fact, Gazetteer, build_gazetteer, name_distractors, number_distractors, sentence_facts
from assistant.text import match_key, strip_marks
from assistant.types import Paragraph

TYPES = ("mc", "cloze", "tf")
BLANK = "____"
TRUE, FALSE = "正确", "错误"
NAME_KINDS = ("company", "country")
_CLAUSE = re.compile(r"[,,;;::]")
_LEADS = ("例如", "比如")
_PUNCT = ",,::;;"


class QuizError(ValueError):
    """The quiz cannot be made as asked (unknown section, too few facts): one line for the user."""


@dataclass(frozen=True)
class ItemCitation:
    id: str
    locator: str
    text: str


@dataclass(frozen=True)
class QuizItem:
    id: str
    type: str  # mc | cloze | tf
    stem: str
    answer: str
    explanation: str  # the source sentence
    citation: ItemCitation
    options: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "stem": self.stem, "options": list(self.options),
                "answer": self.answer, "explanation": self.explanation,
                "citation": {"id": self.citation.id, "locator": self.citation.locator, "text": self.citation.text}}


@dataclass(frozen=True)
class FactPool:
    """All facts of the corpus, with the gazetteer and paragraphs they came from."""

    facts: tuple[Fact, ...]
    gazetteer: Gazetteer
    paragraphs: tuple[Paragraph, ...]


def collect_facts(paragraphs: Sequence[Paragraph]) -> FactPool:
    """Facts of the body paragraphs (tables and front matter hold no quizzable sentences)."""
    body = tuple(p for p in paragraphs if p.kind == "body")
    gazetteer = build_gazetteer(p.text for p in paragraphs)
    facts = [f for p in body for s in quotable_sentences(p) for f in sentence_facts(strip_marks(s), p.id, gazetteer)]
    return FactPool(tuple(facts), gazetteer, body)


def section_key(locator: str) -> str:
    return locator.split()[0] if locator else ""


def select_paragraphs(paragraphs: Sequence[Paragraph], query: str | None) -> list[Paragraph]:
    """Paragraphs under a locator prefix (§4, §4.1, 4.1) or whose (ancestor) heading contains the text."""
    if not query or not query.strip():
        return list(paragraphs)
    query = query.strip()
    if re.fullmatch(r"\d+(\.\d+)*", query):
        query = "§" + query
    titles = {section_key(p.locator): p.heading_path[-1] for p in paragraphs if p.heading_path}

    def ancestors(key: str) -> list[str]:
        parts = key.split(".")
        return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]

    if query.startswith("§"):
        chosen = [p for p in paragraphs if query in ancestors(section_key(p.locator))]
    else:
        want = match_key(query)
        heads = {p.id: [*p.heading_path, *(titles.get(a, "") for a in ancestors(section_key(p.locator)))]
                 for p in paragraphs}
        chosen = [p for p in paragraphs if any(want in match_key(h) for h in heads[p.id])]
    if not chosen:
        raise QuizError(f"no section matches {query!r}: give a locator prefix such as §4.1 or part of a heading")
    return chosen


def _window(sentence: str, start: int, end: int, before: int = 50, total: int = 90) -> tuple[int, int]:
    """The clauses around a fact: enough context to answer, short enough to read."""
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(sentence))]
    left = min((b for b in bounds if b <= start and start - b <= before), default=max(b for b in bounds if b <= start))
    ends = [m.start() for m in _CLAUSE.finditer(sentence, end)] + [len(sentence)]
    right = ends[0]
    for candidate in ends[1:]:
        if candidate - left > total:
            break
        right = candidate
    return left, right


def _context(fact: Fact, replacement: str, whole: bool = False) -> str:
    """The fact's clauses with the fact replaced; `whole` keeps clauses after it (cloze, tf)."""
    left, right = _window(fact.sentence, fact.start, fact.end, total=90 if whole else 0)
    text = fact.sentence[left : fact.start] + replacement + fact.sentence[fact.end : right]
    for lead in _LEADS:
        if text.startswith(lead) and len(text) - len(lead) > len(replacement) + 4:
            text = text[len(lead) :]
            break
    return text.lstrip(_PUNCT + " ").rstrip(_PUNCT + "。")


def _question_word(fact: Fact) -> str:
    """What the question asks for, in place of the fact: 多少个, 哪一年, 哪家企业…"""
    if fact.kind == "percent":
        return "多少"
    if fact.kind == "year":
        return "哪一年"
    if fact.kind == "count":
        return "多少" + fact.unit.lstrip("百万亿")
    if fact.kind == "country":
        return "哪个国家"
    before = fact.sentence[fact.start - 1 : fact.start]
    return "什么" if before and before in "台库包统品" else "哪家企业"


def distractors(fact: Fact, pool: FactPool, rng: random.Random) -> list[str]:
    if fact.kind in NAME_KINDS:
        return name_distractors(fact, pool.gazetteer, rng)
    if fact.number is not None:
        return number_distractors(fact, pool.facts, rng)
    return []


def item_id(kind: str, fact: Fact) -> str:
    key = f"{kind}|{fact.paragraph_id}|{fact.kind}|{fact.answer}|{fact.start}|{fact.sentence}"
    return "q" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def supported_types(fact: Fact, pool: FactPool) -> list[str]:
    """What a fact can become: mc needs three same-kind distractors, list items only make cloze."""
    kinds = ["cloze"]
    if fact.kind != "item":
        kinds.append("tf")
    if (fact.kind in NAME_KINDS or fact.number is not None) and len(distractors(fact, pool, random.Random(0))) == 3:
        kinds.append("mc")
    return kinds


def make_item(kind: str, fact: Fact, pool: FactPool, rng: random.Random) -> QuizItem:
    para = next(p for p in pool.paragraphs if p.id == fact.paragraph_id)  # a few hundred at most
    citation = ItemCitation(para.id, para.locator, para.text)
    options: tuple[str, ...] = ()
    if kind == "cloze":
        stem, answer = _context(fact, BLANK, whole=True) + "。", fact.answer
    elif kind == "mc":
        word = _question_word(fact)
        stem = _context(fact, word)
        if len(stem) < len(word) + 12:  # "哪一年以来?" asks nothing: keep the clauses after it
            stem = _context(fact, word, whole=True)
        stem += "?"
        wrong = distractors(fact, pool, rng)
        options = tuple(rng.sample([fact.answer, *wrong], 4))
        answer = fact.answer
    else:
        wrong = distractors(fact, pool, rng)[:1]
        truth = not wrong or rng.random() < 0.5
        stem = "判断正误:" + _context(fact, fact.answer if truth else wrong[0], whole=True) + "。"
        answer = TRUE if truth else FALSE
    return QuizItem(item_id(kind, fact), kind, stem, answer, fact.sentence, citation, options)


def _interleave(groups: list[list[Fact]]) -> list[Fact]:
    out: list[Fact] = []
    for i in range(max((len(g) for g in groups), default=0)):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def build_quiz(pool: FactPool, n: int, types: Sequence[str] = TYPES, seed: int = 0,
               section: str | None = None) -> list[QuizItem]:
    """n items spread round-robin over sections, then paragraphs, then sentences."""
    if n < 1:
        raise QuizError("--n must be at least 1")
    bad = [t for t in types if t not in TYPES]
    if bad or not types:
        raise QuizError(f"unknown item type {', '.join(bad) or '(none)'}: use mc, cloze, tf")
    rng = random.Random(seed)
    paragraphs = select_paragraphs(pool.paragraphs, section)
    ok = {id(f): [t for t in supported_types(f, pool) if t in types] for f in pool.facts}
    by_section: dict[str, list[list[Fact]]] = {}
    for para in paragraphs:
        facts = [f for f in pool.facts if f.paragraph_id == para.id and ok[id(f)]]
        sentences: dict[str, list[Fact]] = {}
        for fact in facts:
            sentences.setdefault(fact.sentence, []).append(fact)
        groups = list(sentences.values())
        for group in groups:
            rng.shuffle(group)
        rng.shuffle(groups)
        by_section.setdefault(section_key(para.locator), []).append(_interleave(groups))
    queues = []
    for paras in by_section.values():
        rng.shuffle(paras)
        queues.append(_interleave(paras))
    ordered = _interleave(queues)
    available = len({(f.sentence, f.answer, f.start) for f in ordered})
    where = f"section {section.strip()}" if section else "the report"
    if available < n:
        raise QuizError(f"{where} has only {available} quiz facts for types {','.join(types)}; asked for {n}")
    items: list[QuizItem] = []
    stems: set[str] = set()
    for fact in ordered:
        if len(items) == n:
            break
        allowed = ok[id(fact)]
        start = len(items) % len(types)
        kind = next(t for t in (*types[start:], *types[:start]) if t in allowed)
        item = make_item(kind, fact, pool, rng)
        if item.stem not in stems:
            stems.add(item.stem)
            items.append(item)
    if len(items) < n:
        raise QuizError(f"{where} has only {len(items)} distinct quiz items; asked for {n}")
    return items
