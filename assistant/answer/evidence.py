"""Evidence measures for the judgement: term coverage, similarity, and the words a question is about.

`evidence_score` weighs the question's term coverage of the best paragraph and of its
best sentence with the dense similarity (weights from a grid search, evals/RESULTS.md);
`proper_names`, `topic_nouns` and `event_verbs` find the names, nouns and events a question is about
(quantities.py says what figure it wants). The judgement (judgement.py) uses them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer.common_words import FUNCTION_CHARS, GENERIC_NOUNS, NOT_NAMES, WITH_RELATION
from assistant.text import is_cjk, match_key, pos_tags, tokenize

# Weights found by a grid search on the Chinese eval questions (see evals/RESULTS.md).
W_PARAGRAPH, W_SENTENCE, W_DENSE = 0.75, 0.25, 0.25
# "nz" (other proper noun) misfires on ordinary words such as 中文; a 2-character "nr" starting
# with a conjunction is a segmentation slip (和云), not a person.
# Latin words typed in a Chinese question that are no names: "市场适配 vs 价值共生 区别", "pls", "ok".
# ("…的case", "bullet形式", "列个list": the English words Chinese business writing mixes in are no names either.)
LATIN_FILLER = frozenset({"vs", "pls", "plz", "ok", "okay", "btw", "etc", "aka", "eg", "ie", "thx", "thanks", "hi",
                          "hello", "q", "qs", "faq", "tl", "dr", "tldr", "case", "cases", "bullet", "bullets", "point",
                          "points", "list", "summary", "slide", "slides", "ppt", "deck", "deal", "update", "check",
                          "example", "examples", "detail", "details", "idea", "ideas", "brief", "quick", "overview",
                          "markdown", "excel", "csv", "json", "pdf", "intl",
                          # Singapore and Malaysian English sentence particles ("主要是讲哪几个sector ah?")
                          "ah", "lah", "leh", "lor", "meh", "hor", "sia",
                          # Chinese net slang typed in Latin letters ("u1s1" 有一说一, "yyds", "xswl", "dddd")
                          "u1s1", "yyds", "xswl", "dddd", "awsl", "zqsg", "nbcs", "bdjw", "xdm", "jms",
                          # the language of a reply or translation ("translated to English", "in French please")
                          "english", "french", "russian", "spanish", "arabic", "portuguese", "mandarin"})
# An English word typed in lower case inside a Chinese question ("platform", "governance", "rule-driven") is the
# asker's vocabulary, not a name: names are capitalised (TikTok, Jumia), acronyms (MENA) or carry digits (5G). A short
# one may be an acronym typed in lower case ("gmv", "kyc", "pdf"): still a name to look for, unless it reads as a
# word, a consonant then a vowel ("data residency", "key features", "这个term", "有gap", "can compare").
_COMMON_WORD = re.compile(r"[a-z]{5,}(?:-[a-z]+)*|[a-z]+(?:-[a-z]+)+|[b-df-hj-np-tv-z][aeiou][a-z]{1,2}")


# Laughter typed in Latin letters ("…有啥关系 hhh", "haha", "lol"): no name, whatever its length.
_LAUGHTER = re.compile(r"h{3,}|(?:ha){2,}h?|(?:he){2,}|(?:hia){2,}|lol|lmao|rofl", re.I)


def english_vocabulary(word: str) -> bool:
    """A Latin word typed inside a Chinese question that is the asker's English or laughter, not a name."""
    return (word.lower() in LATIN_FILLER or _COMMON_WORD.fullmatch(word) is not None
            or _LAUGHTER.fullmatch(word) is not None)


_NAME_TAGS = frozenset({"ns", "nr", "nt", "nrt", "nrfg", "eng"})
_CONJUNCTIONS = frozenset("和与及或跟同在")
_DIGIT = re.compile(r"\d")
def term_coverage(
    query_tokens: Sequence[str], text_key: str, idf: dict[str, float], unknown: float | None = None
) -> float:
    """Share of the question's IDF mass found in the text; unknown words weigh the most.

    `unknown` is that weight (the largest IDF); callers scoring many texts pass it once.
    """
    if not query_tokens:
        return 0.0
    unknown = max(idf.values(), default=1.0) if unknown is None else unknown
    weights = {t: idf.get(t, unknown) for t in set(query_tokens)}
    total = sum(weights.values())
    found = sum(w for t, w in weights.items() if t in text_key)
    return found / total if total else 0.0


