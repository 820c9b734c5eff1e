"""Small HTML pieces every UI view uses: escaping, paragraph links, notices, source items, highlighted spans.

Pure (no gradio); every piece of corpus or user text goes through `esc` (html.escape).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from assistant.types import Source


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
