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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any

from assistant.corpus import quotable_sentences
from assistant.lexicon import ENTITY_KINDS, NameGroup, NameTable, load_name_table
from assistant.lexicon.numerals import answer_variants
from assistant.quiz.facts import (
    NAME_KINDS,
    Fact,
    name_distractors,
    number_distractors,
    sentence_facts,
    strip_lead,
)
from assistant.quiz.lists import ItemList, collect_lists
from assistant.text import match_key, strip_marks
from assistant.types import Paragraph

TYPES = ("mc", "cloze", "tf")
BLANK = "____"
TRUE, FALSE = "正确", "错误"
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


_SUBJECT = re.compile(r"[A-Z][A-Za-z]*[a-z][A-Za-z]*|"
                      r"[\u4e00-\u9fff]{2,8}(?:集团|公司|科技|银行|政府|央行|电信|云|组织|机构|国际|局)")


_EXAMPLE = re.compile(r"(?:例如|比如)[,,::]?")


def _in_quote(sentence: str, start: int) -> bool:
    head = sentence[:start]
    return head.count('"') % 2 == 1 or head.count("“") > head.count("”")


def _names_something(text: str) -> bool:
    return bool(_SUBJECT.search(text))


def subject_before(sentence: str, left: int, names: Callable[[str], bool] = _names_something,
                   fact: tuple[int, int] = (0, 0)) -> bool:
    """The clauses cut off before the window name who acts (WeChat与TikTok…, 中国已与…): keep them.

    The fact itself does not count as a subject: it is blanked or swapped.
    """
    start, end = fact
    window = sentence[left : left + 30]
    if start >= left:
        window = sentence[left:start] + "\u3000" + sentence[end : left + 30]
    return names(sentence[:left]) and not names(window)


def _window(sentence: str, start: int, end: int, before: int = 50, total: int = 90,
            names: Callable[[str], bool] = _names_something) -> tuple[int, int]:
    """The clauses around a fact: enough context to answer, short enough to read.

    It reaches back to the sentence's start when the clauses before the fact hold its subject
    (a stem that begins mid-sentence, "覆盖全球200余个区域", asks about nobody).
    """
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(sentence))]
    left = min((b for b in bounds if b <= start and start - b <= before), default=max(b for b in bounds if b <= start))
    if left and ((start - left < 12 and start <= 110) or subject_before(sentence, left, names, (start, end))):
        left = 0
    example = max((m.end() for m in _EXAMPLE.finditer(sentence, 0, start)), default=0)
    left = max(left, example)  # "…,例如Amazon汇聚…": the example stands alone; the clauses before it are a heading
    ends = [m.start() for m in _CLAUSE.finditer(sentence, end)] + [len(sentence)]
    right = ends[0]
    for candidate in ends[1:]:
        if candidate - left > total:
            break
        right = candidate
    return left, right


def _stem_text(fact: Fact, replacement: str, whole: bool = False,
             names: Callable[[str], bool] = _names_something) -> str:
    """The fact's clauses with the fact replaced; `whole` keeps clauses after it (cloze, tf)."""
    left, right = _window(fact.sentence, fact.start, fact.end, total=90 if whole else 0, names=names)
    text = fact.sentence[left : fact.start] + replacement + fact.sentence[fact.end : right]
    text = strip_lead(text.lstrip(_PUNCT + " "))
    return text.lstrip(_PUNCT + " ").rstrip(_PUNCT + "。")


_NOUN_AFTER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{0,6}?"
                         r"(?:平台|国家|地区|企业|系统|方案|模式|项目|网络|一体机|中心|产品|体系|机构|组织)")


def _appositive(fact: Fact) -> bool:
    """The name sits next to a noun that describes it (平台阿里鱼, 全球南方国家, Azure Stack混合云一体机)."""
    before = fact.sentence[fact.start - 1 : fact.start]
    after = fact.sentence[fact.end : fact.end + 8]
    return bool(before and "\u4e00" <= before <= "\u9fff" and before in "台品擎库统网") or bool(
        after and "\u4e00" <= after[0] <= "\u9fff" and _NOUN_AFTER.match(after))


def _question_word(fact: Fact) -> str:
    """What the question asks for, in place of the fact: 多少个, 哪一年, 哪家企业…"""
    if fact.kind == "percent":
        return "多少"
    if fact.kind == "year":
        return "哪一年"
    if fact.kind == "count":
        return "多少" + fact.unit.lstrip("百万亿")
    if fact.kind in ("country", "region", "city"):
        return {"country": "哪个国家", "region": "哪个地区", "city": "哪座城市"}[fact.kind]
    if fact.kind == "org":
        return "哪个机构"
    if fact.kind == "product":
        return "哪个产品或平台"
    before = fact.sentence[fact.start - 1 : fact.start]
    return "什么" if before and before in "台库包统品" else "哪家企业"


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
    if fact.kind != "item" and not (fact.kind in NAME_KINDS and _appositive(fact)):
        kinds.append("tf")  # 枢纽eWTPHub, 推出COSMOPlat平台: a swapped name there reads as nonsense
    if (fact.kind in NAME_KINDS or fact.number is not None) and len(distractors(fact, pool, random.Random(0))) == 3:
        kinds.append("mc")
    return kinds


def make_item(kind: str, fact: Fact, pool: FactPool, rng: random.Random) -> QuizItem:
    para = pool.paragraph(fact.paragraph_id)
    _context = partial(_stem_text, names=lambda text: bool(pool.names.find(text, ENTITY_KINDS)))
    citation = ItemCitation(para.id, para.locator, para.text)
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    if kind == "cloze":
        stem, answer = _context(fact, BLANK, whole=True) + "。", fact.answer
        accepted = tuple(v for v in answer_variants(answer) if v != answer) if fact.number is not None else tuple(
            n for n in (pool.names.group_of(answer).names if pool.names.group_of(answer) else ()) if n != answer)
    elif kind == "mc" and ((fact.kind in NAME_KINDS and _appositive(fact)) or _in_quote(fact.sentence, fact.start)):
        # "创新平台阿里鱼", "COSMOPlat工业互联网平台": a question word there reads badly; ask for the fill
        stem = _context(fact, BLANK, whole=True) + "。(选出填入空白处的一项)"
        wrong = distractors(fact, pool, rng)
        options = tuple(rng.sample([fact.answer, *wrong], 4))
        answer = fact.answer
    elif kind == "mc":
        word = _question_word(fact)
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
        citation = ItemCitation(para.id, para.locator, para.text)
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
                              source, ItemCitation(holder.id, holder.locator, holder.text), options))
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
