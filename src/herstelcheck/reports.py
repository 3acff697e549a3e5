"""Several reports from one run: `--report FORMAT=FILE`.

A CI job audits once and feeds every consumer: each report is written in its own format
(any format of the registry in `formats`) to its own file, atomically. Every target is
checked before anything is audited.

The run keeps no report: `stream_all` gives each plan to the writer of every report as
soon as the plan is audited (`PlanWriter`), and the writer writes the plan's part at once
or sets it aside on disk until the end, so memory stays flat however many plans a run
audits.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from herstelcheck.errors import UsageError
from herstelcheck.formats import OutputFormat, PlanWriter, RenderOptions, ReportSpec, module

if TYPE_CHECKING:
    import datetime as dt

    from herstelcheck.audit import PlanReport
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic
    from herstelcheck.output import Rules


def check_targets(
    specs: Sequence[ReportSpec],
    output: str | None,
    plans: Sequence[str],
    rules: Rules | None = None,
) -> None:
    """Refuse `--output` or a report file that `output.check_target` refuses (a folder,
    no folder, one of the `plans` as named or found in a folder, a file of
    `rules.protected`, ...), or that is named twice (by two reports, or by a report and
    --output)."""
    if output is None and not specs:
        return
    from herstelcheck.output import Rules, check_target

    rules = rules or Rules()
    seen: dict[Path, str] = {}
    if output is not None:
        seen[check_target(output, plans, rules)] = "--output"
    for spec in specs:
        key = check_target(spec.file, plans, rules)
        if key in seen:
            raise UsageError(
                f"--report {spec.format.value}={spec.file}: "
                f"the file is already the target of {seen[key]}"
            )
        seen[key] = f"--report {spec.format.value}={spec.file}"


# --- the chart beside a Markdown memo (`--chart`) ---------------------------------------


def chart_file(memo: str) -> str:
    """The chart beside a memo: `memo.md` -> `memo.svg`."""
    path = Path(memo)
    return str(path.with_suffix(".svg") if path.suffix else path.with_name(path.name + ".svg"))


def memo_files(fmt: OutputFormat, output: str | None, specs: Sequence[ReportSpec]) -> list[str]:
    """The Markdown memos a run writes to files: `--output` in the markdown format, and
    each `--report markdown=FILE`."""
    files = [output] if fmt is OutputFormat.MARKDOWN and output is not None else []
    return files + [spec.file for spec in specs if spec.format is OutputFormat.MARKDOWN]


def memo_options(
    options: RenderOptions, fmt: OutputFormat, file: str | None, chart: bool
) -> RenderOptions:
    """The options of a report: a Markdown memo in a file refers to its chart, with
    `chart`, by the chart's name (it stands beside the memo)."""
    if not chart or fmt is not OutputFormat.MARKDOWN or file is None:
        return options
    return dataclasses.replace(options, chart=Path(chart_file(file)).name)


def check_charts(
    memos: Sequence[str],
    specs: Sequence[ReportSpec],
    output: str | None,
    plans: Sequence[str],
    force: bool,
) -> None:
    """Refuse a chart file that exists (without `force`), is a folder, one of the `plans`,
    or the target of a report, before anything is audited."""
    from herstelcheck.output import check_target

    reports = {Path(file).resolve() for file in (*(s.file for s in specs), output) if file}
    charts: dict[Path, str] = {}
    for memo in memos:
        chart = chart_file(memo)
        check_target(chart, plans)
        key = Path(chart).resolve()
        if key in reports:
            raise UsageError(
                f"--chart: the chart of '{memo}' would be '{chart}', which is already the "
                "target of a report"
            )
        if key in charts:
            raise UsageError(
                f"--chart: the memos '{charts[key]}' and '{memo}' would both get the chart "
                f"'{chart}'; give them names that differ before the suffix"
            )
        charts[key] = memo
        if not force and os.path.lexists(chart):
            raise UsageError(f"--chart: '{chart}' already exists; use --force to overwrite it")


def summary_refusal(path: str, inputs: Sequence[str], rules: Rules | None) -> str | None:
    """Why the job summary may not be appended to `path`, or None: only a regular file
    (or a new one) is, so that a FIFO cannot hang the run, and never an input of the run,
    which would get Markdown appended."""
    from herstelcheck.output import same_file

    shown = f"the job summary to '{path}'"
    try:
        info = os.stat(path)
    except FileNotFoundError:  # the runner makes it; a new file is fine too
        return None
    except (OSError, ValueError) as exc:
        return f"cannot write {shown}: {getattr(exc, 'strerror', None) or exc}"
    if stat.S_ISDIR(info.st_mode):
        return f"cannot write {shown}: it is a folder"
    if not stat.S_ISREG(info.st_mode):
        return f"cannot write {shown}: it is not a regular file (a device, pipe or socket)"
    if any(same_file(plan, info) for plan in inputs):
        return f"refusing to write {shown}: it is one of the plans audited"
    for file, kind in rules.protected if rules is not None else ():
        if same_file(file, info):
            return f"refusing to write {shown}: it is {kind} of this run"
    return None


