"""Per-document artifacts kept between index builds: parsed paragraphs and their unit vectors.

Parsing a PDF and embedding its paragraphs are the slow parts of a build, so
each document's results are kept in `index/cache/<key>/`, the key being the
file's sha256, its role and key in the corpus, the embedder and the pipeline
version. Adding one source to an indexed corpus then parses and embeds that
file only. Files are JSONL and `.npy` (never pickle), each checksummed; a
damaged entry is simply rebuilt. A file that failed is remembered too, so a
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

from assistant.corpus import make_units
from assistant.index.records import (
    paragraph_from_dict,
    paragraph_to_dict,
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


def cache_key(file: CorpusFile, file_sha: str, embedder: str, version: int) -> str:
    payload = json.dumps([file_sha, file.rel, file.role, file.doc, file.number, embedder, version])
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class DocumentCache:
    def __init__(self, index_dir: Path) -> None:
        self.folder = index_dir / CACHE_DIR

    def get(self, key: str) -> CachedDocument | SkippedFile | None:
        """The cached document (or the remembered failure); None when absent or damaged."""
        entry = self.folder / key
        try:
            sums = json.loads((entry / _CHECKSUMS).read_text(encoding="utf-8"))
            if any(sha256_file(entry / name) != digest for name, digest in sums.items()):
                return None
            meta = json.loads((entry / "document.json").read_text(encoding="utf-8"))
            if "skipped" in meta:
                return SkippedFile(**meta["skipped"])
            paragraphs = tuple(paragraph_from_dict(row) for row in read_jsonl(entry / "paragraphs.jsonl"))
            sources = tuple(source_from_dict(row)[1] for row in read_jsonl(entry / "sources.jsonl"))
            vectors = np.load(entry / "vectors.npy", allow_pickle=False)
            document = ParsedDocument(meta["doc"], meta["path"], meta["title"], paragraphs, sources,
                                      tuple(meta["toc"]), meta["role"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if vectors.ndim != 2 or len(vectors) != len(make_units(paragraphs)):
            return None
        return CachedDocument(document, vectors.astype(np.float32, copy=False))

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
            meta = {"doc": doc.doc, "path": doc.path, "title": doc.title, "toc": list(doc.toc), "role": doc.role}
            write_jsonl(building / "paragraphs.jsonl", (paragraph_to_dict(p) for p in doc.paragraphs))
            write_jsonl(building / "sources.jsonl", (source_to_dict(s, doc.doc) for s in doc.sources))
            np.save(building / "vectors.npy", np.ascontiguousarray(value.vectors, dtype=np.float32))
        (building / "document.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        sums = {p.name: sha256_file(p) for p in sorted(building.iterdir())}
        (building / _CHECKSUMS).write_text(json.dumps(sums), encoding="utf-8")
        target = self.folder / key
        shutil.rmtree(target, ignore_errors=True)
        building.rename(target)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Drop entries no longer used by the corpus (and leftovers of interrupted writes)."""
        wanted = set(keys)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in wanted:
                    shutil.rmtree(entry, ignore_errors=True)
