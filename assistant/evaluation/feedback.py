"""The web app's answer feedback (JSONL) read back as candidate eval questions.

A "helpful" answer's cited paragraphs are candidate gold paragraphs; a "wrong citation" marks the
question as one the set should cover, with the rejected paragraphs noted. A person reviews the
candidates before any joins `evals/questions.jsonl`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Feedback:
    question: str
    rating: str  # "helpful" | "wrong_citation"
    lang: str
    refused: bool
    cited: tuple[str, ...]  # paragraph ids of the rated answer's citations
    time: float = 0.0


@dataclass(frozen=True)
class Candidate:
    """A question users asked, with what their feedback says about its gold paragraphs."""

    id: str
    question: str
    lang: str
    gold: tuple[str, ...]  # cited by an answer rated helpful
    rejected: tuple[str, ...]  # cited by an answer rated "wrong citation"
    helpful: int
    wrong: int


def read_feedback(path: Path) -> list[Feedback]:
    """Every record; a malformed line is an error naming its line number. A missing file is no feedback."""
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(Feedback(question=str(row["question"]), rating=str(row["rating"]),
                                lang=str(row.get("lang", "zh")), refused=bool(row.get("refused", False)),
                                cited=tuple(str(c["id"]) for c in row.get("citations", ())),
                                time=float(row.get("time", 0.0))))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a valid feedback record ({exc})") from exc
    return out


def candidate_questions(feedback: list[Feedback]) -> list[Candidate]:
    """One candidate per distinct question (whitespace-trimmed), in first-asked order."""
    grouped: dict[str, list[Feedback]] = {}
    for item in feedback:
        grouped.setdefault(item.question.strip(), []).append(item)
    out = []
    for question, items in grouped.items():
        gold = dict.fromkeys(c for i in items if i.rating == "helpful" for c in i.cited)
        rejected = dict.fromkeys(c for i in items if i.rating == "wrong_citation" for c in i.cited if c not in gold)
        out.append(Candidate(id="fb-" + hashlib.sha1(question.encode("utf-8")).hexdigest()[:8], question=question,
                             lang=items[0].lang, gold=tuple(gold), rejected=tuple(rejected),
                             helpful=sum(i.rating == "helpful" for i in items),
                             wrong=sum(i.rating == "wrong_citation" for i in items)))
    return out
