"""Numbers as numbers: the checker's view of `assistant.lexicon.numerals`, which the quiz shares."""

from assistant.lexicon.numerals import (
    Quantity,
    chinese_to_number,
    conflicting,
    find_quantities,
    missing_quantities,
    parse_number,
)

__all__ = ["Quantity", "chinese_to_number", "conflicting", "find_quantities", "missing_quantities", "parse_number"]
