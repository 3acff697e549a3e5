"""Items that every plan must meet (`--require ITEM`, `require:` in the configuration).

A required item is satisfied when its status is `met`, or `waived` by an active waiver:
a waiver is a deliberate, justified decision recorded in the plan and shown in every
report. An expired waiver does not count (the item then has the status its criteria
give). Any other status fails the run with exit code 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from herstelcheck.errors import Diagnostic

if TYPE_CHECKING:
    from herstelcheck.audit import ItemResult, PlanReport
    from herstelcheck.checklist import Checklist, Item

COMMAND_LINE = "--require"


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
class Unmet:
    """A required item that a plan does not meet."""

    report: PlanReport
    result: ItemResult

    def diagnostic(self) -> Diagnostic:
        """`file:line:col: error: ...`, at the first failed criterion that has a place."""
        item = self.result.item
        line, column = 1, 1
        for criterion in self.result.failed:
            if criterion.line is not None:
                line, column = criterion.line, criterion.column or 1
                break
        return Diagnostic(
            self.report.file,
            line,
            column,
            "error",
            f"required item {item.id} ({item.slug}) is not met: {self.result.status.value}",
        )


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


def unmet_in(report: PlanReport, items: Sequence[Item]) -> list[Unmet]:
    """Every required item that the plan does not meet."""
    ids = {item.id for item in items}
    return [
        Unmet(report, result)
        for result in report.items
        if result.item.id in ids and not satisfied(result)
    ]
