"""Answers as the CLI contract's JSON and as readable text (shared by CLI and UI)."""

from __future__ import annotations

from typing import Any

from assistant.types import Answer, Citation


def citation_to_dict(citation: Citation) -> dict[str, Any]:
    """A citation's JSON; `source_passages` only when a cited source's own document backs it."""
    para = citation.paragraph
    data: dict[str, Any] = {
        "marker": citation.marker,
        "id": para.id,
        "doc": para.doc,
        "doc_title": citation.doc_title or para.doc,
        "locator": para.locator,
        "section": para.section,
        "text": para.text,
        "sources": [{"id": s.id, "title": s.title} for s in citation.sources],
    }
    if citation.source_passages:
        data["source_passages"] = [
            {"source": p.source, "locator": p.locator, "text": p.text} for p in citation.source_passages
        ]
    return data


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The `assistant ask --json` object; other tools depend on these keys."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "refused": answer.refused,
        "citations": [citation_to_dict(c) for c in answer.citations],
        "see_also": [{"id": p.id, "locator": p.locator, "section": p.section, "text": p.text} for p in answer.see_also],
        "conflicts": [{"markers": list(c.markers), "docs": list(c.docs), "values": list(c.values)}
                      for c in answer.conflicts],
        "latency_ms": round(answer.latency_ms, 3),
    }


def doc_title(citation: Citation) -> str:
    """The cited document's title when it is not the report, else "" (the report needs no naming)."""
    return citation.doc_title if citation.doc_title and citation.role != "report" else ""


def snippet(text: str, limit: int = 60) -> str:
    """About `limit` characters of a paragraph on one line, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def source_label(citation: Citation) -> str:
    parts = []
    for source in citation.sources:
        if source.missing:
            parts.append(f"[{source.number}] (footnote text missing in the report)")
        else:
            parts.append(f"[{source.number}] {source.text or source.title}")
    return "; ".join(parts)


def answer_to_text(answer: Answer) -> str:
    """Answer, then one line per citation: marker, locator, section, id, sources."""
    lines = [answer.text]
    if answer.refused and answer.see_also:
        lines.append("See also / 相关段落:" if answer.lang == "en" else "相关段落 / See also:")
        for para in answer.see_also:  # a snippet of each, so the reader sees what it is about
            lines.append(f"  {para.locator}  {para.section}  ({para.id})")
            lines.append(f"      {snippet(para.text)}")
    for citation in answer.citations:
        para = citation.paragraph
        where = f"《{citation.doc_title}》 " if citation.role != "report" and citation.doc_title else ""
        lines.append(f"  [{citation.marker}] {where}{para.locator}  {para.section}  ({para.id})")
        if citation.sources:
            lines.append(f"      sources: {source_label(citation)}")
        for passage in citation.source_passages:
            lines.append(f"      source [{passage.number}] says ({passage.locator}): {passage.text}")
    return "\n".join(lines)
