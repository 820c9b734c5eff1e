"""Document structure: front matter, table of contents, headings, paragraphs, tables and locators (pure).

Turns lines into citable blocks in reading order, each with its headings and a locator (`§4.1 ¶3`) so an
answer can say where a quote comes from; a paragraph cut by a page break (and its footnotes) is rejoined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.ingest.footnotes import NoteLine, parse_note_line
from assistant.ingest.normalise import ends_sentence, is_stray_glyph, join_parts, repair_text

_CN_DIGITS = "一二三四五六七八九"
# _NUMERALS[n] is the Chinese numeral for n in 0..99 (`十二`, `二十`; "" for 0), used both ways.
_NUMERALS = [("" if t < 2 else _CN_DIGITS[t - 1]) + ("十" if t else "") + (_CN_DIGITS[u - 1] if u else "")
             for t in range(10) for u in range(10)]
_NUMBER_OF = {numeral: n for n, numeral in enumerate(_NUMERALS) if numeral}
_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、\s*\S")
_SECTION = re.compile(r"^[(\uff08]\s*([一二三四五六七八九十]+)\s*[)\uff09]\s*\S")
_ITEM = re.compile(r"^(\d{1,2})[.\uff0e]\s*[^\d\s.\uff0e]")
_MARKDOWN = re.compile(r"^(#{1,6})\s+(.*?)[\s#]*$")
_NOT_HEADING_END = "\u3002,\uff0c;\uff1b:\uff1a!\uff01?\uff1f"
_TOC_TITLE = re.compile(r"^(?:目录|目次|contents|table of contents)$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(?:\t|\s|[.…·])\d{1,3}\s*$")
_LIST_MARKER = re.compile(r"^(?:[-*+•>|]\s|\d{1,2}[.)]\s)")


@dataclass(frozen=True)
class Block:
    """One citable unit before IDs and footnote marks are attached."""

    kind: str  # "body" | "front" | "table"
    heading_path: tuple[str, ...]
    locator: str
    text: str
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Layout:
    """The structure of one document: what `parse_text` turns into a ParsedDocument."""

    title: str
    toc: tuple[str, ...]
    blocks: tuple[Block, ...]
    notes: tuple[NoteLine, ...]


@dataclass(frozen=True)
class Heading:
    level: int  # 1 chapter `一、`, 2 section `(一)`, 3 item `1.`; markdown: number of `#`
    number: int | None  # the number written in the heading, if any
    title: str


def parse_heading(line: str) -> Heading | None:
    """A chapter, section, numbered item or markdown heading; None for body text (`一是…` included)."""
    # Markdown is matched before the PDF repair, which drops the space after "#" next to Chinese text.
    markdown = _MARKDOWN.match(line.strip())
    if markdown:
        title = repair_text(markdown.group(2))
        return Heading(len(markdown.group(1)), None, title) if title else None
    text = repair_text(line.strip())
    if not text or text[-1] in _NOT_HEADING_END:
        return None
    for level, pattern, max_chars in ((1, _CHAPTER, 40), (2, _SECTION, 40), (3, _ITEM, 20)):
        match = pattern.match(text)
        if match and len(text) <= max_chars:
            return Heading(level, int(match.group(1)) if level == 3 else _NUMBER_OF.get(match.group(1), 0), text)
    return None


def is_table_row(line: str) -> bool:
    """Tab-separated cells, as the text layer renders a table row."""
    return "\t" in line and sum(1 for cell in line.split("\t") if cell.strip()) >= 2


def table_block(rows: list[tuple[str, ...]], heading_path: tuple[str, ...], locator: str) -> Block:
    """A table as one block; its text reads each column as `head:first row;rest、rest。`, one line per column."""
    lines = []
    for j in range(max(len(row) for row in rows)):
        head, *rest = [row[j] for row in rows if j < len(row) and row[j]] or [""]
        lines.append(head + (f":{rest[0]}" if rest else "") + (f";{'、'.join(rest[1:])}" if rest[1:] else "") + "。")
    return Block("table", heading_path, locator, "\n".join(lines), tuple(rows))


def split_toc(lines: list[str]) -> tuple[int, int, tuple[str, ...]]:
    """The `title … page` lines after `目录`: (start, end) and entries; damaged numerals (`_\\``) restored."""
    start = next((i for i, line in enumerate(lines) if _TOC_TITLE.match(re.sub(r"\s", "", line))), None)
    if start is None:
        return 0, 0, ()
    end, entries, chapters = start + 1, [], 0
    while end < len(lines) and (not lines[end].strip() or is_stray_glyph(lines[end]) or _TOC_ENTRY.search(lines[end])):
        line, end = lines[end], end + 1
        cells = [cell.strip() for cell in re.split(r"\t|\s(?=\d{1,3}\s*$)", line) if cell.strip()]
        if not cells or is_stray_glyph(line):
            continue
        page = cells.pop() if cells[-1].isdigit() and len(cells) > 1 else ""
        damaged = not line[0].isspace() and len(cells) > 1 and not any(c.isalpha() for c in cells[0])
        chapters += 1 if damaged or _CHAPTER.match("".join(cells)) else 0
        if damaged:
            cells[0] = _NUMERALS[chapters] + "、"
        entries.append(f"{repair_text(''.join(cells))} {page}".strip())
    return start, end, tuple(entries)


_GROUP = re.compile(r"(工作组|编写组|课题组|编委会|研究组|项目组|编辑组)$")
_ROLE = re.compile(r"^[\u4e00-\u9fff]{0,5}(?:组长|主编|主任|成员|编委|顾问|执笔人?|撰稿人?)$")
_FRONT_HEADING = re.compile(r"^(?:前言|序言|序|引言|(?:内容|执行)?摘要|内容提要|编者按|致谢)$")
_NOT_A_NAME = re.compile(r"[:\uff1a@\u3002,\uff0c;\uff1b!?\uff01\uff1f]")
NAME_MAX_CHARS = 16


def front_blocks(lines: list[str]) -> list[Block]:
    """The front matter before the first chapter: cover lines, the working group, the foreword.

    The working group is printed one role or name per line; it becomes one roster paragraph
    (`组长:饶少阳。副组长:季鸿、佘丛国。…`) so "who wrote this?" has a single answer.
    """
    blocks: list[Block] = []
    roster: list[tuple[str, list[str]]] = []
    label, path, state, previous = "封面", (), "cover", ""

    def add(text: str) -> None:
        number = sum(1 for block in blocks if block.heading_path == path) + 1
        blocks.append(Block("front", path, f"{label} ¶{number}", text))

    def close_roster() -> None:
        parts = [f"{role}:{'、'.join(names)}。" if role else f"{'、'.join(names)}。" for role, names in roster if names]
        if parts:
            add("".join(parts))
        roster.clear()

    for raw in lines:
        text = repair_text(raw.strip())
        group = _GROUP.search(text) if len(text) <= 30 else None
        # in a foreword the next line continues a paragraph, unless a blank line follows a complete sentence
        last = blocks[-1] if blocks else None
        continues = last is not None and last.heading_path == path and (previous or not ends_sentence(last.text))
        if not text or is_stray_glyph(text) or parse_note_line(raw):
            text = ""
        elif _FRONT_HEADING.match(text) or group:
            close_roster()
            label, path, state = (group.group(1) if group else text), (text,), ("group" if group else "section")
        elif state == "group" and _ROLE.match(text):
            roster.append((text, []))
        elif state == "group" and len(text) <= NAME_MAX_CHARS and not _NOT_A_NAME.search(text):
            roster[-1:] = roster[-1:] or [("", [])]  # names before any role are listed without one
            roster[-1][1].append(text)
        elif state == "section" and continues:
            blocks[-1] = replace(blocks[-1], text=join_parts(blocks[-1].text, text))
        else:
            close_roster()
            add(text)
        previous = text
    close_roster()
    return blocks


class _Body:
    """Walks the body: keeps the heading stack, counts paragraphs and joins page-broken ones."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.stack: list[tuple[int, int, str]] = []  # (level, number, title)
        self.counters: dict[tuple[int, ...], int] = {}
        self.paragraphs = 0
        self.open = False  # may the last block still take the rest of a page-broken paragraph?

    def path(self) -> tuple[str, ...]:
        return tuple(title for _, _, title in self.stack)

    def where(self, suffix: str) -> str:
        return f"§{'.'.join(str(n) for _, n, _ in self.stack)} {suffix}" if self.stack else suffix

    def heading(self, heading: Heading) -> None:
        while self.stack and self.stack[-1][0] >= heading.level:
            self.stack.pop()
        parent = tuple(n for _, n, _ in self.stack)
        number = heading.number if heading.number is not None else self.counters.get(parent, 0) + 1
        self.counters[parent] = number
        self.stack.append((heading.level, number, heading.title))
        self.paragraphs, self.open = 0, False

    def text(self, text: str) -> None:
        last = self.blocks[-1] if self.open else None
        if last and not ends_sentence(last.text) and not _LIST_MARKER.match(text):
            self.blocks[-1] = replace(last, text=join_parts(last.text, text))
            return
        self.paragraphs += 1
        self.blocks.append(Block("body", self.path(), self.where(f"¶{self.paragraphs}"), text))
        self.open = True

    def walk(self, lines: list[str], headings: list[Heading | None]) -> None:
        """Feed body lines: runs of text lines become paragraphs; headings, tables, notes and glyphs split runs."""
        run: list[str] = []
        i = 0
        while i < len(lines):
            line, heading = lines[i], headings[i]
            text_line = bool(line.strip()) and not is_stray_glyph(line) and not parse_note_line(line)
            if run and (heading or not text_line or is_table_row(line)):
                self.text(join_parts(*run))
                run = []
            if is_table_row(line):
                end = next((j for j in range(i, len(lines)) if not is_table_row(lines[j])), len(lines))
                self.table([tuple(repair_text(cell) for cell in row.rstrip().split("\t")) for row in lines[i:end]])
                i = end
                continue
            if heading:
                self.heading(heading)
            elif text_line:
                run.append(line)
            i += 1
        if run:
            self.text(join_parts(*run))

    def table(self, rows: list[tuple[str, ...]]) -> None:
        """Tables sit at chapter level (`§4 表1`): a report's table summarises its whole chapter."""
        number = sum(1 for block in self.blocks if block.kind == "table" and block.heading_path == self.path()[:1]) + 1
        locator = f"§{self.stack[0][1]} 表{number}" if self.stack else f"表{number}"
        self.blocks.append(table_block(rows, self.path()[:1], locator))
        self.open = False


def layout(text: str) -> Layout:
    """The structure of a whole document, from its raw text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    toc_start, toc_end, toc = split_toc(lines)
    kept = [line for i, line in enumerate(lines) if not toc_start <= i < toc_end]
    notes = tuple(note for note in map(parse_note_line, kept) if note)
    headings = [parse_heading(line) if line.strip() else None for line in kept]
    first = next((i for i, heading in enumerate(headings) if heading), len(kept))
    chapter = headings[first] if first < len(kept) else None
    # Only a report (numbered chapters `一、`) has front matter; elsewhere text before any heading is body.
    start = first if chapter and chapter.level == 1 and chapter.number is not None else 0
    front, body = front_blocks(kept[:start]), _Body()
    body.walk(kept[start:], headings[start:])
    title = front[0].text if front else _first_line_title(kept)
    return Layout(title, toc, tuple(front + body.blocks), notes)


def _first_line_title(lines: list[str]) -> str:
    """A document's first line is its title when it is a heading or a short line that is not a sentence."""
    first = next((line.strip() for line in lines if line.strip() and not is_stray_glyph(line)), "")
    heading = parse_heading(first) if first else None
    short = first and len(first) <= 60 and not ends_sentence(first)
    return heading.title if heading else repair_text(first) if short else ""
