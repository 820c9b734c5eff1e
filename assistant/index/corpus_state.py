"""The corpus folder as the index sees it: its files, their hashes (reused while unchanged), the source links."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.environment import cause, check_corpus_folder
from assistant.index.delta import read_live_manifest
from assistant.index.store import IndexStoreError, sha256_file
from assistant.ingest.caps import CAPS
from assistant.ingest.catalog import CorpusFile, SkippedFile, scan
from assistant.ingest.pdf import PdfLimits
from assistant.ingest.registry import REGISTRY_NAME, linked_files, read_registry


@dataclass(frozen=True)
class CorpusState:
    """The corpus folder as the index sees it: which files, their hashes, the source links."""

    files: tuple[CorpusFile, ...]
    skipped: tuple[SkippedFile, ...]  # found but unusable as named (a key already taken)
    hashes: dict[str, str]  # relative path -> sha256, for every document file found
    links: dict[str, int]  # source document path -> footnote number, from sources.toml
    registry: str | None  # fingerprint of those links (None when there are none)
    warnings: tuple[str, ...]
    stats: dict | None = None  # {"taken": ns, "files": {path: [size, mtime_ns, sha256]}}: kept in the manifest


# A file modified this close to when the index recorded it is hashed again (its mtime may not show an edit).
_RACY_NS = 2_000_000_000


def corpus_state(settings: Settings, known: dict | None = None) -> CorpusState:
    """Scan the corpus; raises CorpusError for a missing or empty corpus or a broken sources.toml.

    `known` (the stats the live index recorded) spares hashing: a file whose size and modification
    time are those recorded, and that was not modified just before they were, keeps its recorded
    sha256, so opening a library of thousands of files does not read all of them.
    """
    root = settings.corpus_dir
    check_corpus_folder(root)
    entries = read_registry(root / REGISTRY_NAME)
    links, warnings = linked_files(entries)
    files, skipped = scan(root, links)
    found = {f.rel for f in files} | {s.path for s in skipped}
    warnings += [f"{REGISTRY_NAME}: source {n}: {rel} not found" for rel, n in links.items() if rel not in found]
    taken = time.time_ns()
    recorded = (known or {}).get("files", {})
    limit = int((known or {}).get("taken", 0)) - _RACY_NS
    hashes, stat_rows, sizes = {}, {}, {}
    for rel in sorted(found):
        size, mtime = sizes[rel] = _stat(os.path.join(root, rel))
        old = recorded.get(rel)
        reuse = old is not None and size >= 0 and [size, mtime] == old[:2] and mtime < limit
        hashes[rel] = old[2] if reuse else _file_hash(root / rel)
        if size >= 0 and not hashes[rel].startswith("unreadable"):
            stat_rows[rel] = [size, mtime, hashes[rel]]
    total = sum(max(sizes[f.rel][0], 0) for f in files if f.role != "report")
    if total > CAPS.library_warn_bytes:
        warnings.append(f"the library and source documents hold {total / 1e6:,.0f} MB (over "
                        f"{CAPS.library_warn_bytes / 1e6:,.0f} MB): indexing them will be slow")
    fingerprint = hashlib.sha256(json.dumps(sorted(links.items())).encode()).hexdigest()[:16] if links else None
    return CorpusState(tuple(files), tuple(skipped), hashes, links, fingerprint, tuple(warnings),
                       {"taken": taken, "files": stat_rows})


def _stat(path: str) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return -1, -1
    return info.st_size, info.st_mtime_ns


def recorded_stats(index_dir: Path) -> dict | None:
    """The corpus file stats the live index recorded (None without a readable index)."""
    try:
        return read_live_manifest(index_dir)[1].get("corpus_stats")
    except (IndexStoreError, OSError, ValueError):
        return None


def _file_hash(path: Path) -> str:
    """sha256 of a document; an unreadable one gets a marker instead (it is skipped, with its reason, at build)."""
    try:
        return sha256_file(path)
    except OSError as exc:
        return f"unreadable: {cause(exc)}"


def pdf_limits(settings: Settings) -> PdfLimits:
    return PdfLimits(settings.pdf_timeout_s, settings.pdf_cpu_s, settings.pdf_max_bytes, settings.pdf_max_pages,
                     settings.pdf_max_chars)
