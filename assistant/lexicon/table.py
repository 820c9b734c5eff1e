"""The name table: every name a thing goes by, and where names occur in a text.

One table serves retrieval (a question's 阿里 also searches 阿里巴巴), answering (a
question's Alibaba is satisfied by the report's 阿里巴巴), the checker (南亚 is not
东南亚; a company swapped for another company is a contradiction) and the quiz
(distractors of the same kind). Matching is on folded text (NFKC, lower case), the
longest name wins at a position, and Latin names only match as whole words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.text import simplified

KINDS = ("country", "region", "city", "org", "company", "product", "person", "term", "metric")
# "metric": what a figure measures (员工 / employees, 营收 / revenue): a figure answers only about its own metric.
# Kinds that name one particular thing: swapping one for another of the same kind changes a claim.
ENTITY_KINDS = frozenset({"country", "region", "city", "org", "company", "product", "person"})
PLACE_KINDS = frozenset({"country", "region", "city"})


@dataclass(frozen=True)
class NameGroup:
    """One thing under all its names; the first name is the corpus's own spelling."""

    kind: str
    names: tuple[str, ...]
    # A region's member countries ("海湾国家": 沙特阿拉伯, 阿联酋…): a text naming one is about the region.
    members: tuple[str, ...] = ()

    @property
    def preferred(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Mention:
    """A name found in a text: its span in the original text and its group."""

    start: int
    end: int
    surface: str
    group: NameGroup

    def cut_by(self, start: int, end: int) -> bool:
        """Whether the span start:end overlaps this name without holding it or lying inside it: a word so cut
        ("里云" of "第四章里云计算") was segmented across a name's edge."""
        holds = start <= self.start and self.end <= end
        inside = self.start <= start and end <= self.end
        return start < self.end and self.start < end and not (holds or inside)


def fold(text: str) -> str:
    """NFKC, lower case and simplified characters, one character for one, so spans map back to the original."""
    whole = simplified(unicodedata.normalize("NFKC", text).lower())
    if len(whole) == len(text):  # the usual case: no character expanded or merged
        return whole
    out = []
    for ch in text:
        folded = simplified(unicodedata.normalize("NFKC", ch).lower())
        out.append(folded if len(folded) == 1 else ch.lower())
    return "".join(out)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_acronym(name: str) -> bool:
    """Short all-capital names (US, UN, AI, STC) match only in capitals: "us" is a word."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(name) <= 5 and all(c.isascii() and c.isupper() for c in letters)


def _pattern(names: Iterable[str], plural: frozenset[str] = frozenset()) -> re.Pattern[str] | None:
    """One alternation, longest first; Latin ends are word-bounded (AI is not inside SAIC). The names in
    `plural` are also found with an -s ("Indonesians", "Arabs")."""
    parts = []
    for name in sorted(set(names), key=lambda n: (-len(n), n)):
        body = re.escape(name)
        if _is_latin(name[0]):
            body = r"(?<![A-Za-z0-9])" + body
        if _is_latin(name[-1]):
            body += ("s?" if name in plural else "") + r"(?![A-Za-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=8192)
def _word_pattern(key: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])")


_LETTER_DIGIT = re.compile(r"[a-z][0-9]|[0-9][a-z]")


@lru_cache(maxsize=4096)
def _spaced_pattern(key: str) -> re.Pattern[str]:
    """The name with optional spaces where its letters meet its digits, as a whole word."""
    body = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", "\0", key)
    body = r"\s?".join(re.escape(part) for part in body.split("\0"))
    return re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")


@lru_cache(maxsize=4096)
def _group_keys(group: NameGroup) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """A group's folded names, and patterns for those where letters meet digits ("EMNLP2022" / "EMNLP 2022",
    "iPhone 14": writers space them differently). Folded once per group, not on every `occurs` call."""
    keys = tuple(fold(name) for name in group.names)
    squeezed = (key.replace(" ", "") for key in keys)
    return keys, tuple(_spaced_pattern(key) for key in squeezed if _LETTER_DIGIT.search(key))


def _occurs_in(key: str, folded: str) -> bool:
    """A folded name inside folded text; a Latin name only as a whole word."""
    if key not in folded:
        return False
    return not (_is_latin(key[0]) or _is_latin(key[-1])) or bool(_word_pattern(key).search(folded))


class NameTable:
    """Name groups with lookups by any of their names."""

    def __init__(self, groups: Sequence[NameGroup]) -> None:
        merged: dict[str, NameGroup] = {}
        self.groups: list[NameGroup] = []
        for group in groups:
            # A name already known joins its group: later files add names, they never split a thing in two.
            known = next((merged[fold(n)] for n in group.names if fold(n) in merged), None)
            if known is not None:
                names = tuple(dict.fromkeys((*known.names, *group.names)))
                updated = NameGroup(known.kind, names, tuple(dict.fromkeys((*known.members, *group.members))))
                self.groups[self.groups.index(known)] = updated
                for name in names:
                    merged[fold(name)] = updated
                for key, value in list(merged.items()):
                    if value is known:
                        merged[key] = updated
                continue
            self.groups.append(group)
            for name in group.names:
                merged[fold(name)] = group
        self._by_key = merged
        self._acronyms = {n: g for g in self.groups for n in g.names if _is_acronym(n)}

    @cached_property
    def _folded_pattern(self) -> re.Pattern[str] | None:
        keys = [k for k in self._by_key if not any(fold(a) == k for a in self._acronyms)]
        return _pattern(keys, frozenset(k for k in keys if self._by_key[k].kind in ENTITY_KINDS))

    @cached_property
    def _acronym_pattern(self) -> re.Pattern[str] | None:
        return _pattern(self._acronyms)

    def _lookup(self, key: str) -> NameGroup | None:
        """The group of a folded key, or of its singular when it names a thing ("indonesians": "indonesian"; a
        plural of a term or metric is a common word, "areas")."""
        group = self._by_key.get(key)
        if group is None and key.endswith("s") and key.isascii():
            single = self._by_key.get(key[:-1])
            group = single if single is not None and single.kind in ENTITY_KINDS else None
        return group

    def group_of(self, name: str) -> NameGroup | None:
        return self._lookup(fold(name.strip()))

    def kind_of(self, name: str) -> str | None:
        group = self.group_of(name)
        return group.kind if group else None

    def same(self, a: str, b: str) -> bool:
        """Two names of one thing (阿里 and Alibaba); a name is always the same as itself."""
        ga, gb = self.group_of(a), self.group_of(b)
        return fold(a) == fold(b) or (ga is not None and ga is gb)

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Mention]:
        """Names in reading order, longest first at each position, no overlaps (东南亚 hides 南亚)."""
        wanted = set(kinds) if kinds is not None else None
        found: list[Mention] = []
        if self._folded_pattern is not None:
            for m in self._folded_pattern.finditer(fold(text)):
                group = self._lookup(m.group(0))
                assert group is not None  # the pattern is built from the keys
                found.append(Mention(m.start(), m.end(), text[m.start() : m.end()], group))
        if self._acronym_pattern is not None:
            for m in self._acronym_pattern.finditer(text):
                if not any(f.start < m.end() and m.start() < f.end for f in found):
                    found.append(Mention(m.start(), m.end(), m.group(0), self._acronyms[m.group(0)]))
        found.sort(key=lambda f: f.start)
        return [f for f in found if wanted is None or f.group.kind in wanted]

    def of_kinds(self, kinds: Iterable[str]) -> NameTable:
        """The table of these kinds only (kept once built): its `find` sees the country in "沙特阿拉伯金融管理局",
        which the whole table reads as the authority's name."""
        wanted = frozenset(kinds)
        tables: dict[frozenset[str], NameTable] = self.__dict__.setdefault("_of_kinds", {})
        if wanted not in tables:
            tables[wanted] = NameTable([g for g in self.groups if g.kind in wanted])
        return tables[wanted]

    def spellings(self, name: str) -> tuple[str, ...]:
        """Every way the corpus may write the thing `name` names: its group's names and its members' names."""
        group = self.group_of(name)
        if group is None:
            return (name,)
        members = [self.group_of(m) or NameGroup("country", (m,)) for m in group.members]
        return tuple(dict.fromkeys((*group.names, *(n for m in members for n in m.names))))

    def occurs(self, group: NameGroup, text: str) -> bool:
        """Whether any name of the group occurs in the text, even inside a longer name (阿里 in 阿里云).

        Looser than `find`: right for "is the question's 阿里 in this paragraph", wrong for
        telling 南亚 from 东南亚 (use `find` for that).
        """
        folded = fold(text)
        keys, spaced = _group_keys(group)
        if not (any(_occurs_in(key, folded) for key in keys) or any(p.search(folded) for p in spaced)):
            return False
        return group.kind not in PLACE_KINDS or self._place_named(group, keys, spaced, text, folded)

    def _place_named(self, group: NameGroup, keys: tuple[str, ...], spaced: tuple[re.Pattern[str], ...], text: str,
                     folded: str) -> bool:
        """A place's name inside another place's name is no mention of it: 印度 in 印度尼西亚, 南亚 in 东南亚, 苏丹
        in 南苏丹 (a sentence on Indonesia is not about India)."""
        others = [m for m in self.of_kinds(PLACE_KINDS).find(text) if m.group.names != group.names]
        for key in keys:
            start = folded.find(key)
            while start >= 0:
                end = start + len(key)
                inside = any(m.start <= start and end <= m.end and m.end - m.start > len(key) for m in others)
                if not inside and _occurs_in(key, folded[max(0, start - 1) : end + 1]):
                    return True
                start = folded.find(key, start + 1)
        return any(p.search(folded) for p in spaced)
