"""The Markdown report: a council memo (raadsmemo), rendered from Jinja2 templates.

The bundled memo is written plan by plan (`memo_writer`): `memo-plan.md.j2` writes a
plan's section as soon as it is audited, and `memo.md.j2` the memo around the sections
at the end; `plan.md.j2` is the audit of one plan that both use. A template of the
user's (`--template FILE`) gets the whole run at once, as `docs/templates.md` documents,
and is rendered in a process of its own (`sandbox.render_user_template`). Both run in
the sandbox of `sandbox`, which escapes every value they write for Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from herstelcheck import memo
from herstelcheck.audit import AuditRun
from herstelcheck.formats import RenderOptions, written
from herstelcheck.formats.memo_writer import MemoWriter
from herstelcheck.formats.sandbox import MarkdownText, bundled_environment, render_user_template

if TYPE_CHECKING:
    from herstelcheck.audit import PlanReport
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic

MEMO_TEMPLATE = "memo.md.j2"
"""The bundled memo template, in `herstelcheck/templates/`."""
SECTION_TEMPLATE = "memo-plan.md.j2"
"""The bundled template of a plan's section in a memo of several plans."""


def render(run: AuditRun, options: RenderOptions) -> str:
    """The memo of the run."""
    if options.template is not None:
        return render_user_template(options.template, memo.for_options(run, options).variables())
    return written(BundledMemo(run.checklist, run.today, options), run)


def Writer(  # the name of every format's writer (`reports.plan_writer`)
    checklist: Checklist, today: dt.date, options: RenderOptions
) -> MemoWriter | WholeRun:
    """The memo written piece by piece (`formats.PlanWriter`): the bundled memo plan by
    plan; a user's template, which may use any plan's every value anywhere, from the
    whole run at the end."""
    if options.template is not None:
        return WholeRun(checklist, today, options)
    return BundledMemo(checklist, today, options)


class BundledMemo(MemoWriter):
    """The bundled memo, written plan by plan."""

    def section(self, plan: memo.PlanView, number: int) -> Iterable[str]:
        template = bundled_environment().get_template(SECTION_TEMPLATE)
        return template.generate(plan=plan, words=self.words)

    def page(self, data: memo.Memo, sections: Iterator[str]) -> Iterable[str]:
        template = bundled_environment().get_template(MEMO_TEMPLATE)
        # The sections are Markdown already (`md` escaped their values): written as they are.
        markdown = (MarkdownText(chunk) for chunk in sections)
        return template.generate(data.variables(), sections=markdown)


class WholeRun:
    """A user's template: the plans' reports are kept, and the template rendered from the
    whole run at the end."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._checklist = checklist
        self._today = today
        self._options = options
        self._reports: list[PlanReport] = []

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        self._reports.append(report)
        return ""

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> str:
        run = AuditRun(self._checklist, tuple(self._reports), tuple(errors), self._today)
        self._reports = []
        return render(run, self._options)
