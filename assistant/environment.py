"""The machine under the corpus and the index: folders that are missing, unreadable, read-only or full.

Each failure becomes one line that names the path and the cause (exit code 1 in the CLI). The checks run
before any slow work: an index folder that cannot be written is reported before a single paragraph is
embedded, and a failed write leaves the previous index generation live (see store.write_generation).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

_CAUSES = {
    errno.ENOENT: "not found",
    errno.ENOTDIR: "not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "disk quota exceeded",
    errno.EIO: "input/output error",
}


class EnvironmentFailure(Exception):
    """The corpus or index folder cannot be used as the machine stands; the message is one line."""


def cause(exc: OSError) -> str:
    """A short, lower-case cause for an OSError: "permission denied", "no space left on the disk", …"""
    known = _CAUSES.get(exc.errno or 0)
    return known or (exc.strerror or str(exc) or type(exc).__name__).lower()


def write_cause(exc: OSError, folder: Path) -> str:
    """Why writing into `folder` failed; a short write without an errno (numpy's) on a full disk says so."""
    if exc.errno is None:
        try:
            stats = os.statvfs(folder)
            if stats.f_bavail * stats.f_frsize < 1 << 20:
                return _CAUSES[errno.ENOSPC]
        except OSError:
            pass
    return cause(exc)


def describe(exc: OSError, action: str = "") -> str:
    """One line for an OSError: what was being done, the path, the cause."""
    path = exc.filename if exc.filename is not None else ""
    where = f" {path}" if path else ""
    return f"{action + ':' if action else ''}{where}: {cause(exc)}".lstrip(": ").strip()


def check_corpus_folder(folder: Path) -> None:
    """The corpus folder must exist, be a folder and be listable."""
    try:
        if not folder.exists():
            raise EnvironmentFailure(f"corpus folder not found: {folder}")
        if not folder.is_dir():
            raise EnvironmentFailure(f"corpus path is not a folder: {folder}")
        os.listdir(folder)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot read the corpus folder {folder}: {cause(exc)}") from exc


def check_index_folder(folder: Path) -> None:
    """The index path must be a readable folder (or not exist yet): a file there fails at once, not after
    the corpus has been embedded."""
    try:
        if folder.exists() and not folder.is_dir():
            raise EnvironmentFailure(f"index path is not a folder: {folder}")
        if folder.is_dir():
            os.listdir(folder)
    except OSError as exc:
        raise EnvironmentFailure(f"cannot read the index folder {folder}: {cause(exc)}") from exc


def check_writable(folder: Path) -> None:
    """Create the folder if needed and write a probe file in it; raises EnvironmentFailure with the cause."""
    probe = folder / f".write-probe-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with probe.open("wb") as handle:
            handle.write(b"probe")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise EnvironmentFailure(f"cannot write the index in {folder}: {cause(exc)}") from exc
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
