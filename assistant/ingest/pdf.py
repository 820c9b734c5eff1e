"""PDF text extraction in a child process: the only module that imports pypdf.

A PDF is untrusted input: a damaged file can make pypdf raise anything, loop or
inflate a compression bomb into gigabytes. So the parent never parses a PDF
itself; it checks the file size, runs this module in a fresh interpreter with
a CPU-time limit and a memory limit (RLIMIT_CPU, RLIMIT_AS, set in the child)
and a generous wall-clock backstop, and gets the pages back as JSON or one
failure reason. CPU time, not wall-clock time, decides: on a busy machine a
valid 350-page PDF is slow in wall-clock terms but still well inside its CPU
budget. pypdf (with `cryptography`, for AES) is imported only in the child.
"""

from __future__ import annotations

import json
import re
import signal
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
    """Caps for one PDF: CPU time, a wall-clock backstop, size, pages, extracted characters, memory of the child."""

    timeout_s: float = 300.0  # wall clock: only a backstop for a child that sleeps or waits
    cpu_s: int = 60  # CPU seconds of the child (a 350-page report takes about 10)
    max_bytes: int = 50_000_000
    max_pages: int = 500
    max_chars: int = 2_000_000
    memory_mb: int = 1024


def _worker_command(path: Path, limits: PdfLimits) -> list[str]:
    code = f"import sys; sys.path.insert(0, {_PACKAGE_ROOT!r}); import assistant.ingest.pdf as m; m.child_main()"
    return [sys.executable, "-c", code, str(path), str(limits.max_pages), str(limits.max_chars), str(limits.memory_mb),
            str(limits.cpu_s)]


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
        with path.open("rb"):  # the child would fail on it too, with a less clear message
            pass
    except OSError as exc:
        raise PdfError(f"cannot read it: {(exc.strerror or str(exc)).lower()}") from exc
    try:
        proc = subprocess.run(_worker_command(path, limits), capture_output=True, timeout=limits.timeout_s, check=False)
    except subprocess.TimeoutExpired as exc:
        raise PdfError(f"timed out after {limits.timeout_s:g} s of wall-clock time (the reader was stuck)") from exc
    if proc.returncode == -signal.SIGXCPU and not proc.stdout:
        raise PdfError(f"too slow to read: it used up its {limits.cpu_s} s of CPU time")
    try:
        result = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        result = None
    if not isinstance(result, dict):
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        if "MemoryError" in tail[0] or proc.returncode in (-signal.SIGKILL, 137):
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


def _limit_resources(megabytes: int, cpu_s: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX: the wall-clock backstop still applies
        return
    cap = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))  # SIGXCPU at the soft limit, SIGKILL at the hard


def _limit_reason(message: str) -> str:
    """pypdf's own safety limits, named by what they guard (a deep page tree is no compression bomb)."""
    text = " ".join(message.split())[:160]
    lower = text.lower()
    if "decompress" in lower or "decoding" in lower:
        return f"a stream inflates to too much data (compression bomb): {text}"
    if "page" in lower or "depth" in lower or "cycle" in lower or "loop" in lower:
        return f"its structure is too deep or loops: {text}"
    return f"over a safety limit of the PDF reader: {text}"


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
            return {"error": "password-protected PDF (encrypted, it needs a password)"}
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
    """Entry point of the child process: argv = path, max pages, max chars, memory MB, CPU s; JSON on stdout."""
    path, max_pages, max_chars, memory_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    _limit_resources(memory_mb, int(sys.argv[5]))
    try:
        result = _read(path, max_pages, max_chars)
    except MemoryError:
        result = {"error": f"the PDF reader ran out of memory (limit {memory_mb} MB)"}
    except RecursionError:
        result = {"error": "its structure is too deep (nested objects or page tree)"}
    except Exception as exc:  # pypdf raises many types for a damaged PDF
        if type(exc).__name__ == "LimitReachedError":
            result = {"error": _limit_reason(str(exc))}
        elif type(exc).__name__ == "DependencyError":
            result = {"error": f"needs a missing package: {' '.join(str(exc).split())[:200]}"}
        else:
            result = {"error": f"not a readable PDF: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
