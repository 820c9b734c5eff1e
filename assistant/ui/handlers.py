"""Pure HTML builders for the web UI: answers, citation panels, the report and its sources.

No gradio here, so everything can be tested directly. Every piece of corpus or user
text goes through `esc` (html.escape); links carry `data-pid` (and, for citation
markers, `data-marker` / `data-answer`) that the page script turns into panel events.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assistant.question import QuestionError
from assistant.render import answer_to_text, doc_title, snippet
from assistant.types import Answer, Citation, Paragraph, Source

FEEDBACK_LABELS = {"helpful": "✓ 有用 Helpful", "wrong_citation": "⚑ 引用有误 Wrong citation"}
PANEL_HINT = ('<div class="panel-hint">点击引用标记 [1] 查看原文段落<br>'
              "Click a citation marker to open its paragraph.</div>")


def esc(text: object) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def para_link(paragraph_id: str, label: str, marker: int | None = None, answer: int | None = None,
              css: str = "para-link") -> str:
    """A link the page script turns into "open this paragraph in the panel"; a deep link without script."""
    query = f"?p={paragraph_id}" + (f"&m={marker}&a={answer}" if marker is not None and answer is not None else "")
    attrs = f'class="{css}" href="{esc(query)}" data-pid="{esc(paragraph_id)}"'
    if marker is not None and answer is not None:  # the chat sanitiser drops data-*, so the href repeats them
        attrs += f' data-marker="{marker}" data-answer="{answer}"'
    return f"<a {attrs}>{esc(label)}</a>"


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")


def plain_text(text: str) -> str:
    """User text for a Markdown-rendering component, shown as typed: Markdown punctuation backslash-escaped
    (so `![x](…)` is no image), then HTML-escaped."""
    return esc(_MARKDOWN.sub(r"\\\1", text))


def notice_html(message: str, kind: str = "warning") -> str:
    """An inline notice (used for refused input)."""
    return f'<div class="notice notice-{esc(kind)}" role="alert">{esc(message)}</div>'


def source_item(source: Source) -> str:
    """One footnote source as a list item: number, title, publisher, date."""
    if source.missing:
        return (f'<li class="source missing"><span class="src-num">[{source.number}]</span> '
                "脚注原文缺失 footnote text missing</li>")
    title = f"《{esc(source.title)}》" if source.title and source.title != source.text else esc(source.text)
    extra = " · ".join(esc(part) for part in (source.publisher, source.date) if part)
    return (f'<li class="source"><span class="src-num">[{source.number}]</span> <span class="src-title">{title}</span>'
            + (f' <span class="src-meta">{extra}</span>' if extra else "") + "</li>")


def answer_html(answer: Answer, answer_index: int = 0) -> str:
    """An answer as chat HTML: quoted sentences, each followed by a clickable `[n]` marker."""
    if answer.refused:
        links = "".join(f"<li>{para_link(p.id, p.locator or p.id)} {esc(p.section)} "
                        f'<span class="snippet">{esc(snippet(p.text))}</span></li>' for p in answer.see_also)
        see_also = f'<div class="see-also">相关段落 See also:<ul>{links}</ul></div>' if links else ""
        return (f'<div class="answer refused"><p class="refusal">{esc(answer.text)}</p>{see_also}'
                f"{answer_tools(answer, answer_index)}</div>")
    parts: list[str] = []
    pos = 0
    for sentence in answer.sentences:
        quoted = f"{sentence.text}[{sentence.marker}]"
        found = answer.text.find(quoted, pos)
        if found >= 0:
            parts.append(_linked(answer, answer.text[pos:found], answer_index))
            pos = found + len(quoted)
        parts.append(f'<span class="quote">{esc(sentence.text)}</span>')
        parts.append(para_link(sentence.paragraph_id, f"[{sentence.marker}]", sentence.marker, answer_index, "cite"))
    parts.append(_linked(answer, answer.text[pos:], answer_index))
    body = "".join(parts).replace("\n", "<br>")
    items = "".join(
        f"<li>{para_link(c.paragraph.id, f'[{c.marker}]', c.marker, answer_index, 'cite')} "
        f"{_doc_prefix(c)}{esc(c.paragraph.locator)} {esc(c.paragraph.section)}</li>"
        for c in answer.citations
    )
    return (f'<div class="answer"><p class="answer-text">{body}</p><ul class="cite-list">{items}</ul>'
            f"{answer_tools(answer, answer_index)}</div>")


def _linked(answer: Answer, text: str, answer_index: int) -> str:
    """Text outside the quotes (source lines, a conflict note) with its `[n]` markers clickable too."""
    cited = {c.marker: c.paragraph.id for c in answer.citations}
    pieces, pos = [], 0
    for match in re.finditer(r"\[(\d+)\]", text):
        marker = int(match.group(1))
        if marker in cited:
            pieces.append(esc(text[pos:match.start()]))
            pieces.append(para_link(cited[marker], match.group(0), marker, answer_index, "cite"))
            pos = match.end()
    pieces.append(esc(text[pos:]))
    return "".join(pieces)


def answer_tools(answer: Answer, answer_index: int) -> str:
    """Copy and feedback controls under one answer, and the plain text the copy control copies.

    Links, not buttons: the chat's sanitiser keeps `<a href>` and classes, and the page script
    handles the click (copy to the clipboard, or send the rating); the plain text is hidden by CSS.
    """
    links = [f'<a class="answer-copy" role="button" href="?copy={answer_index}" '
             f'aria-label="复制答案和引用 Copy answer {answer_index + 1} with citations">复制 Copy</a>']
    links += [f'<a class="answer-feedback fb-{rating}" role="button" href="?fb={rating}&amp;a={answer_index}">'
              f"{esc(label)}</a>" for rating, label in FEEDBACK_LABELS.items()]
    return (f'<div class="answer-tools">{"".join(links)}</div>'
            f'<pre class="copy-text" aria-hidden="true">{esc(answer_to_text(answer))}</pre>')


def _doc_prefix(citation: Citation) -> str:
    title = doc_title(citation)
    return f'<span class="doc-title">{esc(title)}</span> ' if title else ""


def chat_messages(answers: Sequence[Answer]) -> list[dict[str, str]]:
    """The chat transcript (gradio messages) rendered from a session's answers."""
    messages: list[dict[str, str]] = []
    for index, answer in enumerate(answers):
        messages.append({"role": "user", "content": plain_text(answer.question)})
        messages.append({"role": "assistant", "content": answer_html(answer, index)})
    return messages