@dataclass(frozen=True)
class Concept:
    """One thing a question asks about: found in a text when any of its forms is."""

    forms: tuple[str, ...]  # matching keys: the question's word and the other names of what it names
    weight: float  # its IDF: rare words decide more


def question_concepts(
    tokens: Sequence[str], alternatives: dict[str, tuple[str, ...]], idf: dict[str, float], english: bool,
    nouns: frozenset[str] = frozenset(), median_idf: float | None = None,
) -> tuple[Concept, ...]:
    """The question's words as concepts; `alternatives` maps a word to the other names of the thing it names.

    A noun the corpus never uses weighs the median IDF: it may be the very thing the corpus lacks (天气,
    首都). Other unknown words weigh nothing: colloquial verbs and particles (提了, 拿, 搞) say nothing about
    the topic. In an English question only words naming something the name table knows count: other
    English words never match Chinese text. `median_idf`: the corpus's, when the caller has it computed.
    """
    typical = median_idf if median_idf is not None else (sorted(idf.values())[len(idf) // 2] if idf else 1.0)
    concepts = []
    for token in dict.fromkeys(tokens):
        forms = tuple(dict.fromkeys((token, *alternatives.get(token, ()))))
        # (a name the corpus writes as several words, "数字基础设施", weighs as its rarest word)
        known = [idf[f] if f in idf else max((idf.get(w, 0.0) for w in tokenize(f)), default=0.0)
                 for f in forms if f in idf or (english and is_cjk(f[:1]))]
        if english and not alternatives.get(token):
            continue
        weight = max(known) if known else (typical if token in nouns else 0.0)
        if weight > 0:
            concepts.append(Concept(forms, weight))
    return tuple(concepts)


def concept_coverage(concepts: Sequence[Concept], text_key: str) -> float:
    """Share of the concepts' weight found in the text (0 when there are none)."""
    total = sum(c.weight for c in concepts)
    found = sum(c.weight for c in concepts if any(f in text_key for f in c.forms))
    return found / total if total else 0.0


def warm_up_tokenizers() -> None:
    """Load the segmenter's dictionary ahead of the first question."""
    tokenize("预热")
    pos_tags("预热")


@lru_cache(maxsize=256)
def question_tags(question: str) -> tuple[tuple[str, str], ...]:
    """A question's POS tags, computed once: its names, nouns, topics and events are all read from them."""
    return tuple(pos_tags(question))



def nouns(question: str, english: bool = False) -> frozenset[str]:
    """The question's nouns (matching keys), by jieba's POS tags; not the words for how it asks (学生, 简报,
    通俗: an unknown noun weighs in the evidence, and those say nothing of the topic), nor, in a Chinese question,
    English words typed in lower case ("data residency", "define"): they never match the Chinese text."""
    return frozenset(match_key(w) for w, tag in question_tags(question)
                     if (tag[:1] == "n" or tag in ("vn", "eng")) and w not in GENERIC_NOUNS
                     and (english or not (tag == "eng" and english_vocabulary(w))))


def topic_nouns(question: str) -> list[str]:
    """The common nouns a question is about (天气, 汇率, 坏账): not names, not words for how it asks."""
    return [w for w, tag in question_tags(question)
            if (tag[:1] == "n" or tag == "vn") and tag not in _NAME_TAGS and tag != "nz" and len(w) >= 2
            and w not in GENERIC_NOUNS and w[0] not in FUNCTION_CHARS and w not in NOT_NAMES]


_GENERIC_VERBS = frozenset({"是", "有", "叫", "叫做", "称为", "包括", "包含", "进行", "成为", "属于", "位于", "发生",
                            "提到", "讲述", "介绍", "说", "讲", "知道", "告诉", "列出", "列出来", "列举", "罗列"})


# Event words the tagger often files under another tag ("去世" as a time word).
EVENT_WORDS = re.compile(r"去世|逝世|病逝|开幕|闭幕|举办|举行|召开|发售|上映|施行|实施|生效|发射|交付|首飞|"
                          r"成立|创立|创办|上线|发布|坠毁|遇袭|中枪|通车|开通|开业|上市|截止")


def event_verbs(question: str, english: bool = False) -> list[str]:
    """The verbs naming what happened ("去世", "举办", "坠毁"; "proposed" as 提出): a date, place or person answers
    for that event."""
    if english:
        return english_event_verbs(question)
    tagged = [w for w, tag in question_tags(question)
              if tag in ("v", "vn") and len(w) >= 2 and w not in _GENERIC_VERBS]
    listed = [m.group(0) for m in EVENT_WORDS.finditer(question) if not any(m.group(0) in w for w in tagged)]
    return list(dict.fromkeys([*tagged, *listed, *english_event_verbs(question)]))


_PLACE_TAGS = frozenset({"ns", "nsf"})
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_ORG_TAGS = frozenset({"nt", "nz"})


@lru_cache(maxsize=4096)
def tagged_names(text: str) -> tuple[tuple[str, str], ...]:
    """(word, kind) for places, people and organisations jieba tags in a text; cached: sentences repeat."""
    kinds = []
    for word, tag in pos_tags(text):
        if len(word) < 2 or word in NOT_NAMES:
            continue
        if tag in _PLACE_TAGS:
            kinds.append((word, "place"))
        elif tag in _PERSON_TAGS and not (len(word) == 2 and word[0] in _CONJUNCTIONS):
            kinds.append((word, "person"))
        elif tag in _ORG_TAGS:
            kinds.append((word, "org"))
    return tuple(kinds)


# "140字以内", "800字左右", "3句话": how long the answer may be, not a figure the documents must hold
_LENGTH_ASKED = re.compile(r"\d+\s*(?:个)?(?:字|句话?)(?:以内|之内|左右|以下|上下)?")


_COUNTING = frozenset("这那一两几每哪此该某整")


def proper_names(question: str) -> list[str]:
    """Proper names, numbers with digits and Latin terms in a Chinese question (jieba POS tags)."""
    names = []
    before = ""
    for word, tag in question_tags(_LENGTH_ASKED.sub(" ", question)):
        previous, before = before, word
        if len(word) < 2 or word in NOT_NAMES or WITH_RELATION.search(word):
            continue
        is_name = tag in _NAME_TAGS or (tag == "m" and _DIGIT.search(word) is not None)
        if tag == "nr" and len(word) == 2 and word[0] in _CONJUNCTIONS:
            is_name = False
        if tag == "nr" and word[0] == "张" and previous[-1:] in _COUNTING:  # "那张表", "一张图": 张 counts, no surname
            is_name = False
        if tag == "eng" and english_vocabulary(word):
            is_name = False
        if is_name:
            names.append(word)
    return names


def evidence_score(paragraph_coverage: float, sentence_coverage: float, dense: float) -> float:
    """How well the best paragraph and sentence match the question; pure, so it can be calibrated offline."""
    return W_PARAGRAPH * paragraph_coverage + W_SENTENCE * sentence_coverage + W_DENSE * dense


# English verbs naming an event, as the Chinese words a document may state it with, one event "提出|倡议|发起"
# (constraints.event_forms): "When was the Digital Silk Road proposed?" is answered where 提出 is said, not by any year
# near the name ("2045年数字印尼愿景").
_ENGLISH_EVENTS = (
    (r"propos", "提出|倡议|发起"), (r"launch", "推出|发起|启动|上线|发布"),
    (r"found(?:ed|ing)\b", "成立|创立|创办|创建"), (r"establish|set up", "建立|设立|成立"),
    (r"sign(?:ed|ing|s)?\b", "签署|签订"), (r"releas|publish", "发布|推出|出版"), (r"\bh(?:o|e)ld\b", "举办|举行|召开"),
    (r"acquir", "收购"), (r"merg|combin", "合并|整合"), (r"announc", "宣布|发布"), (r"\bbann", "禁止|封禁|禁令"),
    (r"take effect|took effect|came into force|enter(?:ed)? into force", "生效|施行|实施"),
)
# One alternative per verb, named e0, e1…: a match says by its group which verb it is.
_ENGLISH_EVENT = re.compile("|".join(f"(?P<e{i}>{p})" for i, (p, _) in enumerate(_ENGLISH_EVENTS)), re.I)


def english_event_verbs(question: str) -> list[str]:
    """The Chinese words for the events an English question (or English words in a Chinese one) names."""
    found = [_ENGLISH_EVENTS[int(match.lastgroup[1:])][1] for match in _ENGLISH_EVENT.finditer(question)]
    return list(dict.fromkeys(found))
