"""Conversations kept in the browser: answers as JSON records, the store of past conversations, Markdown export.

The web app keeps one store per browser (gradio's BrowserState, i.e. localStorage), so a reload
restores the chat. An answer is stored whole (its quotes, cited paragraphs and sources), so the
citation panel works on a restored chat without asking again. Pure functions on plain dicts:
what the browser gives back is untrusted, so every reader tolerates missing or malformed parts.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any

from assistant.index.records import paragraph_from_dict
from assistant.render import doc_title, snippet
from assistant.types import Answer, AnswerSentence, Citation, Conflict, Source, SourcePassage

MAX_CONVERSATIONS = 30  # oldest dropped first
MAX_ANSWERS = 100  # per conversation
# The store as UTF-8 JSON; encrypted and base64-encoded it takes ~1.4 times this in localStorage, which holds
# about 5 MB per site. An answer record is ~5 KB (median 4.7 KB, largest 19 KB over the 208 eval questions),
# so this keeps ~300 answers; the oldest conversations go first.
MAX_STORE_BYTES = 1_500_000
TITLE_CHARS = 40


def _pick(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The plain values of `data` that `cls` takes. A record written by another version may carry other
    keys, or nested values this reader does not know how to rebuild: those keep the class's defaults."""
    names = {f.name for f in fields(cls) if f.init}
    return {k: v for k, v in data.items() if k in names and isinstance(v, str | int | float | bool | None)}


def answer_record(answer: Answer) -> dict[str, Any]:
    """An answer as a JSON-safe dict (without its debug scores)."""
    record = asdict(answer)
    record.pop("debug", None)
    return record


def answer_from_record(record: dict[str, Any]) -> Answer:
    """The Answer a record was made from; raises ValueError (or KeyError/TypeError) on a malformed one."""

    def citation(data: dict[str, Any]) -> Citation:
        extra = _pick(Citation, data)
        extra.update(
            paragraph=paragraph_from_dict(data["paragraph"]),
            sources=tuple(Source(**_pick(Source, s)) for s in data.get("sources", ())),
            sentences=tuple(str(s) for s in data.get("sentences", ())),
            source_passages=tuple(SourcePassage(**_pick(SourcePassage, p)) for p in data.get("source_passages", ())),
        )
        return Citation(**extra)

    values = _pick(Answer, record)
    values.pop("debug", None)
    values.update(
        question=str(record["question"]),
        text=str(record["text"]),
        refused=bool(record["refused"]),
        sentences=tuple(AnswerSentence(**_pick(AnswerSentence, s)) for s in record.get("sentences", ())),
        citations=tuple(citation(c) for c in record.get("citations", ())),
        see_also=tuple(paragraph_from_dict(p) for p in record.get("see_also", ())),
        conflicts=tuple(Conflict(**{k: tuple(str(v) if k != "markers" else int(v) for v in c.get(k, ()))
                                    for k in ("markers", "docs", "values")}) for c in record.get("conflicts", ())),
        notes=tuple(str(n) for n in record.get("notes", ())),
    )
    return Answer(**values)


def new_conversation(now: float | None = None) -> dict[str, Any]:
    return {"id": uuid.uuid4().hex[:12], "created": time.time() if now is None else now, "answers": []}


def empty_store() -> dict[str, Any]:
    conversation = {**new_conversation(0.0), "id": "first"}  # the same default for every new browser
    return {"version": 1, "current": conversation["id"], "conversations": [conversation]}


def normalize(store: object) -> dict[str, Any]:
    """A well-formed store from whatever the browser sent (None, an old or damaged value: a fresh store)."""
    if not isinstance(store, dict) or not isinstance(store.get("conversations"), list):
        return empty_store()
    conversations = [c for c in store["conversations"]
                     if isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("answers"), list)]
    if not conversations:
        return empty_store()
    current = store.get("current")
    if current not in {c["id"] for c in conversations}:
        current = conversations[-1]["id"]
    return {"version": 1, "current": current, "conversations": conversations}


def current_conversation(store: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in store["conversations"] if c["id"] == store["current"])


