"""Libraries of 10k, 100k (and 1M) paragraphs: ingest, add one document, cold and warm answers, memory, disk.

Usage (from the repository root; heavy, so niced):
    nice -n 10 python benchmarks/scale.py --sizes 10000,100000 [--no-baseline] [--no-write]

Each library is the real report plus synthetic documents whose paragraphs are recombined sentences of
the report (so jieba and BM25 see real Chinese). Vectors are SYNTHETIC: `synthetic-512` (signed character
bigram hashing, 512 dimensions like USE) stands in for the model, because USE embeds ~190 units/s here
(500k units would take 45 minutes per size); real USE throughput is measured separately. Every
measurement runs in a fresh process. The LangChain baseline (RecursiveCharacterTextSplitter +
langchain-community FAISS, same embedder) runs beside it; langchain-community is a benchmark-only
dependency. Writes a section of BENCHMARKS.md and benchmarks/scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's package, whatever is installed
QUESTIONS = ROOT / "evals" / "questions.jsonl"
PARAGRAPHS_PER_DOC = 50
LC_LIMIT_GB = 16  # the baseline runs under `prlimit --as`: at 1M it may not fit
ROWS = ROOT / "benchmarks" / "scale.json"  # the last measured row of each size (merged with --merge)
START, END = "<!-- scale:start -->", "<!-- scale:end -->"

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
mode, corpus, index = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
out = {}

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

def questions():
    return [json.loads(l)["question"] for l in open(sys.argv[4], encoding="utf-8") if l.strip()]

def percentiles(lat):
    lat = sorted(lat)
    return {"n": len(lat), "p50": lat[len(lat) // 2], "p95": lat[max(int(len(lat) * 0.95) - 1, 0)]}

if mode in ("ingest", "add", "compact", "first", "warm", "recall", "scan"):
    from assistant.config import Settings
    settings = Settings(corpus_dir=corpus, index_dir=index, embedder="synthetic-512")
if mode == "ingest":
    from assistant.pipeline import ingest
    lines = []
    report = ingest(settings, progress=lines.append)
    out["rebuilt"], out["last_progress"] = report.rebuilt, [l for l in lines if l.startswith("embedding")][-1:]
elif mode == "add":
    from assistant.pipeline import ingest
    note = corpus / "library" / "zz-added-note.md"
    note.write_text("# 新增材料\n\n东南亚数字经济增速较快,电商市场规模持续扩大。\n", encoding="utf-8")
    s = time.perf_counter(); r = ingest(settings); out["add_one"] = time.perf_counter() - s
    out["parsed"], out["reused"] = r.parsed, r.reused
elif mode == "compact":
    from assistant.pipeline import ingest
    s = time.perf_counter(); ingest(settings, compact=True); out["compact"] = time.perf_counter() - s
elif mode == "first":
    from assistant.pipeline import Assistant
    a = Assistant.open(settings)
    a.ask("数字丝绸之路合作国家有多少个?")
elif mode == "warm":
    from assistant.pipeline import Assistant
    a = Assistant.open(settings)
    qs = questions()
    a.ask(qs[0])
    lat = []
    for q in qs:
        s = time.perf_counter(); a.ask(q); lat.append((time.perf_counter() - s) * 1000)
    out.update(percentiles(lat)); out["rss_mb"] = rss_mb()
elif mode == "recall":
    import numpy as np
    from assistant.index.embed import load_embedder
    from assistant.index.load import load_index
    from benchmarks.recall import exact_top, recall_at_k
    loaded = load_index(index)
    dense = loaded.dense
    out["approximate"] = dense.approximate
    if dense.approximate:  # exact top 10 over the same paragraph-level units, in blocks (float16 rows)
        from assistant.index.store import current_generation
        coarse = np.load(current_generation(index) / "coarse.npy")  # the paragraph-level unit rows
        vq = load_embedder("synthetic-512").embed(questions())
        vectors = loaded.corpus.vectors
        found = recall_at_k(vectors, exact_top(vectors, coarse, vq), vq, lambda q: dense.search(q, 10)[1])
        out["recall_at_10"], out["recall_ann"] = found["by_id"], found["ann_benchmarks"]
elif mode == "scan":  # what opening pays to learn that the corpus folder did not change
    from assistant.index.corpus_state import corpus_state, recorded_stats
    from assistant.index.incremental import check_index
    s = time.perf_counter(); state = corpus_state(settings, recorded_stats(index))
    out["scan_s"] = time.perf_counter() - s
    s = time.perf_counter(); out["stale"] = check_index(settings, state); out["check_s"] = time.perf_counter() - s
    out["files"] = len(state.files)
elif mode == "throughput":
    from assistant.units import make_units
    from assistant.index.embed import load_embedder
    from assistant.ingest import load_corpus
    texts = [u.text for u in make_units([p for d in load_corpus(corpus) for p in d.paragraphs])][:768]
    e = load_embedder("use-multilingual-v3"); e.embed(texts[:8])
    s = time.perf_counter()
    for i in range(0, len(texts), 64):
        e.embed(texts[i : i + 64])
    out["units_per_s"] = len(texts) / (time.perf_counter() - s)
elif mode.startswith("lc_"):
    import numpy as np
    from langchain_community.vectorstores import FAISS
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from assistant.index.embed import load_embedder
    from assistant.langchain_adapters import LangChainEmbeddings
    emb = LangChainEmbeddings(load_embedder("synthetic-512"))
    if mode == "lc_ingest":
        splitter = RecursiveCharacterTextSplitter(chunk_size=300, chunk_overlap=50,
                                                  separators=["\n\n", "\n", "。", "!", "?", ";", ",", ""])
        texts = []
        for path in sorted(corpus.rglob("*")):
            if path.suffix in (".txt", ".md"):
                texts.extend(splitter.split_text(path.read_text(encoding="utf-8")))
        store = FAISS.from_texts(texts, emb)
        store.save_local(str(index))
        out["chunks"] = len(texts)
    else:
        store = FAISS.load_local(str(index), emb, allow_dangerous_deserialization=True)  # pickle: baseline only
        if mode == "lc_first":
            store.similarity_search("数字丝绸之路合作国家有多少个?", k=5)
        elif mode == "lc_add":
            s = time.perf_counter()
            store.add_texts(["东南亚数字经济增速较快,电商市场规模持续扩大。"]); store.save_local(str(index))
            out["add_one"] = time.perf_counter() - s
        else:
            qs = questions(); store.similarity_search(qs[0], k=5); lat = []
            for q in qs:
                s = time.perf_counter(); store.similarity_search(q, k=5); lat.append((time.perf_counter() - s) * 1000)
            out.update(percentiles(lat)); out["rss_mb"] = rss_mb()
out["seconds"] = time.perf_counter() - t0
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


class ChildFailed(RuntimeError):
    pass


def child(*args: str, limit_gb: int | None = None) -> dict:
    """Run one measurement in a fresh process (under `prlimit --as` when `limit_gb` is given)."""
    started = time.perf_counter()
    command = [sys.executable, "-c", CHILD, *args]
    if limit_gb is not None:
        command = ["prlimit", f"--as={limit_gb << 30}", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}, check=False)
    if result.returncode != 0:
        raise ChildFailed(f"{args[0]} failed (rc {result.returncode}): {result.stderr[-3000:]}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["wall"] = time.perf_counter() - started  # includes interpreter start: what a user waits
    return out


def report_sentences() -> list[str]:
    from assistant.ingest import load_corpus
    from assistant.units import quotable_sentences

    return [s for d in load_corpus(ROOT / "corpus") for p in d.paragraphs for s in quotable_sentences(p) if len(s) > 8]


def make_library(corpus: Path, paragraphs: int, seed: int = 0) -> None:
    """The report plus synthetic .txt documents: title, chapter, sections of 10 paragraphs of 2-4 report sentences."""
    shutil.copytree(ROOT / "corpus", corpus)
    library = corpus / "library"
    library.mkdir()
    rng = random.Random(seed)
    sentences = report_sentences()
    for doc in range(max(paragraphs - 67, 0) // (PARAGRAPHS_PER_DOC + 1)):  # + 1: the title is a paragraph too
        body = [f"合成文档{doc}", "一、合成章节"]
        for para in range(PARAGRAPHS_PER_DOC):
            if para % 10 == 0:
                body.append(f"({'一二三四五六七八九十'[para // 10 % 10]})第{para // 10 + 1}节")
            body.append(f"编号{doc}-{para}:" + "".join(rng.sample(sentences, rng.randint(2, 4))))
        (library / f"synthetic-{doc:06d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")


def disk_mb(folder: Path, pattern: str = "*") -> float:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file()) / 1e6


def measure(size: int, work: Path, baseline: bool, save=None) -> dict:
    corpus, index = work / f"corpus-{size}", work / f"index-{size}"
    make_library(corpus, size)
    row: dict = {"size": size, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                 "load_start": round(os.getloadavg()[0], 1)}
    q = str(QUESTIONS)
    ingest = child("ingest", str(corpus), str(index))
    row["ingest_s"], row["ingest_rss"] = ingest["wall"], ingest["peak_rss_mb"]
    from assistant.index.store import current_generation

    generation = current_generation(index)
    row["disk_index_mb"], row["disk_generation_mb"] = disk_mb(index), disk_mb(generation)
    row["vectors_mb"] = disk_mb(generation, "vectors.npy")
    row["paragraphs"] = json.loads((generation / "manifest.json").read_text())["counts"]["paragraphs"]
    query_side(row, corpus, index)
    add = child("add", str(corpus), str(index))
    row["add_s"], row["add_rss"] = add["add_one"], add["peak_rss_mb"]
    row["compact_s"] = child("compact", str(corpus), str(index))["compact"]
    scan = child("scan", str(corpus), str(index))
    row["scan_s"], row["check_s"], row["files"] = scan["scan_s"], scan["check_s"], scan["files"]
    if save is not None:
        save(row)  # kept even if the baseline below is stopped
    if baseline:
        (corpus / "library" / "zz-added-note.md").unlink()
        row["lc"] = baseline_row(corpus, work / f"lc-{size}", q)
    row["finished"] = time.strftime("%H:%M UTC", time.gmtime())
    row["load_end"] = round(os.getloadavg()[0], 1)
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(work / f"lc-{size}", ignore_errors=True)
    print(json.dumps(row), flush=True)
    return row


def query_side(row: dict, corpus: Path, index: Path) -> None:
    """Cold first answer (best of two), warm latency and RSS, recall@10 against exact search."""
    q = str(QUESTIONS)
    first = min((child("first", str(corpus), str(index)) for _ in range(2)), key=lambda r: r["wall"])
    row["cold_s"] = first["wall"]
    warm = child("warm", str(corpus), str(index), q)
    row.update(p50=warm["p50"], p95=warm["p95"], rss=warm["rss_mb"], peak_rss=warm["peak_rss_mb"])
    recall = child("recall", str(corpus), str(index), q)
    row["recall"], row["recall_ann"] = recall.get("recall_at_10"), recall.get("recall_ann")
    row.pop("recall_ties", None)  # an older run's "ties within 1e-6": replaced by the standard definition


def requery(row: dict, folder: Path) -> dict:
    """The query side again on a kept library (`folder`/corpus, `folder`/index), after a query-side change."""
    row = {**row, "requeried": time.strftime("%H:%M UTC", time.gmtime()), "requery_load": round(os.getloadavg()[0], 1)}
    query_side(row, folder / "corpus", folder / "index")
    scan = child("scan", str(folder / "corpus"), str(folder / "index"))
    row["scan_s"], row["check_s"], row["files"] = scan["scan_s"], scan["check_s"], scan["files"]
    row["requery_load"] = f"{row['requery_load']} → {round(os.getloadavg()[0], 1)}"
    print(json.dumps(row), flush=True)
    return row


def baseline_row(corpus: Path, lc_index: Path, q: str) -> dict:
    """The LangChain baseline under a 16 GB address-space limit; a run that does not fit is recorded as such."""
    try:
        lc = child("lc_ingest", str(corpus), str(lc_index), limit_gb=LC_LIMIT_GB)
    except ChildFailed as exc:
        text = str(exc)
        fits = not any(m in text for m in ("MemoryError", "bad_alloc", "Cannot allocate", "rc -9", "rc 137"))
        print(text[-1500:], file=sys.stderr)
        return {"failed": f"ingest failed: {text.splitlines()[0][:120]}" if fits
                else f"did not fit in {LC_LIMIT_GB} GB (ingest)"}
    row = {"ingest_s": lc["wall"], "ingest_rss": lc["peak_rss_mb"], "chunks": lc["chunks"],
           "disk_mb": disk_mb(lc_index)}
    try:
        row["cold_s"] = min(child("lc_first", str(corpus), str(lc_index), limit_gb=LC_LIMIT_GB)["wall"]
                            for _ in range(2))
        lw = child("lc_warm", str(corpus), str(lc_index), q, limit_gb=LC_LIMIT_GB)
        row.update(p50=lw["p50"], p95=lw["p95"], rss=lw["rss_mb"])
        row["add_s"] = child("lc_add", str(corpus), str(lc_index), limit_gb=LC_LIMIT_GB)["add_one"]
    except ChildFailed as exc:
        print(str(exc)[-1500:], file=sys.stderr)
        row["failed"] = f"queries did not fit in {LC_LIMIT_GB} GB"
    shutil.rmtree(lc_index, ignore_errors=True)
    return row


def fmt(value: float | None, unit: str, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f} {unit}"


def tables(rows: list[dict], throughput: float | None, started: str, busy: str) -> list[str]:
    targets = {100_000: ("≤ 30 ms", "≤ 3 s", "≤ 2 s", "≤ 1.5 GB"), 1_000_000: ("≤ 100 ms", "≤ 5 s", "—", "≤ 6 GB")}
    lines = [
        START,
        "## Scale: libraries of 10k–1M paragraphs (`benchmarks/scale.py`)",
        "",
        f"Measured {started} on {os.cpu_count()} cores, shared with other sessions ({busy}): read the times "
        "as upper bounds. Each library is the report plus synthetic documents of recombined report sentences, "
        f"{PARAGRAPHS_PER_DOC} paragraphs each. **Vectors are synthetic** (`synthetic-512`: signed character "
        "bigram hashing, 512-d like USE), so ingest times exclude the model; real USE throughput on this "
        f"machine: **{fmt(throughput, 'units/s', 0)}** (≈ 5.15 units per paragraph, so a 100k-paragraph "
        "library takes about 100000 × 5.15 / that rate to embed). Each cell is a fresh process; cold = process "
        "start to first answer (the synthetic embedder loads instantly; USE adds its model load, ≈ 1–2 s, see "
        "the table above). Warm latency: the 208 eval questions. RSS: resident set after them. Add one document: "
        "`assistant ingest` after a small note is added (it goes into the delta; the base is not rewritten); "
        "merge the delta: `assistant ingest --compact` right after. Disk: the whole index folder (one "
        "generation, its delta and the per-document cache) against the vectors file. recall@10 of the dense "
        "search against an exact scan of the paragraph-level units, the 208 questions' synthetic vectors: "
        "by row id / by the ann-benchmarks definition (a returned row counts when its angular distance is "
        "within the exact 10th's plus 10⁻³; the synthetic documents repeat the same headings, so the exact "
        "top 10 is arbitrary among identical vectors and by id counts an equal row as a miss).",
        "",
        "| paragraphs | warm p50 | warm p95 | cold first answer | add one document | merge the delta | RSS (query) "
        "| full ingest | ingest peak RSS | index on disk | vectors | disk ÷ vectors | recall@10 vs exact (id / ann) "
        "| folder scan at open |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        recall = "exact search" if r["recall"] is None else f"{r['recall']:.3f}" + (
            f" / {r['recall_ann']:.3f}" if r.get("recall_ann") is not None
            else f" ({r['recall_ties']:.3f} with ties)" if r.get("recall_ties") is not None else "")
        ratio = r["disk_index_mb"] / r["vectors_mb"] if r["vectors_mb"] else None
        lines.append(
            f"| {r['paragraphs']:,} | {fmt(r['p50'], 'ms')} | {fmt(r['p95'], 'ms')} | {fmt(r['cold_s'], 's', 2)} "
            f"| {fmt(r['add_s'], 's', 2)} | {fmt(r.get('compact_s'), 's', 1)} | {fmt(r['rss'], 'MB', 0)} "
            f"| {fmt(r['ingest_s'], 's', 0)} | {fmt(r['ingest_rss'], 'MB', 0)} | {fmt(r['disk_index_mb'], 'MB', 0)} "
            f"| {fmt(r['vectors_mb'], 'MB', 0)} | {fmt(ratio, '×', 2)} | {recall} "
            f"| {fmt(r.get('scan_s'), 's', 2)} ({r.get('files', '?')} files) |"
        )
    lines += ["", "When each row was measured (load average at its start → end): " + "; ".join(
        f"{r['paragraphs']:,}: {r.get('started', '?')}–{r.get('finished', '?')} "
        f"(load {r.get('load_start', '?')} → {r.get('load_end', '?')})"
        + (f"; its query side (cold, warm, RSS, recall, folder scan) measured again at {r['requeried']} "
           f"on the kept library (load {r['requery_load']})" if "requeried" in r else "") for r in rows) + "."]
    lines += ["", "Targets (issue 11): " + "; ".join(
        f"{n:,}: p50 {t[0]}, cold {t[1]}, add {t[2]}, RSS {t[3]}" for n, t in targets.items()), ""]
    if any("lc" in r for r in rows):
        lines += [
            "LangChain baseline, same run, same documents and embedder: RecursiveCharacterTextSplitter "
            "(300 characters, 50 overlap, Chinese punctuation) + langchain-community FAISS (exact L2, pickled "
            "docstore), `similarity_search(k=5)`: retrieval only, no answer or citation.",
            "",
            "| paragraphs | chunks | warm p50 | warm p95 | cold first search | add one text | RSS (query) "
            "| full ingest | ingest peak RSS | on disk |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            if "lc" in r and "chunks" not in r["lc"]:
                lines.append(f"| {r['paragraphs']:,} | {r['lc']['failed']} |||||||||")
            elif "lc" in r:
                c = r["lc"]
                lines.append(
                    f"| {r['paragraphs']:,} | {c['chunks']:,} | {fmt(c.get('p50'), 'ms')} | {fmt(c.get('p95'), 'ms')} "
                    f"| {fmt(c.get('cold_s'), 's', 2)} | {fmt(c.get('add_s'), 's', 2)} | {fmt(c.get('rss'), 'MB', 0)} "
                    f"| {fmt(c['ingest_s'], 's', 0)} | {fmt(c['ingest_rss'], 'MB', 0)} | {fmt(c['disk_mb'], 'MB', 0)} |"
                )
        lines.append("")
    lines += ["![latency, RSS and ingest time against library size](benchmarks/scale.png)", "", END]
    return lines


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["paragraphs"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
    for ax, key, label in zip(axes, ("p50", "rss", "ingest_s"), ("warm p50 (ms)", "RSS, query (MB)", "full ingest (s)"),
                              strict=True):
        ax.plot(sizes, [r[key] for r in rows], "o-", label="assistant (hybrid + answer)")
        lc = [(r["paragraphs"], r["lc"][key]) for r in rows if r.get("lc", {}).get(key) is not None]
        if lc:
            ax.plot(*zip(*lc, strict=True), "s--", label="LangChain FAISS (retrieval only)")
        ax.set_xscale("log")
        ax.set_xlabel("paragraphs (synthetic vectors)")
        ax.set_title(label)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def write_section(lines: list[str]) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    section = "\n".join(lines)
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="paragraph counts, comma-separated")
    parser.add_argument("--no-baseline", action="store_true", help="skip the LangChain baseline")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md and the plot alone")
    parser.add_argument("--merge", action="store_true", help="keep the saved rows of sizes not measured now")
    parser.add_argument("--no-throughput", action="store_true", help="skip measuring USE's throughput")
    parser.add_argument("--requery", default=None,
                        help="SIZE=FOLDER: the query side again on a kept library (FOLDER/corpus, FOLDER/index)")
    parser.add_argument("--scratch", default=None, help="folder for the libraries and indexes (default: /tmp)")
    args = parser.parse_args()
    args.merge = args.merge or bool(args.requery)
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    busy = f"load average {os.getloadavg()[0]:.1f} at the start"
    work = Path(tempfile.mkdtemp(prefix="scale-", dir=args.scratch))
    kept = {r["size"]: r for r in json.loads(ROWS.read_text())["rows"]} if args.merge and ROWS.is_file() else {}
    throughput = json.loads(ROWS.read_text()).get("throughput") if args.merge and ROWS.is_file() else None
    try:
        if not args.no_throughput:
            throughput = child("throughput", str(ROOT / "corpus"), str(work))["units_per_s"]
        def save(row: dict) -> None:  # after each size: a long run that fails later keeps its rows
            kept[row["size"]] = row
            if not args.no_write:
                ROWS.write_text(json.dumps({"throughput": throughput, "rows": sorted(kept.values(),
                                            key=lambda r: r["size"])}, indent=1, ensure_ascii=False))

        if args.requery:
            size, folder = args.requery.split("=", 1)
            save(requery(kept[int(size)], Path(folder)))
        for size in filter(None, args.sizes.split(",")):
            save(measure(int(size), work, not args.no_baseline, save))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = sorted(kept.values(), key=lambda r: r["size"])
    busy += f", {os.getloadavg()[0]:.1f} at the end"
    lines = tables(rows, throughput, started, busy)
    print("\n".join(lines))
    if not args.no_write:
        plot(rows, ROOT / "benchmarks" / "scale.png")
        write_section(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
