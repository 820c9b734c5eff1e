"""Draw the graded quiz sample: `python evals/quiz/sample.py` -> evals/quiz/sample.jsonl.

Round 3 (final): seven 10-item quizzes over the whole report (seeds 51-57) and one each over
§5, §2 and §3 (seeds 58-60), default types, duplicates dropped, drawn after the last change to
the builder and graded once, item by item, against evals/quiz/RUBRIC.md (evals/quiz/graded.jsonl).
Earlier rounds, each followed by fixes: round 1 (seeds 31-38) and round 2 (seeds 41-48) in
evals/quiz/round*-*.jsonl; samples from seeds 11-17 and 21-28 were read while developing.
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
    drawn = [(seed, None, item) for seed in range(51, 58) for item in build_quiz(pool, 10, seed=seed)]
    for seed, section in ((58, "§5"), (59, "§2"), (60, "§3")):
        drawn += [(seed, section, item) for item in build_quiz(pool, 10, seed=seed, section=section)]
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