def answers_of(conversation: dict[str, Any]) -> list[Answer]:
    """The conversation's answers; a record that no longer reads is skipped, not fatal."""
    out = []
    for record in conversation.get("answers", ()):
        try:
            out.append(answer_from_record(record))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return out


def with_answer(store: dict[str, Any], answer: Answer, max_bytes: int = MAX_STORE_BYTES) -> dict[str, Any]:
    """The store with `answer` appended to the current conversation, then trimmed to `max_bytes`: the oldest
    other conversations go first, then the current one's oldest answers (its newest answer always stays)."""
    store = normalize(store)
    conversations = []
    for conversation in store["conversations"]:
        if conversation["id"] == store["current"]:
            conversation = {**conversation, "answers": [*conversation["answers"], answer_record(answer)][-MAX_ANSWERS:]}
        conversations.append(conversation)
    while store_bytes(conversations) > max_bytes:
        others = [c for c in conversations if c["id"] != store["current"]]
        if others:
            conversations.remove(others[0])
            continue
        current = conversations[0]
        if len(current["answers"]) <= 1:
            break
        conversations = [{**current, "answers": current["answers"][1:]}]
    return {**store, "conversations": conversations}


def store_bytes(conversations: list[dict[str, Any]]) -> int:
    """The size of the conversations as UTF-8 JSON, as the browser will keep them."""
    return len(json.dumps(conversations, ensure_ascii=False).encode("utf-8"))


def with_new_conversation(store: dict[str, Any], now: float | None = None) -> dict[str, Any]:
    """The store with a new, empty, current conversation; an empty current one is reused, not duplicated."""
    store = normalize(store)
    if not current_conversation(store)["answers"]:
        return store
    kept = [c for c in store["conversations"] if c["answers"]]
    conversation = new_conversation(now)
    return {**store, "current": conversation["id"],
            "conversations": [*kept, conversation][-MAX_CONVERSATIONS:]}


def with_current(store: dict[str, Any], conversation_id: str) -> dict[str, Any]:
    """The store switched to another conversation (unknown ids leave it as it is)."""
    store = normalize(store)
    if conversation_id in {c["id"] for c in store["conversations"]}:
        return {**store, "current": conversation_id}
    return store


def title_of(conversation: dict[str, Any]) -> str:
    answers = conversation.get("answers") or []
    if not answers:
        return "新对话 New conversation"
    first = str(answers[0].get("question", "")).strip().replace("\n", " ")
    return first[:TITLE_CHARS] + ("…" if len(first) > TITLE_CHARS else "")


def conversation_choices(store: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, id) for the list of conversations, newest first: its first question and its length."""
    choices = []
    for conversation in reversed(store["conversations"]):
        count = len(conversation.get("answers") or [])
        label = title_of(conversation) + (f" ({count})" if count else "")
        choices.append((label, conversation["id"]))
    return choices


def _citation_label(citation: Citation) -> str:
    para = citation.paragraph
    return " ".join(part for part in (doc_title(citation), para.locator, para.section) if part)


def answer_markdown(answer: Answer, number: int | None = None) -> str:
    """One question and its answer with numbered citations: quoted sentences, locators, ids, sources."""
    head = f"## {number}. {answer.question}" if number is not None else f"## {answer.question}"
    lines = [head, "", answer.text, ""]
    if answer.refused and answer.see_also:
        lines.append("相关段落 See also:")
        lines.extend(f"- {p.locator} {p.section} (`{p.id}`): {snippet(p.text)}" for p in answer.see_also)
        lines.append("")
    for citation in answer.citations:
        lines.append(f"[{citation.marker}] {_citation_label(citation)} (`{citation.paragraph.id}`)")
        lines.extend(f"> {sentence}" for sentence in citation.sentences)
        lines.extend(f"  - 来源 Source [{s.number}] {s.text or s.title}" for s in citation.sources if not s.missing)
        lines.append("")
    return "\n".join(lines)


def conversation_markdown(answers: Sequence[Answer], title: str = "") -> str:
    """A whole conversation as Markdown, each answer with its citations."""
    heading = f"# {title or '数字丝路报告问答 Conversation'}"
    body = [answer_markdown(a, i) for i, a in enumerate(answers, start=1)]
    return "\n".join([heading, "", *body]).rstrip() + "\n"
