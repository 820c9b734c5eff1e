"""Cold first answer with the real default embedder (USE) on a library kept from `benchmarks/scale.py`.

Usage (heavy, so niced):
    nice -n 5 python benchmarks/cold_real.py FOLDER [--runs 5] [--code ROOT,ROOT] [--profile OUT.prof]

FOLDER holds `corpus/` and `index/`, built with synthetic vectors (`synthetic-512`). Its manifest says
so, and the default embedder would (rightly) rebuild it: embedding 5M units with USE takes a day here.
So this makes `FOLDER/index-use`: hard links to the same files (no copy), with the manifests' embedder
name set to USE's. A cold `python -m assistant ask` against it then does what a user's does (imports,
USE loaded, corpus folder scanned, manifests checked, index opened, the question encoded by USE, BM25
and the IVF search over the 512-d vectors, the answer printed), on a library of the same size and
layout. Only what the vectors say is synthetic: the dense hits mean little, their cost is the same.

Each run is a fresh process; the time is from spawning it to its first line on standard output
(the answer), with the 1-minute load average read just before. The page cache is warm (the files
were read before), as it is for a user asking a second question. `--code` alternates runs between
checkouts (each on PYTHONPATH in turn), to compare code before and after a change under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "数字丝绸之路合作国家有多少个?"
USE_NAME = "use-multilingual-v3"  # assistant.config.DEFAULT_EMBEDDER (not imported: this runs any checkout)


def relabelled(folder: Path) -> Path:
    """FOLDER/index-use: the index's files hard-linked, each manifest naming USE as its embedder."""
    source, target = folder / "index", folder / "index-use"
    def pointers(index: Path) -> list[bytes | None]:
        return [(index / p).read_bytes() if (index / p).is_file() else None for p in ("CURRENT", "DELTA")]

    if target.is_dir() and pointers(target) == pointers(source):
        return target  # made from the live generation and delta already
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=os.link)
    for manifest in target.glob("*/manifest.json"):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        if "embedder" in data:
            data["embedder"]["name"] = USE_NAME
        manifest.unlink()  # a hard link: writing in place would change the synthetic index's manifest too
        manifest.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def command(folder: Path, index: Path, question: str, profile: str | None = None) -> list[str]:
    run = [sys.executable]
    if profile:
        run += ["-m", "cProfile", "-o", profile]
    return [*run, "-m", "assistant", "ask", "--corpus", str(folder / "corpus"), "--index", str(index), question]


def first_answer(code: Path, folder: Path, index: Path, question: str, profile: str | None = None) -> dict:
    """Spawn `assistant ask` with `code` first on the path; seconds to its first line and to its exit."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(code)}
    env.pop("ASSISTANT_EMBEDDER", None)  # the default embedder, as a user has it
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(command(folder, index, question, profile), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=code, env=env)
    first = proc.stdout.readline()
    answered = time.perf_counter() - started
    rest, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"assistant ask failed (rc {proc.returncode}): {err.decode()[-2000:]}")
    return {"code": str(code), "first_answer_s": round(answered, 3),
            "exit_s": round(time.perf_counter() - started, 3), "load": round(load, 2),
            "answer": (first + rest).decode().strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a kept scale.py library: FOLDER/corpus and FOLDER/index")
    parser.add_argument("--runs", type=int, default=5, help="runs per checkout")
    parser.add_argument("--code", default=str(ROOT), help="checkouts to alternate between, comma-separated")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--profile", default=None, help="one extra run under cProfile, saved to this file")
    args = parser.parse_args()
    index = relabelled(args.folder)
    codes = [Path(c).resolve() for c in args.code.split(",")]
    first_answer(codes[0], args.folder, index, args.question)  # warms the page cache; not counted
    rows = []
    for _ in range(args.runs):
        for code in codes:
            rows.append(first_answer(code, args.folder, index, args.question))
            print(json.dumps({**rows[-1], "answer": rows[-1]["answer"][:60]}, ensure_ascii=False), flush=True)
    for code in codes:
        times = [r["first_answer_s"] for r in rows if r["code"] == str(code)]
        loads = [r["load"] for r in rows if r["code"] == str(code)]
        print(json.dumps({"code": str(code), "runs": len(times), "median_s": statistics.median(times),
                          "min_s": min(times), "max_s": max(times), "load": f"{min(loads)}-{max(loads)}",
                          "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}), flush=True)
    answers = {r["answer"] for r in rows}
    print(f"{len(answers)} distinct answer(s) over {len(rows)} runs", flush=True)
    if args.profile:
        first_answer(codes[-1], args.folder, index, args.question, args.profile)
        import pstats

        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
