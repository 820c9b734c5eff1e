"""The names a question gives: capitalised English names, names the corpus never mentions (a refusal), and
names the name table lacks but the corpus mentions (constraints on the answer like any listed name).

Pure: the caller tags Chinese proper names with a POS tagger and passes them in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.asides import background
from assistant.answer.evidence import LATIN_FILLER
from assistant.answer.org_kinds import institution_of
from assistant.lexicon import ENTITY_KINDS, PLACE_KINDS, Mention, NameGroup, NameTable
from assistant.text import match_key

# A capitalised English word or phrase that is not at the start of the question: a name.
# A Latin word's letters (\w is also every Chinese character: "PaaS能力那种吗" is the name "PaaS", then words).
_LATIN_CHAR = r"(?:(?![\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])[\w&'.-])"
_LATIN_NAME = re.compile(rf"(?<!^)(?<![.?!]\s)(?<![A-Za-z0-9_&'.-])"
                         rf"([A-Z]{_LATIN_CHAR}*(?:\s+(?:of |and |de |the )?[A-Z]{_LATIN_CHAR}*)*)")
_COMMON_CAPITALISED = frozenset(
    (
        "I", "What", "Which", "Who", "Whom", "Whose", "When", "Where", "Why", "How", "Is", "Are", "Was", "Were", "Do",
        "Does", "Did", "Can", "Could", "Should", "Would", "Will", "The", "A", "An", "In", "On", "At", "For", "From",
        "By", "Of", "To", "And", "Or", "But", "According", "Please", "Tell", "List", "Name", "Give", "Explain",
        "Describe", "Chinese", "English", "Report", "I'm", "I've", "I'd", "I'll", "Im", "Ive", "Quick", "Honestly",
    )
)

# A state's official form before its name.
_STATE_FORM = re.compile(r"(?:(?:Federal|Democratic|Socialist|Islamic|People's|Arab|United)\s+)*(?:Kingdom|Republic|"
                         r"State|Federation|Sultanate|Emirate|Commonwealth|Principality|Government)\s+of\s+(?:the\s+)?")
# A possessive or a hyphenated qualifier is no part of a name.
_AFFIX = re.compile(r"(?:['’]s|-(?:specific|based|related|focused|only|wide|style|like|led|owned|type|types|ish))$")


def latin_names(question: str) -> list[tuple[int, str]]:
    """(start, name) of capitalised English names in a question, common words trimmed from their ends."""
    names = []
    for m in _LATIN_NAME.finditer(question):
        words = m.group(1).split()
        start = m.start(1)
        while words and words[0] in _COMMON_CAPITALISED:
            start = question.index(words[1], start + len(words[0])) if len(words) > 1 else start
            words = words[1:]
        while words and words[-1] in _COMMON_CAPITALISED:
            words = words[:-1]
        name = _AFFIX.sub("", " ".join(words)).rstrip("'’")  # "Cainiao's", "MENA-specific": Cainiao, MENA
        if state := _STATE_FORM.match(name):  # "the Kingdom of Saudi Arabia" is Saudi Arabia
            start, name = start + state.end(), name[state.end():]
        if len(name) < 2:  # "from X to Y": a letter stands for something, it names nothing
            continue
        if name.endswith(".") and name.count(".") == 1:  # "…in the Gulf." ends a sentence; "U.S." is a name
            name = name[:-1]
        if name:
            names.append((start, name))
    return names


def singular(name: str, names: NameTable, corpus_key: str) -> str:
    """"MoUs", "APIs", "SMEs": an English plural of a name the table or the corpus knows in the singular."""
    if name.isascii() and len(name) > 2 and name.endswith("s") and not name.endswith("ss"):
        stem = name[:-1]
        if names.group_of(stem) is not None or match_key(stem) in corpus_key:
            return stem
    return name


def unknown_names(candidates: Sequence[str], names: NameTable, corpus_key: str) -> list[str]:
    """Candidates the corpus never mentions, under their own name or any alias."""
    return [name for name in candidates if not any(match_key(s) in corpus_key for s in names.spellings(name))]


_FIGURE = re.compile(r"[\d.,]+\D{0,2}")


def untabled_names(question: str, candidates: Sequence[str], unknown: Sequence[str]) -> tuple[Mention, ...]:
    """Names the question gives that the table lacks but the corpus mentions (黑石集团, MU5735): an answer must
    be about them as much as about a listed company. Figures ("2022年") are not names."""
    mentions = []
    for name in dict.fromkeys(candidates):
        if name in unknown or _FIGURE.fullmatch(name) or name not in question:
            continue
        if name.isascii() and not (re.search(r"\d", name) or sum(c.isupper() for c in name) >= 2):
            continue  # "App", "Online": words, not names (RCEP, TikTok, MU5735 are names)
        start = question.index(name)
        mentions.append(Mention(start, start + len(name), name, NameGroup("other", (name,))))
    return tuple(mentions)


# "哪家美国云厂商", "which Chinese cloud provider": a country before the kind of thing asked for says what the
# answer is, not what the answer must be about (the report's sentence names 微软, not 美国).
_ASKED_KIND_ZH = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?:公司|企业|厂商|平台|运营商|银行|集团|品牌)")
_ASKED_KIND_EN = re.compile(
    r"^(?:[\s-]+[a-z][\w-]*){0,2}?\s+(?:companies|company|providers?|firms?|platforms?|operators?|banks?|vendors?|"
    r"giants?|players?|brands?|groups?|apps?|services?|products?)\b", re.I)
_ASKS_WHICH = re.compile(r"(?:哪|什么|啥)[个家些]?[^,，。?？]{0,2}$|"
                         r"\b(?:which|what)\s+(?:(?:two|three|four|other|main|big)\s+)?$", re.I)
# "跟哪个国家的电信搞的": the name after "哪个…的" is the thing asked for (some country's telecom), not a given one
_OF_WHICH = re.compile(r"(?:哪|什么|啥)[个家国些]?[\u4e00-\u9fff]{0,3}的$")


def describes_answer(question: str, mention: Mention) -> bool:
    """Whether a name only describes the kind of thing a which-question asks for."""
    if _OF_WHICH.search(question[: mention.start]):
        return True
    if mention.group.kind not in PLACE_KINDS or not _ASKS_WHICH.search(question[: mention.start]):
        return False
    after = question[mention.end:]
    return bool(_ASKED_KIND_ZH.match(after) or _ASKED_KIND_EN.match(after))


def through_members(mention: Mention, names: NameTable, corpus_key: str, figure: bool = False) -> Mention:
    """A region the documents never name ("Gulf states") is about whichever of its members they do name (沙特,
    阿联酋). One they name (非洲) is about itself or its members ("华为在非洲…跟哪家运营商合作": 埃塞俄比亚电信),
    except for a figure (`figure`): "在东南亚建设了多少个数据中心" is not counted by a sentence about 越南."""
    group = mention.group
    if not group.members:
        return mention
    spellings = tuple(n for n in names.spellings(mention.surface) if n not in group.names)
    if any(match_key(n) in corpus_key for n in group.names):
        if figure:
            return mention
        spellings = (*group.names, *spellings)
    return Mention(mention.start, mention.end, mention.surface, NameGroup(group.kind, spellings))


# "GDPR or Data Act", "5G 或者 submarine cable", "ITU, World Bank, someone else?": names offered as alternatives.
_OR = r"\s*(?:[,，、/]\s*)?(?:或者|或是|还是|或|\bor\b)\s*(?:the\s+)?"
_OPEN = re.compile(r"\s*(?:[,，、/]\s*)?(?:(?:或者|或是|还是|或|\bor\b)\s*)?"
                   r"(?:someone|somebody|something|anyone|anything|some other|other|别的|其他|其它|另外|"
                   r"这种|这类|这样的|之类|一类的?|\betc\b|\band so on\b)", re.I)  # "PUE这种指标": an example
_LISTED = re.compile(r"\s*[,，、/]\s*(?:the\s+)?")
_SLASH = re.compile(r"\s*/\s*")


def alternatives(question: str, unknown: Sequence[str], known: Sequence[str]) -> set[str]:
    """The unknown names offered as alternatives to a name the documents know, or among guesses left open
    ("…, someone else?"): a question asking which of them is no question about each."""
    found = {n: question.find(n) for n in (*unknown, *known) if n}
    spans = {n: at for n, at in found.items() if at >= 0}
    offered: set[str] = set()
    changed = True
    while changed:  # an unknown name listed beside an offered one is offered too
        changed = False
        for name in unknown:
            if name in offered or name not in spans:
                continue
            end = spans[name] + len(name)
            if _OPEN.match(question, end):
                offered.add(name)
                changed = True
                continue
            for other, start in spans.items():
                if other == name or (other in unknown and other not in offered):
                    continue
                first, second = (name, other) if spans[name] < start else (other, name)
                gap = question[spans[first] + len(first): spans[second]]
                slashed = _SLASH.fullmatch(gap) is not None  # "Google/Temasek/Bain?": any of them answers
                if (re.fullmatch(_OR, gap) or slashed
                        or (other in offered and (_LISTED.fullmatch(gap) or gap.isspace()))):
                    offered.update((name, other) if slashed else (name,))
                    changed = True
                    break
    for name, start in sorted(spans.items(), key=lambda item: item[1]):  # the rest of a slashed list of guesses
        for other, at in spans.items():
            gap = question[start + len(name):at]
            if (name in offered) != (other in offered) and at > start and _SLASH.fullmatch(gap):
                offered.update((name, other))
    return offered


# "那个数据是引的谷歌淡马锡那份报告吗", "Is the growth figure from the World Bank?": a source question that checks a
# guess; the guess follows its last "是" / "from" and is answered by the real source, not required of it.
# (Also "… figure - CAICT?": a bare name guessed after a dash. Not "— is it the Google/Temasek/Bain e-Conomy SEA
# report?": read without it, that question scored the passages on its guess's words and quoted a wrong footnote.)
_CHECKS_GUESS = re.compile(r"(?:吗|么|嘛)\W*$|是不是|^\W*(?:is|was|are|were)\b|"
                           r"\s[-—–]\s*(?!is\b|was\b)[A-Za-z][\w&./ -]{0,30}[?？]\s*$", re.I)
_GUESS_STARTS = re.compile(r"是不是|是|引自|来自|出自|\bfrom\b|\s[-—–]\s", re.I)


def _guessed(question: str) -> str:
    """The guessed source a yes-no source question checks ("引的谷歌淡马锡那份报告吗"), or ""."""
    if not _CHECKS_GUESS.search(question):
        return ""
    starts = [m.end() for m in _GUESS_STARTS.finditer(question)]
    return question[starts[-1]:] if starts else ""


def _tabled(start: int, name: str, every: Sequence[Mention], names: NameTable, corpus_key: str) -> bool:
    """Whether an English name is one the table found, or several ("Huawei Cloud Thailand"). A tabled name with a
    word of its own that the documents never write is another thing: "Singapore Airlines" is not Singapore."""
    covered = [m for m in every if m.start < start + len(name) and start < m.end]
    if not covered:
        return False
    own = [w.group(0) for w in re.finditer(r"\S+", name)
           if not any(m.start <= start + w.start() < m.end for m in covered)]
    return all(_known_word(w, names, corpus_key) for w in own
               if w[:1].isupper() and w.lower() not in LATIN_FILLER and w not in _COMMON_CAPITALISED)


def _known_word(word: str, names: NameTable, corpus_key: str) -> bool:
    """The documents write the word, or the table knows it or its singular ("MoUs")."""
    if match_key(word) in corpus_key:
        return True
    one = singular(word, names, corpus_key)
    return one != word or names.group_of(one) is not None


def question_names(question: str, every: Sequence[Mention], counting: bool, chinese_names: Sequence[str],
                   section: str, names: NameTable, corpus_key: str, sourcing: bool = False, publisher: str = ""
                   ) -> tuple[tuple[Mention, ...], list[str], tuple[str, ...]]:
    """(the tabled names the answer must hold, the untabled ones, the names the corpus never mentions).
    `every`: the name table's finds; `counting`: it asks how many; `chinese_names`: proper names a POS tagger found;
    `section`: the part it points at; `sourcing`: it asks where something comes from (a guessed source the corpus
    never names is checked by giving the real one); `publisher`: who the asker guesses made the report (the same)."""
    mentions = tuple(through_members(m, names, corpus_key, counting) for m in every
                     if m.group.kind in ENTITY_KINDS and not describes_answer(question, m))
    found = {match_key(m.surface) for m in every}
    # No names of their own: "4.2节" (the part pointed at), "sovereign" of "sovereign cloud", "越南政府" (越南's),
    # "里云" of "第四章里云计算" (a tagger's cut across the table's 云计算).
    extra = [n for n in chinese_names if not any(match_key(n) in f or institution_of(match_key(n), f) for f in found)
             and not (section and n in section) and not any(m.cut_by(a := question.find(n), a + len(n)) for m in every)]
    latin = [singular(n, names, corpus_key) for start, n in latin_names(question)
             if not _tabled(start, n, every, names, corpus_key) and n.lower() not in LATIN_FILLER]  # "做FAQ"
    # A plural of a term the table knows ("MoUs") is a word, like the term itself: no name to look for.
    extra += [n for n in latin if (group := names.group_of(n)) is None or group.kind in ENTITY_KINDS]
    unknown = tuple(unknown_names([m.surface for m in mentions] + extra, names, corpus_key))
    if context := background(question):
        # A name only in a sentence saying who asks ("I work on payments in Jakarta.") is no name the answer must hold
        asked = question.replace(context, " ")
        own = any(m.surface in asked for m in mentions)  # the question names its own subject: the rest is context
        mentions = tuple(m for m in mentions if m.surface in asked or (m.surface not in unknown and not own))
        extra = [n for n in extra if n in asked]
        unknown = tuple(n for n in unknown if n in asked)
    known = [m.surface for m in every if m.surface not in unknown] + [n for n in extra if n not in unknown]
    if guess := publisher or (_guessed(question) if sourcing else ""):
        mentions = tuple(m for m in mentions if m.surface not in guess)
        extra = [n for n in extra if n not in guess]
        unknown = tuple(n for n in unknown if n not in guess)
    if offered := alternatives(question, unknown, known):  # "GDPR or Data Act": asks which, not about each
        mentions = tuple(m for m in mentions if m.surface not in offered)
        extra = [n for n in extra if n not in offered]
        unknown = tuple(n for n in unknown if n not in offered)
    return mentions, extra, unknown
