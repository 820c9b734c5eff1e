"""Fill each question's `gold` paragraph IDs from its `gold_quotes`.

Run after the parser changes in a way that changes IDs (`python evals/build_gold.py [SET.jsonl]`);
a quote must fall in exactly one paragraph (headings and punctuation ignored),
or in one footnote, whose gold paragraphs are then the paragraphs citing it;
otherwise the script fails and names the question.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.ingest import load_corpus  # noqa: E402
from assistant.text import match_key  # noqa: E402

_PUNCT = re.compile(r"[^\w%+.\-]")


def loose(text: str) -> str:
    return _PUNCT.sub("", match_key(text))


def main(path: Path = ROOT / "evals" / "questions.jsonl") -> int:
    docs = load_corpus(ROOT / "corpus")
    paragraphs = [p for d in docs for p in d.paragraphs]
    # A table also matches row-wise, as it reads in the extracted text.
    keys = [
        (p.id, loose(" ".join([p.heading_path[-1] if p.heading_path else "", p.text, *("".join(r) for r in p.rows)])))
        for p in paragraphs
    ]
    notes = [(d.doc, s.number, loose(s.text)) for d in docs for s in d.sources if s.text]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems = []
    for row in rows:
        gold: list[str] = []
        for quote in row.get("gold_quotes", []):
            found = [pid for pid, key in keys if loose(quote) in key]
            if not found:
                cited = [(doc, n) for doc, n, key in notes if loose(quote) in key]
                found = [p.id for p in paragraphs for doc, n in cited if p.doc == doc and n in p.marks]
                gold.extend(pid for pid in found if pid not in gold)
                if found:
                    continue
            if len(found) != 1:
                problems.append(f"{row['id']}: quote {quote!r} is in {len(found)} paragraphs")
            elif found[0] not in gold:
                gold.append(found[0])
        row["gold"] = gold
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"gold ids written for {len(rows)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])) if len(sys.argv) > 1 else main())
