"""Draw the graded quiz sample: `python evals/quiz/sample.py` -> evals/quiz/sample.jsonl.

Seven 10-item quizzes over the whole report (seeds 41-47) and one over §5 (seed 48), with the
default types, duplicates dropped. Samples from seeds 11-17 and 21-28 were read while the
builder was being fixed; round 1 (seeds 31-38, evals/quiz/round1-*.jsonl) was graded at commit
03f4d48; its five failures were fixed, and this sample (round 2) was drawn after that change and
graded once, item by item, against evals/quiz/RUBRIC.md (grades in evals/quiz/graded.jsonl).
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
    drawn = [(seed, None, item) for seed in range(41, 48) for item in build_quiz(pool, 10, seed=seed)]
    drawn += [(48, "§5", item) for item in build_quiz(pool, 10, seed=48, section="§5")]
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
