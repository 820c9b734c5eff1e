"""Whether a sentence gives the figure or date a question asks for, and whose it is.

"机柜数量有多少" wants a count of cabinets, "何时开幕" a date beside the opening; a figure in the sentence that is
another company's, another year's or another edition's, or only planned, is no answer (holders.py,
constraints.py). Pure functions over strings, used by the judgement (judgement.sentence_problem).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.analysis import Analysis, QuestionKind
from assistant.answer.constraints import event_forms, nearest_edition, numeral_key
from assistant.answer.evidence import EVENT_WORDS
from assistant.answer.holders import ASKS_PLAN, HOLDERS, anothers, dated_otherwise, hedged
from assistant.answer.periods import other_period, periods
from assistant.answer.quantities import (
    PER_CAPITA,
    asks_size,
    counted_qualifier,
    expected_quantity,
    is_growth_rate,
    is_per_capita,
)
from assistant.lexicon import NameTable
from assistant.text import match_key, tokenize

DATE_ANY = re.compile(r"(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}\s*年|\d{1,2}\s*[日号]")
NUMBER_WORDS = re.compile(r"[一二两三四五六七八九十百千万亿]+(?:[个家项座张台条位名次倍天年人国种类款成元]|美元)")
ANY_FIGURE = re.compile(r"\d+(?:\.\d+)?|" + NUMBER_WORDS.pattern)


def new_figure(text: str, numbers: Sequence[str]) -> bool:
    """A number in the text that the question did not give itself (a question's 2021 is not an answer)."""
    found = re.findall(r"\d+(?:\.\d+)?", text)
    return any(n not in numbers for n in found) or bool(NUMBER_WORDS.search(text))


# "截至11月23日…股价涨幅3.06%": the day a figure was read, not the day anything happened.
_AS_OF = re.compile(r"(?:截至|截止|截止到|截至到|统计至|数据截至)\s*$")


def new_date(text: str, numbers: Sequence[str], as_of: bool = False) -> bool:
    """A date the question did not give; an as-of date ("截至11月23日") only when `as_of` (the question asks
    about a deadline)."""
    return any(new_figure(m.group(0), numbers) and (as_of or not _AS_OF.search(text, 0, m.start()))
               for m in DATE_ANY.finditer(text))


# How far (characters between them) a date may stand from the event it dates, in a sentence naming both:
# "开幕式于…2月4日举行" and "2022年2月4日,北京冬奥会开幕" are dates of the opening; a date forty characters on,
# in another clause of a run-on web text, dates something else.
EVENT_REACH = 24


def dated_event(analysis: Analysis, text: str) -> bool:
    """Whether a new date stands beside a named event the sentence states (True when it states none here:
    the event was named the sentence before)."""
    key = match_key(text)
    spots = [m.start() for event in analysis.events if EVENT_WORDS.fullmatch(event)
             for form in event_forms(event) for m in re.finditer(re.escape(match_key(form)), key)]
    if not spots:
        return True
    dates = [(m.start(), m.end()) for m in DATE_ANY.finditer(key) if new_figure(m.group(0), analysis.numbers)]
    return any(start - EVENT_REACH <= spot <= end + EVENT_REACH for spot in spots for start, end in dates)


# A clause saying the figure is not known ("他们无法立即确定两起爆炸的死亡人数") names the count, gives none.
_KNOWN_UNKNOWN = re.compile(r"[^,;。]*(?:(?:无法|不能|难以|尚未|未能|没有)(?:立即|马上|准确)?"
                            r"(?:确定|确认|统计|公布|披露|核实|得知)|尚不清楚|暂不清楚|不得而知|不详)[^,;。]*")


# A year run into a longer name holding a word of the question ("2022年世界互联网大会乌镇峰会正在…举办", asked
# "乌镇峰会举办时间") is part of the name, not the time asked for (unless a year is what the question asks).
_YEAR_LABEL = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年(?!\s*\d{1,2}\s*月|度|底|初|末|前|后|以来|起|上半|下半)"
                         r"(?=[\u4e00-\u9fff])")
