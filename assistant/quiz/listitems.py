"""List items: "下列哪一项属于 / 不属于 …", with wrong options taken from lists of other chapters."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from assistant.quiz.lists import ItemList
from assistant.quiz.model import FactPool, ItemCitation, QuizItem, section_key
from assistant.text import match_key
from assistant.types import Paragraph


def _chapter(pool: FactPool, item_list: ItemList) -> str:
    return section_key(pool.paragraph(item_list.paragraph_id).locator).split(".")[0]


def list_items(pool: FactPool, paragraphs: Sequence[Paragraph], rng: random.Random) -> list[QuizItem]:
    """"Which of these is / is not one of …" items from the lists in the chosen paragraphs."""
    chosen = {p.id for p in paragraphs}
    items = []
    for item_list in pool.lists:
        if item_list.paragraph_id not in chosen:
            continue
        own = {match_key(i) for i in item_list.items}
        chapter = _chapter(pool, item_list)
        # Wrong options come from lists of other chapters: a list of the same chapter may be nested in
        # this one (the sub-points of a trend are not trends, but a learner could argue they are).
        by_list: dict[str, list[str]] = {}
        for other in pool.lists:
            if other.key == item_list.key or _chapter(pool, other) == chapter:
                continue
            for entry in other.items:
                if match_key(entry) not in own:
                    by_list.setdefault(other.key, []).append(entry)
        foreign = sorted({e for entries in by_list.values() for e in entries})
        if len(by_list) < 3:
            continue
        para = pool.paragraph(item_list.paragraph_id)
        citation = ItemCitation.of(para)
        index = rng.randrange(len(item_list.items))
        answer = item_list.items[index]
        keys = sorted(by_list)
        rng.shuffle(keys)
        # one option per other list, each the closest in length to the key: no option stands out by its form
        spread = [min(by_list[k], key=lambda e, a=answer: (abs(len(e) - len(a)), e)) for k in keys[:3]]
        options = tuple(rng.sample([answer, *spread], 4))
        key = f"list|{item_list.key}|{answer}"
        stem = f"根据报告,下列哪一项属于“{item_list.title}”?"
        source = item_list.sources[index] if item_list.sources else item_list.sentence
        holder = next((p for p in pool.paragraphs if match_key(source) in match_key(p.text)), para)
        items.append(QuizItem("q" + hashlib.sha1(key.encode()).hexdigest()[:11], "mc", stem, answer,
                              source, ItemCitation.of(holder), options))
        summary = f"“{item_list.title}”:" + ";".join(item_list.items) + "。"
        if len(item_list.items) >= 3:
            mean = sum(len(i) for i in item_list.items) / len(item_list.items)
            near = sorted(foreign, key=lambda e, m=mean: (abs(len(e) - m), e))[:5]
            odd = rng.choice(near)
            shown = rng.sample(list(item_list.items), 3)
            key = f"list-not|{item_list.key}|{odd}"
            stem = f"根据报告,下列哪一项不属于“{item_list.title}”?"
            items.append(QuizItem("q" + hashlib.sha1(key.encode()).hexdigest()[:11], "mc", stem, odd,
                                  summary, citation, tuple(rng.sample([odd, *shown], 4))))
    return items
