"""The app's API endpoints (`gradio_client` and `/gradio_api`): ask, paragraph, sources, quiz and check, each the same
JSON as the CLI's `--json`; bad input is one log line and a `gr.Error` to the caller, never a traceback."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Sequence
from typing import Any

import gradio as gr

from assistant.pipeline import Assistant
from assistant.question import QuestionError
from assistant.quiz import QuizError
from assistant.render import answer_to_dict
from assistant.review.check import Checker, CheckError
from assistant.types import Paragraph, Source
from assistant.ui import handlers as h
from assistant.ui import tools as t

LOG = logging.getLogger("assistant.ui")


def named_api(fn: Callable[..., Any], api_name: str, blocks: gr.Blocks) -> None:
    """`gr.api`, with its inputs labelled by the function's parameter names (gradio says "1st", "2nd")."""
    dependency = gr.api(fn, api_name=api_name)
    names = list(inspect.signature(fn).parameters)
    for block_id, name in zip(dependency["inputs"], names, strict=False):
        blocks.blocks[block_id].label = name
    for block_id in dependency["outputs"]:
        blocks.blocks[block_id].label = "result"


def api_error(endpoint: str, message: str) -> gr.Error:
    """Bad input to an API endpoint: one line in the server log (no traceback), the message to the caller."""
    LOG.warning("/%s refused: %s", endpoint, " ".join(message.split())[:300])
    return gr.Error(message, print_exception=False)


def register_api(demo: gr.Blocks, assistant: Assistant, checker: Checker, pool: Any,
                 all_sources: Sequence[tuple[str, Source]], paragraphs: Sequence[Paragraph]) -> None:
    """Add the five named endpoints to `demo` (call inside its `with` block)."""
    corpus = assistant.corpus

    def ask_api(question: str) -> dict[str, Any]:
        """Answer one question; the same JSON object as `assistant ask --json`."""
        try:
            return answer_to_dict(assistant.ask(question))
        except QuestionError as exc:
            raise api_error("ask", f"invalid question: {exc}") from exc

    def paragraph_api(paragraph_id: str) -> dict[str, Any]:
        """One paragraph by id, with its footnote sources."""
        paragraph = assistant.paragraph(paragraph_id.strip())
        if paragraph is None:
            raise api_error("paragraph", f"unknown paragraph id: {paragraph_id[:80]}")
        return h.paragraph_to_dict(paragraph, corpus.sources_of(paragraph))

    def sources_api() -> list[dict[str, Any]]:
        """All footnote sources with the paragraphs that cite them."""
        return h.sources_to_list(all_sources, paragraphs)

    def quiz_api(section: str = "", n: int = 10, types: str = "mc,cloze,tf", seed: int = 0) -> list[dict[str, Any]]:
        """A quiz from the report's facts; the same JSON items as `assistant quiz --format json`."""
        try:
            return t.quiz_json(pool, section, n, types, seed)
        except QuizError as exc:
            raise api_error("quiz", str(exc)) from exc

    def check_api(answer: str) -> dict[str, Any]:
        """Check an answer's cited claims; the same JSON object as `assistant check --json`."""
        try:
            return t.check_json(checker, answer)
        except CheckError as exc:
            raise api_error("check", str(exc)) from exc

    for fn, name in ((ask_api, "ask"), (paragraph_api, "paragraph"), (sources_api, "sources"),
                     (quiz_api, "quiz"), (check_api, "check")):
        named_api(fn, name, demo)
