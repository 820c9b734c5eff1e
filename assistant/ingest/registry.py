"""The source registry `corpus/sources.toml`: the report's footnotes as editable entries.

Generated from the footnotes on the first ingest, then the user's: they fill in
the two lost footnotes, add a URL or a note, and link a document under
`corpus/sources/` with `file`. A re-ingest only adds entries for new footnotes
(and fields an entry lacks); it never changes or drops what is there. TOML is
read with tomllib and written by hand (flat `[[source]]` tables).
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from assistant.ingest.loader import CorpusError
from assistant.types import Source

REGISTRY_NAME = "sources.toml"
SOURCES_DIR = "sources"
FIELDS = ("title", "publisher", "date", "url", "file", "note")
LOST_NOTE = "脚注原文缺失 footnote text lost in the report: fill in title, publisher and date"
HEADER = """# Sources cited by the report's footnotes, one [[source]] per footnote number.
# Generated on the first ingest; edit freely: a re-ingest keeps your edits and only adds new footnotes.
# `file` links a document under corpus/sources/ (a .pdf, .txt or .md) to its footnote, so answers
# citing that footnote also show the passage of the document that backs them."""


@dataclass(frozen=True)
class RegistryEntry:
    number: int
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""
    file: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        return f"fn{self.number}"


def _entry(table: dict[str, Any], where: str) -> RegistryEntry:
    number = table.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise CorpusError(f"{where}: every [[source]] needs a whole `number` of 1 or more")
    values = {}
    for key in FIELDS:
        value = table.get(key, "")
        if not isinstance(value, str):
            raise CorpusError(f"{where}: `{key}` of source {number} must be a string")
        values[key] = value.strip()
    return RegistryEntry(number, **values)


def read_tables(path: Path) -> list[dict[str, Any]]:
    """The raw `[[source]]` tables ([] when there is no registry yet); CorpusError for a broken file."""
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{path.name} cannot be read: {exc}") from exc
    tables = data.get("source", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CorpusError(f"{path.name}: sources must be [[source]] tables")
    return tables


def read_registry(path: Path) -> tuple[RegistryEntry, ...]:
    """The entries sorted by number; CorpusError for a broken file or a number used twice."""
    entries = [_entry(table, path.name) for table in read_tables(path)]
    numbers = [e.number for e in entries]
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if twice:
        raise CorpusError(f"{path.name}: source number {twice[0]} appears more than once")
    return tuple(sorted(entries, key=lambda e: e.number))


def generated_table(source: Source) -> dict[str, Any]:
    """The entry a footnote starts as (the two lost footnotes start empty, with a note saying so)."""
    return {"number": source.number, "title": source.title, "publisher": source.publisher, "date": source.date,
            "url": "", "file": "", "note": LOST_NOTE if source.missing else ""}


def merge_tables(existing: list[dict[str, Any]], sources: Sequence[Source]) -> tuple[list[dict[str, Any]], bool]:
    """Existing tables untouched except for fields they lack; a new table per new footnote; sorted by number."""
    by_number = {t.get("number"): dict(t) for t in existing}
    changed = False
    for source in sources:
        fresh = generated_table(source)
        table = by_number.setdefault(source.number, {})
        for key, value in fresh.items():
            if key not in table:
                table[key], changed = value, True
    return sorted(by_number.values(), key=lambda t: t["number"]), changed


def sync_registry(path: Path, sources: Sequence[Source]) -> bool:
    """Create or extend the registry from the report's footnote sources; True when the file was written."""
    read_registry(path)  # refuse to rewrite a broken file
    tables, changed = merge_tables(read_tables(path), sources)
    if not changed and path.is_file():
        return False
    notes = {s.number: s.text for s in sources if s.text}
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(render(tables, notes), encoding="utf-8")
    os.replace(temporary, path)
    return True


# --- writing TOML -----------------------------------------------------------------------------------------


def _key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else _string(key)


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, plus DEL, which JSON leaves raw."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def render(tables: Sequence[dict[str, Any]], notes: dict[int, str] | None = None) -> str:
    """The registry file: a header, then one `[[source]]` per table (known fields first, then the user's own)."""
    notes = notes or {}
    out = [HEADER]
    for table in tables:
        out.append("")
        number = table.get("number")
        if isinstance(number, int) and notes.get(number):
            printable = "".join(c if c.isprintable() else " " for c in notes[number])  # comments allow no controls
            out.append("# footnote: " + " ".join(printable.split()))
        out.append("[[source]]")
        keys = [k for k in ("number", *FIELDS) if k in table] + [k for k in table if k not in ("number", *FIELDS)]
        out.extend(f"{_key(k)} = {_value(table[k])}" for k in keys)
    return "\n".join(out) + "\n"


# --- using the entries ------------------------------------------------------------------------------------


def linked_files(entries: Sequence[RegistryEntry]) -> tuple[dict[str, int], list[str]]:
    """`file` links as {corpus-relative posix path: footnote number}, and warnings for unusable links."""
    links: dict[str, int] = {}
    warnings = []
    for entry in entries:
        if not entry.file:
            continue
        parts = PurePosixPath(entry.file.replace("\\", "/")).parts
        parts = parts[1:] if parts[:1] == ("corpus",) else parts
        parts = parts if parts[:1] == (SOURCES_DIR,) else (SOURCES_DIR, *parts)
        rel = "/".join(parts)
        if ".." in parts or entry.file.startswith("/") or len(parts) < 2:
            warnings.append(f"{REGISTRY_NAME}: source {entry.number}: file {entry.file!r} is not a path under sources/")
        elif rel in links:
            warnings.append(f"{REGISTRY_NAME}: source {entry.number}: {rel} is already linked to source {links[rel]}")
        else:
            links[rel] = entry.number
    return links, warnings


def apply_registry(sources: Sequence[Source], entries: Sequence[RegistryEntry]) -> tuple[Source, ...]:
    """Footnote sources with the titles, publishers and dates of the registry (a lost one filled in is not missing)."""
    by_number = {e.number: e for e in entries}
    out = []
    for source in sources:
        entry = by_number.get(source.number)
        if entry is None:
            out.append(source)
            continue
        out.append(replace(source, title=entry.title, publisher=entry.publisher, date=entry.date,
                           missing=source.missing and not entry.title))
    return tuple(out)
