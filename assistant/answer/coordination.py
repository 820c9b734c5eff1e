"""Questions about two named things at once: "微软和阿里云在数据主权上都是怎么做的".

The report rarely names both in one sentence, so such a question, asked as a whole, finds no sentence
about both and is refused. Asked once per name ("微软在数据主权上都是怎么做的", "阿里云在…") each part
finds its own passage; the pipeline merges the answers as it does for a question in several parts.
Comparisons that ask for a verdict ("哪个更牛") are not split: no quote answers them; nor are questions about
what the two share ("华为和埃塞电信那个项目"): a quote about one alone does not answer them.
"""

from __future__ import annotations

import re

from assistant.answer.selection import COMPARES
from assistant.lexicon import ENTITY_KINDS, PLACE_KINDS, Mention, NameTable

# ("Epic Games + YouTube", "TikTok x GoTo": the pairs of a slide title; "the Uber and the Amazon", "India and the
# European Union": an article after "and")
# "印尼或印度…的具体数字": names offered as alternatives are each asked about too.
_JOIN = re.compile(r"\s*(?:和|与|及|以及|跟|同|或者|或|、|,|,|/|\+|×|\band(?:\s+the)?\b|\bor\b|&|\bvs\.?|"
                   r"\bversus\b)\s*|\s+x\s+", re.I)
_VERDICT = re.compile(r"哪(?:个|家|一个)更|谁更|更(?:好|强|牛|厉害|大|成功)|\bwhich (?:is|was|one)\b.{0,30}\b(?:better|"
                      r"stronger|bigger|more)\b|\bbetter\b", re.I)


def _chain(mentions: list[Mention], question: str) -> list[Mention]:
    """The first run of two or more different names joined only by "和 / 与 / 、 / and"."""
    run: list[Mention] = []
    for mention in mentions:
        gap = question[run[-1].end:mention.start] if run else ""
        # keywords typed apart ("印尼 越南 数字经济数据"): two names of one kind side by side are listed, not one
        # inside the other's setting ("TikTok 马来西亚")
        joined = run and (_JOIN.fullmatch(gap) is not None
                          or (gap.isspace() and mention.group.kind == run[-1].group.kind))
        if joined and mention.group not in {m.group for m in run}:
            run.append(mention)
            continue
        if len(run) >= 2:
            return run
        run = [mention]
    return run if len(run) >= 2 else []


# "华为和埃塞电信那个项目", "TikTok和GoTo是什么关系": one thing the two share, asked about as a whole.
_JOINT = re.compile(r"合作|联合|携手|一起|共同|共建|关系|之间|项目|交易|\btogether\b|\bjoint|\bpartner|"
                    r"\bbetween\b|\brelationship\b|\bdeal\b|\bproject\b", re.I)
# "华为和埃塞电信那个…": the one thing right after the names (not "这个report讲A、B、C…", the report)
_THAT_ONE = re.compile(r"\s*(?:的)?(?:那个|这个)")


def name_parts(question: str, names: NameTable) -> list[str]:
    """One question per coordinated name, or [] when the question names no such pair (or asks about what the
    two share, or for a verdict between them)."""
    mentions = sorted((m for m in names.find(question) if m.group.kind in ENTITY_KINDS), key=lambda m: m.start)
    masked = question  # "联合国" holds 联合 (together): only the words around the names count
    for m in mentions:
        masked = masked[:m.start] + " " * (m.end - m.start) + masked[m.end:]
    # (A difference asked for is no shared thing: "印尼和印度在金融科技合作上…有什么不同" compares two paths.)
    if _VERDICT.search(question) or (_JOINT.search(masked) and not COMPARES.search(masked)):
        return []
    chain = _chain(mentions, question)
    if not chain or _THAT_ONE.match(question, chain[-1].end):
        return []
    before, after = question[: chain[0].start], question[chain[-1].end :]
    after = re.sub(r"^(\s*)(?:都|分别|各自|两家|两者|二者)", r"\1", after)
    return [before + m.surface + after for m in chain]


# "印尼在数字基础设施和数字支付方面各有什么规划", "定位和特点分别是什么": two aspects of one thing, each asked for
# ("分别", "各"). The part before them ends where they are attached (在, 的, 对, 于); the latest such place, so
# "那一类在表里的定位和特点" splits 定位 / 特点, not 表里的定位 / 特点.
_ASPECTS = re.compile(r"^(?P<pre>.*(?:在|对|于|的))(?P<a>[^，,。?？和与及、\s]{2,12}?)(?:和|与|及|以及|、)"
                      r"(?P<b>[^，,。?？和与及、\s]{2,12}?)(?P<post>方面|上|中|领域|里|层面)?(?:分别|各自|各)(?P<rest>.+)$")


# "华为云在泰国、菜鸟在东南亚,各自做了啥": two subjects, each with its own setting, asked the same thing.
_CLAUSES = re.compile(r"^(?P<a>[^，,。?？、]{3,16})、(?P<b>[^，,。?？、]{3,16})[，,]?\s*(?:分别|各自|各)(?P<rest>.+)$")


def aspect_parts(question: str) -> list[str]:
    """One question per aspect (or per subject with its setting) asked for separately, or [] when the question
    asks for no such pair."""
    if _VERDICT.search(question):
        return []
    if match := _ASPECTS.match(question):
        post = match["post"] or ""
        return [match["pre"] + aspect + post + match["rest"] for aspect in (match["a"], match["b"])]
    if match := _CLAUSES.match(question):
        return [match["a"] + match["rest"], match["b"] + match["rest"]]
    return []


# "How does the report contrast Amazon's approach with Cainiao's…", "阿里云和微软的做法有啥不同": a contrast of
# two companies the documents describe apart. Asked whole, no sentence is about both; each is asked on its own
# (the other one left out), and the two answers side by side are the contrast.
_SUBJECT_KINDS = frozenset({"company", "org", "product"})


def contrast_parts(question: str, names: NameTable) -> list[str]:
    """One question per company contrasted, or [] when the question contrasts no two companies."""
    if _VERDICT.search(question) or not COMPARES.search(question):
        return []
    found = names.find(question)
    mentions = sorted((m for m in found if m.group.kind in _SUBJECT_KINDS), key=lambda m: m.start)
    if len({m.group for m in mentions}) > 2:  # two companies contrasted where an organisation rules (the EU)
        mentions = [m for m in mentions if m.group.kind != "org"]
    groups = list(dict.fromkeys(m.group for m in mentions))
    if len(groups) != 2:
        return []
    # Where each acts ("…in the EU with Alibaba Cloud's in Saudi Arabia", "在应对欧盟和沙特的…方面"): each company
    # acts in its own place, so no half asks about both places (or both regulators); they are left out of the halves.
    places = [m for m in found if m.group.kind in PLACE_KINDS or (m.group.kind == "org" and m not in mentions)]
    parts = []
    for group in groups:
        text = question
        dropped = [m for m in mentions if m.group != group] + places
        for other in sorted(dropped, key=lambda m: -m.start):
            end = other.end + (2 if question[other.end:other.end + 2] in ("'s", "’s") else 0)
            start = other.start
            if other in places and (before := _PLACE_BEFORE.search(text[:start])):
                start = before.start()
            text = text[:start] + text[end:]
        parts.append(re.sub(r"\s{2,}", " ", text))
    return parts


_PLACE_BEFORE = re.compile(r"(?:\b(?:in|for|across)\s+(?:the\s+)?|[和与及、])$", re.I)
