"""Quiz items from report facts: cloze, multiple choice and true/false.

Everything random goes through one seeded `random.Random`, so a seed always gives
the same quiz. Distractors are values of the same kind as the answer (another
percentage, a nearby count with the same unit, another company or country the
report names), so a wrong option is never absurd and never a second right one.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from functools import partial

from assistant.lexicon import ENTITY_KINDS
from assistant.lexicon.numerals import answer_variants
from assistant.quiz.facts import NAME_KINDS, Fact, name_distractors, number_distractors
from assistant.quiz.listitems import list_items
from assistant.quiz.model import (  # re-exported: callers import the quiz's types from here
    BLANK,
    FALSE,
    TRUE,
    TYPES,
    FactPool,
    ItemCitation,
    QuizError,
    QuizItem,
    collect_facts,
    section_key,
    select_paragraphs,
)
from assistant.quiz.stems import appositive, in_quote, question_word, stem_text

__all__ = ["BLANK", "FALSE", "TRUE", "TYPES", "FactPool", "ItemCitation", "QuizError", "QuizItem", "build_quiz",
           "collect_facts", "make_item", "section_key", "select_paragraphs", "supported_types"]

def distractors(fact: Fact, pool: FactPool, rng: random.Random) -> list[str]:
    if fact.kind in NAME_KINDS:
        para = pool.paragraph(fact.paragraph_id)
        return name_distractors(fact, pool.names, pool.named, pool._mentions[para.id], rng,
                                pool.section_names(para.locator))
    if fact.number is not None:
        return number_distractors(fact, pool.facts, rng)
    return []


def item_id(kind: str, fact: Fact) -> str:
    key = f"{kind}|{fact.paragraph_id}|{fact.kind}|{fact.answer}|{fact.start}|{fact.sentence}"
    return "q" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:11]


def supported_types(fact: Fact, pool: FactPool) -> list[str]:
    """What a fact can become: mc needs three same-kind distractors, list items only make cloze."""
    kinds = ["cloze"]
    if fact.kind != "item" and not (fact.kind in NAME_KINDS and appositive(fact)):
        kinds.append("tf")  # 枢纽eWTPHub, 推出COSMOPlat平台: a swapped name there reads as nonsense
    if (fact.kind in NAME_KINDS or fact.number is not None) and len(distractors(fact, pool, random.Random(0))) == 3:
        kinds.append("mc")
    return kinds


def make_item(kind: str, fact: Fact, pool: FactPool, rng: random.Random) -> QuizItem:
    para = pool.paragraph(fact.paragraph_id)
    _context = partial(stem_text, names=lambda text: bool(pool.names.find(text, ENTITY_KINDS)))
    citation = ItemCitation.of(para)
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    if kind == "cloze":
        stem, answer = _context(fact, BLANK, whole=True) + "。", fact.answer
        accepted = tuple(v for v in answer_variants(answer) if v != answer) if fact.number is not None else tuple(
            n for n in (pool.names.group_of(answer).names if pool.names.group_of(answer) else ()) if n != answer)
    elif kind == "mc" and ((fact.kind in NAME_KINDS and appositive(fact)) or in_quote(fact.sentence, fact.start)):
        # "创新平台阿里鱼", "COSMOPlat工业互联网平台": a question word there reads badly; ask for the fill
        stem = _context(fact, BLANK, whole=True) + "。(选出填入空白处的一项)"
        wrong = distractors(fact, pool, rng)
        options = tuple(rng.sample([fact.answer, *wrong], 4))
        answer = fact.answer
    elif kind == "mc":
        word = question_word(fact)
        stem = _context(fact, word)
        if len(stem) < len(word) + 20:  # "哪一年以来?" asks nothing: keep the clauses after it
            stem = _context(fact, word, whole=True)
        stem += "?"
        wrong = distractors(fact, pool, rng)
        options = tuple(rng.sample([fact.answer, *wrong], 4))
        answer = fact.answer
    else:
        wrong = distractors(fact, pool, rng)[:1]  # names: the first is another of its kind from the same section
        truth = not wrong or rng.random() < 0.5
        stem = "判断正误:" + _context(fact, fact.answer if truth else wrong[0], whole=True) + "。"
        answer = TRUE if truth else FALSE
    return QuizItem(item_id(kind, fact), kind, stem, answer, fact.sentence, citation, options, accepted)


def _interleave(groups: list[list[Fact]]) -> list[Fact]:
    out: list[Fact] = []
    for i in range(max((len(g) for g in groups), default=0)):
        out.extend(g[i] for g in groups if i < len(g))
    return out


def build_quiz(pool: FactPool, n: int, types: Sequence[str] = TYPES, seed: int = 0,
               section: str | None = None) -> list[QuizItem]:
    """n items spread round-robin over sections, then paragraphs, one item per sentence at most."""
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
        rng.shuffle(facts)
        by_section.setdefault(section_key(para.locator), []).append(facts)
    queues = []
    for paras in by_section.values():
        rng.shuffle(paras)
        queues.append(_interleave(paras))
    rng.shuffle(queues)
    ordered = _interleave(queues)
    lists = list_items(pool, paragraphs, rng) if "mc" in types else []
    rng.shuffle(lists)
    where = f"section {section.strip()}" if section else "the report"
    available = len({f.sentence for f in ordered}) + len(lists)
    if available < n:
        raise QuizError(f"{where} has only {available} quiz facts for types {','.join(types)}; asked for {n}")
    items: list[QuizItem] = []
    used: set[str] = set()  # sentences already asked about
    share = len(lists) / available if available else 0.0
    queue = list(ordered)
    while len(items) < n and (queue or lists):
        if lists and (not queue or rng.random() < max(share, 0.15)):
            item = lists.pop()
            if item.explanation in used and queue:
                continue
        else:
            fact = queue.pop(0)
            if fact.sentence in used:
                continue
            allowed = ok[id(fact)]
            item = make_item(rng.choice(allowed), fact, pool, rng)
        used.add(item.explanation)
        items.append(item)
    if len(items) < n:
        raise QuizError(f"{where} has only {len(items)} distinct quiz items; asked for {n}")
    return items
