""""有没有提到中国电信?", "Does the report mention Amazon at all?": where the report names something.

Such a question is not answered by the one passage that best matches its words (the cover, for a question
naming the publisher) but by the places the report names the thing: the first sentence naming it in each
of the first few body paragraphs that do, in reading order, the foreword last. A name the corpus never
mentions is refused before this (analysis.unknown).

A list question about a named thing is answered by its best passage and, from each further paragraph
found, the best sentence naming that thing (`other_mentions`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.passages import with_follower
from assistant.answer.selection import ScoredSentence, announces
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import Mention
from assistant.text import match_key

_MENTION = re.compile(
    r"有没有(?:提到|提及|讲到|说到|写到|涉及|出现)|是否(?:提到|提及|涉及)|"
    r"(?:提到|提及|讲到|涉及)(?:了|过)?[^,，。?？]{0,12}(?:吗|没有|没)[?？]?$|"
    # "亚马逊在报告里出现了几次": where it is named, counted
    r"(?:出现|提到|提及|提|讲到|说到)(?:了|过)?(?:几|多少)次|\bhow many times\b|"
    r"\bdoes (?:the|this|it) (?:report )?(?:mention|discuss|talk about|refer to|reference|name|feature|cover)\b|"
    r"\bis [^?]{1,40}\bmentioned\b|\bany mention of\b",
    re.I,
)
MAX_PLACES = 3
MENTION_FLOOR = 0.5  # share of the best score below which a sentence naming the thing is a passing mention


def asks_mention(question: str) -> bool:
    return bool(_MENTION.search(question))


def mention_quotes(mentions: tuple[Mention, ...], corpus: CorpusView) -> list[Sentence]:
    """The first sentence naming any of the mentioned things in each of the first body paragraphs that do.

    A thing is looked for under its names no shorter than the question's ("中国电信" is not found in
    "电信网络", though 电信 is one of its short forms; "阿里" finds 阿里巴巴 and 阿里)."""
    things = {m.group.names: {match_key(n) for n in m.group.names if len(n) >= len(m.surface)} | {match_key(m.surface)}
              for m in mentions}

    def named(text: str) -> int:
        """How many of the things the text names."""
        key = match_key(text)
        return sum(any(form in key for form in forms) for forms in things.values())

    report = [p for p in corpus.report_paragraphs() if p.kind != "front"]
    ordered = [p for p in report if p.locator.startswith("§")] + [p for p in report if not p.locator.startswith("§")]
    # "TikTok在马来西亚的事情": where the report names them together, when it does; else where it names any
    together = [p for p in ordered if named(p.text) == len(things)] if len(things) > 1 else []
    quotes: list[Sentence] = []
    for paragraph in together or ordered:
        if not named(paragraph.text):
            continue
        sentences = corpus.sentences.get(paragraph.id, ())
        most = max((named(s.text) for s in sentences), default=0)
        sentence = next((s for s in sentences if most and named(s.text) == most), None)
        if sentence is not None:
            quotes.append(sentence)
        if len(quotes) == MAX_PLACES:
            break
    return quotes


def other_mentions(chosen: Sequence[Sentence], scored: Sequence[ScoredSentence], corpus: CorpusView,
                   max_citations: int, names_asked: Callable[[str], bool]) -> list[Sentence]:
    """A list question about a named thing ("华为在非洲开展了哪些合作", "报告中提到越南的哪些项目"): from each
    further paragraph (best first) its best sentence naming that thing, until the answer cites `max_citations`
    paragraphs. The report spreads one company's or country's cases over several sections; the best paragraph
    holds only some of them. Sentences scoring below MENTION_FLOOR of the best are passing mentions."""
    cited = {s.paragraph_id for s in chosen}
    found: list[Sentence] = []
    floor = MENTION_FLOOR * scored[0].score if scored else 0.0
    for candidate in scored:
        if len(cited) >= max_citations or candidate.score < floor:
            break
        sentence = candidate.sentence
        if sentence.paragraph_id in cited or announces(sentence) or not names_asked(sentence.text):
            continue
        cited.add(sentence.paragraph_id)
        found.extend(with_follower(sentence, corpus))
    return found
