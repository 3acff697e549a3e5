"""Scoring: pure functions over criterion and item results (plan format 1.1).

Each criterion of an item is given as a `Mark`: its weight, whether it is required
(*vereist*) or advisory (*aanvullend*), and whether it passed (None: not applicable).

- An item without alternatives is **met** when at least one criterion passes and every
  applicable required criterion passes.
- An item with alternatives (each a set of its criteria, by position) is **met** when the
  criteria of one alternative all pass or do not apply, at least one of them passing; the
  first such alternative is the one that met it, and its other criteria act as advisory.
- Otherwise it is **missing** when no criterion passes and none of its sections has a
  `toelichting`, and **partial** when one does: the plan speaks of the item without the
  specifics the checklist asks for. An item whose only evidence is a `toelichting`
  scores `EXPLAINED_SCORE`.
- The score is the weighted share of passed criteria among the applicable ones, required
  and advisory alike, on a 0-10 scale (0 where none applies).

>>> item_score([Mark(1, True, True), Mark(1, True, False), Mark(2, False, None)])
5.0
>>> item_verdict([Mark(1, True, True), Mark(1, False, False)]).status
'met'
>>> item_verdict([Mark(1, True, False), Mark(1, False, True)]).status
'partial'
>>> item_verdict([Mark(1, True, False)]).status, item_verdict([Mark(1, True, None)]).status
('missing', 'missing')
>>> item_verdict([Mark(1, True, False)], explained=True)
Verdict(status='partial', score=1.0, alternative=None)
>>> item_verdict([Mark(1, True, False), Mark(1, True, True)], alternatives=[[0], [1]])
Verdict(status='met', score=5.0, alternative=1)
>>> plan_score([(1, 10.0), (1, 5.0)])
75.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EXPLAINED_SCORE = 1.0
"""The score (0-10) of an item whose only evidence is a `toelichting`."""


@dataclass(frozen=True, slots=True)
class Mark:
    """What scoring needs of one criterion's result."""

    weight: float
    required: bool
    """Required (*vereist*) rather than advisory (*aanvullend*)."""
    passed: bool | None
    """True, False, or None when the criterion is not applicable."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """An item's status and score as its criteria decide them (a waiver left out)."""

    status: str
    """`met`, `partial` or `missing`."""
    score: float
    """0-10."""
    alternative: int | None = None
    """The index of the alternative that met the item, or None."""


def item_score(marks: Sequence[Mark]) -> float:
    """0-10: the weighted share of passed criteria among the applicable ones (0 if none)."""
    applicable = [m for m in marks if m.passed is not None]
    total = sum(m.weight for m in applicable)
    if total <= 0:
        return 0.0
    return round(10 * sum(m.weight for m in applicable if m.passed) / total, 2)


def holds(marks: Sequence[Mark], alternative: Sequence[int]) -> bool:
    """Whether the criteria of `alternative` (positions in `marks`) all pass or do not
    apply, at least one of them passing."""
    chosen = [marks[i].passed for i in alternative]
    return any(chosen) and all(p is not False for p in chosen)


def item_verdict(
    marks: Sequence[Mark],
    alternatives: Sequence[Sequence[int]] = (),
    *,
    explained: bool = False,
) -> Verdict:
    """The status and score of an item from its criteria, its `alternatives` for being
    met, and whether one of its sections has a `toelichting` (`explained`)."""
    score = item_score(marks)
    if alternatives:
        for index, alternative in enumerate(alternatives):
            if holds(marks, alternative):
                return Verdict("met", score, index)
    elif any(m.passed for m in marks) and all(m.passed is not False for m in marks if m.required):
        return Verdict("met", score)
    if any(m.passed for m in marks):
        return Verdict("partial", score)
    if explained:
        return Verdict("partial", EXPLAINED_SCORE)
    return Verdict("missing", score)


def blocking(marks: Sequence[Mark], verdict: Verdict) -> list[bool]:
    """For each criterion, whether its failure keeps the item from being met: it failed,
    the item is not met, and it is required (for an item with alternatives: no
    alternative holds, or it would be met). Every other failure is advice."""
    if verdict.status == "met":
        return [False] * len(marks)
    return [m.passed is False and m.required for m in marks]


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
