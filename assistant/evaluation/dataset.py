"""The eval question set (JSONL) as typed values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SET = Path("evals") / "questions.jsonl"


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    category: str
    lang: str
    answerable: bool
    facts: tuple[str, ...]
    gold: tuple[str, ...]
    chapter: str = ""
    split: str = ""  # "dev" or "test" in the blind set: tune on dev, report test


def load_questions(path: Path, split: str | None = None) -> list[EvalQuestion]:
    """Read the set (only `split`'s questions when given); a malformed line is an error naming its line number."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(
                EvalQuestion(
                    id=str(row["id"]),
                    question=str(row["question"]),
                    category=str(row["category"]),
                    lang=str(row.get("lang", "zh")),
                    answerable=bool(row.get("answerable", True)),
                    facts=tuple(row.get("facts", ())),
                    gold=tuple(row.get("gold", ())),
                    chapter=str(row.get("chapter", "")),
                    split=str(row.get("split", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a valid question record ({exc})") from exc
    if split is not None:
        questions = [q for q in questions if q.split == split]
    return questions
