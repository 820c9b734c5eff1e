"""Peak memory of `assistant ingest PATH` for the worst single documents the caps allow; writes BENCHMARKS.md.

Usage: python benchmarks/ingest_memory.py [--quick]   (from the repository root)

Each document is added with the real CLI (`python -m assistant.cli ingest PATH`, default embedder) in a
fresh process, to a copy of the report corpus whose index is already built, so the number is what one
new document costs. Peak resident memory comes from wait4() on that process (Linux reports the larger
of the process and of any child it waited for, such as the PDF reader). The budget is 1.5 GB.
`--quick` leaves out the two slowest documents (the byte-cap paragraph and the unit-cap document).
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from assistant.ingest.caps import CAPS  # noqa: E402

REPORT = ROOT / "corpus" / "digital-silk-road-report.txt"
BUDGET_MB = 1536
START, END = "<!-- ingest-memory -->", "<!-- /ingest-memory -->"


def documents(folder: Path, quick: bool) -> list[tuple[str, Path]]:
    """(description, file) for each worst case; written here so nothing large is kept in the repository."""
    from pdfmaker import bomb_pdf

    docs = []
    path = folder / "long-paragraph.txt"  # the file: one 240,000-character paragraph
    path.write_text("数字丝绸之路" * 40_000, encoding="utf-8")
    docs.append(("one paragraph of 240,000 characters (720 KB)", path))
    path = folder / "nul.txt"
    path.write_bytes(b"\x00" * 1_000_000)
    docs.append(("1 MB of NUL bytes (refused: binary)", path))
    path = folder / "over-cap.txt"
    path.write_bytes("字".encode() * (CAPS.text_bytes // 3 + 1))
    docs.append((f"{path.stat().st_size:,} bytes, just over the byte cap (refused)", path))
    geotopo = ROOT / "tests" / "data" / "hostile" / "pypdf-GeoTopo-komprimiert.pdf"
    docs.append(("hostile PDF: 117-page book (py-pdf sample GeoTopo)", geotopo))
    docs.append(("hostile PDF: a stream that inflates to 400 MB (refused)", bomb_pdf(folder / "bomb.pdf")))
    if not quick:
        path = folder / "max-bytes-paragraph.txt"
        path.write_bytes("数".encode() * (CAPS.text_bytes // 3))
        docs.append((f"one paragraph at the byte cap ({CAPS.text_bytes // 3:,} characters, {CAPS.text_bytes:,} bytes)",
                     path))
        path = folder / "max-units.txt"
        sentence = "平台企业共建共享数字经济新生态。"
        per_paragraph = 100
        paragraphs = (CAPS.units - 10) // (per_paragraph + 1)
        path.write_text("\n\n".join(sentence * per_paragraph for _ in range(paragraphs)), encoding="utf-8")
        docs.append((f"{paragraphs * (per_paragraph + 1):,} units, just under the unit cap (short sentences)", path))
    return docs


def run(argv: list[str]) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, last output line) of one process, measured with wait4()."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    out, err = proc.stdout.read(), proc.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    text = (out + err).decode("utf-8", "replace").strip().splitlines()
    last = next((line for line in reversed(text) if line.startswith(("added", "not added", "assistant:"))), text[-1])
    return proc.returncode, seconds, usage.ru_maxrss / 1024, last


def main() -> int:
    quick = "--quick" in sys.argv
    work = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    template = work / "template"
    template.mkdir()
    shutil.copy(REPORT, template / REPORT.name)
    code, seconds, base_mb, _ = run(["ingest", "--corpus", str(template), "--index", str(work / "template-index")])
    assert code == 0
    rows = [("the report alone, cold build (baseline)", "indexed", f"{seconds:.0f} s", f"{base_mb:.0f} MB")]
    incoming = work / "incoming"
    incoming.mkdir()
    for description, path in documents(incoming, quick):
        corpus, index = work / f"c-{path.stem}", work / f"i-{path.stem}"
        shutil.copytree(template, corpus)
        shutil.copytree(work / "template-index", index)
        code, seconds, peak, last = run(["ingest", str(path), "--corpus", str(corpus), "--index", str(index)])
        outcome = "indexed" if code == 0 else "refused: " + re.sub(r"^not added \S+: ", "", last)
        rows.append((description, outcome, f"{seconds:.0f} s", f"{peak:.0f} MB"))
        print(rows[-1], flush=True)
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    worst = max(float(r[3].split()[0]) for r in rows)
    lines = [
        START,
        "",
        "## Peak memory of one document (`python benchmarks/ingest_memory.py`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores shared with other "
        "sessions (times are wall clock on a busy machine), Python "
        f"{platform.python_version()}. Each row: `assistant ingest PATH` in a fresh process (default embedder) "
        "into a copy of the report corpus whose index is already built; peak RSS from wait4(). "
        f"Caps: {CAPS.text_bytes:,} bytes per text file, {CAPS.paragraph_chars:,} characters per paragraph "
        f"window and per embedder input, {CAPS.units:,} units per document.",
        "",
        "| document | outcome | time | peak RSS |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        f"Worst peak: {worst:.0f} MB, budget {BUDGET_MB} MB ({'within' if worst <= BUDGET_MB else 'OVER'} budget)."
        + (" Quick run: the byte-cap paragraph and the unit-cap document were left out." if quick else ""),
        "",
        END,
    ]
    bench = ROOT / "BENCHMARKS.md"
    text = bench.read_text(encoding="utf-8") if bench.is_file() else "# Benchmarks\n"
    section = "\n".join(lines)
    if START in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    bench.write_text(text, encoding="utf-8")
    print(section)
    return 0 if worst <= BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
