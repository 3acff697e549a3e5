"""The `audit` command itself, apart from how its command line is read.

`cli.py` (Typer) and `fastargs.py` (the quick reader of ordinary audit command lines)
both end here with the same `AuditArgs`, so the two cannot audit differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from herstelcheck.errors import EXIT_ERROR, EXIT_FAIL, EXIT_OK, Diagnostic, UsageError
from herstelcheck.formats import OutputFormat
from herstelcheck.records import record
from herstelcheck.streams import error, render_options, report_diagnostic, warn

if TYPE_CHECKING:
    from herstelcheck.audit import AuditRun
    from herstelcheck.checklist import Checklist, Item
    from herstelcheck.require import Requirement


@record(eq=True)
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
    from herstelcheck import config, progress, reports, require, runner
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
    run = runner.run(
        settings.paths, checklist, today=today, sink=report_diagnostic, track=progress.track
    )
    terminal = settings.format is OutputFormat.TERMINAL
    options = render_options(settings.lang, terminal, args.template)
    if target is not None:  # a file: no colour, the default width
        options = reports.file_options(options)
    for problem in reports.write_all(run, settings.format, target, settings.reports, options):
        warn(problem)
    for miss in require.unmet(run, required):
        report_diagnostic(miss.diagnostic())
    return exit_code(run, settings.fail_under, required)


def exit_code(run: AuditRun, fail_under: float | None, required: Sequence[Item] = ()) -> int:
    """2 when a plan could not be read; else 1 when one scored under `fail_under` or
    does not meet a required item; else 0."""
    from herstelcheck.require import unmet

    if run.errors:
        return EXIT_ERROR
    if fail_under is not None and any(r.score < fail_under for r in run.reports):
        return EXIT_FAIL
    if unmet(run, required):
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
