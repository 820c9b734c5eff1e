"""Where the name table's groups come from: alias files and the corpus itself.

Three sources, read in this order and merged by shared names:
1. the packaged `common_aliases.toml` (countries, regions, international bodies, common terms);
2. `<corpus>/aliases.toml`, which users edit (the corpus's companies, products, short forms);
3. pairs the corpus writes itself: `沙特电信(STC)`, `FBA(Fulfillment by Amazon)`, `《…协定》(DEPA)`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from assistant.lexicon.table import KINDS, NameGroup, NameTable
from assistant.text import strip_marks

ALIAS_FILE = "aliases.toml"


class AliasFileError(ValueError):
    """An alias file that cannot be read as groups of names; the message names the file and the entry."""


def parse_alias_toml(text: str, origin: str) -> list[NameGroup]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AliasFileError(f"{origin}: not valid TOML ({exc}).") from exc
    groups = []
    for number, entry in enumerate(data.get("group", []), start=1):
        names = entry.get("names") if isinstance(entry, dict) else None
        kind = entry.get("kind", "term") if isinstance(entry, dict) else None
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise AliasFileError(f"{origin}: group {number} needs `names`, a list of non-empty strings.")
        if kind not in KINDS:
            raise AliasFileError(f"{origin}: group {number} has kind {kind!r}; use one of {', '.join(KINDS)}.")
        members = entry.get("members", [])
        if not isinstance(members, list) or not all(isinstance(n, str) and n.strip() for n in members):
            raise AliasFileError(f"{origin}: group {number} has `members` that is not a list of names.")
        groups.append(NameGroup(kind, tuple(dict.fromkeys(n.strip() for n in names)),
                                tuple(dict.fromkeys(n.strip() for n in members))))
    return groups


def common_groups() -> list[NameGroup]:
    text = resources.files("assistant.lexicon").joinpath("common_aliases.toml").read_text(encoding="utf-8")
    return parse_alias_toml(text, "common_aliases.toml")


def corpus_alias_groups(corpus_dir: Path) -> list[NameGroup]:
    path = corpus_dir / ALIAS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AliasFileError(f"{path}: cannot be read ({exc}).") from exc
    return parse_alias_toml(text, str(path))


_LATIN_NAME = r"[A-Za-z][A-Za-z0-9.+&' -]{0,38}[A-Za-z0-9.+]|[A-Za-z]{2}"
_CJK_RUN = r"[\u4e00-\u9fff]{2,16}"
_CN_THEN_LATIN = re.compile(rf"(?:《([^》]{{2,30}})》|({_CJK_RUN}))\s*[(\uff08]\s*({_LATIN_NAME})\s*[)\uff09]")
_LATIN_THEN_CN = re.compile(
    rf"(?<![A-Za-z])([A-Z][A-Za-z0-9.+]{{1,20}})\s*[(\uff08]\s*({_LATIN_NAME}|{_CJK_RUN})\s*[)\uff09]"
)
# Words that end the clause before a name: "阿里巴巴提出的世界电子贸易平台(eWTP)" names the platform only.
_CLAUSE_BREAK = re.compile(r".*(?:的|了|与|和|及|在|将|为|是|联合|提出|推出|成立|通过|包括|例如|比如|如)")
_MAX_CN = 10


def _name_part(run: str) -> str:
    tail = _CLAUSE_BREAK.sub("", run)
    return tail if len(tail) >= 2 else run[-_MAX_CN:]


def corpus_pairs(texts: Iterable[str]) -> list[NameGroup]:
    """Names the corpus gives in two forms, as 'term' groups unless an alias file says more."""
    groups = []
    for text in texts:
        if "(" not in text and "\uff08" not in text:  # most paragraphs: nothing to look for
            continue
        text = strip_marks(text)
        for m in _CN_THEN_LATIN.finditer(text):
            chinese = m.group(1) or _name_part(m.group(2))
            latin = m.group(3).strip()
            if len(chinese) <= 30 and not latin.isdigit():
                groups.append(NameGroup("term", (chinese, latin)))
        for m in _LATIN_THEN_CN.finditer(text):
            groups.append(NameGroup("term", (m.group(1), m.group(2).strip())))
    return groups


def load_name_table(corpus_dir: Path | None, texts: Iterable[str] = ()) -> NameTable:
    """The table for a corpus: packaged names, the corpus's alias file, then pairs found in its text.

    `corpus_dir=None` reads no alias file (a corpus view without its folder: names it pairs itself only).

    Raises AliasFileError when the user's alias file is malformed (a clear message, not a guess).
    """
    corpus_groups = corpus_alias_groups(corpus_dir) if corpus_dir is not None else []
    return NameTable([*common_groups(), *corpus_groups, *corpus_pairs(texts)])
