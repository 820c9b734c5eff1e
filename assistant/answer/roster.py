"""Which countries or companies a part of the report names ("金融科技那节提到哪些国家", "Which countries are covered
in the fintech section?").

Such a question asks for every country (or company) the part names, not for the passage that best matches its
words: that passage names one or two, and the rest are spread over the part's other paragraphs. So the answer is
the part's sentences that name one not yet listed, in reading order, each cited to its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer.parts import in_part
from assistant.answer.selection import ScoredSentence
from assistant.corpus import CorpusView, Sentence
from assistant.lexicon import Mention, NameTable

_ASKED_ZH = re.compile(r"哪(?:些|几个|几家)[\w ]{0,6}?(国家|地区|司法辖区|辖区|经济体|公司|企业|机构|组织)")
# ("提到了哪些 cloud companies": a Chinese question word before English words.)
_ASKED_EN = re.compile(r"(?:\bwhich |哪些\s*)(?:[\w-]+ ){0,2}?(countries|jurisdictions|economies|companies|firms|"
                       r"businesses|organi[sz]ations|bodies)\b", re.I)
_KINDS = {
    "国家": ("country",), "地区": ("country", "region"), "countries": ("country",),
    # a jurisdiction or an economy is a country, or a region with its own rules (the EU)
    "司法辖区": ("country", "region"), "辖区": ("country", "region"), "经济体": ("country", "region"),
    "jurisdictions": ("country", "region"), "economies": ("country", "region"),
    "公司": ("company",), "企业": ("company",), "companies": ("company",), "firms": ("company",),
    "businesses": ("company",), "机构": ("org",), "组织": ("org",), "organisations": ("org",),
    "organizations": ("org",), "bodies": ("org",),
}
MAX_SENTENCES = 8  # a part rarely names more; beyond that the answer stops being short


def asked_kinds(question: str) -> tuple[str, ...]:
    """The name-table kinds a "which countries / 哪些公司" question asks for, or ()."""
    match = _ASKED_ZH.search(question) or _ASKED_EN.search(question)
    return _KINDS.get(match.group(1).lower(), ()) if match else ()


def roster_kinds(question: str, part: str, mentions: Sequence[Mention], headings: dict[str, str],
                 names: NameTable) -> tuple[str, ...]:
    """The kinds a roster question asks for in `part`; () when it names something besides the part itself ("哪些公司
    和阿里云合作" asks about 阿里云; "cloud" in "the cloud part, which companies" names the part)."""
    heading = " ".join(h for h, prefix in headings.items() if prefix == part)
    if any(not names.occurs(m.group, heading) for m in mentions):
        return ()
    return asked_kinds(question)


def roster_quotes(kinds: tuple[str, ...], part: str, corpus: CorpusView, names: NameTable) -> list[Sentence]:
    """The part's sentences that each name a thing of those kinds not named by an earlier one, in reading order."""
    table = names.of_kinds(kinds)
    seen: set[str] = set()
    quotes: list[Sentence] = []
    for paragraph in corpus.report_paragraphs():
        if not in_part(paragraph, part) or paragraph.kind == "table":
            continue
        for sentence in corpus.sentences.get(paragraph.id, ()):
            found = {m.group.preferred for m in table.find(sentence.text)} - seen
            if found:
                quotes.append(sentence)
                seen |= found
            if len(quotes) == MAX_SENTENCES:
                return quotes
    return quotes


def kind_quotes(kinds: tuple[str, ...], chosen: Sequence[Sentence], scored: Sequence[ScoredSentence],
                corpus: CorpusView, names: NameTable, max_citations: int,
                names_asked: Callable[[str], bool]) -> list[Sentence]:
    """A "哪些公司 / which countries" question whose chosen quotes name nothing of that kind is answered by the
    candidate sentences that do (best first, within `max_citations` paragraphs): "参与标准制定的有哪些 AI 公司"
    wants 商汤科技, 百度, 腾讯, not the section's three trend leads. Only sentences of the sections the chosen quotes
    come from: a retrieved foreword naming its publisher is no example. [] when the chosen quotes name one already."""
    table = names.of_kinds(kinds)
    if not kinds or any(table.find(s.text) for s in chosen):
        return []
    sections = {corpus.by_id[s.paragraph_id].heading_path[:2] for s in chosen}
    quotes: list[Sentence] = []
    for candidate in scored:
        sentence = candidate.sentence
        if corpus.by_id[sentence.paragraph_id].heading_path[:2] not in sections:
            continue
        cited = {s.paragraph_id for s in quotes}
        if sentence.paragraph_id not in cited and len(cited) >= max_citations:
            continue
        if table.find(sentence.text) and names_asked(sentence.text) and sentence not in quotes:
            quotes.append(sentence)
        if len(quotes) == MAX_SENTENCES:
            break
    return quotes
