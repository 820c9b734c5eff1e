"""Where a report sentence states something else than a claim about the same thing: another version code (EM3.0
for EM2.0), another name in the claim name's place (YouTube for 银联), the claim's number bound to another thing in
the sentence, or another number of the same kind. Pure functions over prepared probes and evidence."""

from __future__ import annotations

import re

from assistant.lexicon import NameGroup, NameTable
from assistant.lexicon.numerals import Quantity
from assistant.review.probes import Evidence, Probe

CLAUSE_TOPICAL = 0.5  # the claim's clause holding the differing value is this well covered by the sentence
_CODE = re.compile(r"(?<![A-Za-z0-9.])([A-Za-z]{1,8})(\d+(?:\.\d+)*)(?![\d.])")  # EM2.0, Net5.5G, 5G


def clause_coverage(probe: Probe, at: int, key: str) -> float:
    """How well the sentence covers the claim's clause around position `at`."""
    for start, end, weights in probe.clause_weights:
        if start <= at < end:
            total = sum(weights.values())
            return sum(w for t, w in weights.items() if t in key) / total if total else 1.0
    return 1.0


def _codes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(0) for m in _CODE.finditer(text)}


def code_conflict(probe: Probe, ev: Evidence) -> tuple[str, str]:
    """(missing, conflict) for version codes: EM3.0 where the sentence says EM2.0."""
    stated = _codes(ev.sentence)
    for prefix, code in _codes(probe.text).items():
        if code.lower() not in ev.key:
            other = stated.get(prefix)
            return code, f"{code} vs {other}" if other and other.lower() != code.lower() else ""
    return "", ""


def slot_conflict(probe: Probe, ev: Evidence, table: NameTable, absent: tuple[NameGroup, ...]) -> str:
    """An absent claim name whose place in the sentence holds another name of its kind (YouTube for 银联)."""
    for mention in probe.mentions:
        left = probe.text[max(0, mention.start - 2) : mention.start]
        right = probe.text[mention.end : mention.end + 2]
        if len(left) + len(right) < 3:
            continue
        fills = [table.find(m.group(1)) for m in re.finditer(re.escape(left) + "(.{1,16}?)" + re.escape(right),
                                                             ev.sentence)]
        if not fills or any(n.group is mention.group for names in fills for n in names):
            continue
        other = next((n.group for names in fills for n in names if n.group.kind == mention.group.kind
                      and n.group not in absent and n.group is not mention.group), None)
        if other is not None:
            return f"{mention.group.preferred} vs {other.preferred}"
    return ""


def _clause_score(weights: dict[str, float], key: str) -> float:
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in key) / total if total else 0.0


def bound_elsewhere(probe: Probe, ev: Evidence) -> str:
    """A claim number the sentence states, but for another thing: 74 is the 移动支付 count, not the 银联卡 one."""
    for q in probe.quantities:
        at = probe.text.find(q.text)
        weights = next((w for start, end, w in probe.clause_weights if start <= at < end), None)
        if not weights or len(weights) < 2:
            continue
        scored = [(_clause_score(weights, key), key, found) for key, found in ev.clauses]
        holding = [score for score, _, found in scored if any(f.same_value(q) for f in found)]
        if not holding:
            continue
        score, _, found = max(scored, key=lambda item: item[0])
        other = next((f for f in found if f.kind == q.kind and not f.same_value(q)), None)
        if other is not None and score >= 0.8 and score > max(holding) + 0.2:
            return f"{q.text} vs {other.text}"
    return ""


def number_conflict(probe: Probe, found: tuple[Quantity, ...], missing: list[Quantity], key: str) -> str:
    claim = probe.quantities
    for q in missing:
        if not probe.english and clause_coverage(probe, max(0, probe.text.find(q.text)), key) < CLAUSE_TOPICAL:
            continue
        for e in found:
            if e.kind != q.kind or any(e.same_value(c) for c in claim):
                continue
            if q.unit and e.unit and q.unit != e.unit and q.kind == "count":
                continue  # 3个 against 1500张 counts different things
            return f"{q.text} vs {e.text}"
        same = next((e for e in found if e.same_value(q) and e.opposed(q)), None)
        if same is not None:
            return f"{q.text} vs {same.text}"
    return ""