TEXT_FOR_PEOPLE = frozenset({OutputFormat.TERMINAL, OutputFormat.CONCISE})
"""The formats written to standard output in its own encoding; the machine formats go
as UTF-8 bytes, whatever that encoding is."""


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


def plan_writer(
    fmt: OutputFormat, checklist: Checklist, today: dt.date, options: RenderOptions
) -> PlanWriter:
    """The writer of a format (its module is imported now)."""
    writer: PlanWriter = module(fmt).Writer(checklist, today, options)
    return writer


def stream_all(
    plans: AuditedPlans,
    fmt: OutputFormat,
    output: str | None,
    specs: Sequence[ReportSpec],
    options: RenderOptions,
    on_report: Callable[[PlanReport], None] | None = None,
    rules: Rules | None = None,
    quiet: bool = False,
    inputs: Sequence[str] = (),
    *,
    chart: bool = False,
) -> tuple[bool, list[str]]:
    """Audit `plans` and write every report: the one in `fmt` to `output` (standard
    output when None; none at all when `quiet`) and each of `specs` to its file, plan by
    plan: each plan's part of each report is written as soon as the plan is audited,
    then the plan is let go. A report file is written to a temporary file beside it and
    put in place only at the end, after all plans; when anything fails on the way, every
    report file stays as it was. `on_report` sees each plan's report after it is
    written. With `chart`, the chart is written beside each Markdown memo in a file,
    first (over a file that exists only with `rules.force`). Then, for the GitHub format, the
    job summary is appended to $GITHUB_STEP_SUMMARY (a regular file that is none of the
    plans `inputs` nor a file of `rules.protected`).

    Returns whether the run went to its end (False: standard output went away, `| head`,
    and no report file was left to write, so auditing on would serve nobody), and the
    problems that do not fail the run (a job summary that could not be written)."""
    from herstelcheck.output import AtomicWriter, Rules, StandardOutput

    rules = rules or Rules()

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
    main: Destination | None = None  # none with `quiet`
    try:
        memos = memo_files(fmt, output, specs) if chart else []
        if memos:
            html = module(OutputFormat.HTML)
            drawer = html.ChartWriter(plans.checklist, plans.today, file_options(options))
            for memo in memos:
                targets.append((drawer, NewChart(chart_file(memo), rules)))
        for spec in specs:
            given = memo_options(file_options(options), spec.format, spec.file, chart)
            targets.append((writer(spec.format, given), AtomicWriter(spec.file, rules)))
        if not quiet:
            utf8 = fmt not in TEXT_FOR_PEOPLE
            main = StandardOutput(utf8=utf8) if output is None else AtomicWriter(output, rules)
            targets.append((writer(fmt, memo_options(options, fmt, output, chart)), main))
        _send(targets, methodcaller("start"))
        for report in plans:
            _send(targets, methodcaller("plan", report))
            if summary is not None:
                summary.plan(report)
            if on_report is not None:
                on_report(report)
            del report  # let go of it before the next plan is read
            if isinstance(main, StandardOutput) and main.gone and not specs:
                return False, []
        _send(targets, methodcaller("end", plans.errors, plans.warnings))
        for _, destination in targets:  # the charts, the report files, then the main one
            destination.commit()
    except BaseException:
        for _, destination in targets:
            destination.discard()
        raise
    if summary is not None and summary_file:
        problem = summary_refusal(summary_file, inputs, rules)
        if problem is None:
            ended = summary.end(plans.errors, plans.warnings)
            problem = module(fmt).append_step_summary(_chunks(ended), summary_file)
        if problem:
            return True, [problem]
    return True, []


class NewChart:
    """The chart beside a memo, written as a report file is; without `rules.force` it is put in
    place only where no file is (`check_charts` refused one before the run; this refuses
    one that appeared since)."""

    def __init__(self, chart: str, rules: Rules) -> None:
        from herstelcheck.output import AtomicWriter

        self._chart = chart
        self._file = AtomicWriter(chart, rules, replace=rules.force)

    def write(self, text: str) -> None:
        self._file.write(text)

    def commit(self) -> None:
        try:
            self._file.commit()
        except FileExistsError:
            raise UsageError(
                f"--chart: '{self._chart}' already exists; use --force to overwrite it"
            ) from None

    def discard(self) -> None:
        self._file.discard()


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
