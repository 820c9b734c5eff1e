"""Answer feedback: the web app appends JSONL lines, the eval harness reads them back as candidate questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.evaluation.feedback import candidate_questions, read_feedback
from assistant.types import Answer, Citation, Paragraph
from assistant.ui.feedback import FeedbackError, append_feedback, feedback_record


def _answer(question: str, pid: str) -> Answer:
    para = Paragraph(id=pid, doc="report", kind="body", heading_path=("章",), locator="§1 ¶1", text="文。")
    return Answer(question=question, text="文。[1]", refused=False, citations=(Citation(1, para),))


def test_feedback_lines_become_candidate_questions(tmp_path: Path) -> None:
    path = tmp_path / "fb" / "feedback.jsonl"
    append_feedback(path, feedback_record(_answer("增速是多少?", "p1"), "helpful", now=1.0))
    append_feedback(path, feedback_record(_answer(" 增速是多少? ", "p2"), "wrong_citation", now=2.0))
    append_feedback(path, feedback_record(_answer("平台企业是什么?", "p3"), "wrong_citation", now=3.0))
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3  # appended, never rewritten
    feedback = read_feedback(path)
    assert [f.rating for f in feedback] == ["helpful", "wrong_citation", "wrong_citation"]
    growth, platform = candidate_questions(feedback)
    assert (growth.question, growth.gold, growth.rejected, growth.helpful, growth.wrong) == (
        "增速是多少?", ("p1",), ("p2",), 1, 1)
    assert platform.gold == () and platform.rejected == ("p3",) and platform.id.startswith("fb-")


def test_bad_rating_and_bad_lines_are_errors(tmp_path: Path) -> None:
    with pytest.raises(FeedbackError, match="unknown rating"):
        feedback_record(_answer("问", "p1"), "meh")
    assert read_feedback(tmp_path / "none.jsonl") == []
    path = tmp_path / "feedback.jsonl"
    path.write_text('{"question": "问", "rating": "helpful"}\n{"oops"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"feedback.jsonl:2"):
        read_feedback(path)


def test_the_feedback_file_comes_from_the_settings(tmp_path: Path) -> None:
    assert Settings(index_dir=tmp_path / "index").feedback_file == tmp_path / "feedback" / "feedback.jsonl"
    chosen = tmp_path / "mine.jsonl"
    assert Settings.from_env({"ASSISTANT_FEEDBACK": str(chosen)}).feedback_file == chosen
