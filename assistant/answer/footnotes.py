"""Footnotes in answers: the source lines behind quoted sentences, and the report's list of sources.

"那个数是从哪来的" is answered by the quote and the footnote it carries. "报告引用了哪些咨询公司的数据"
asks about the footnotes themselves: no paragraph answers it, but the footnote lines do, so the answer is
the report's sources, one line each, cited to the paragraph that carries the mark. Deciding which
publisher is a consultancy or a newspaper is left to the reader: the list is short (the report has 19).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.analysis import Analysis, QuestionKind
from assistant.answer.documents import citation_of
from assistant.corpus import CorpusView
from assistant.text import superscript_numbers
from assistant.types import Answer, Citation, Paragraph, Source

SOURCE_PREFIX = "出处"

# "哪些 / 有没有 / 都引用了什么": a question about the sources as a whole, not about one figure's source.
_ABOUT_ALL = re.compile(
    r"哪些|哪几|有没有|是否|都(?:是)?(?:引用|参考|从哪|来自|出自|引自)|引用了什么|参考了什么|(?:参考)?文献|"
    r"(?:啥|什么)(?:网站|媒体|机构)|"
    r"\bwhich\b|\bwhat (?:(?:kinds?|sorts?|types?) of )?(?:sources|references|reports|studies|data)\b|\bany\b|"
    r"\blist\b|\ball\b|什么(?:样的|类型的?)?(?:来源|出处|文献|资料)|哪(?:类|种)|"
    # "whether these are predominantly governmental, consultancy-based or journalistic": what they are, taken together
    r"\bwhether\b|\b(?:predominantly|mostly|mainly|largely|chiefly)\b|大多|大都|主要|"
    r"\bexamples?\b|举(?:几个|个)?例|"  # "footnotes cite news media? examples": instances among them all
    r"\bhow many\b|多少|几(?:个|条|处)",  # "how many footnotes": counted by listing them
    re.I,
)


def quoted_marks(sentences: Sequence[str]) -> set[int]:
    """Footnote numbers carried by the quoted sentences themselves (superscripts)."""
    return {number for sentence in sentences for number in superscript_numbers(sentence)}


def _prefix(source: Source, lang: str) -> str:
    """"出处2:" (English: "Source 2: "); the checker reads both forms."""
    return f"Source {source.number}: " if lang == "en" else f"{SOURCE_PREFIX}{source.number}:"


def source_line(source: Source, marker: int, lang: str = "zh") -> str:
    """"出处2:引用自国家数据局《…》[1]": a footnote and the marker of the paragraph carrying it."""
    return f"{_prefix(source, lang)}{source.text or source.title}[{marker}]"


def source_lines(citations: Sequence[Citation], lang: str = "zh") -> list[str]:
    """The footnotes behind the quoted sentences; all of the paragraph's when the sentence carries none."""
    lines = []
    for citation in citations:
        marks = quoted_marks(citation.sentences)
        for source in citation.sources:
            if not source.missing and (not marks or source.number in marks):
                lines.append(source_line(source, citation.marker, lang))
    return lines


def asks_for_all_sources(analysis: Analysis) -> bool:
    """A source question about the report's sources in general: no figure, year or name to trace.

    A question naming anything ("Which EU regulations are cited?") is about what the text says of it.
    """
    if analysis.kind is not QuestionKind.SOURCE or not _ABOUT_ALL.search(analysis.question):
        return False
    return not (analysis.names or analysis.years or analysis.numbers or analysis.titles)


UNPLACED = {"zh": "(正文中此脚注的标注已缺失)", "en": " (its mark is lost from the text)"}


def report_footnotes(corpus: CorpusView) -> dict[int, Source]:
    """The report's footnotes by number (its documents' only: a library's are never parsed for this)."""
    found: dict[int, Source] = {}
    for doc in dict.fromkeys(p.doc for p in corpus.report_paragraphs()):
        for number, source in corpus.doc_sources(doc).items():
            found.setdefault(number, source)
    return found


def footnoted_paragraphs(corpus: CorpusView) -> list[tuple[Paragraph | None, Source]]:
    """Each known footnote of the report with the first paragraph carrying its mark, in footnote order.

    A footnote whose text survives but whose mark the extraction lost has no paragraph (None): it is
    still one of the report's sources, so it is listed, saying that its place in the text is unknown.
    """
    found: dict[int, tuple[Paragraph | None, Source]] = {}
    for paragraph in corpus.report_paragraphs():
        for source in corpus.sources_of(paragraph):
            if not source.missing:
                found.setdefault(source.number, (paragraph, source))
    for number, source in report_footnotes(corpus).items():
        if not source.missing:
            found.setdefault(number, (None, source))
    return [found[n] for n in sorted(found)]


def unplaced_line(source: Source, lang: str = "zh") -> str:
    """A footnote whose mark the text lost: no marker, and a note saying so."""
    return f"{_prefix(source, lang)}{source.text or source.title}{UNPLACED[lang]}"


_WHICH_CITED = re.compile(r"哪些|哪几|\bwhich\b|\bwhat (?:sources|regulations|reports|documents)\b", re.I)
# "What EU and Saudi regulations does the report cite?", "EU cloud regulation name cited": the documents a passage
# names are asked for (its quote answers), unless the question asks for a footnote or a source of them.
_DOCUMENTS_NAMED = re.compile(r"\b(?:regulations?|laws?|acts|rules|frameworks?|agreements?|treaties|standards)\b|"
                              r"法规|条例|法律|法案|政策文件|协定|名称", re.I)
_FOOTNOTE_ASKED = re.compile(r"\bsources?\b|footnote|\bfrom where\b|\bwhere\b.{0,30}\bfrom\b|脚注|出处|来源|引自|原文",
                             re.I)


def names_cited(question: str) -> bool:
    """The question asks which things are cited (named in the text), not where a passage comes from."""
    return bool(_WHICH_CITED.search(question)
                or (_DOCUMENTS_NAMED.search(question) and not _FOOTNOTE_ASKED.search(question)))


def all_sources(question: str, analysis: Analysis, corpus: CorpusView, debug: dict) -> Answer | None:
    """"报告引用了哪些…": the report's footnote lines, each cited to the paragraph that carries its mark; None (with
    the reason in `debug`) when the report cites nothing."""
    footnoted = footnoted_paragraphs(corpus)
    if not footnoted:
        debug["reason"] = "the report cites no sources"
        return None
    markers: dict[str, int] = {}
    lines = [source_line(source, markers.setdefault(p.id, len(markers) + 1), analysis.lang) if p is not None
             else unplaced_line(source, analysis.lang) for p, source in footnoted]
    citations = tuple(citation_of(corpus, pid, marker, ()) for pid, marker in markers.items())
    debug.update(evidence=1.0, answered="all sources")
    return Answer(question, "\n".join(lines), False, (), citations, lang=analysis.lang, debug=debug,
                  notes=tuple(lines))
