"""Draw the graded quiz sample: `python evals/quiz/sample.py` -> evals/quiz/sample.jsonl.

Seven 10-item quizzes over the whole report (seeds 31-37) and one over §5 (seed 38), with the
default types, duplicates dropped. Earlier samples (seeds 11-17 and 21-28) were read while the
builder was being fixed; this one was drawn after the last change and graded once, item by
item, against evals/quiz/RUBRIC.md (grades in evals/quiz/graded.jsonl).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.ingest import load_corpus  # noqa: E402
from assistant.lexicon import load_name_table  # noqa: E402
from assistant.quiz import build_quiz, collect_facts  # noqa: E402


def main() -> None:
    paragraphs = [p for doc in load_corpus(ROOT / "corpus") for p in doc.paragraphs]
    pool = collect_facts(paragraphs, load_name_table(ROOT / "corpus", [p.text for p in paragraphs]))
    drawn = [(seed, None, item) for seed in range(31, 38) for item in build_quiz(pool, 10, seed=seed)]
    drawn += [(38, "§5", item) for item in build_quiz(pool, 10, seed=38, section="§5")]
    rows, seen = [], set()
    for seed, section, item in drawn:
        if item.id not in seen:
            seen.add(item.id)
            rows.append({"n": len(rows) + 1, "seed": seed, "section": section, **item.to_dict()})
    out = Path(__file__).with_name("sample.jsonl")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} items to {out}")


if __name__ == "__main__":
    main()
