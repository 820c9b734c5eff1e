"""RGB's Chinese questions (a public RAG benchmark nobody here wrote) over library documents.

Usage: python benchmarks/rgb.py [PATH_TO_rgb-zh-dev.jsonl] [--mode noisy|negative|both] [--out FILE]

The data is not in this repository (its licence, CC BY-NC-SA, and the rule that external data is
measured, not copied): by default it is read from ../shared/external/rgb-zh-dev.jsonl.

Two library modes, as in ../shared/external/README.md:
- noisy: every question's positive and negative passages sit beside the report as library
  documents (one document per question, one paragraph per passage); every question is asked.
  Accuracy = share of answers carrying every gold element (an element that is a list matches
  when any alternative appears); false refusals = share refused.
- negative: the same with the negative passages only; every question should be refused.
  Rejection = share refused.
Questions are asked with --scope library (the report is beside them but not searched), so the
numbers measure answering and refusing on text nobody here tuned for.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.pipeline import Assistant  # noqa: E402
from assistant.text import match_key  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "external" / "rgb-zh-dev.jsonl"


def carries(answer: str, gold: list) -> bool:
    """RGB's rule: every element appears; an element that is a list needs one of its alternatives."""
    key = match_key(answer)
    for element in gold:
        options = element if isinstance(element, list) else [element]
        if not any(match_key(str(o)) in key for o in options):
            return False
    return True


def build_corpus(rows: list[dict], folder: Path, with_positive: bool) -> None:
    (folder / "library").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "digital-silk-road-report.txt", folder)
    shutil.copy(ROOT / "corpus" / "aliases.toml", folder)
    for row in rows:
        passages = [*(row["positive"] if with_positive else []), *row["negative"]]
        text = "\n\n".join(" ".join(p.split()) for p in passages if p.strip())
        (folder / "library" / f"rgb-{row['id']:03d}.txt").write_text(text + "\n", encoding="utf-8")


def run_mode(rows: list[dict], mode: str, work: Path | None, verifier: bool = False) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        base = (work / mode) if work else Path(tmp)
        corpus = base / "corpus"
        if not corpus.is_dir():
            build_corpus(rows, corpus, with_positive=mode == "noisy")
        started = time.perf_counter()
        assistant = Assistant.open(Settings(corpus_dir=corpus, index_dir=base / "index", answer_verifier=verifier))
        build_s = time.perf_counter() - started
        results = []
        for row in rows:
            answer = assistant.ask(row["query"], scope="library")
            results.append({"id": row["id"], "refused": answer.refused,
                            "correct": (not answer.refused) and carries(answer.text, row["answer"]),
                            "reason": answer.debug.get("reason", ""), "answer": answer.text[:200],
                            "verifier": round(answer.debug["verifier"].probability, 4)
                            if "verifier" in answer.debug else None})
    n = len(results)
    summary = {"mode": mode, "questions": n, "index_build_s": round(build_s, 1),
               "refused": sum(r["refused"] for r in results) / n}
    if mode == "noisy":
        summary["accuracy"] = sum(r["correct"] for r in results) / n
        answered = [r for r in results if not r["refused"]]
        summary["accuracy_when_answered"] = sum(r["correct"] for r in answered) / len(answered) if answered else 0.0
    return {"summary": summary, "results": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--mode", choices=["noisy", "negative", "both"], default="both")
    parser.add_argument("--out", type=Path, help="write per-question results as JSON here")
    parser.add_argument("--work", type=Path,
                        help="keep each mode's corpus and index here, to re-run without re-embedding")
    parser.add_argument("--verifier", action="store_true", help="turn the learned answer verifier on")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"RGB data not found: {args.data}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    modes = ["noisy", "negative"] if args.mode == "both" else [args.mode]
    runs = {mode: run_mode(rows, mode, args.work, args.verifier) for mode in modes}
    for run in runs.values():
        print(json.dumps(run["summary"], ensure_ascii=False))
    if args.out:
        args.out.write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
