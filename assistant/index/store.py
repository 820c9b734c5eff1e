"""The index folder on disk: generations, a checksummed manifest, atomic switch.

Layout::

    index/CURRENT            name of the live generation, the base (replaced atomically)
    index/gen-<stamp>/       manifest.json + the files it lists with their sha256
    index/DELTA              name of the live delta, if any (replaced atomically)
    index/delta-<stamp>/     documents added or changed since the base, and the base's removed ones
    index/.build-<stamp>/    a build in progress (ignored, removed on the next build)

A build writes a complete new folder and only then replaces its pointer, so a crash
mid-build leaves the previous index usable; the folder it replaced is then removed
(one generation on disk). A delta names the base it applies to: after a compaction
switches CURRENT, a delta left behind by a crash no longer matches and is ignored.
Every file is checked against the manifest before it is opened (sizes; sha256 for a
small index or on `ingest --verify`): a truncated or edited file is reported as
corrupt instead of being handed to FAISS (which may crash on garbage).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

FORMAT_VERSION = 3
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
DELTA = "DELTA"
KEEP_GENERATIONS = 1
# At open, files are hashed in full only up to this total; larger indexes check sizes (and hash on demand).
HASH_AT_OPEN_BYTES = 64 << 20


class IndexStoreError(Exception):
    """Base class: the index cannot be used as it is."""


class IndexMissing(IndexStoreError):
    pass


class IndexCorrupt(IndexStoreError):
    pass


class BackendUnavailable(IndexStoreError):
    """The configured search backend (Milvus) cannot be reached or is not installed."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_hashes(paths: Iterable[Path], root: Path) -> dict[str, str]:
    """sha256 per file, keyed by its posix path relative to root."""
    return {path.relative_to(root).as_posix(): sha256_file(path) for path in sorted(paths)}


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp() -> str:
    # One clock reading, microseconds within its second: names sort in build order (pruning relies on it).
    now = time.time_ns()
    return time.strftime("%Y%m%d-%H%M%S", time.localtime(now // 1_000_000_000)) + f"-{now // 1000 % 1_000_000:06d}"


def _replace_pointer(index_dir: Path, name: str, target: str) -> None:
    pointer = index_dir / f".{name}.tmp"
    pointer.write_text(target + "\n", encoding="utf-8")
    with pointer.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer, index_dir / name)
    _fsync_dir(index_dir)


def _write_folder(index_dir: Path, prefix: str, write_files: Callable[[Path], dict]) -> Path:
    """Write `<prefix>-<stamp>/` with its manifest of checksums, complete and synced before anything points at it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    for stale in index_dir.glob(".build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    stamp = _stamp()
    building = index_dir / f".build-{stamp}"
    building.mkdir()
    try:
        manifest = dict(write_files(building))
        files = sorted(p for p in building.rglob("*") if p.is_file())
        manifest["format_version"] = FORMAT_VERSION
        manifest["created"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        manifest["files"] = {
            rel: {"sha256": digest, "bytes": (building / rel).stat().st_size}
            for rel, digest in file_hashes(files, building).items()
        }
        (building / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        for path in [*files, building / MANIFEST]:
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        final = index_dir / f"{prefix}-{stamp}"
        building.rename(final)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return final


def write_generation(index_dir: Path, write_files: Callable[[Path], dict]) -> Path:
    """Build a generation (a new base) with `write_files(folder) -> manifest fields`, then switch to it.

    The delta of the previous base is dropped with it (its documents are in the new base).
    """
    final = _write_folder(index_dir, "gen", write_files)
    _replace_pointer(index_dir, CURRENT, final.name)
    (index_dir / DELTA).unlink(missing_ok=True)
    _prune(index_dir, keep={final.name})
    return final


def write_delta(index_dir: Path, write_files: Callable[[Path], dict]) -> Path:
    """Write a delta for the live base with `write_files(folder) -> manifest fields`, then switch to it."""
    base = current_generation(index_dir)
    final = _write_folder(index_dir, "delta", lambda folder: {**write_files(folder), "base": base.name})
    _replace_pointer(index_dir, DELTA, final.name)
    _prune(index_dir, keep={base.name, final.name})
    return final


def _prune(index_dir: Path, keep: set[str]) -> None:
    """Remove generations and deltas nothing points at any more (one of each stays: the live ones)."""
    for old in index_dir.glob("gen-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    for old in index_dir.glob("delta-*"):
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def current_delta(index_dir: Path, base: Path) -> Path | None:
    """The live delta of this base, or None (none, or one left behind by a crash for an older base)."""
    pointer = index_dir / DELTA
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8", errors="replace").strip()
    folder = index_dir / name
    if not name.startswith("delta-") or "/" in name or not folder.is_dir():
        raise IndexCorrupt(f"{pointer} points to a missing delta {name!r}")
    try:
        applies_to = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("base")
    except (OSError, ValueError, AttributeError) as exc:
        raise IndexCorrupt(f"unreadable manifest in {folder}: {exc}") from exc
    return folder if applies_to == base.name else None


def current_generation(index_dir: Path) -> Path:
    pointer = index_dir / CURRENT
    if not pointer.is_file():
        raise IndexMissing(f"no index in {index_dir}")
    name = pointer.read_text(encoding="utf-8", errors="replace").strip()
    folder = index_dir / name
    if not name.startswith("gen-") or "/" in name or not folder.is_dir():
        raise IndexCorrupt(f"{pointer} points to a missing generation {name!r}")
    return folder


# Parsed manifests by (path, inode, size, mtime): opening a library reads its manifest several times (the
# corpus stats, the freshness check, the open), and at 1M paragraphs it is 9 MB of JSON (0.24 s a parse).
# A manifest is never rewritten in place (every folder is written whole under a new name), and callers
# do not modify what they get. Small manifests (a report's: a few KB) are parsed each time.
_MANIFESTS: dict[tuple[str, int, int, int], dict] = {}
_CACHE_MANIFEST_BYTES = 1 << 20


def read_manifest(generation: Path) -> dict:
    path = generation / MANIFEST
    try:
        info = path.stat()
        key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns)
        manifest = _MANIFESTS.get(key)
        if manifest is None:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if info.st_size >= _CACHE_MANIFEST_BYTES:
                if len(_MANIFESTS) >= 4:
                    _MANIFESTS.clear()
                _MANIFESTS[key] = manifest
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"unreadable manifest in {generation}: {exc}") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise IndexCorrupt(f"malformed manifest in {generation}")
    if not all(isinstance(meta, dict) for meta in manifest["files"].values()):
        raise IndexCorrupt(f"malformed file list in the manifest of {generation}")
    embedder, counts = manifest.get("embedder"), manifest.get("counts")
    if not (
        isinstance(embedder, dict) and isinstance(embedder.get("name"), str) and isinstance(embedder.get("dim"), int)
        and isinstance(counts, dict) and all(isinstance(counts.get(k), int) for k in ("paragraphs", "sources"))
    ):
        raise IndexCorrupt(f"malformed manifest in {generation}: the embedder or the counts are missing")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexCorrupt(f"index format {manifest.get('format_version')!r} is not {FORMAT_VERSION}")
    return manifest


# Files every generation has; the manifest must list them (and every other file in the generation).
REQUIRED_FILES = ("paragraphs.jsonl", "offsets.npy", "sources.jsonl", "starts.npy", "groups.json", "vectors.npy",
                  "lexical/vocab.json", "lexical/docs.npy")


def verify_files(generation: Path, manifest: dict, deep: bool | None = None) -> None:
    """Raise IndexCorrupt naming the first file whose size or checksum is wrong, or that the manifest omits.

    An empty or partial file list is damage too: nothing the index reads goes unchecked. `deep` hashes
    every file; by default only a small index is hashed at open (a large one's sizes are checked, so
    opening costs the same at any size; `assistant ingest --verify` hashes).
    """
    files = manifest["files"]
    required = REQUIRED_FILES if manifest["counts"].get("paragraphs") else ()  # a delta that only removes
    unlisted = [name for name in required if name not in files]
    on_disk = (p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file())
    unlisted += sorted(rel for rel in on_disk if rel != MANIFEST and rel not in files and rel not in unlisted)
    if unlisted:
        raise IndexCorrupt(f"the manifest does not list {', '.join(unlisted[:3])}")
    if deep is None:
        deep = sum(int(meta.get("bytes") or 0) for meta in files.values()) <= HASH_AT_OPEN_BYTES
    for rel, meta in files.items():
        path = generation / rel
        if not path.is_file():
            raise IndexCorrupt(f"index file missing: {rel}")
        if path.stat().st_size != meta.get("bytes"):
            raise IndexCorrupt(f"index file damaged (size {path.stat().st_size}, expected {meta.get('bytes')}): {rel}")
    if deep:
        for rel, meta in files.items():
            if sha256_file(generation / rel) != meta.get("sha256"):
                raise IndexCorrupt(f"index file damaged (checksum mismatch): {rel}")
