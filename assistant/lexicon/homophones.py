"""Words typed by sound: "百事" for 百世, "印泥" for 印尼, "腾迅" for 腾讯, "电伤" for 电商, "数剧" for 数据.

A pinyin keyboard offers every character of a syllable, and a hurried user takes the wrong one. The typed word
then matches nothing the documents say (the question is refused, or searched for the wrong words). A span of
the question's segmentation that the documents lack is read as another word when they sound the same (each
character's syllable and tone) and the documents use that word:
- any span may stand for a name of the table ("百事" is a word, Pepsi, but the report names 百世: a rare name
  loses to a common word in the keyboard's list, not the other way round), and a single word the dictionary lacks
  may stand for one read the same but for its tones, one character kept as the name writes it ("华伟" for 华为, a
  voice keyboard's slip);
- a single word of the segmentation that the dictionary lacks ("电伤") may stand for a dictionary word one
  character apart (电商), when exactly one such word is in the documents.
Not read: two characters both mistyped ("见意" for 建议), or a word the documents never use ("靠普" for 靠谱).
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

from assistant.lexicon.table import NameTable
from assistant.text import is_word, match_key, word_spans

MAX_CHARS = 4  # longer spans are phrases, not one mistyped word
_IDEOGRAPHS = re.compile(rf"[\u4e00-\u9fff]{{2,{MAX_CHARS}}}")


def by_sound(question: str, names: NameTable, documents: Container[str]) -> str:
    """The question with each word typed by sound written as the documents write it.

    `documents` answers `word in documents` for simplified Chinese words (the corpus's text key)."""
    spans = word_spans(question)
    if spans is None:
        return question
    starts = {s for s, _ in spans}
    whole = {(s, len(w)) for s, w in spans}  # one word of the segmentation, not a run of several
    bounds = starts | {s + len(w) for s, w in spans}
    table = _table_sounds(names)
    for length in range(MAX_CHARS, 1, -1):
        for start in sorted(s for s in starts if s + length in bounds):
            typed = question[start:start + length]
            if not _IDEOGRAPHS.fullmatch(typed) or typed in table.names or match_key(typed) in documents:
                continue
            meant = _meant(typed, (start, length) in whole, table, documents)
            if meant is not None:
                question = question[:start] + meant + question[start + length:]
    return question


def _meant(typed: str, one_word: bool, table: _Sounds, documents: Container[str]) -> str | None:
    """The one word of the documents the typed form stands for, or None.

    Any form may stand for a name of the table read the same way. A form the dictionary lacks and the
    segmenter kept as one word ("电伤") may stand for a dictionary word the documents use, one character apart."""
    sounds = _sounds(typed)
    named = {n for n in table.by_sound.get(sounds, ()) if n in documents}
    if not named and one_word and not is_word(typed):  # "华伟" for 华为 (not 华威, a word): a tone slip
        named = {n for n in table.by_toneless.get(_toneless(sounds), ()) if n in documents
                 and any(a == b for a, b in zip(typed, n, strict=True))}
    if named:
        return named.pop() if len(named) == 1 else None
    if not one_word or is_word(typed):
        return None
    pools = [[c for c in _chars_of(s) if c in documents] for s in sounds]  # characters the documents use
    found: set[str] = set()
    for i, pool in enumerate(pools):  # one character read the same way
        found.update(o for o in (typed[:i] + c + typed[i + 1:] for c in pool if c != typed[i]) if o in documents)
    found = {f for f in found if is_word(f)}  # a word, not two halves that meet in the text (数字|贸易: 字贸)
    return found.pop() if len(found) == 1 else None


class _Sounds:
    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.by_sound: dict[tuple[str, ...], set[str]] = {}
        self.by_toneless: dict[tuple[str, ...], set[str]] = {}
        for name in names:
            sounds = _sounds(name)
            self.by_sound.setdefault(sounds, set()).add(name)
            self.by_toneless.setdefault(_toneless(sounds), set()).add(name)


def _toneless(sounds: tuple[str, ...]) -> tuple[str, ...]:
    """The syllables without their tone marks (wěi and wéi are both wei)."""
    return tuple("".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)) for s in sounds)


@lru_cache(maxsize=8)
def _table_sounds(names: NameTable) -> _Sounds:
    return _Sounds(frozenset(n for g in names.groups for n in g.names if _IDEOGRAPHS.fullmatch(n)))


@lru_cache(maxsize=4096)
def _sounds(word: str) -> tuple[str, ...]:
    """Each character's syllable with its tone, its most common reading (见 is jiàn). pypinyin's phrase tables,
    which would read a character by its word, are not loaded: they cost 45 MB for a rare slip."""
    return tuple(_first_reading().get(ch, ch) for ch in word)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """pypinyin's table of each character's readings, read from its data file: importing the package would load its
    phrase tables too (45 MB), which this does not use."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin is not installed")
    path = Path(spec.submodule_search_locations[0]) / "pinyin_dict.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {chr(int(code)): tuple(reads.split(",")) for code, reads in data.items() if 0x4E00 <= int(code) <= 0x9FFF}


@lru_cache(maxsize=1)
def _first_reading() -> dict[str, str]:
    return {ch: reads[0] for ch, reads in _table().items()}


@lru_cache(maxsize=1)
def _sound_chars() -> dict[str, tuple[str, ...]]:
    """Each syllable with its tone -> the characters read so (any of their readings)."""
    chars: dict[str, list[str]] = {}
    for ch, reads in _table().items():
        for read in reads:
            chars.setdefault(read, []).append(ch)
    return {sound: tuple(found) for sound, found in chars.items()}


def _chars_of(sound: str) -> tuple[str, ...]:
    return _sound_chars().get(sound, ())


def warm_up(names: NameTable) -> None:
    """Read pypinyin's character table and the name table's sounds before the first question (about 0.03 s)."""
    _sound_chars()
    _table_sounds(names)
