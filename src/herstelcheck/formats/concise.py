"""The concise format: one line per failed criterion, in the form that editors,
pre-commit and problem matchers read (as ruff and yamllint's `parsable` write it):

    plans/breda.yaml:38:1: error: [item 5] Het plan zegt niet hoe de raad op de
    hoogte wordt gehouden. [trekker.raad_informeren]

(one line each; wrapped here).

`error` for a finding that keeps its item from being met, `note` for advice. A waived
item gives no lines: the waiver is the plan's answer. Plan text in a message is made
visible (no control characters, one line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from herstelcheck.audit import AuditRun, PlanReport, Status
from herstelcheck.checklist import Checklist
from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions, written
from herstelcheck.textsafe import visible


def render(run: AuditRun, options: RenderOptions) -> str:
    return written(Writer(run.checklist, run.today, options), run)


class Writer:
    """The lines of each plan, written as soon as the plan is audited."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._lang = options.lang

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        return "".join(f"{line}\n" for line in lines(report, self._lang))

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()) -> str:
        return ""


def lines(report: PlanReport, lang: str) -> list[str]:
    """`FILE:LINE:COL: LEVEL: [item N] message [key]` for each failed criterion."""
    found = []
    file = visible(report.file)
    for item in report.items:
        if item.status is Status.WAIVED:
            continue
        for result in item.failed:
            level = "error" if result.blocks else "note"
            place = f"{result.line or 1}:{result.column or 1}"
            message = " ".join(visible(result.message(lang)).split())
            key = f" [{visible(result.key)}]" if result.key else ""
            found.append(f"{file}:{place}: {level}: [item {item.item.id}] {message}{key}")
    return found
