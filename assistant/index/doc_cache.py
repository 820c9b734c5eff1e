"""Per-document segments kept between index builds: parsed paragraphs, their BM25 tokens and unit vectors.

Parsing a PDF, tokenising with jieba and embedding are the slow parts of a build, so
each document's results are kept in `index/cache/<key>/`, the key being the
file's sha256, its role and key in the corpus, the embedder and the pipeline
version. Adding one source to an indexed corpus then parses, tokenises and embeds
that file only, and a killed ingest resumes after the last document it finished.
Files are JSON(L) and `.npy` (never pickle), hashed when written; a read checks
their sizes (a full hash with `deep`, as `ingest --verify` does), and a damaged
entry is simply rebuilt. A file that failed is remembered too, so a
hostile PDF is not retried on every build (`ingest --force` retries it).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from assistant.index.records import (
    paragraph_from_dict,
    paragraph_to_dict,
    read_array,
    read_jsonl,
    source_from_dict,
    source_to_dict,
    write_jsonl,
)
from assistant.index.store import sha256_file
from assistant.ingest import ParsedDocument
from assistant.ingest.catalog import CorpusFile, SkippedFile

CACHE_DIR = "cache"
_CHECKSUMS = "checksums.json"


@dataclass(frozen=True)
class CachedDocument:
    document: ParsedDocument
    vectors: np.ndarray  # one row per unit of `make_units(document.paragraphs)`
    tokens: tuple[tuple[str, ...], ...]  # BM25 input of each paragraph (`build.document_tokens`)
    counts: tuple[int, ...]  # units of each paragraph (`corpus.unit_counts`)


@dataclass(frozen=True)
class CachedRef:
    """A cached document by reference: what a full build needs before reading it (one at a time)."""

    key: str
    doc: str
    role: str
    paragraphs: int
    units: int
    sources: int


def cache_key(file: CorpusFile, file_sha: str, embedder: str, version: int) -> str:
    payload = json.dumps([file_sha, file.rel, file.role, file.doc, file.number, embedder, version])
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class DocumentCache:
    def __init__(self, index_dir: Path) -> None:
        self.folder = index_dir / CACHE_DIR

    def _meta(self, entry: Path, deep: bool) -> dict | None:
        """The entry's document.json when every file has its recorded size (and hash, `deep`)."""
        sums = json.loads((entry / _CHECKSUMS).read_text(encoding="utf-8"))
        for name, meta in sums.items():
            path = entry / name
            if path.stat().st_size != meta["bytes"] or (deep and sha256_file(path) != meta["sha256"]):
                return None
        return json.loads((entry / "document.json").read_text(encoding="utf-8"))

    def peek(self, key: str) -> CachedRef | SkippedFile | None:
        """What `get` would return, by reference: sizes checked, nothing large read."""
        entry = self.folder / key
        try:
            meta = self._meta(entry, False)
            if meta is None:
                return None
            if "skipped" in meta:
                return SkippedFile(**meta["skipped"])
            counts = [int(c) for c in meta["counts"]]
            sources = meta.get("sources")
            if sources is None:
                with (entry / "sources.jsonl").open("rb") as handle:
                    sources = sum(1 for line in handle if line.strip())
            return CachedRef(key, str(meta["doc"]), str(meta["role"]), len(counts), sum(counts), int(sources))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def get(self, key: str, deep: bool = False, mmap: bool = False) -> CachedDocument | SkippedFile | None:
        """The cached document (or the remembered failure); None when absent or damaged.

        `mmap`: the vectors stay on disk, memory-mapped (a full build reads them once, in order).
        """
        entry = self.folder / key
        try:
            meta = self._meta(entry, deep)
            if meta is None:
                return None
            if "skipped" in meta:
                return SkippedFile(**meta["skipped"])
            paragraphs = tuple(paragraph_from_dict(row) for row in read_jsonl(entry / "paragraphs.jsonl"))
            sources = tuple(source_from_dict(row)[1] for row in read_jsonl(entry / "sources.jsonl"))
            vectors = read_array(entry / "vectors.npy", mmap=mmap)
            tokens = tuple(tuple(str(t) for t in row) for row in json.loads((entry / "tokens.json").read_text("utf-8")))
            document = ParsedDocument(meta["doc"], meta["path"], meta["title"], paragraphs, sources,
                                      tuple(meta["toc"]), meta["role"])
            counts = tuple(int(c) for c in meta["counts"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if vectors.ndim != 2 or len(vectors) != sum(counts) or not len(tokens) == len(paragraphs) == len(counts):
            return None
        return CachedDocument(document, vectors.astype(np.float32, copy=False), tokens, counts)

    def put(self, key: str, value: CachedDocument | SkippedFile) -> None:
        """Store an entry atomically (a half-written entry is never read)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        building = self.folder / f".tmp-{key}-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir()
        if isinstance(value, SkippedFile):
            meta: dict = {"skipped": asdict(value)}
        else:
            doc = value.document
            meta = {"doc": doc.doc, "path": doc.path, "title": doc.title, "toc": list(doc.toc), "role": doc.role,
                    "counts": list(value.counts), "sources": len(doc.sources)}
            write_jsonl(building / "paragraphs.jsonl", (paragraph_to_dict(p) for p in doc.paragraphs))
            write_jsonl(building / "sources.jsonl", (source_to_dict(s, doc.doc) for s in doc.sources))
            np.save(building / "vectors.npy", np.ascontiguousarray(value.vectors, dtype=np.float32))
            (building / "tokens.json").write_text(json.dumps([list(t) for t in value.tokens], ensure_ascii=False),
                                                  encoding="utf-8")
        (building / "document.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        sums = {p.name: {"sha256": sha256_file(p), "bytes": p.stat().st_size} for p in sorted(building.iterdir())}
        (building / _CHECKSUMS).write_text(json.dumps(sums), encoding="utf-8")
        target = self.folder / key
        shutil.rmtree(target, ignore_errors=True)
        building.rename(target)

    def drop(self, keys: Iterable[str]) -> None:
        for key in keys:
            shutil.rmtree(self.folder / key, ignore_errors=True)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop entries no longer used by the corpus (and leftovers of interrupted writes)."""
        wanted = set(keys)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in wanted:
                    shutil.rmtree(entry, ignore_errors=True)
