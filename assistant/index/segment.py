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

from assistant.context import indexed_texts, list_groups
from assistant.index.dense import DenseIndex
from assistant.index.lexical import LexicalSegment
from assistant.index.paragraph_store import ParagraphStore, write_paragraphs
from assistant.index.records import read_array, read_jsonl, source_from_dict, source_to_dict, write_jsonl
from assistant.index.text_key import FOLDER as TEXT_KEY
from assistant.index.text_key import BigramPostings, paragraph_key
from assistant.ingest import ParsedDocument
from assistant.lexicon.sources import corpus_pairs
from assistant.text import match_key, tokenize
from assistant.types import Source

SOURCES, STARTS, COARSE, GROUPS, NAMES, LEXICAL = (
    "sources.jsonl", "starts.npy", "coarse.npy", "groups.json", "names.json", "lexical")
SOURCES_KEY = "sources.key.txt"
# Name pairs (沙特电信(STC)) are read from these documents only: not from a library of any size.
NAME_ROLES = ("report", "source")


def document_tokens(document: ParsedDocument) -> list[list[str]]:
    """The BM25 input of each paragraph of one document (jieba is the slow part: done once per document)."""
    return [tokenize(text) for text in indexed_texts(document.paragraphs)]


def coarse_rows(starts: np.ndarray, headed: np.ndarray) -> np.ndarray:
    """Paragraph-level unit rows: each paragraph's first unit, and its heading unit right after when it has one."""
    return np.sort(np.concatenate([starts[:-1], starts[:-1][headed] + 1])).astype(np.int64)


def document_entries(docs: Sequence[ParsedDocument], counts: Sequence[int]) -> list[dict]:
    entries, first = [], 0
    for d in docs:
        n = len(d.paragraphs)
        entries.append({"doc": d.doc, "path": d.path, "title": d.title, "role": d.role, "toc": list(d.toc),
                        "first": first, "count": n, "sources": len(d.sources),
                        "units": int(sum(counts[first : first + n]))})
        first += n
    return entries


def name_pairs(docs: Sequence[ParsedDocument]) -> dict[str, list[list]]:
    """Per report or source document, the name pairs it writes itself (computed once, at index time)."""
    out = {}
    for d in docs:
        if d.role in NAME_ROLES:
            pairs = corpus_pairs(p.text for p in d.paragraphs)
            if pairs:
                out[d.doc] = [[g.kind, list(g.names)] for g in pairs]
    return out


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
    """Write the segment's files into `folder`; returns its manifest fields (documents, counts)."""
    paragraphs = [p for d in docs for p in d.paragraphs]
    if not paragraphs:
        raise ValueError("the corpus has no paragraphs to index.")
    if not len(tokens) == len(counts) == len(paragraphs):
        raise ValueError(f"{len(tokens)} token lists and {len(counts)} unit counts for {len(paragraphs)} paragraphs.")
    starts = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
    if len(vectors) != int(starts[-1]):
        raise ValueError(f"{len(vectors)} vectors for {int(starts[-1])} units.")
    write_paragraphs(folder, paragraphs, {d.doc: i for i, d in enumerate(docs)})
    write_sources(folder, [(d.doc, s) for d in docs for s in d.sources])
    np.save(folder / STARTS, starts)
    coarse = coarse_rows(starts, np.array([bool(p.heading_path) for p in paragraphs]))
    np.save(folder / COARSE, coarse)
    (folder / GROUPS).write_text(json.dumps(list_groups(paragraphs), ensure_ascii=False), encoding="utf-8")
    (folder / NAMES).write_text(json.dumps(name_pairs(docs), ensure_ascii=False), encoding="utf-8")
    LexicalSegment.build(tokens, avgdl).save(folder / LEXICAL)
    BigramPostings.build([paragraph_key(p.heading_path, p.text) for p in paragraphs]).save(folder / TEXT_KEY)
    dense = DenseIndex.build(vectors, coarse if allow_approximate else None, trained=trained)
    dense.save(folder)
    return {"documents": document_entries(docs, counts),
            "counts": {"documents": len(docs), "paragraphs": len(paragraphs), "units": int(starts[-1]),
                       "sources": sum(len(d.sources) for d in docs)}}


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