_ASKS_YEAR = re.compile(r"哪一?年|\b(?:what|which) year\b|\bin what year\b", re.I)
LABEL_REACH = 12  # characters after the year in which a word of the question makes it the name's year


def without_year_labels(question: str, text: str) -> str:
    """The text with years that only name the thing asked about blanked out, for a date question."""
    if _ASKS_YEAR.search(question):
        return text
    asked = [t for t in tokenize(question) if len(t) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", t)
             and t not in ("时间", "日期", "时候")]
    words = [t for t in asked if not EVENT_WORDS.fullmatch(t)]

    def blank(m: re.Match[str]) -> str:
        after = re.match(rf"[\u4e00-\u9fff]{{1,{LABEL_REACH}}}", text[m.end():])
        # (a word of the question right after the year is what the year dates: "2017年数字丝路被提出",
        # "计划于2021年交付首架C919")
        if not after or any(after.group(0).startswith(w) for w in asked):
            return m.group(0)
        return " " * len(m.group(0)) if any(w in after.group(0) for w in words) else m.group(0)

    return _YEAR_LABEL.sub(blank, text)


def figure_problem(analysis: Analysis, text: str, names: NameTable) -> str:
    """Why the sentence gives no figure or date of the kind asked for; "" when it does (or none is asked)."""
    if analysis.wants == "date":
        text = without_year_labels(analysis.question, text)
    if analysis.kind is QuestionKind.NUMBER or analysis.wants == "date":
        quantity = expected_quantity(analysis.question)
        # "机柜数量有多少" is not answered by "2024年5月": a date is no count, amount or share. Dates are blanked out
        # in place, so a figure's position is its position in the text (and its year stays readable).
        figures = text if analysis.wants == "date" else DATE_ANY.sub(lambda m: " " * len(m.group(0)), text)
        size = quantity is not None and asks_size(analysis.question)
        holders = {m.group for m in analysis.names if m.group.kind in HOLDERS}
        years = () if analysis.wants == "date" else analysis.years
        plan = ASKS_PLAN.search(analysis.question) is not None
        editions = {numeral_key(d) for d in analysis.designators}
        per_capita = PER_CAPITA.search(analysis.question) is not None
        asked_periods = periods(analysis.question)
        dated = bool(analysis.years) and analysis.wants != "date"

        def whose(at: int) -> bool:  # the figure at `at` is another company's, year's or edition's, or only planned
            edition = nearest_edition(text, at) if editions else ""
            return (anothers(figures, at, holders, names) or dated_otherwise(text, at, years)
                    or (not plan and hedged(text, at)) or (edition != "" and edition not in editions)
                    or (not per_capita and is_per_capita(figures, at))
                    or other_period(text, at, asked_periods, dated))

        qualifier = counted_qualifier(analysis.question)
        if qualifier and not any(q in _KNOWN_UNKNOWN.sub("", text) for q in qualifier):
            return "no count of " + qualifier[0]
        if quantity is not None and not any(new_figure(m.group(0), analysis.numbers)
                                            and not (size and is_growth_rate(figures, m.start()))
                                            and not whose(m.start()) for m in quantity.finditer(figures)):
            return "no figure of the kind asked for"
        if quantity is None and analysis.kind is QuestionKind.NUMBER and not any(
                new_figure(m.group(0), analysis.numbers) and not whose(m.start())
                for m in ANY_FIGURE.finditer(figures)):
            return "no figure"
    deadline = any(match_key(e) in ("截止", "截至") for e in analysis.events)
    if analysis.wants == "date" and not new_date(text, analysis.numbers, as_of=deadline):
        return "no date"
    if analysis.wants == "date" and not dated_event(analysis, text):
        return "no date beside " + "/".join(analysis.events)
    return ""
