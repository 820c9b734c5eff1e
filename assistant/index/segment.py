"""One index segment on disk: paragraphs, sources, BM25 postings, unit vectors, list groups, name pairs.

The base (a generation) and the delta (documents added since) have the same files, so one
writer serves a full build, an added document and a compaction. Documents are listed in the
segment's manifest in order, each with its first paragraph and count; paragraphs of one
document are contiguous.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from assistant.context import indexed_texts
from assistant.index.dense import DenseIndex
from assistant.index.lexical import LexicalSegment
from assistant.index.paragraph_store import ParagraphStore
from assistant.index.records import read_array, read_jsonl, source_from_dict, source_to_dict, write_jsonl
from assistant.index.segment_writer import (
    COARSE,
    GROUPS,
    LEXICAL,
    NAMES,
    SOURCES,
    SOURCES_KEY,
    STARTS,
    SegmentWriter,
)
from assistant.index.text_key import FOLDER as TEXT_KEY
from assistant.index.text_key import BigramPostings
from assistant.ingest import ParsedDocument
from assistant.text import match_key, tokenize
from assistant.types import Source

__all__ = ["COARSE", "GROUPS", "LEXICAL", "NAMES", "STARTS", "TEXT_KEY", "Segment", "open_segment",
           "write_segment", "write_sources"]


def document_tokens(document: ParsedDocument) -> list[list[str]]:
    """The BM25 input of each paragraph of one document (jieba is the slow part: done once per document)."""
    return [tokenize(text) for text in indexed_texts(document.paragraphs)]


def write_sources(folder: Path, sources: Sequence[tuple[str, Source]]) -> None:
    """The sources in document order, and their matching key (footnotes count as corpus text: text_key)."""
    write_jsonl(folder / SOURCES, [source_to_dict(s, doc) for doc, s in sources])
    (folder / SOURCES_KEY).write_text(match_key("\n".join(s.text for _, s in sources)), encoding="utf-8")


def write_segment(
    folder: Path,
    docs: Sequence[ParsedDocument],
    tokens: Sequence[Sequence[str]],
    counts: Sequence[int],
    vectors: np.ndarray,
    *,
    allow_approximate: bool,
    trained: Path | None = None,
    avgdl: float | None = None,
) -> dict:
    """Write the segment's files into `folder` from documents in memory; returns its manifest fields.

    A thin loop over `SegmentWriter`, which a full build feeds one cached document at a time instead.
    """
    paragraphs = sum(len(d.paragraphs) for d in docs)
    if not paragraphs:
        raise ValueError("the corpus has no paragraphs to index.")
    if not len(tokens) == len(counts) == paragraphs:
        raise ValueError(f"{len(tokens)} token lists and {len(counts)} unit counts for {paragraphs} paragraphs.")
    if len(vectors) != int(sum(counts)):
        raise ValueError(f"{len(vectors)} vectors for {int(sum(counts))} units.")
    writer = SegmentWriter(folder, int(sum(counts)), allow_approximate=allow_approximate, avgdl=avgdl)
    first = unit = 0
    try:
        for d in docs:
            n = len(d.paragraphs)
            units = int(sum(counts[first : first + n]))
            writer.add(d, tokens[first : first + n], counts[first : first + n], vectors[unit : unit + units])
            first, unit = first + n, unit + units
    except BaseException:
        writer.abort()
        raise
    return writer.finish(trained)


@dataclass
class Segment:
    """A segment opened for reading: everything memory-mapped or small."""

    folder: Path
    manifest: dict
    paragraphs: ParagraphStore
    starts: np.ndarray
    coarse: np.ndarray
    lexical: LexicalSegment
    dense: DenseIndex
    text_key: BigramPostings

    @property
    def documents(self) -> list[dict]:
        return self.manifest["documents"]

    def sources(self) -> list[tuple[str, Source]]:
        return [source_from_dict(row) for row in read_jsonl(self.folder / SOURCES)]

    def source_loaders(self, skip: set[str]) -> dict[str, Callable[[], list[Source]]]:
        """Per document (but `skip`), a function parsing its sources: lines are read now, parsed when asked."""
        lines = (self.folder / SOURCES).read_bytes().splitlines()
        loaders, at = {}, 0
        for entry in self.documents:
            count = int(entry.get("sources", 0))
            if entry["doc"] not in skip and count:
                loaders[entry["doc"]] = partial(_parse_sources, lines[at : at + count])
            at += count
        if at != len(lines):
            raise ValueError(f"{SOURCES} has {len(lines)} lines, the documents list {at}")
        return loaders

    def sources_key(self) -> str:
        return (self.folder / SOURCES_KEY).read_text(encoding="utf-8")

    def groups(self) -> dict[str, tuple[str, ...]]:
        data = json.loads((self.folder / GROUPS).read_text(encoding="utf-8"))
        return {str(k): tuple(v) for k, v in data.items()}

    def names(self) -> dict[str, list]:
        path = self.folder / NAMES
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    def rows_of(self, docs: set[str]) -> np.ndarray:
        """Paragraph rows of these documents."""
        spans = [np.arange(d["first"], d["first"] + d["count"]) for d in self.documents if d["doc"] in docs]
        return np.concatenate(spans).astype(np.int64) if spans else np.zeros(0, dtype=np.int64)


def _parse_sources(lines: list[bytes]) -> list[Source]:
    return [source_from_dict(json.loads(line))[1] for line in lines]


def open_segment(folder: Path, manifest: dict) -> Segment:
    """Open a checked segment; raises ValueError/OSError/KeyError when a file does not fit the others."""
    paragraphs = ParagraphStore(folder)
    starts = read_array(folder / STARTS)
    coarse = read_array(folder / COARSE, mmap=True)
    lexical = LexicalSegment.load(folder / LEXICAL)
    dense = DenseIndex.load(folder)
    text_key = BigramPostings.load(folder / TEXT_KEY)
    n = len(paragraphs)
    if starts.ndim != 1 or len(starts) != n + 1 or lexical.size != n or dense.size != int(starts[-1]):
        raise ValueError(f"{dense.size} vectors, {len(starts) - 1} unit starts, {lexical.size} lexical rows "
                         f"for {n} paragraphs")
    if sum(int(d["count"]) for d in manifest.get("documents", [])) != n:
        raise ValueError("the documents listed do not cover the paragraphs")
    return Segment(folder, manifest, paragraphs, starts, coarse, lexical, dense, text_key)
