"""Measure ingest, start-up, query latency and memory on the real report; write BENCHMARKS.md.

Usage: python benchmarks/run.py   (from the repository root; takes about a minute)
Each timing that involves a cold process runs a fresh Python subprocess.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "evals" / "questions.jsonl"
# Sections written by benchmarks/ingest_memory.py and benchmarks/scale.py: kept as they are.
KEPT_SECTIONS = ("<!-- ingest-memory -->", "<!-- scale:start -->")

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
from assistant.config import Settings
mode, corpus, index = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
settings = Settings(corpus_dir=corpus, index_dir=index)
out = {}
if mode == "ingest":
    from assistant.pipeline import ingest
    report = ingest(settings, force=sys.argv[4] == "force")
    out["rebuilt"] = report.rebuilt
elif mode == "incremental":
    from assistant.index.embed import load_embedder
    from assistant.pipeline import ingest
    embedder = load_embedder(settings.embedder)
    s = time.perf_counter(); ingest(settings, force=True, embedder=embedder); out["full"] = time.perf_counter() - s
    (corpus / "sources").mkdir(exist_ok=True)
    (corpus / "sources" / "extra-note.txt").write_text("# 补充材料\n\n东南亚数字经济增速较快,电商市场规模持续扩大。\n",
                                                      encoding="utf-8")
    s = time.perf_counter(); r = ingest(settings, embedder=embedder); out["add_one"] = time.perf_counter() - s
    out["parsed"], out["reused"] = r.parsed, r.reused
    (corpus / "sources" / "extra-note.txt").unlink()
elif mode == "first":
    from assistant.pipeline import Assistant
    a = Assistant.open(settings)
    a.ask("数字丝绸之路合作国家有多少个?")
elif mode == "warm":
    from assistant.pipeline import Assistant
    a = Assistant.open(settings)
    qs = [json.loads(l)["question"] for l in open(sys.argv[4], encoding="utf-8") if l.strip()]
    a.ask(qs[0])
    lat = []
    for q in qs:
        s = time.perf_counter(); a.ask(q); lat.append((time.perf_counter() - s) * 1000)
    lat.sort()
    out["n"] = len(lat)
    out["p50"] = lat[len(lat) // 2]
    out["p95"] = lat[int(len(lat) * 0.95) - 1]
out["seconds"] = time.perf_counter() - t0
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def child(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, check=True,
                            cwd=ROOT, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    corpus, index = work / "corpus", work / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    cold = child("ingest", str(corpus), str(index), "force")
    unchanged = min((child("ingest", str(corpus), str(index), "no") for _ in range(3)), key=lambda r: r["seconds"])
    first = min((child("first", str(corpus), str(index)) for _ in range(3)), key=lambda r: r["seconds"])
    warm = child("warm", str(corpus), str(index), str(QUESTIONS))
    incremental = child("incremental", str(corpus), str(index))
    shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("cold ingest (parse + embed + write), new process", f"{cold['seconds']:.2f} s", "—"),
        ("re-ingest of an unchanged corpus, new process (best of 3)", f"{unchanged['seconds']:.2f} s", "<= 1 s"),
        ("process start to first answer, index built (best of 3)", f"{first['seconds']:.2f} s", "<= 3 s"),
        (f"warm query latency p50 over {warm['n']} questions", f"{warm['p50']:.1f} ms", "<= 30 ms"),
        (f"warm query latency p95 over {warm['n']} questions", f"{warm['p95']:.1f} ms", "—"),
        ("peak memory (RSS), cold ingest process", f"{cold['peak_rss_mb']:.0f} MB", "—"),
        ("peak memory (RSS), query process", f"{warm['peak_rss_mb']:.0f} MB", "—"),
        ("full rebuild, model already loaded", f"{incremental['full']:.2f} s", "—"),
        (f"add one source file, model loaded ({incremental['parsed']} parsed, {incremental['reused']} reused)",
         f"{incremental['add_one']:.2f} s", "—"),
    ]
    lines = [
        "# Benchmarks",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} with `python benchmarks/run.py` on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}.",
        "Corpus: the report only (corpus/). Embedder: USE multilingual v3 (numpy). "
        "Questions: evals/questions.jsonl. Each row is a fresh Python process; targets are the issue's.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
    ]
    path = ROOT / "BENCHMARKS.md"
    previous = path.read_text(encoding="utf-8") if path.is_file() else ""
    found = [previous.index(marker) for marker in KEPT_SECTIONS if marker in previous]
    kept = previous[min(found):] if found else ""  # ingest_memory.py's and scale.py's sections
    path.write_text("\n".join(lines) + ("\n" + kept if kept else ""), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
