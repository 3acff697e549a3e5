"""The `audit` command itself, apart from how its command line is read.

`cli.py` (Typer) and `fastargs.py` (the quick reader of ordinary audit command lines)
both end here with the same `AuditArgs`, so the two cannot audit differently.

When every report is in a format written plan by plan (`reports.STREAMED`: JSON), the
run keeps no report: each plan is audited, written and let go, and the exit code is
decided from the few facts kept as the plans pass (`Outcome`). Otherwise the whole run
is kept and rendered at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from herstelcheck.errors import EXIT_ERROR, EXIT_FAIL, EXIT_OK, Diagnostic, UsageError
from herstelcheck.formats import OutputFormat
from herstelcheck.streams import error, render_options, report_diagnostic, warn

if TYPE_CHECKING:
    import datetime as dt

    from herstelcheck.audit import PlanReport
    from herstelcheck.checklist import Checklist, Item
    from herstelcheck.config import Settings
    from herstelcheck.formats import RenderOptions
    from herstelcheck.require import Requirement


@dataclass(frozen=True, slots=True)
class AuditArgs:
    """The command line of `herstelcheck audit`, read; None or empty where not given."""

    paths: tuple[str, ...] = ()
    format: OutputFormat | None = None
    output: Path | None = None
    report: tuple[str, ...] = ()
    lang: str | None = None
    checklist: Path | None = None
    fail_under: float | None = None
    require: tuple[str, ...] = ()
    config: Path | None = None
    no_config: bool = False
    date: str | None = None
    template: Path | None = None


def run(args: AuditArgs) -> int:
    """Audit, write the reports, and return the exit code.

    Raises UsageError or HerstelcheckError for what cannot be done; the caller prints it.
    """
    from herstelcheck import config, reports
    from herstelcheck.checklist import load as load_checklist
    from herstelcheck.environment import audit_date

    today = audit_date(args.date)
    specs = [reports.parse_spec(spec) for spec in args.report]
    settings = config.merge(
        config.read(args.config, ignore=args.no_config),
        paths=args.paths,
        format=args.format,
        lang=args.lang,
        checklist=str(args.checklist) if args.checklist is not None else None,
        fail_under=args.fail_under,
        require=args.require,
        reports=specs,
    )
    if args.template is not None and OutputFormat.MARKDOWN not in {
        settings.format,
        *(spec.format for spec in settings.reports),
    }:
        raise UsageError(
            "--template works with the markdown format only (--format or --report markdown)"
        )
    if not settings.paths:
        raise UsageError(
            "no plans to audit: name a PATH (a plan file or a folder of plans), "
            "or set 'paths' in .herstelcheck.yaml"
        )
    target = str(args.output) if args.output is not None else None
    reports.check_targets(settings.reports, target, settings.paths)
    checklist = load_checklist(Path(settings.checklist) if settings.checklist else None)
    required = resolve_required(settings.require, checklist)
    if required is None:
        return EXIT_ERROR
    terminal = settings.format is OutputFormat.TERMINAL
    options = render_options(settings.lang, terminal, args.template)
    if target is not None:  # a file: no colour, the default width
        options = reports.file_options(options)
    outcome = Outcome(required)
    _audit(settings, checklist, today, target, options, outcome)
    for diagnostic in outcome.unmet:
        report_diagnostic(diagnostic)
    return outcome.exit_code(settings.fail_under)


def _audit(
    settings: Settings,
    checklist: Checklist,
    today: dt.date,
    target: str | None,
    options: RenderOptions,
    outcome: Outcome,
) -> None:
    """Audit the plans and write every report: plan by plan, keeping no report, when
    every report's format allows it (`reports.STREAMED`); else from the whole run."""
    from herstelcheck import progress, reports, runner
    from herstelcheck.environment import is_terminal

    if not reports.streamable(settings.format, settings.reports):
        run = runner.run(
            settings.paths,
            checklist,
            today=today,
            sink=report_diagnostic,
            on_report=outcome.add,
            track=progress.track,
        )
        outcome.errors = bool(run.errors)
        for problem in reports.write_all(run, settings.format, target, settings.reports, options):
            warn(problem)
        return
    # On a terminal the report shows the progress itself, and a bar on standard error,
    # drawn again and again on the same screen, would run across it.
    track = None if target is None and is_terminal(sys.stdout) else progress.track
    with runner.start(
        settings.paths, checklist, today=today, sink=report_diagnostic, track=track
    ) as plans:
        reports.stream_all(
            plans, settings.format, target, settings.reports, options, on_report=outcome.add
        )
    outcome.errors = bool(plans.errors)


class Outcome:
    """What the exit code and the diagnostics after the report need of a run, gathered as
    its plans pass (`add`), so that a run that keeps no report can decide them too."""

    def __init__(self, required: Sequence[Item] = ()) -> None:
        self.required = required
        self.errors = False
        """Whether a plan could not be read (or a path named no plans)."""
        self.lowest: float | None = None
        """The lowest score of a plan; None before the first."""
        self.unmet: list[Diagnostic] = []
        """A diagnostic for each required item that a plan does not meet, plan by plan."""

    def add(self, report: PlanReport) -> None:
        from herstelcheck.require import unmet_in

        if self.lowest is None or report.score < self.lowest:
            self.lowest = report.score
        self.unmet.extend(miss.diagnostic() for miss in unmet_in(report, self.required))

    def exit_code(self, fail_under: float | None) -> int:
        """2 when a plan could not be read; else 1 when one scored under `fail_under` or
        does not meet a required item; else 0."""
        if self.errors:
            return EXIT_ERROR
        if fail_under is not None and self.lowest is not None and self.lowest < fail_under:
            return EXIT_FAIL
        if self.unmet:
            return EXIT_FAIL
        return EXIT_OK


def resolve_required(
    requirements: Sequence[Requirement], checklist: Checklist
) -> tuple[Item, ...] | None:
    """The required items in the checklist; None (after saying why on standard error)
    when one names an item the checklist does not have."""
    from herstelcheck.require import COMMAND_LINE, resolve

    items, problems = resolve(requirements, checklist)
    for requirement, message in problems:
        if requirement.source == COMMAND_LINE:
            error(f"--require: {message}")
        else:
            report_diagnostic(
                Diagnostic(
                    requirement.source,
                    requirement.line,
                    requirement.column,
                    "error",
                    f"'require': {message}",
                )
            )
    return None if problems else items
