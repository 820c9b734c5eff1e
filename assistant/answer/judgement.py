"""Does the quoted text answer the question? An explicit judgement, not a threshold alone.

A quote is accepted only when it supplies what the question asks for, about what it
asks, under its constraints:
- the question is about the documents (not a greeting, an instruction or an opinion);
- every name in it is one the corpus knows (under any of its names), and every named
  company, country or product is in the answering text or its context (headings, the
  paragraph before: the subject is often named there);
- every year it names is in the answering text;
- a "how many / when / how much" question gets a figure of the right kind: a count of
  the thing asked about, a date, an amount of money, and a figure of the metric asked
  for (a headcount question is not answered by a count of networks);
- and, for the rest, the evidence score (term coverage and similarity) clears its threshold.

Pure functions over strings: the caller gathers the texts, so rules can be tested alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.analysis import Analysis, QuestionKind
from assistant.answer.evidence import expected_quantity
from assistant.lexicon import NameTable

_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = re.compile(r"[一二两三四五六七八九十百千万亿]+[个家项座张台条位名次倍天年人国种类款成]")


@dataclass(frozen=True)
class Verdict:
    accept: bool
    reason: str = ""  # why not, for the debug trace and the eval report


def _has_figure(texts: Sequence[str]) -> bool:
    return any(_DIGIT.search(t) or _NUMBER_WORDS.search(t) for t in texts)


def judge(
    analysis: Analysis,
    quoted: Sequence[str],
    context: str,
    evidence: float,
    threshold: float,
    names: NameTable,
) -> Verdict:
    """Accept or refuse the quote; `context` is the answering paragraphs with headings and the paragraph before."""
    if analysis.off_topic:
        return Verdict(False, f"off-topic: {analysis.off_topic}")
    if analysis.unknown:
        return Verdict(False, "names the corpus does not mention: " + ", ".join(analysis.unknown))
    missing = [m.surface for m in analysis.names if not names.occurs(m.group, context)]
    if missing:
        return Verdict(False, "not about " + ", ".join(missing))
    absent_years = [year for year in analysis.years if year not in context]
    if absent_years:
        return Verdict(False, "no figure for " + ", ".join(absent_years))
    if analysis.kind is QuestionKind.NUMBER or analysis.wants == "date":
        quantity = expected_quantity(analysis.question)
        if quantity is not None and not any(quantity.search(t) for t in quoted):
            return Verdict(False, "no figure of the kind asked for")
        if quantity is None and analysis.kind is QuestionKind.NUMBER and not _has_figure(quoted):
            return Verdict(False, "no figure")
        quoted_text = "".join(quoted)
        metrics = [m for m in names.find(analysis.question, kinds=("metric",))]
        if any(not names.occurs(m.group, quoted_text) for m in metrics):
            return Verdict(False, "no figure of " + ", ".join(m.surface for m in metrics))
    if evidence < threshold:
        return Verdict(False, f"weak evidence ({evidence:.2f} < {threshold:.2f})")
    return Verdict(True)
