"""An answer as claims: its sentences, each with the citations written after it.

Citations may be locators (`[§4.1 ¶3]`), paragraph IDs (`[p1a2b3c4d5e6]`) or
bare markers (`[1]`); a marker only means something next to the answer that numbered it
(the citation lines `assistant ask` prints under its quotes, or `ask --json`'s object), so
the checker reads markers through those and treats a claim cited by markers alone as uncited.
Splitting follows the corpus's own sentence rules, so an answer quoted from the
report splits back into exactly the sentences it quoted. A citation covers every
sentence written since the previous citation ("A。B。[§1.2 ¶3]" cites A too), up to
a blank line; sentences after the last citation stay uncited.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from assistant.answer.off_topic import QUOTES_ONLY_EN, QUOTES_ONLY_ZH
from assistant.answer.parts import PART_NOTE

_BRACKET = re.compile(r"[\[【]([^\[\]【】\n]{1,120})[\]】]")
_ID = re.compile(r"p[0-9a-f]{8,16}")
_MARKER = re.compile(r"\d{1,3}")
_LOCATOR = re.compile(r"(§\s*\d+(?:\.\d+)*|[\u4e00-\u9fff]{1,6})\s*(¶\s*\d+|表\s*\d+)|§\s*\d+(?:\.\d+)*")
_PART_SPLIT = re.compile(r"\s*[,，;；、]\s*|\s+(?=§|p[0-9a-f]{8})")
# A sentence ends at 。!?;; (not before a closing quote, as in the corpus) or at . ! ? before a space.
_END = re.compile(r"[。!?！？;；](?![”\"’』」)])|[.!?](?=\s|$|[\[【])")
# The corpus's ASCII ';' (normalised at ingest) leaves a clause open; a reviewer's own
# full-width '；' ends a claim, as '。' does.
_OPEN_CLAUSE = ";"
_SPACES = re.compile(r"\s*")


@dataclass(frozen=True)
class Ref:
    """One citation as written: kind is 'locator', 'id' or 'marker'."""

    kind: str
    value: str  # "§4.1 ¶3" (spaces normalised), "p1a2b3c4d5e6", "1"


@dataclass(frozen=True)
class Claim:
    text: str  # the sentence without its citations
    refs: tuple[Ref, ...]
    raw: str  # the sentence as written, citations included
    covered: bool = False  # its refs are those of a later sentence's citation


def parse_ref(part: str) -> Ref | None:
    """A citation part, or None when the brackets hold something else ([注], [sic])."""
    part = part.strip()
    if _ID.fullmatch(part):
        return Ref("id", part)
    if _MARKER.fullmatch(part):
        return Ref("marker", part)
    if _LOCATOR.fullmatch(part):
        value = re.sub(r"\s+", "", part)
        value = re.sub(r"(?<=\S)(?=[¶表])", " ", value)
        return Ref("locator", value)
    return None


def parse_refs(content: str) -> tuple[Ref, ...] | None:
    """All refs inside one pair of brackets, or None if any part is not a citation."""
    parts = [p for p in _PART_SPLIT.split(content.strip()) if p]
    refs = [parse_ref(p) for p in parts]
    if not refs or any(r is None for r in refs):
        return None
    return tuple(r for r in refs if r is not None)


def _segments(line: str) -> list[str]:
    """Sentences of one line; citation brackets right after a sentence end stay with it."""
    pieces, start, pos = [], 0, 0
    while pos < len(line):
        end = _END.search(line, pos)
        if end is None:
            break
        if line.count("《", start, end.start()) > line.count("》", start, end.start()):
            pos = end.end()  # "《…升级?一个探索性案例研究》": a title's question mark ends no sentence
            continue
        cut = end.end()
        while True:  # swallow citations (and spaces) that follow the end mark
            bracket = _BRACKET.match(line, _SPACES.match(line, cut).end())
            if bracket is None or parse_refs(bracket.group(1)) is None:
                break
            cut = bracket.end()
        pieces.append(line[start:cut])
        start = pos = cut
    pieces.append(line[start:])
    return [part.strip() for piece in pieces for part in _at_citations(piece) if part.strip()]


def _at_citations(piece: str) -> list[str]:
    """A citation followed by more words also ends a claim: "标题[封面 ¶1]机构名[封面 ¶2]…" is two claims.

    Citation runs stay together ("…[§1 ¶1][§2 ¶1]"), and one at a clause break keeps its
    clause ("A达18.6%[§1.2 ¶3],而B…" gives "A达18.6%" and "而B…").
    """
    parts, start = [], 0
    for m in _BRACKET.finditer(piece):
        if parse_refs(m.group(1)) is None:
            continue
        rest = piece[m.end() :]
        if _BRACKET.match(rest.lstrip()) or not _has_words(rest):
            continue
        parts.append(piece[start : m.end()])
        start = m.end()
        while start < len(piece) and piece[start] in " ,,;;、":
            start += 1
    parts.append(piece[start:])
    return parts


def _claim(raw: str) -> Claim:
    refs: list[Ref] = []

    def take(m: re.Match[str]) -> str:
        found = parse_refs(m.group(1))
        if found is None:
            return m.group(0)
        refs.extend(found)
        return ""

    text = re.sub(r"\s{2,}", " ", _BRACKET.sub(take, raw)).strip()
    text = re.sub(r"\s+([。,，.;；!?！？])", r"\1", text)
    return Claim(text, tuple(dict.fromkeys(refs)), raw)


# The assistant's own answer as it prints it: the quotes with [n] markers, then one line per citation,
# "  [1] §3.2 ¶2  (二)本土化战略…  (p14e19ccaa91)". Its markers mean the paragraphs listed under them.
_LISTED = re.compile(r"^\s*\[(\d{1,3})\]\s.*\((p[0-9a-f]{8,16})\)\s*$")
_BARE_MARKER = re.compile(r"\[(\d{1,3})\]")


def with_listed_ids(answer: str) -> str:
    """The answer with each [n] marker read as the paragraph ID its citation line (or `ask --json` object) gives;
    unchanged when it lists none. A marker alone means nothing, but next to its list it cites a paragraph."""
    ids: dict[str, str] = {}
    try:
        data = json.loads(answer)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("answer"), str):
        answer = data["answer"]
        ids = {str(c.get("marker")): str(c.get("id")) for c in data.get("citations") or () if isinstance(c, dict)}
    lines, in_list = [], False
    for line in answer.splitlines():
        if listed := _LISTED.match(line):
            ids[listed.group(1)] = listed.group(2)
            in_list = True
        elif not ((in_list and line[:1].isspace()) or line.strip() in (QUOTES_ONLY_ZH, QUOTES_ONLY_EN)
                  or PART_NOTE.fullmatch(line.strip())):
            lines.append(line)  # (a citation's indented lines, its sources and the assistant's notes are no claims)
    if not ids:
        return "\n".join(lines)
    return _BARE_MARKER.sub(lambda m: f"[{ids[m.group(1)]}]" if m.group(1) in ids else m.group(0), "\n".join(lines))


def split_claims(answer: str) -> list[Claim]:
    """Claims in reading order; a clause ending in ';' without citations joins the next one."""
    answer = with_listed_ids(answer)
    claims: list[Claim] = []
    block_start = 0
    for line in answer.splitlines():
        if not line.strip():
            block_start = len(claims)
        pending = ""
        for raw in _segments(line):
            claim = _claim(pending + raw)
            if not claim.refs and claim.text.endswith(_OPEN_CLAUSE):
                pending += raw
                continue
            pending = ""
            if claim.text and _has_words(claim.text):
                if claim.refs:
                    for i in range(block_start, len(claims)):
                        if not claims[i].refs:
                            claims[i] = Claim(claims[i].text, claim.refs, claims[i].raw, covered=True)
                    block_start = len(claims) + 1
                claims.append(claim)
        if pending:
            claims.append(_claim(pending))
    return claims


def _has_words(text: str) -> bool:
    return bool(re.search(r"[\w\u4e00-\u9fff]", text))
