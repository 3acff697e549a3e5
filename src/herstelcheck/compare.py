"""Compare two audits of a plan, item by item (`herstelcheck diff OLD NEW`).

Pure: two `PlanReport`s (of the same checklist, on the same date) in, a
`PlanComparison` out; the formats in `formats/diff_*.py` render it.

An item got **worse** when its status went down (met or waived > partial > missing), or
when its score went down while it counts in the new version and is not met: a waived
item does not count in the plan's score, so a lower score behind a waiver is no
regression, and a met item stays met whatever advice it gets (plan format 1.1: a failed
advisory criterion, or one outside the alternative that met it, keeps no item from being
met), so a lower score from advice alone is no regression either. It got **better** when
its status went up, or its score went up while it counts (advice taken included).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from herstelcheck.audit import CriterionResult, ItemResult, PlanReport, Status
from herstelcheck.checklist import Item

_RANK = {Status.MISSING: 0, Status.PARTIAL: 1, Status.MET: 2, Status.WAIVED: 2}


class Change(str, Enum):
    """How an item changed between the two versions."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    """Neither better nor worse (criteria may still have changed places)."""


@dataclass(frozen=True, slots=True, eq=False)
class ItemChange:
    """One item in both versions."""

    item: Item
    before: ItemResult
    after: ItemResult
    change: Change
    newly_met: tuple[CriterionResult, ...]
    """Criteria that pass now and did not before (failed or not applicable); new results."""
    newly_failed: tuple[CriterionResult, ...]
    """Criteria that fail now and did not before (passed or not applicable); new results."""

    @property
    def score_change(self) -> float:
        return round(self.after.score - self.before.score, 2)

    @property
    def now_waived(self) -> bool:
        """The new version waives the item and the old one did not."""
        return self.after.status is Status.WAIVED and self.before.status is not Status.WAIVED

    @property
    def no_longer_waived(self) -> bool:
        """The old version waived the item and the new one does not (any more)."""
        return self.before.status is Status.WAIVED and self.after.status is not Status.WAIVED

    @property
    def changed(self) -> bool:
        """Anything differs: status, score or a criterion."""
        return (
            self.before.status is not self.after.status
            or self.score_change != 0
            or bool(self.newly_met or self.newly_failed)
        )


@dataclass(frozen=True, slots=True, eq=False)
class PlanComparison:
    """Two versions of a plan, item by item."""

    old: PlanReport
    new: PlanReport
    items: tuple[ItemChange, ...]

    @property
    def score_change(self) -> float:
        return round(self.new.score - self.old.score, 1)

    @property
    def regressions(self) -> tuple[ItemChange, ...]:
        return tuple(i for i in self.items if i.change is Change.WORSE)

    @property
    def improvements(self) -> tuple[ItemChange, ...]:
        return tuple(i for i in self.items if i.change is Change.BETTER)

    @property
    def changed(self) -> bool:
        """Anything differs between the two audits: an item, or the total."""
        return self.score_change != 0 or any(i.changed for i in self.items)


def compare(old: PlanReport, new: PlanReport) -> PlanComparison:
    """Compare the audits of two versions of a plan made with the same checklist."""
    before = {result.item.id: result for result in old.items}
    changes = []
    for after in new.items:
        previous = before.get(after.item.id)
        if previous is None:  # pragma: no cover - both audits use one checklist
            raise ValueError(f"item {after.item.id} is not in the old audit")
        changes.append(_item_change(previous, after))
    return PlanComparison(old, new, tuple(changes))


def _item_change(before: ItemResult, after: ItemResult) -> ItemChange:
    passed_before = {c.criterion.id: c.passed for c in before.criteria}
    newly_met = tuple(
        c
        for c in after.criteria
        if c.passed is True and passed_before.get(c.criterion.id) is not True
    )
    newly_failed = tuple(
        c
        for c in after.criteria
        if c.passed is False and passed_before.get(c.criterion.id) is not False
    )
    return ItemChange(after.item, before, after, classify(before, after), newly_met, newly_failed)


def classify(before: ItemResult, after: ItemResult) -> Change:
    """Better, worse or the same: by status first, then by score where the item counts."""
    rank_before, rank_after = _RANK[before.status], _RANK[after.status]
    if rank_after < rank_before:
        return Change.WORSE
    if rank_after > rank_before:
        return Change.BETTER
    if after.status is Status.WAIVED:
        return Change.SAME
    if after.score < before.score:
        # still met: what lowered the score is advice, no regression
        return Change.SAME if after.status is Status.MET else Change.WORSE
    if after.score > before.score:
        return Change.BETTER
    return Change.SAME
