"""Answer checking: split an answer into claims and judge each against the paragraphs it cites."""

from assistant.review.check import Checker, CheckError, CheckReport, ClaimVerdict, check_answer, report_to_text
from assistant.review.claims import Claim, Ref, split_claims
from assistant.review.numbers import Quantity, find_quantities, parse_number

__all__ = ["CheckError", "CheckReport", "Checker", "Claim", "ClaimVerdict", "Quantity", "Ref", "check_answer",
           "find_quantities", "parse_number", "report_to_text", "split_claims"]
