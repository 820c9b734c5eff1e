#!/usr/bin/env python3
"""Validate evals/questions.jsonl against the report (stdlib only). Exit 1 on any problem."""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORT = HERE.parent / "corpus" / "digital-silk-road-report.txt"
QFILE = HERE / "questions.jsonl"
MINS = {"number": 25, "entity": 20, "definition": 15, "list": 15, "multi": 10,
        "paraphrase": 15, "english": 15, "source": 12, "unanswerable": 25}
CHAPTERS = ["front", "1", "2", "3", "4", "5"]
CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2014\u201c\u201d\u300a\u300b]"
FIELDS = ("id", "question", "category", "lang", "answerable", "facts", "gold_quotes", "chapter")


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s)



raw = REPORT.read_text(encoding="utf-8")
text = re.sub(rf"(?<={CJK})[ \t]+(?={CJK})", "", raw).translate(str.maketrans("", "", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
full = flat(text)
# paragraphs = blank-line blocks; runs of short blocks (front-matter names, headings) are merged
blocks, buf = [], ""
for b in filter(None, (flat(x) for x in re.split(r"\n\s*\n", text))):
    if len(b) < 20:
        buf += b
    else:
        blocks += [buf, b] if buf else [b]
        buf = ""
blocks += [buf] if buf else []

errors, qs = [], []
for n, line in enumerate(QFILE.read_text(encoding="utf-8").splitlines(), 1):
    try:
        qs += [json.loads(line)] if line.strip() else []
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: bad JSON ({e})")
errors += [f"duplicate id {i}" for i, c in Counter(q.get("id") for q in qs).items() if c > 1]
cats, chaps = Counter(q.get("category") for q in qs), Counter()
for q in qs:
    qid, cat = q.get("id"), q.get("category")
    errors += [f"{qid}: missing field {k}" for k in FIELDS if k not in q]
    if cat not in MINS:
        errors.append(f"{qid}: bad category {cat}")
    if q.get("lang") not in ("zh", "en") or (cat == "english" and q.get("lang") != "en"):
        errors.append(f"{qid}: bad lang {q.get('lang')}")
    if (cat == "unanswerable") == bool(q.get("answerable")):
        errors.append(f"{qid}: answerable flag inconsistent with category")
    if not q.get("answerable"):
        if q.get("facts") or q.get("gold_quotes") or q.get("chapter"):
            errors.append(f"{qid}: unanswerable must have empty facts/gold_quotes/chapter")
        continue
    if q.get("chapter") not in CHAPTERS:
        errors.append(f"{qid}: bad chapter {q.get('chapter')!r}")
    chaps[q.get("chapter")] += 1
    if not 1 <= len(q.get("facts", [])) <= 3 or not 1 <= len(q.get("gold_quotes", [])) <= 3:
        errors.append(f"{qid}: need 1-3 facts and 1-3 gold_quotes")
    errors += [f"{qid}: fact not in report: {f!r}" for f in q.get("facts", []) if flat(f) not in full]
    for g in map(flat, q.get("gold_quotes", [])):
        if not 8 <= len(g) <= 30:
            errors.append(f"{qid}: gold_quote length {len(g)}: {g!r}")
        if full.count(g) != 1:
            errors.append(f"{qid}: gold_quote occurs {full.count(g)}x in report: {g!r}")
        elif sum(g in b for b in blocks) != 1:
            errors.append(f"{qid}: gold_quote not inside one paragraph: {g!r}")
errors += [f"category {c}: {cats[c]} < {m}" for c, m in MINS.items() if cats[c] < m]
errors += [f"chapter {c}: only {chaps[c]} answerable" for c in CHAPTERS if chaps[c] < 10]
n_table = sum("table" in q.get("note", "") for q in qs)
if n_table < 2:
    errors.append(f"only {n_table} questions about the chapter-4 table (need 2)")
print(f"{len(qs)} questions; categories: {dict(sorted(cats.items()))}")
print(f"answerable per chapter: {dict((c, chaps[c]) for c in CHAPTERS)}; table questions: {n_table}")
for e in errors:
    print("ERROR:", e)
print("OK" if not errors else f"{len(errors)} problem(s)")
sys.exit(1 if errors else 0)
