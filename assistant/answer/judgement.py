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


def context_problem(analysis: Analysis, sentence: str, before: str, names: NameTable) -> str:
    """Why a sentence is not about what the question asks; "" when it is.

    A name the question gives must be in the sentence, or named before it (its headings, the earlier
    sentences of its paragraph, the paragraph before) while the sentence names no other thing of the
    same kind: "印尼央行制定…" is not about the 欧盟 named a sentence earlier.
    """
    here = {m.group.kind: m.group for m in names.find(sentence)}
    missing = []
    for mention in analysis.names:
        if names.occurs(mention.group, sentence):
            continue
        other = here.get(mention.group.kind)
        if other is not None or not names.occurs(mention.group, before):
            missing.append(mention.surface)
    if missing:
        return "not about " + ", ".join(dict.fromkeys(missing))
    context = before + "\n" + sentence
    absent_years = [year for year in analysis.years if year not in context]
    if absent_years:
        return "no figure for " + ", ".join(absent_years)
    return ""


def sentence_problem(analysis: Analysis, text: str, names: NameTable) -> str:
    """Why a sentence does not supply what the question asks for; "" when it does."""
    metrics = names.find(analysis.question, kinds=("metric",))
    if any(not names.occurs(m.group, text) for m in metrics):
        return "no figure of " + ", ".join(m.surface for m in metrics)
    if analysis.kind is QuestionKind.NUMBER or analysis.wants == "date":
        quantity = expected_quantity(analysis.question)
        if quantity is not None and not quantity.search(text):
            return "no figure of the kind asked for"
        if quantity is None and analysis.kind is QuestionKind.NUMBER and not _has_figure([text]):
            return "no figure"
    return ""


def judge(analysis: Analysis, evidence: float, threshold: float) -> Verdict:
    """The question-level verdict, after admissible sentences were found."""
    if evidence < threshold:
        return Verdict(False, f"weak evidence ({evidence:.2f} < {threshold:.2f})")
    return Verdict(True)


def question_problem(analysis: Analysis) -> str:
    """Why no text of the corpus could answer this question; "" when one might."""
    if analysis.off_topic:
        return f"off-topic: {analysis.off_topic}"
    if analysis.unknown:
        return "names the corpus does not mention: " + ", ".join(analysis.unknown)
    return ""
