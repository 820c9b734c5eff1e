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
    return Settings.from_env(corpus_dir=args.corpus, index_dir=args.index, embedder=args.embedder,
                             backend=getattr(args, "backend", None), milvus_uri=getattr(args, "milvus_uri", None),
                             **extra)


def decode_text(raw: bytes, where: str, what: str) -> str:
    """UTF-8 text from user-supplied bytes; binary or undecodable input is an InputError."""
    if b"\x00" in raw:
        raise InputError(f"{where} is binary, not {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where} is not UTF-8 text") from exc


def read_file(path: Path, what: str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read --file {path}: {exc.strerror or exc}") from exc
    return decode_text(raw, f"--file {path}", what)