def try_ask(ask: Callable[[str], Answer], question: str) -> tuple[Answer | None, str]:
    """The answer and "", or None and why the input cannot be answered (empty, too long, binary)."""
    try:
        return ask(question), ""
    except QuestionError as exc:
        return None, f"无法回答 Cannot answer: {exc}"


def mark_spans(text: str, spans: Iterable[tuple[int, int]], css: str = "") -> str:
    """Escape `text`, wrapping each (start, end) span in <mark> (of class `css`); overlapping spans merge."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif end > start:
            merged.append([start, end])
    opening = f'<mark class="{esc(css)}">' if css else "<mark>"
    out: list[str] = []
    pos = 0
    for start, end in merged:
        out.append(f"{esc(text[pos:start])}{opening}{esc(text[start:end])}</mark>")
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def highlight(text: str, sentences: Iterable[str], css: str = "") -> str:
    """Escape `text`, wrapping every occurrence of each supporting sentence in <mark> (of class `css`)."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        start = text.find(sentence) if sentence else -1
        while start >= 0:
            spans.append((start, start + len(sentence)))
            start = text.find(sentence, start + len(sentence))
    return mark_spans(text, spans, css)


def highlight_terms(text: str, words: Sequence[str], css: str = "hit") -> str:
    """Escape `text`, marking every case-insensitive occurrence of each filter word."""
    spans = [m.span() for w in words if w for m in re.finditer(re.escape(w), text, re.IGNORECASE)]
    return mark_spans(text, spans, css)


def paragraph_html(paragraph: Paragraph, sources: Sequence[Source], sentences: Sequence[str] = (),
                   title: str = "", extra: str = "") -> str:
    """The side-panel view of a paragraph: heading path, locator, text (quotes marked), sources."""
    path = " › ".join(esc(h) for h in paragraph.heading_path) or "封面 Front matter"
    head = f'<div class="panel-title">{esc(title)}</div>' if title else ""
    missing = [s for s in sentences if s not in paragraph.text]
    quoted = "".join(f"<blockquote><mark>{esc(s)}</mark></blockquote>" for s in missing)
    items = "".join(source_item(s) for s in sources)
    src = (f'<div class="panel-sources"><div class="label">脚注来源 Sources</div><ul>{items}</ul></div>' if items
           else '<div class="panel-sources none">本段无脚注来源 No footnote sources</div>')
    return (
        f'<div class="paragraph-view" data-view-pid="{esc(paragraph.id)}">{head}'
        f'<div class="heading-path">{path}</div>'
        f'<div class="locator">{esc(paragraph.locator)} <code>{esc(paragraph.id)}</code></div>'
        f'<div class="para-text">{highlight(paragraph.text, sentences)}</div>{quoted}{src}{extra}</div>'
    )


def source_passages_html(citation: Citation) -> str:
    """Two-hop provenance: what each cited source's own document says, linking to its paragraph."""
    items = "".join(f'<li class="source-passage"><span class="src-num">[{p.number}]</span> '
                    f"{para_link(p.paragraph_id, p.locator)}<blockquote>{esc(p.text)}</blockquote></li>"
                    for p in citation.source_passages)
    return (f'<div class="panel-passages"><div class="label">来源原文 What the source says</div><ul>{items}</ul></div>'
            if items else "")


def citation_panel_html(answer: Answer, marker: int) -> str:
    """The cited paragraph of marker `marker`, its supporting sentences highlighted."""
    for citation in answer.citations:
        if citation.marker == marker:
            title = " · ".join(part for part in (f"引用 Citation [{marker}]", doc_title(citation)) if part)
            return paragraph_html(citation.paragraph, citation.sources, citation.sentences, title,
                                  source_passages_html(citation))
    return notice_html(f"没有这个引用 No citation [{marker}] in this answer.")


def unknown_paragraph_html(paragraph_id: str) -> str:
    return notice_html(f"找不到段落 Paragraph not found: {paragraph_id}")


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
