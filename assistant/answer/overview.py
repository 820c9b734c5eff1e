"""What a part of the report says as a whole: "第三章讲了啥", "summarize chapter 4", "前言主要说了些啥".

A reader asking for a part's gist wants its opening and its outline, not the passage that best matches
the words "讲了啥". So the answer is the part's own opening passage (with the list it announces), then
one line per sub-part: the sentence that states the sub-part's heading (the report opens each of its
modes with one, "保障数字主权的云服务模式采用…"), or its first sentence. A part without sub-parts gets
the lead of each later paragraph ("组织形态更稳定:从本地运营团队转向合资设厂。"). Every line is a
sentence of the report, cited to its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.parts import part_paragraphs
from assistant.answer.passages import SHORT_SENTENCE, passage_from
from assistant.answer.sections import without_part_numbers
from assistant.answer.selection import announced_list
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon.numerals import chinese_to_number
from assistant.text import match_key
from assistant.types import Paragraph

MAX_LINES = 14  # an outline, not the part itself
LATER_PARAGRAPH_CHARS = 200  # of a part without sub-parts, each later paragraph's lead and what follows it
_NUMBERING = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*)\s*")
STATES_HEADING = 0.6  # share of the heading's character pairs (of its core) a sentence must hold to state it


def overview_quotes(part: str, corpus: CorpusView) -> list[Sentence]:
    """The part's opening and its outline; [] when the part does not exist."""
    part = part.rstrip()  # (the opening of a chapter asked for as a whole is the chapter's overview)
    inside = part_paragraphs(part, corpus)
    own = [p for p in inside if p.locator[len(part):].startswith(" ")]
    children: dict[str, list[Paragraph]] = {}
    for paragraph in inside:
        if paragraph not in own:
            child = part + "." + paragraph.locator[len(part) + 1:].split(" ")[0].split(".")[0]
            children.setdefault(child, []).append(paragraph)
    opening: list[Sentence] = []
    if own and (first := corpus.sentences.get(own[0].id, ())):
        chosen = passage_from(first[0], corpus)
        opening = [*chosen, *announced_list(chosen, corpus)]
    if not children:  # each later paragraph's lead with what follows it, briefly (the preface's last paragraph
        # names the report's trends, modes and roadmap after a lead about its framework)
        leads = [lead for p in own[1:] if (lead := _lead(p, corpus)) is not None]
        fuller = list(dict.fromkeys([*opening, *(s for lead in leads
                                                 for s in passage_from(lead, corpus, LATER_PARAGRAPH_CHARS))]))
        if len(fuller) <= MAX_LINES:
            return fuller
        return list(dict.fromkeys([*opening, *leads]))[:MAX_LINES]
    # One line per sub-part, with its sub-points' short leads when the outline stays short enough.
    lines = [_sub_part_line(prefix, paragraphs, corpus) for prefix, paragraphs in children.items()]
    detailed = [[*line, *(s for p in paragraphs[1:] if (s := _lead(p, corpus)) is not None
                          and len(s.text) < SHORT_SENTENCE)]
                for line, paragraphs in zip(lines, children.values(), strict=True)]
    outline = list(dict.fromkeys([*opening, *(s for line in detailed for s in line)]))
    if len(outline) > MAX_LINES:
        outline = list(dict.fromkeys([*opening, *(s for line in lines for s in line)]))
    return outline[:MAX_LINES]


def _lead(paragraph: Paragraph, corpus: CorpusView) -> Sentence | None:
    """A paragraph's lead: its first sentence (the report states each paragraph's point first)."""
    sentences = corpus.sentences.get(paragraph.id, ())
    return sentences[0] if sentences else None


def _sub_part_line(prefix: str, paragraphs: Sequence[Paragraph], corpus: CorpusView) -> list[Sentence]:
    """The sentence of a sub-part that states its heading, else its first sentence (with the next when short)."""
    depth = prefix.count(".")
    heading = paragraphs[0].heading_path[depth] if len(paragraphs[0].heading_path) > depth else ""
    sentences = [s for p in paragraphs for s in corpus.sentences.get(p.id, ())]
    if not sentences:
        return []
    core = _core(heading)
    pairs = {core[i:i + 2] for i in range(len(core) - 1)}
    if pairs:
        keys = [match_key(s.text) for s in sentences]
        states = [sum(pair in key for pair in pairs) / len(pairs) for key in keys]
        # the sentence stating most of the heading, the one that opens with it first among equals
        best = max(range(len(sentences)), key=lambda i: (states[i], -_where(core, keys[i])))
        if states[best] >= STATES_HEADING:
            return [sentences[best]]
    first = sentences[0]
    return [first, sentences[1]] if len(first.text) < SHORT_SENTENCE and len(sentences) > 1 else [first]


def _core(heading: str) -> str:
    """A heading's matching key after its numbering and its "云计算平台:" label: "保障数字主权的云服务模式"."""
    core = _NUMBERING.sub("", heading)
    return match_key(re.split(r"[:：]", core)[-1] or core)


def _where(core: str, key: str) -> int:
    """Where the heading's core starts in a sentence's key: a sentence that opens with it states it best."""
    at = key.find(core)
    return at if at >= 0 else len(key)


def sub_part_openings(part: str, corpus: CorpusView, quoted: Sequence[Sentence] = ()) -> list[Paragraph]:
    """A paragraph of each of the part's sub-parts, in order: their headings are the part's outline ("行动倡议分几个
    层面": 1.政府层面, 2.企业层面, 3.国际组织与智库, which no sentence states). The paragraph already `quoted` for a
    sub-part, so its heading shares that quote's citation; else the sub-part's first."""
    cited = {s.paragraph_id for s in quoted}
    chosen: dict[str, Paragraph] = {}
    for paragraph in part_paragraphs(part, corpus):
        rest = paragraph.locator[len(part):]
        if rest.startswith(".") and len(paragraph.heading_path) > part.count(".") + 1:
            child = rest[1:].split(" ")[0].split(".")[0]
            if child not in chosen or (paragraph.id in cited and chosen[child].id not in cited):
                chosen[child] = paragraph
    return list(chosen.values())


# "四类", "4个", "the four types": how many things a list question asks for.
_COUNT_ZH = re.compile(r"([一二两三四五六七八九十\d]+)\s*(?:个|大|类|种|项|点|条|部分|节|块)")
_COUNT_EN = re.compile(r"\b(two|three|four|five|six|seven|eight|\d)\s+(?:[a-z-]+\s+){0,2}?"
                       r"(?:types|kinds|categories|archetypes|models|modes|sections|parts|groups|classes|trends|roles)\b",
                       re.I)
_EN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def asked_count(question: str) -> int:
    """How many things the question asks for ("列出第四章的四类平台" -> 4), not the part it names; 0 when unsaid."""
    rest = without_part_numbers(question)
    if m := _COUNT_EN.search(rest):
        word = m.group(1).lower()
        return int(word) if word.isdigit() else _EN_COUNTS[word]
    if m := _COUNT_ZH.search(rest):
        return int(m.group(1)) if m.group(1).isdigit() else int(chinese_to_number(m.group(1)) or 0)
    return 0
