"""Pure HTML builders for the web UI: answers, citation panels, the report and its sources.

No gradio here, so everything can be tested directly. Every piece of corpus or user
text goes through `esc` (html.escape); links carry `data-pid` (and, for citation
markers, `data-marker` / `data-answer`) that the page script turns into panel events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.question import QuestionError
from assistant.render import answer_to_text, doc_title, snippet
from assistant.types import Answer, Citation, Paragraph, Source
from assistant.ui.markup import (
    esc,
    highlight,
    highlight_terms,
    mark_spans,
    notice_html,
    para_link,
    plain_text,
    source_item,
)
from assistant.ui.reader import (
    citing_paragraphs,
    filter_paragraphs,
    focus_window,
    outline_html,
    paragraph_to_dict,
    report_html,
    source_to_dict,
    sources_html,
    sources_to_list,
)

# The reader and the small pieces live in their own modules; the app and the tests read them from here too.
__all__ = [
    "FEEDBACK_LABELS",
    "PANEL_HINT",
    "answer_html",
    "answer_tools",
    "chat_messages",
    "citation_panel_html",
    "citing_paragraphs",
    "esc",
    "filter_paragraphs",
    "focus_window",
    "highlight",
    "highlight_terms",
    "mark_spans",
    "notice_html",
    "outline_html",
    "para_link",
    "paragraph_html",
    "paragraph_to_dict",
    "plain_text",
    "report_html",
    "source_item",
    "source_passages_html",
    "source_to_dict",
    "sources_html",
    "sources_to_list",
    "try_ask",
    "unknown_paragraph_html",
]

FEEDBACK_LABELS = {"helpful": "✓ 有用 Helpful", "wrong_citation": "⚑ 引用有误 Wrong citation"}
PANEL_HINT = ('<div class="panel-hint">点击引用标记 [1] 查看原文段落<br>'
              "Click a citation marker to open its paragraph.</div>")


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
