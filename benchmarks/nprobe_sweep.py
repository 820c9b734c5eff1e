"""Recall@10 against exact search, and the dense search's own latency, at several IVF probe shares.

Usage (an index built by `benchmarks/scale.py`, e.g. kept with `benchmarks/cold_real.py`'s folder):
    nice -n 10 python benchmarks/nprobe_sweep.py INDEX_DIR [--shares 0.2,0.4,0.6] [--rerank 256]

The eval questions are embedded with `synthetic-512` (the benchmark's synthetic vectors); the exact
top 10 is a blocked scan of every paragraph-level unit (float16, read from the file). Recall is given
by row id and by the ann-benchmarks definition (benchmarks/recall.py). The share the code uses is
`dense.NPROBE_SHARE` and the candidates re-scored exactly `dense.RERANK_DEPTH`; this shows what
changing them would cost or gain.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import faiss
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.index import dense as dense_module  # noqa: E402
from assistant.index.dense import DenseIndex  # noqa: E402
from assistant.index.embed import load_embedder  # noqa: E402
from assistant.index.store import current_generation  # noqa: E402
from benchmarks.recall import exact_top, recall_at_k  # noqa: E402


def _timed(dense: DenseIndex, query: np.ndarray, times: list[float]) -> np.ndarray:
    started = time.perf_counter()
    rows = dense.search(query, 10)[1]
    times.append((time.perf_counter() - started) * 1000)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--shares", default="0.2,0.4,0.6")
    parser.add_argument("--rerank", default=str(dense_module.RERANK_DEPTH), help="re-scoring depths, comma-separated")
    args = parser.parse_args()
    generation = current_generation(args.index)
    dense = DenseIndex.load(generation)
    coarse = np.load(generation / "coarse.npy")
    questions = [json.loads(line)["question"] for line in (ROOT / "evals" / "questions.jsonl").open(encoding="utf-8")
                 if line.strip()]
    queries = load_embedder("synthetic-512").embed(questions)
    truth = exact_top(dense.vectors, coarse, queries)
    ivf = faiss.extract_index_ivf(dense._index)
    for depth in (int(d) for d in args.rerank.split(",")):
        dense_module.RERANK_DEPTH = depth  # read by DenseIndex.search at each call
        for share in (float(s) for s in args.shares.split(",")):
            ivf.nprobe = max(1, round(share * ivf.nlist))
            times: list[float] = []
            found = recall_at_k(dense.vectors, truth, queries, lambda q, times=times: _timed(dense, q, times))
            times.sort()
            print(json.dumps({"share": share, "nprobe": ivf.nprobe, "nlist": ivf.nlist, "rerank": depth,
                              "codes": ivf.ntotal, "recall_at_10_by_id": round(found["by_id"], 4),
                              "recall_at_10_ann_benchmarks": round(found["ann_benchmarks"], 4),
                              "dense_p50_ms": round(times[len(times) // 2], 1),
                              "dense_p95_ms": round(times[int(len(times) * 0.95) - 1], 1)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
