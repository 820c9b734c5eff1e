"""JSON forms of the value objects and the array reader, for the index files (JSONL and .npy, never pickle)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.types import Paragraph, Source


def paragraph_to_dict(paragraph: Paragraph) -> dict[str, Any]:
    """Its fields as they are (tuples serialise as JSON lists); `asdict`'s deep copy cost 2 s per 10k."""
    return dict(vars(paragraph))


def paragraph_from_dict(data: dict[str, Any]) -> Paragraph:
    return Paragraph(
        id=str(data["id"]),
        doc=str(data["doc"]),
        kind=str(data["kind"]),
        heading_path=tuple(str(h) for h in data["heading_path"]),
        locator=str(data["locator"]),
        text=str(data["text"]),
        marks=tuple(int(m) for m in data.get("marks", ())),
        order=int(data.get("order", 0)),
        rows=tuple(tuple(str(c) for c in row) for row in data.get("rows", ())),
        page=None if data.get("page") is None else int(data["page"]),
    )


def source_to_dict(source: Source, doc: str) -> dict[str, Any]:
    """Its fields as they are (all plain values; `asdict`'s deep copy cost 1.3 s per 15k sources)."""
    return {"doc": doc, **vars(source)}


def source_from_dict(data: dict[str, Any]) -> tuple[str, Source]:
    fields = {k: v for k, v in data.items() if k != "doc"}
    return str(data["doc"]), Source(**fields)


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line, UTF-8, non-ASCII kept readable."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_array(path: Path, mmap: bool = False) -> np.ndarray:
    """An .npy file (memory-mapped read-only if asked); any damage to its header is a ValueError."""
    try:
        return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    except (OSError, ValueError):
        raise
    except Exception as exc:  # numpy parses the header with tokenize/ast: garbage raises their errors
        raise ValueError(f"{path.name}: unreadable array header ({type(exc).__name__})") from exc
