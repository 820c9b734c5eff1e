"""What a quiz is made of: items, their citations, and the pool of facts and lists they come from.

`collect_facts` reads the report's body paragraphs once (facts per sentence, lists per
heading) with the shared name table; `select_paragraphs` picks a section by locator
prefix or heading text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from assistant.lexicon import NameGroup, NameTable, load_name_table
from assistant.quiz.facts import Fact, sentence_facts
from assistant.quiz.lists import ItemList, collect_lists
from assistant.text import match_key, strip_marks
from assistant.types import Paragraph, ParagraphRef
from assistant.units import quotable_sentences

TYPES = ("mc", "cloze", "tf")
BLANK = "____"
TRUE, FALSE = "正确", "错误"


class QuizError(ValueError):
    """The quiz cannot be made as asked (unknown section, too few facts): one line for the user."""


ItemCitation = ParagraphRef  # the paragraph a quiz item's answer key points to


@dataclass(frozen=True)
class QuizItem:
    id: str
    type: str  # mc | cloze | tf
    stem: str
    answer: str
    explanation: str  # the source sentence
    citation: ItemCitation
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()  # other answers a short-answer export accepts: "131" for "131个"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "stem": self.stem, "options": list(self.options),
                "answer": self.answer, "accepted": list(self.accepted), "explanation": self.explanation,
                "citation": {"id": self.citation.id, "locator": self.citation.locator, "text": self.citation.text}}


@dataclass(frozen=True)
class FactPool:
    """All facts of the corpus, with the name table, the paragraphs and the lists they came from."""

    facts: tuple[Fact, ...]
    names: NameTable
    paragraphs: tuple[Paragraph, ...]
    lists: tuple[ItemList, ...] = ()

    @cached_property
    def _mentions(self) -> dict[str, list[NameGroup]]:
        return {p.id: [m.group for m in self.names.find(p.text)] for p in self.paragraphs}

    @cached_property
    def named(self) -> list[NameGroup]:
        """Things the report names, in reading order: where distractors come from."""
        return list(dict.fromkeys(g for p in self.paragraphs for g in self._mentions[p.id]))

    def paragraph(self, paragraph_id: str) -> Paragraph:
        return self._by_id[paragraph_id]

    @cached_property
    def _by_id(self) -> dict[str, Paragraph]:
        return {p.id: p for p in self.paragraphs}

    def section_names(self, locator: str) -> list[NameGroup]:
        """Things named in the same chapter section (§4.1), in reading order: the true/false swap's pool."""
        key = section_key(locator)
        return list(dict.fromkeys(g for p in self.paragraphs if section_key(p.locator) == key
                                  for g in self._mentions[p.id]))


def collect_facts(paragraphs: Sequence[Paragraph], names: NameTable | None = None) -> FactPool:
    """Facts of the body paragraphs (tables and front matter hold no quizzable sentences).

    `names` is the corpus's name table (`load_name_table(corpus_dir, texts)`); without it the
    packaged names and the pairs the text writes itself are used.
    """
    body = tuple(p for p in paragraphs if p.kind == "body")
    table = names if names is not None else load_name_table(None, (p.text for p in paragraphs))
    facts = [f for p in body for s in quotable_sentences(p) for f in sentence_facts(strip_marks(s), p.id, table)]
    return FactPool(tuple(facts), table, body, tuple(collect_lists(body)))


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
