"""PDF text extraction in a child process: the only module that imports pypdf.

A PDF is untrusted input: a damaged file can make pypdf raise anything, loop or
inflate a compression bomb into gigabytes. So the parent never parses a PDF
itself; it checks the file size, runs this module in a fresh interpreter with
a time limit (and, where the platform allows, a memory limit), and gets the
pages back as JSON or one failure reason. pypdf is imported only in the child.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Control characters that some PDFs (or pypdf's decoding of their fonts) put between glyphs.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class PdfError(Exception):
    """A PDF that cannot be read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class PdfLimits:
    """Caps for one PDF: time, size, pages, extracted characters, memory of the child."""

    timeout_s: float = 20.0
    max_bytes: int = 50_000_000
    max_pages: int = 500
    max_chars: int = 2_000_000
    memory_mb: int = 1024


def _worker_command(path: Path, limits: PdfLimits) -> list[str]:
    code = f"import sys; sys.path.insert(0, {_PACKAGE_ROOT!r}); import assistant.ingest.pdf as m; m.child_main()"
    return [sys.executable, "-c", code, str(path), str(limits.max_pages), str(limits.max_chars), str(limits.memory_mb)]


def extract_pages(path: Path, limits: PdfLimits | None = None) -> list[str]:
    """The text of each page, in order ("" for a page without a text layer); raises PdfError."""
    limits = limits or PdfLimits()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PdfError(f"cannot read it: {exc.strerror or exc}") from exc
    if size == 0:
        raise PdfError("empty file (0 bytes)")
    if size > limits.max_bytes:
        raise PdfError(f"too large ({size:,} bytes, the limit is {limits.max_bytes:,})")
    try:
        proc = subprocess.run(_worker_command(path, limits), capture_output=True, timeout=limits.timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PdfError(f"timed out after {limits.timeout_s:g} s (damaged or hostile PDF?)") from exc
    try:
        result = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        result = None
    if not isinstance(result, dict):
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        if "MemoryError" in tail[0] or proc.returncode in (-9, 137):
            raise PdfError(f"the PDF reader ran out of memory (limit {limits.memory_mb} MB)")
        raise PdfError(f"the PDF reader failed: {tail[0][:200]}")
    if "error" in result:
        raise PdfError(str(result["error"]))
    return [str(page) for page in result["pages"]]


def pages_to_text(pages: list[str]) -> str:
    """Pages as one text for the parser: page breaks and sentence-final line ends become paragraph breaks.

    A PDF's text layer has no blank lines between paragraphs; a line ending a sentence is the best
    sign of a paragraph end (the parser still rejoins a paragraph cut by a page break).
    """
    out = []
    for page in pages:
        lines = []
        for line in _CONTROLS.sub("", page).splitlines():
            lines.append(line)
            if line.rstrip().endswith(("。", "!", "?", "!", "?", ";", ".", "”")):
                lines.append("")
        out.append("\n".join(lines))
    return "\n\n".join(out)


# --- the child ------------------------------------------------------------------------------------------


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX: the time limit still applies
        return
    cap = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _read(path: str, max_pages: int, max_chars: int) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
    except PdfReadError as exc:
        return {"error": f"not a readable PDF: {' '.join(str(exc).split())[:200]}"}
    if reader.is_encrypted:
        try:  # an empty user password opens many "encrypted" PDFs
            opened = reader.decrypt("")
        except Exception:
            opened = 0
        if not opened:
            return {"error": "encrypted PDF (needs a password)"}
    count = len(reader.pages)
    if count > max_pages:
        return {"error": f"too many pages ({count}, the limit is {max_pages})"}
    pages, total = [], 0
    for page in reader.pages:
        text = page.extract_text() or ""
        total += len(text)
        if total > max_chars:
            return {"error": f"too much text (over {max_chars:,} characters)"}
        pages.append(text)
    return {"pages": pages}


def child_main() -> None:
    """Entry point of the child process: argv = path, max pages, max chars, memory MB; JSON on stdout."""
    path, max_pages, max_chars, memory_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    _limit_memory(memory_mb)
    try:
        result = _read(path, max_pages, max_chars)
    except MemoryError:
        result = {"error": f"the PDF reader ran out of memory (limit {memory_mb} MB)"}
    except RecursionError:
        result = {"error": "not a readable PDF: its structure nests too deeply"}
    except Exception as exc:  # pypdf raises many types for a damaged PDF
        if type(exc).__name__ == "LimitReachedError":  # pypdf's own cap on inflated streams
            result = {"error": "a stream inflates to too much data (compression bomb?)"}
        else:
            result = {"error": f"not a readable PDF: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
