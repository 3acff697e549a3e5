"""Several reports from one run: `--report FORMAT=FILE`.

A CI job audits once and feeds every consumer: each report is rendered from the same
`AuditRun` in its own format (any format of the registry in `formats`) and written
atomically to its own file. Every target is checked before anything is audited.

When every report of a run is in a format that can be written plan by plan (`STREAMED`),
the run keeps no report: `stream_all` writes each plan's part of every report as soon as
the plan is audited, so memory stays flat however many plans a run audits.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from herstelcheck.errors import UsageError
from herstelcheck.formats import OutputFormat, RenderOptions, ReportSpec, module

if TYPE_CHECKING:
    import datetime as dt

    from herstelcheck.audit import AuditRun, PlanReport
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic


def check_targets(specs: Sequence[ReportSpec], output: str | None, plans: Sequence[str]) -> None:
    """Refuse `--output` or a report file that is a folder, has no folder, is one of the
    `plans` (as named, or found in a folder), or is named twice (by two reports, or by a
    report and --output)."""
    if output is None and not specs:
        return
    from herstelcheck.output import check_target

    seen: dict[Path, str] = {}
    if output is not None:
        check_target(output, plans)
        seen[Path(output).resolve()] = "--output"
    for spec in specs:
        check_target(spec.file, plans)
        key = Path(spec.file).resolve()
        if key in seen:
            raise UsageError(
                f"--report {spec.format.value}={spec.file}: "
                f"the file is already the target of {seen[key]}"
            )
        seen[key] = f"--report {spec.format.value}={spec.file}"


def render_reports(
    run: AuditRun, specs: Sequence[ReportSpec], options: RenderOptions
) -> list[tuple[str, str]]:
    """Render the run once per format: (file, text) for each report, nothing written yet,
    so a report that fails to render leaves every file as it was."""
    from herstelcheck.formats import renderer

    rendered: dict[OutputFormat, str] = {}
    for spec in specs:
        if spec.format not in rendered:
            rendered[spec.format] = renderer(spec.format)(run, options)
    return [(spec.file, rendered[spec.format]) for spec in specs]


def write_reports(run: AuditRun, specs: Sequence[ReportSpec], options: RenderOptions) -> None:
    """Render the run once per format, then write each report atomically."""
    from herstelcheck.output import write_atomic

    for file, text in render_reports(run, specs, options):
        write_atomic(file, text)


def write_all(
    run: AuditRun,
    fmt: OutputFormat,
    output: str | None,
    specs: Sequence[ReportSpec],
    options: RenderOptions,
    quiet: bool = False,
) -> list[str]:
    """Every report of the run: the one in `fmt` to `output` (standard output when None;
    none at all when `quiet`) and each of `specs` to its file, all rendered before any is
    written; then, for the GitHub format, the job summary to $GITHUB_STEP_SUMMARY.
    Returns the problems that do not fail the run (a job summary that could not be
    written)."""
    from herstelcheck.formats import renderer
    from herstelcheck.output import write_output

    text = None if quiet else renderer(fmt)(run, options)
    write_reports(run, specs, file_options(options))
    if text is not None:
        write_output(text, output)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is OutputFormat.GITHUB and summary_file:
        problem: str | None = module(fmt).write_step_summary(run, options, summary_file)
        if problem:
            return [problem]
    return []


STREAMED = frozenset(
    {
        OutputFormat.JSON,
        OutputFormat.TERMINAL,
        OutputFormat.CONCISE,
        OutputFormat.SARIF,
        OutputFormat.JUNIT,
        OutputFormat.GITHUB,
    }
)
"""The formats that are written plan by plan (see `PlanWriter`)."""


class PlanWriter(Protocol):
    """A report written piece by piece: `start()`, `plan(report)` for each plan as it is
    audited, then `end(errors, warnings)` (as `formats.json.Writer`).

    `end` may give its text in chunks (an iterator of strings): a report whose end is
    large and known only then (the SARIF results, which follow the run's errors; the
    JUnit suites, which follow the run's totals) keeps it in a `formats.spool.Spool` and
    gives it back a chunk at a time."""

    def start(self) -> str: ...

    def plan(self, report: PlanReport) -> str: ...

    def end(
        self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]
    ) -> str | Iterable[str]: ...


class AuditedPlans(Protocol):
    """Plans audited one by one (`run.Audit`): iterating yields each plan's report; what
    the end of a report needs is known once they are all through."""

    checklist: Checklist
    today: dt.date
    errors: list[Diagnostic]
    warnings: list[Diagnostic]

    def __iter__(self) -> Iterator[PlanReport]: ...


class Destination(Protocol):
    """Where a report goes: `output.AtomicWriter` (a file) or `output.StandardOutput`."""

    def write(self, text: str) -> None: ...

    def commit(self) -> None: ...

    def discard(self) -> None: ...


def streamable(fmt: OutputFormat, specs: Sequence[ReportSpec]) -> bool:
    """Whether the report in `fmt` and every report of `specs` can be written plan by plan."""
    return fmt in STREAMED and all(spec.format in STREAMED for spec in specs)


def plan_writer(
    fmt: OutputFormat, checklist: Checklist, today: dt.date, options: RenderOptions
) -> PlanWriter:
    """The writer of a format of `STREAMED` (its module is imported now)."""
    if fmt not in STREAMED:
        raise ValueError(f"the {fmt.value} format is not written plan by plan")
    writer: PlanWriter = module(fmt).Writer(checklist, today, options)
    return writer


def stream_all(
    plans: AuditedPlans,
    fmt: OutputFormat,
    output: str | None,
    specs: Sequence[ReportSpec],
    options: RenderOptions,
    on_report: Callable[[PlanReport], None] | None = None,
    quiet: bool = False,
) -> list[str]:
    """Audit `plans` and write every report as `write_all` does (formats of `STREAMED`
    only), plan by plan: each plan's part of each report is written as soon as the plan
    is audited, then the plan is let go. A report file is written to a temporary file
    beside it and put in place only at the end, after all plans; when anything fails on
    the way, every report file stays as it was. `on_report` sees each plan's report
    after it is written. With `quiet` there is no report in `fmt`, only `specs`. Then,
    for the GitHub format, the job summary goes to $GITHUB_STEP_SUMMARY. Returns the
    problems that do not fail the run, as `write_all` does."""
    from herstelcheck.output import AtomicWriter, StandardOutput

    # One writer per format and options, so that each plan is written once for all the
    # reports that are alike. JSON does not depend on colour or width: its reports on
    # standard output and in files share one writer.
    writers: dict[tuple[OutputFormat, RenderOptions], PlanWriter] = {}

    def writer(fmt: OutputFormat, given: RenderOptions) -> PlanWriter:
        key = (fmt, file_options(given) if fmt is OutputFormat.JSON else given)
        if key not in writers:
            writers[key] = plan_writer(fmt, plans.checklist, plans.today, key[1])
        return writers[key]

    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    summary: PlanWriter | None = None
    if fmt is OutputFormat.GITHUB and summary_file:
        summary = module(fmt).Summary(plans.checklist, plans.today, options)
    targets: list[tuple[PlanWriter, Destination]] = []
    try:
        for spec in specs:
            targets.append((writer(spec.format, file_options(options)), AtomicWriter(spec.file)))
        if not quiet:
            main = StandardOutput() if output is None else AtomicWriter(output)
            targets.append((writer(fmt, options), main))
        _send(targets, methodcaller("start"))
        for report in plans:
            _send(targets, methodcaller("plan", report))
            if summary is not None:
                summary.plan(report)
            if on_report is not None:
                on_report(report)
            del report  # let go of it before the next plan is read
        _send(targets, methodcaller("end", plans.errors, plans.warnings))
        for _, destination in targets:  # the report files first, as `write_all` does
            destination.commit()
    except BaseException:
        for _, destination in targets:
            destination.discard()
        raise
    if summary is not None and summary_file:
        ended = summary.end(plans.errors, plans.warnings)
        problem: str | None = module(fmt).append_step_summary(_chunks(ended), summary_file)
        if problem:
            return [problem]
    return []


def _send(
    targets: Sequence[tuple[PlanWriter, Destination]],
    piece: Callable[[Any], str | Iterable[str]],
) -> None:
    """The piece that each writer gives (asked once per writer) to its destinations, a
    chunk at a time when it comes in chunks."""
    destinations: dict[int, tuple[PlanWriter, list[Destination]]] = {}
    for writer, destination in targets:
        destinations.setdefault(id(writer), (writer, []))[1].append(destination)
    for writer, alike in destinations.values():
        for chunk in _chunks(piece(writer)):
            for destination in alike:
                destination.write(chunk)


def _chunks(piece: str | Iterable[str]) -> Iterable[str]:
    """A piece of a report as chunks of text (one, when it is a string)."""
    return (piece,) if isinstance(piece, str) else piece


def file_options(options: RenderOptions) -> RenderOptions:
    """The options of the main report as they apply to a file: no colour, the default
    width (so a report equals what `--format FORMAT --output FILE` writes)."""
    return dataclasses.replace(options, color=None, width=None)
