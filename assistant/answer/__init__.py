"""Extractive answers: analyse the question, judge candidate sentences, compose a cited answer.

question analysis (analysis) -> candidate sentences (selection) -> judgement (evidence)
-> composition (compose). Every answer sentence is a sentence of the corpus.
"""

from assistant.answer.compose import REFUSAL_EN, REFUSAL_ZH, compose_answer
from assistant.answer.footnotes import SOURCE_PREFIX
from assistant.answer.merge import merge_answers

__all__ = ["REFUSAL_EN", "REFUSAL_ZH", "SOURCE_PREFIX", "compose_answer", "merge_answers"]
