"""The council memo written plan by plan: what the Markdown memo and the HTML report share.

A memo of several plans begins with what is known only once every plan is audited (its
subject names how many plans there are; its summary and comparison have a row per
plan), and then gives a section per plan. So as each plan is audited its section is
written at once and set aside in a `Spool` (on disk once it is large), and only the
plan's row of the comparison (`memo.PlanRowView`) is kept; at the end the memo is
written around them. A run of 20,000 plans keeps 20,000 rows, not 20,000 audits.

A memo of one plan is the plan's own memo, with its sections at another level: the
first plan's view is kept until a second one comes, and its section written only then.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from herstelcheck import memo
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.spool import Spool, chunked

if TYPE_CHECKING:
    from herstelcheck.audit import PlanReport
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic


class MemoWriter(ABC):
    """A memo written piece by piece, as the other reports are (`formats.PlanWriter`):
    `start()`, `plan(report)` for each plan as it is audited, then `end(errors,
    warnings)`, which gives the whole memo in chunks. A format says how a plan's section
    (`section`) and the memo around the sections (`page`) are written."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self.checklist = checklist
        self.today = today
        self.options = options
        self.words = memo.labels(options.lang)
        self._first: memo.PlanView | None = None
        """The view of the only plan so far, until a second one comes."""
        self._rows: list[memo.PlanRowView] = []
        self._alike: dict[memo.ItemRowView, memo.ItemRowView] = {}
        self._sections = Spool()

    def start(self) -> str:
        """Nothing yet: the memo begins with what the last plan completes."""
        return ""

    def plan(self, report: PlanReport) -> str:
        """Nothing yet: the plan's section is set aside, its row kept."""
        view = memo.plan_view(report, self.options.lang)
        self._rows.append(memo.plan_row(view, self._alike))
        if len(self._rows) == 1:
            self._first = view
            return ""
        if self._first is not None:
            self._set_aside(self._first, 1)
            self._first = None
        self._set_aside(view, len(self._rows))
        return ""

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> Iterator[str]:
        """The whole memo, in chunks: for the plans audited and the `errors` of those
        that could not be read (a memo names no warnings)."""
        plans: memo.Plans = (self._first,) if self._first is not None else tuple(self._rows)
        data = memo.assemble(self.checklist, self.today, errors, plans, self.options)
        try:
            yield from chunked(self.page(data, self._sections.read()))
        finally:
            self._sections.close()

    def _set_aside(self, plan: memo.PlanView, number: int) -> None:
        self._sections.write("".join(self.section(plan, number)))  # one piece a section

    @abstractmethod
    def section(self, plan: memo.PlanView, number: int) -> Iterable[str]:
        """The section of the `number`th plan in a memo of several plans."""

    @abstractmethod
    def page(self, data: memo.Memo, sections: Iterator[str]) -> Iterable[str]:
        """The memo of `data`, with the plans' `sections` (empty for a memo of one plan or
        none) after the comparison."""
