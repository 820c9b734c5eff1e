"""What every command shares: exit codes, input errors, progress lines, paths and text input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.config import (
    BACKEND_CHOICES,
    ENV_BACKEND,
    ENV_CORPUS,
    ENV_EMBEDDER,
    ENV_INDEX,
    ENV_MILVUS_URI,
    Settings,
)
from assistant.environment import cause, check_index_folder
from assistant.ingest.caps import CAPS, TooLarge, read_capped

EXIT_ENV = 1
EXIT_INPUT = 2


class InputError(Exception):
    """Bad user input: reported in one line with exit code 2."""


def progress(message: str) -> None:
    print(f"[assistant] {message}", file=sys.stderr, flush=True)


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help=f"corpus folder (default ./corpus, env {ENV_CORPUS})")
    parser.add_argument("--index", type=Path, help=f"index folder (default ./index, env {ENV_INDEX})")
    parser.add_argument(
        "--embedder", help=f"embedder name or local sentence-transformers folder (env {ENV_EMBEDDER})"
    )
    parser.add_argument("--backend", choices=BACKEND_CHOICES,
                        help=f"where searches run: faiss (default) or milvus (env {ENV_BACKEND})")
    parser.add_argument("--milvus-uri", help="Milvus Lite file or server URI, e.g. http://host:19530 "
                        f"(default <index>/milvus.db; env {ENV_MILVUS_URI})")


def settings_from(args: argparse.Namespace, **extra: object) -> Settings:
    """The settings of a command; an --index that is a file fails here, before any model is loaded."""
    settings = Settings.from_env(corpus_dir=args.corpus, index_dir=args.index, embedder=args.embedder,
                                 backend=getattr(args, "backend", None), milvus_uri=getattr(args, "milvus_uri", None),
                                 **extra)
    check_index_folder(settings.index_dir)
    return settings


def decode_text(raw: bytes, where: str, what: str) -> str:
    """UTF-8 text from user-supplied bytes; binary or undecodable input is an InputError."""
    if b"\x00" in raw:
        raise InputError(f"{where} is binary, not {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where} is not UTF-8 text") from exc


def read_file(path: Path, what: str, limit: int = CAPS.file_bytes) -> str:
    """A --file, read with a bound: at most `limit` + 1 bytes, so /dev/zero or a huge file ends at once."""
    try:
        raw = read_capped(Path(path), limit)
    except TooLarge as exc:
        raise InputError(f"--file {path} is too large (over {limit:,} bytes)") from exc
    except OSError as exc:
        raise InputError(f"cannot read --file {path}: {cause(exc)}") from exc
    return decode_text(raw, f"--file {path}", what)


def read_stdin(what: str, limit: int = CAPS.file_bytes) -> str:
    raw = sys.stdin.buffer.read(limit + 1)
    if len(raw) > limit:
        raise InputError(f"standard input is too large (over {limit:,} bytes)")
    return decode_text(raw, "standard input", what)
