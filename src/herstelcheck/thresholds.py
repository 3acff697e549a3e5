"""The thresholds of a run, and whether each plan meets them.

A plan falls short when it scores under `--fail-under`, when an item that is not waived
is missing (`--fail-on missing`) or not met (`--fail-on partial`), or when it does not
meet an item it must meet (`--require ITEM`, `require:` in the configuration). A
required item is satisfied when its status is `met`, or `waived` by an active waiver: a
waiver is a deliberate, justified decision recorded in the plan and shown in every
report. An expired waiver does not count (the item then has the status its criteria
give). Each shortfall is said in one sentence, and makes the run exit with code 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from herstelcheck.i18n import number

if TYPE_CHECKING:
    from herstelcheck.audit import ItemResult, PlanReport
    from herstelcheck.checklist import Checklist, Item

COMMAND_LINE = "--require"


class FailOn(str, Enum):
    """The values of `--fail-on`: which item status fails a plan."""

    MISSING = "missing"
    PARTIAL = "partial"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Requirement:
    """An item that must be met, as the user wrote it."""

    key: str
    """An item number or slug."""
    source: str = COMMAND_LINE
    """Where it was written: `--require`, or the configuration file."""
    line: int = 0
    """The line in the configuration file; 0 on the command line."""
    column: int = 0


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What every plan of a run must reach; a plan that does not falls short."""

    fail_under: float | None = None
    """The lowest score (0-100) a plan may have; None: no such threshold."""
    fail_on: FailOn = FailOn.NONE
    required: tuple[Item, ...] = ()
    """The items every plan must meet."""

    def describe(self) -> dict[str, object]:
        """The thresholds as the JSON report gives them: each None where not set."""
        return {
            "fail_under": self.fail_under,
            "fail_on": None if self.fail_on is FailOn.NONE else self.fail_on.value,
            "require": [item.id for item in self.required] or None,
        }

    @property
    def any(self) -> bool:
        """Whether any threshold is set."""
        return self.fail_under is not None or self.fail_on is not FailOn.NONE or bool(self.required)


def resolve(
    requirements: Iterable[Requirement], checklist: Checklist
) -> tuple[tuple[Item, ...], list[tuple[Requirement, str]]]:
    """The checklist items named, in checklist order, and a problem for each name that
    the checklist does not have."""
    wanted: set[int] = set()
    problems: list[tuple[Requirement, str]] = []
    for requirement in requirements:
        item = checklist.item(requirement.key)
        if item is None:
            first, last = checklist.items[0], checklist.items[-1]
            problems.append(
                (
                    requirement,
                    f"the checklist has no item '{requirement.key}' (use a number from "
                    f"{first.id} to {last.id} or a slug such as '{first.slug}')",
                )
            )
        else:
            wanted.add(item.id)
    return tuple(i for i in checklist.items if i.id in wanted), problems


def satisfied(result: ItemResult) -> bool:
    """Met, or waived by an active waiver."""
    from herstelcheck.audit import Status

    return result.status in (Status.MET, Status.WAIVED)


def shortfalls(report: PlanReport, thresholds: Thresholds, lang: str = "nl") -> list[str]:
    """Why the plan falls short of the thresholds, one sentence each (none: it passes),
    such as `score 48,3 is under 60 (--fail-under)` or `item 5 (Benoem een trekker) is
    partial; required: met`."""
    from herstelcheck.audit import Status

    reasons: list[str] = []
    limit = thresholds.fail_under
    if limit is not None and report.score < limit:
        reasons.append(
            f"score {number(report.score, lang)} is under {_limit(limit, lang)} (--fail-under)"
        )
    required = {item.id for item in thresholds.required}
    failing = {Status.MISSING} if thresholds.fail_on is FailOn.MISSING else set()
    if thresholds.fail_on is FailOn.PARTIAL:
        failing = {Status.MISSING, Status.PARTIAL}
    for result in report.items:
        item = result.item
        name = f"item {item.id} ({item.title.get(lang)})"
        if item.id in required and not satisfied(result):
            reasons.append(f"{name} is {result.status.value}; required: met")
        elif result.status in failing:
            wanted = "; required: met" if result.status is Status.PARTIAL else ""
            reasons.append(
                f"{name} is {result.status.value}{wanted} (--fail-on {thresholds.fail_on.value})"
            )
    return reasons


def _limit(value: float, lang: str) -> str:
    """A threshold as the user wrote it: 60, not 60,0."""
    return str(int(value)) if value == int(value) else number(value, lang)
