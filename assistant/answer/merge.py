"""Two-part questions ("…有多少个?分别是谁?"): one answer from the answers to each part."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer.documents import render
from assistant.types import Answer, AnswerSentence, Citation, Conflict

_MARKER = re.compile(r"\[(\d+)\]")


def merge_answers(question: str, parts: Sequence[Answer]) -> Answer:
    """One answer from the answers to each part: markers renumbered per cited paragraph, no sentence twice.

    Refused parts are left out; the whole is a refusal only when every part is.
    """
    answered = [a for a in parts if not a.refused]
    debug = {"evidence": max(float(a.debug.get("evidence", 0.0)) for a in parts), "parts": [a.debug for a in parts]}
    if not answered:
        first = parts[0]
        debug["reason"] = first.debug.get("reason", "")  # why the whole question was refused
        see_also = tuple(dict.fromkeys(p for a in parts for p in a.see_also))[:3]
        return Answer(question, first.text, True, see_also=see_also, lang=first.lang, debug=debug)
    markers: dict[str, int] = {}
    sentences: dict[tuple[str, str], AnswerSentence] = {}
    citations: dict[str, Citation] = {}
    notes: list[str] = []
    conflicts: list[Conflict] = []
    for part in answered:
        renumber = {}
        for citation in part.citations:
            pid = citation.paragraph.id
            new = markers.setdefault(pid, len(markers) + 1)
            renumber[citation.marker] = new
            old = citations.get(pid)
            quoted = tuple(dict.fromkeys((*(old.sentences if old else ()), *citation.sentences)))
            citations[pid] = replace(citation, marker=new, sentences=quoted)
        for s in part.sentences:
            sentences.setdefault((s.paragraph_id, s.text), AnswerSentence(s.text, renumber[s.marker], s.paragraph_id))
        for note in part.notes:
            note = _MARKER.sub(lambda m, r=renumber: f"[{r.get(int(m.group(1)), m.group(1))}]", note)
            if note not in notes:
                notes.append(note)
        conflicts.extend(replace(c, markers=tuple(renumber.get(m, m) for m in c.markers)) for c in part.conflicts)
    ordered = sorted(citations.values(), key=lambda c: c.marker)
    quoted = list(sentences.values())
    text = "\n".join([render(quoted, ordered, answered[0].lang, True), *notes])
    return Answer(question, text, False, tuple(quoted), tuple(ordered), lang=answered[0].lang, debug=debug,
                  conflicts=tuple(conflicts), notes=tuple(notes))
