"""Answer feedback from the web app ("helpful" / "wrong citation"), appended to a local JSONL file.

One line per click, never rewritten, so nothing a user said is lost; the eval harness reads the
file back as candidate questions (`assistant.evaluation.feedback`).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from assistant.types import Answer

RATINGS = {"helpful": "有用 Helpful", "wrong_citation": "引用有误 Wrong citation"}
_LOCK = threading.Lock()  # the app serves two events at once: lines must not interleave


class FeedbackError(ValueError):
    """A rating the app does not know."""


def feedback_record(answer: Answer, rating: str, now: float | None = None) -> dict[str, Any]:
    """What one click records: the question, the answer, its citations, the rating."""
    if rating not in RATINGS:
        raise FeedbackError(f"unknown rating {rating!r}; expected one of {', '.join(RATINGS)}")
    return {
        "time": round(time.time() if now is None else now, 3),
        "rating": rating,
        "question": answer.question,
        "lang": answer.lang,
        "answer": answer.text,
        "refused": answer.refused,
        "citations": [{"marker": c.marker, "id": c.paragraph.id, "locator": c.paragraph.locator}
                      for c in answer.citations],
    }


def append_feedback(path: Path, record: dict[str, Any]) -> None:
    """Append one record as a JSON line (the folder is made on first use)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _LOCK, path.open("a", encoding="utf-8") as handle:
        handle.write(line)
