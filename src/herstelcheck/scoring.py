"""Scoring: pure functions over criterion and item results.

>>> item_score([(1, True), (1, False), (2, None)])
5.0
>>> item_status([True, None]), item_status([False, None]), item_status([None])
('met', 'missing', 'missing')
>>> plan_score([(1, 10.0), (1, 5.0)])
75.0
"""

from __future__ import annotations

from collections.abc import Sequence


def item_score(criteria: Sequence[tuple[float, bool | None]]) -> float:
    """0-10: the weighted share of passed criteria among the applicable ones (0 if none)."""
    applicable = [(w, p) for w, p in criteria if p is not None]
    total = sum(w for w, _ in applicable)
    if total <= 0:
        return 0.0
    return round(10 * sum(w for w, p in applicable if p) / total, 2)


def item_status(passed: Sequence[bool | None]) -> str:
    """`met` when every applicable criterion passes, `missing` when none passes,
    `partial` otherwise. An item where nothing applies is missing."""
    applicable = [p for p in passed if p is not None]
    hits = sum(1 for p in applicable if p)
    if applicable and hits == len(applicable):
        return "met"
    if hits == 0:
        return "missing"
    return "partial"


def plan_score(items: Sequence[tuple[float, float]]) -> float:
    """0-100: the weighted mean of item scores (0-10); 0 when no item counts."""
    total = sum(w for w, _ in items)
    if total <= 0:
        return 0.0
    return round(10 * sum(w * s for w, s in items) / total, 1)


def criterion_gain(
    item_weight: float, criterion_weight: float, applicable_weight: float, counted_weight: float
) -> float:
    """Points (0-100) a plan's score would rise by if one failed criterion passed: the
    criterion's share of its item's applicable weight, times the item's share of the
    weight of the items that count (waived items do not).

    >>> criterion_gain(1, 1, 4, 10)
    2.5
    """
    if applicable_weight <= 0 or counted_weight <= 0:
        return 0.0
    return 100 * item_weight * criterion_weight / (applicable_weight * counted_weight)
