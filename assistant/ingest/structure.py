"""Document structure: front matter, table of contents, headings, paragraphs, tables and locators (pure).

Turns the repaired lines of one document into citable blocks in reading
order. A block knows its headings and a human locator (`§4.1 ¶3`) so an
answer can say where a quote comes from. Page damage is undone here too:
a paragraph cut by a page break (and by the footnotes printed at the foot of
that page) is joined back into one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.ingest.footnotes import NoteLine, parse_note_line
from assistant.ingest.normalise import ends_sentence, is_stray_glyph, join_parts, repair_text

_CN_DIGITS = "一二三四五六七八九"
_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、\s*\S")
_SECTION = re.compile(r"^[((]\s*([一二三四五六七八九十]+)\s*[))]\s*\S")
_ITEM = re.compile(r"^(\d{1,2})[.．]\s*[^\d\s.．]")
_MARKDOWN = re.compile(r"^(#{1,6})\s+(.*?)[\s#]*$")
_NOT_HEADING_END = "。,,;;::!!??"
_TOC_TITLE = re.compile(r"^(?:目录|目次|contents|table of contents)$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"(?:\t|\s|[.…·])\d{1,3}\s*$")
_LIST_MARKER = re.compile(r"^(?:[-*+•>|]\s|\d{1,2}[.)]\s)")
HEADING_MAX_CHARS = {1: 40, 2: 40, 3: 20}


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
    headings: tuple[tuple[int, str], ...]  # (level, title) in reading order


@dataclass(frozen=True)
class Heading:
    level: int  # 1 chapter `一、`, 2 section `(一)`, 3 item `1.`; markdown: number of `#`
    number: int | None  # the number written in the heading, if any
    title: str


def cn_number(numeral: str) -> int:
    """`三` -> 3, `十二` -> 12, `二十` -> 20 (the numerals used in chapter and section headings)."""
    if "十" not in numeral:
        return _CN_DIGITS.index(numeral) + 1 if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    return (cn_number(tens) if tens else 1) * 10 + (cn_number(units) if units else 0)


def cn_numeral(number: int) -> str:
    """3 -> `三`, 12 -> `十二` (for repairing damaged table-of-contents entries)."""
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens - 1] + "十")
    return head + (_CN_DIGITS[units - 1] if units else "")


def parse_heading(line: str) -> Heading | None:
    """A chapter, section, numbered item or markdown heading; None for body text (`一是…` included)."""
    text = repair_text(line.strip())
    markdown = _MARKDOWN.match(text)
    if markdown:
        return Heading(len(markdown.group(1)), None, markdown.group(2)) if markdown.group(2) else None
    if not text or text[-1] in _NOT_HEADING_END:
        return None
    for level, pattern in ((1, _CHAPTER), (2, _SECTION), (3, _ITEM)):
        match = pattern.match(text)
        if match and len(text) <= HEADING_MAX_CHARS[level]:
            number = int(match.group(1)) if level == 3 else cn_number(match.group(1))
            return Heading(level, number, text)
    return None


def is_table_row(line: str) -> bool:
    """Tab-separated cells, as the text layer renders a table row."""
    return "\t" in line and sum(1 for cell in line.split("\t") if cell.strip()) >= 2


def table_block(rows: list[tuple[str, ...]], heading_path: tuple[str, ...], locator: str) -> Block:
    """A table as one block; its text reads each column as `head:first row;rest、rest。`, one line per column."""
    width = max(len(row) for row in rows)
    lines = []
    for j in range(width):
        cells = [row[j] for row in rows if j < len(row) and row[j]]
        line = cells[0] + (f":{cells[1]}" if len(cells) > 1 else "") + (f";{'、'.join(cells[2:])}" if len(cells) > 2 else "")
        lines.append(line + "。")
    return Block("table", heading_path, locator, "\n".join(lines), tuple(rows))


def split_toc(lines: list[str]) -> tuple[int, int, tuple[str, ...]]:
    """Find the table of contents: (start, end) line range to skip and its entries, repaired.

    It is the run of `title … page` lines after a `目录` line. Chapter entries whose numeral was
    damaged into glyphs (`_\\`\\t数字丝路的发展机遇\\t01`) get it back from their position.
    """
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
            cells[0] = cn_numeral(chapters) + "、"
        entries.append(f"{repair_text(''.join(cells))} {page}".strip())
    return start, end, tuple(entries)


_GROUP = re.compile(r"(工作组|编写组|课题组|编委会|研究组|项目组|编辑组)$")
_ROLE = re.compile(r"^[\u4e00-\u9fff]{0,5}(?:组长|主编|主任|成员|编委|顾问|执笔人?|撰稿人?)$")
_FRONT_HEADINGS = frozenset("前言 序言 序 引言 摘要 内容摘要 内容提要 执行摘要 编者按 致谢".split())
_NOT_A_NAME = re.compile(r"[::@。,,;;!?!?]")
NAME_MAX_CHARS = 16


def front_blocks(lines: list[str]) -> list[Block]:
    """The front matter before the first chapter: cover lines, the working group, the foreword.

    The working group is printed one role or name per line; it becomes one roster paragraph
    (`组长:饶少阳。副组长:季鸿、佘丛国。…`) so "who wrote this?" has a single answer.
    """
    blocks: list[Block] = []
    label, path, state, roster, previous = "封面", (), "cover", [], ""
    for raw in lines:
        text = repair_text(raw.strip())
        if not text or is_stray_glyph(text) or parse_note_line(raw):
            previous = ""
            continue
        group = _GROUP.search(text) if len(text) <= 30 else None
        if text in _FRONT_HEADINGS or group:
            blocks += _roster(roster, path, label, blocks)
            label, path, state, roster = (group.group(1) if group else text), (text,), ("group" if group else "section"), []
        elif state == "group" and _ROLE.match(text):
            roster.append((text, []))
        elif state == "group" and len(text) <= NAME_MAX_CHARS and not _NOT_A_NAME.search(text):
            roster[-1][1].append(text) if roster else roster.append(("", [text]))
        elif state == "section" and previous and blocks and blocks[-1].heading_path == path:
            blocks[-1] = replace(blocks[-1], text=join_parts(blocks[-1].text, text))
        else:
            blocks += _roster(roster, path, label, blocks)
            roster = []
            blocks.append(Block("front", path, f"{label} ¶{_count(blocks, path) + 1}", text))
        previous = text
    return blocks + _roster(roster, path, label, blocks)


def _count(blocks: list[Block], path: tuple[str, ...]) -> int:
    return sum(1 for block in blocks if block.heading_path == path)


def _roster(roster: list[tuple[str, list[str]]], path: tuple[str, ...], label: str, blocks: list[Block]) -> list[Block]:
    """The roster paragraph for the roles and names collected so far ([] when there are none)."""
    parts = [f"{role}:{'、'.join(names)}。" if role else f"{'、'.join(names)}。" for role, names in roster if names]
    if not parts:
        return []
    return [Block("front", path, f"{label} ¶{_count(blocks, path) + 1}", "".join(parts))]


class _Body:
    """Walks the body: keeps the heading stack, counts paragraphs and joins page-broken ones."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.headings: list[tuple[int, str]] = []
        self.stack: list[tuple[int, int, str]] = []  # (level, number, title)
        self.counters: dict[tuple[int, ...], int] = {}
        self.tables: dict[int, int] = {}
        self.paragraphs = 0
        self.open = False  # may the last block still take the rest of a page-broken paragraph?

    @property
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
        self.headings.append((heading.level, heading.title))
        self.paragraphs, self.open = 0, False

    def text(self, text: str) -> None:
        last = self.blocks[-1] if self.open else None
        if last and not ends_sentence(last.text) and not _LIST_MARKER.match(text):
            self.blocks[-1] = replace(last, text=join_parts(last.text, text))
            return
        self.paragraphs += 1
        self.blocks.append(Block("body", self.path, self.where(f"¶{self.paragraphs}"), text))
        self.open = True

    def table(self, rows: list[tuple[str, ...]]) -> None:
        """Tables sit at chapter level (`§4 表1`): a report's table summarises its whole chapter."""
        chapter = self.stack[0][1] if self.stack else 0
        self.tables[chapter] = number = self.tables.get(chapter, 0) + 1
        locator = f"§{chapter} 表{number}" if self.stack else f"表{number}"
        self.blocks.append(table_block(rows, self.path[:1], locator))
        self.open = False


def layout(text: str) -> Layout:
    """The structure of a whole document, from its raw text."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    toc_start, toc_end, toc = split_toc(lines)
    kept = [line for i, line in enumerate(lines) if not toc_start <= i < toc_end]
    notes = tuple(note for note in map(parse_note_line, kept) if note)
    headings = [parse_heading(line) if line.strip() else None for line in kept]
    first = next((i for i, h in enumerate(headings) if h), len(kept))
    report_style = first < len(kept) and headings[first].level == 1 and headings[first].number is not None
    front = front_blocks(kept[:first]) if report_style else []
    body, run = _Body(), []
    i = first if report_style else 0
    while i <= len(kept):
        line = kept[i] if i < len(kept) else ""
        if run and (i == len(kept) or not line.strip() or headings[i] or is_table_row(line) or parse_note_line(line)):
            body.text(join_parts(*run))
            run = []
        if i < len(kept) and is_table_row(line):
            rows = []
            while i < len(kept) and is_table_row(kept[i]):
                rows.append(tuple(repair_text(cell.strip()) for cell in kept[i].rstrip().split("\t")))
                i += 1
            body.table(rows)
            continue
        if headings[i] if i < len(kept) else False:
            body.heading(headings[i])
        elif line.strip() and not is_stray_glyph(line) and not parse_note_line(line):
            run.append(line)
        i += 1
    title = front[0].text if front else _first_line_title(kept)
    return Layout(title, toc, tuple(front + body.blocks), notes, tuple(body.headings))


def _first_line_title(lines: list[str]) -> str:
    """A document's first line is its title when it is a heading or a short line that is not a sentence."""
    first = next((line.strip() for line in lines if line.strip() and not is_stray_glyph(line)), "")
    heading = parse_heading(first) if first else None
    if heading:
        return heading.title
    return repair_text(first) if first and len(first) <= 60 and not ends_sentence(first) else ""
