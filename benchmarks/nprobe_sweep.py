"""Recall@10 against exact search, and the dense search's own latency, at several IVF probe shares.

Usage (an index built by `benchmarks/scale.py`, e.g. kept with `--keep`):
    nice -n 10 python benchmarks/nprobe_sweep.py INDEX_DIR [--shares 0.05,0.1,0.2,0.4]

The eval questions are embedded with `synthetic-512` (the benchmark's synthetic vectors); the exact
top 10 is a blocked scan of every paragraph-level unit (float16, read from the map). The share the
code uses is `dense.NPROBE_SHARE`; this shows what lowering it would cost in recall.
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

from assistant.index.dense import DenseIndex  # noqa: E402
from assistant.index.embed import load_embedder  # noqa: E402
from assistant.index.store import current_generation  # noqa: E402


def exact_top10(vectors: np.ndarray, coarse: np.ndarray, queries: np.ndarray) -> list[tuple[set[int], float]]:
    """Per query, the exact top 10 rows and the 10th score (a row scoring that much is a hit too: ties)."""
    scores, ids = [], []
    for start in range(0, len(coarse), 65536):
        rows = coarse[start : start + 65536]
        sc = queries @ np.asarray(vectors[rows], dtype=np.float32).T
        part = np.argpartition(-sc, 10, axis=1)[:, :10]
        scores.append(np.take_along_axis(sc, part, 1))
        ids.append(rows[part])
    sc, ids = np.hstack(scores), np.hstack(ids)
    out = []
    for q in range(len(queries)):
        best = np.argsort(-sc[q])[:10]
        out.append((set(ids[q][best].tolist()), float(sc[q][best[-1]])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--shares", default="0.05,0.1,0.2,0.4")
    args = parser.parse_args()
    generation = current_generation(args.index)
    dense = DenseIndex.load(generation)
    coarse = np.load(generation / "coarse.npy")
    questions = [json.loads(line)["question"] for line in (ROOT / "evals" / "questions.jsonl").open(encoding="utf-8")
                 if line.strip()]
    queries = load_embedder("synthetic-512").embed(questions)
    exact = exact_top10(dense.vectors, coarse, queries)
    ivf = faiss.extract_index_ivf(dense._index)
    for share in (float(s) for s in args.shares.split(",")):
        ivf.nprobe = max(1, round(share * ivf.nlist))
        found, tied, near, times = 0, 0, 0, []
        for q, (truth, tenth) in zip(queries, exact, strict=True):
            started = time.perf_counter()
            _, rows = dense.search(q, 10)
            times.append((time.perf_counter() - started) * 1000)
            found += len(truth & set(rows.tolist()))
            scores = np.asarray(dense.vectors[np.sort(rows)], dtype=np.float32) @ q
            tied += min(10, int((scores >= tenth - 1e-6).sum()))  # a tie with the 10th (to rounding) is as good a hit
            near += min(10, int((scores >= tenth - 1e-4).sum()))
        times.sort()
        print(json.dumps({"share": share, "nprobe": ivf.nprobe, "nlist": ivf.nlist, "codes": ivf.ntotal,
                          "recall_at_10": found / (10 * len(queries)),
                          "recall_at_10_ties_counted": tied / (10 * len(queries)),
                          "recall_at_10_within_1e-4": near / (10 * len(queries)),
                          "dense_p50_ms": times[len(times) // 2],
                          "dense_p95_ms": times[int(len(times) * 0.95) - 1]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
