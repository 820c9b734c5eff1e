"""The report reader and the sources list of the web UI, and their JSON for the API: outline, filtered or focused
paragraphs, every footnote source with the paragraphs citing it. Pure (no gradio)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.types import Paragraph, Source
from assistant.ui.markup import esc, highlight_terms, notice_html, para_link, source_item


def outline_html(paragraphs: Sequence[Paragraph]) -> str:
    """Chapters and sections in reading order, each linking to its first paragraph."""
    seen: set[tuple[str, ...]] = set()
    items: list[str] = []
    for para in paragraphs:
        for depth in range(1, len(para.heading_path) + 1):
            path = para.heading_path[:depth]
            if path in seen:
                continue
            seen.add(path)
            items.append(f'<li class="depth-{depth}">{para_link(para.id, path[-1], css="outline-link")}</li>')
    return f'<nav class="outline"><div class="label">目录 Outline</div><ul>{"".join(items)}</ul></nav>'


def filter_paragraphs(paragraphs: Sequence[Paragraph], query: str) -> list[Paragraph]:
    """Paragraphs whose text, headings, locator or id contain every word of `query` (case-insensitive)."""
    words = query.lower().split()
    if not words:
        return list(paragraphs)

    def haystack(p: Paragraph) -> str:
        return " ".join([p.text, p.locator, p.id, *p.heading_path]).lower()

    return [p for p in paragraphs if all(w in haystack(p) for w in words)]


def focus_window(paragraphs: Sequence[Paragraph], paragraph_id: str, neighbours: int = 1) -> list[Paragraph]:
    """The paragraph's section (same heading path, same document) plus `neighbours` paragraphs either side."""
    index = next((i for i, p in enumerate(paragraphs) if p.id == paragraph_id), None)
    if index is None:
        return []
    focus = paragraphs[index]
    same = [i for i, p in enumerate(paragraphs) if p.doc == focus.doc and p.heading_path == focus.heading_path]
    first, last = min(same[0], index - neighbours), max(same[-1], index + neighbours)
    return [p for p in paragraphs[max(first, 0): last + 1] if p.doc == focus.doc]


def report_html(paragraphs: Sequence[Paragraph], query: str = "", focus: str = "") -> str:
    """The report's paragraphs with locators and headings: all, those matching `query` (terms marked),
    or, with `focus`, that paragraph highlighted within its section and its neighbours."""
    words = query.lower().split()
    shown = focus_window(paragraphs, focus) if focus else filter_paragraphs(paragraphs, query)
    if not shown:
        return notice_html(f"没有匹配的段落 No paragraph matches “{query or focus}”.", "info")
    if focus:
        head = (f'<div class="report-count">{esc(shown[0].section or "封面")} · {len(shown)} / {len(paragraphs)} 段 '
                "paragraphs · 清空筛选框显示全文 clear the filter to see all</div>")
    else:
        head = f'<div class="report-count">{len(shown)} / {len(paragraphs)} 段 paragraphs</div>'
    out = [head]
    heading: tuple[str, ...] | None = None
    for para in shown:
        if para.heading_path != heading:
            heading = para.heading_path
            out.append(f'<h4 class="report-heading">{" › ".join(esc(h) for h in heading) or "封面"}</h4>')
        marks = "".join(f"<sup>[{m}]</sup>" for m in para.marks)
        text = highlight_terms(para.text, words) if words else esc(para.text)
        current = ' report-focus" aria-current="true' if para.id == focus else ""
        out.append(f'<div class="report-para{current}" id="r-{esc(para.id)}">'
                   f'{para_link(para.id, para.locator, css="loc")} <span class="para-text">{text}</span>{marks}</div>')
    return f'<div class="report">{"".join(out)}</div>'


def citing_paragraphs(paragraphs: Sequence[Paragraph], doc: str, number: int) -> list[Paragraph]:
    return [p for p in paragraphs if p.doc == doc and number in p.marks]


def sources_html(sources: Sequence[tuple[str, Source]], paragraphs: Sequence[Paragraph]) -> str:
    """Every footnote source, with the paragraphs that cite it (clickable locators)."""
    rows = []
    for doc, source in sources:
        cited = citing_paragraphs(paragraphs, doc, source.number)
        links = " ".join(para_link(p.id, p.locator) for p in cited) or "—"
        rows.append(f'<div class="source-row" id="s-{esc(source.id)}"><ul>{source_item(source)}</ul>'
                    f'<div class="cited-by">引用段落 Cited by: {links}</div></div>')
    return f'<div class="sources">{"".join(rows)}</div>'


def source_to_dict(source: Source) -> dict[str, Any]:
    return {"id": source.id, "number": source.number, "title": source.title, "publisher": source.publisher,
            "date": source.date, "text": source.text, "missing": source.missing}


def paragraph_to_dict(paragraph: Paragraph, sources: Sequence[Source]) -> dict[str, Any]:
    """A paragraph as JSON for the `paragraph` API endpoint."""
    return {"id": paragraph.id, "doc": paragraph.doc, "kind": paragraph.kind, "locator": paragraph.locator,
            "heading_path": list(paragraph.heading_path), "section": paragraph.section, "text": paragraph.text,
            "marks": list(paragraph.marks), "sources": [source_to_dict(s) for s in sources]}


def sources_to_list(sources: Sequence[tuple[str, Source]], paragraphs: Sequence[Paragraph]) -> list[dict[str, Any]]:
    """All footnote sources as JSON, each with the ids and locators of the paragraphs citing it."""
    out = []
    for doc, source in sources:
        cited = citing_paragraphs(paragraphs, doc, source.number)
        out.append({"doc": doc, **source_to_dict(source),
                    "cited_by": [{"id": p.id, "locator": p.locator} for p in cited]})
    return out
