"""Quizzes built from the report's own facts, each item citing the paragraph that answers it."""

from assistant.quiz.items import TYPES, FactPool, QuizError, QuizItem, build_quiz, collect_facts

__all__ = ["TYPES", "FactPool", "QuizError", "QuizItem", "build_quiz", "collect_facts"]
