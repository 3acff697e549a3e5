"""Run an audit: find the plans, audit them one by one, hand each report to the formats,
and decide the exit code.

A plan that cannot be read does not stop the run: its errors are reported as soon as
they are known and the other plans are still audited. The run keeps no report: each
plan is audited, handed to the writer of every report (`reports.stream_all`) and let
go, and the exit code is decided from the few facts kept as the plans pass (`Outcome`).
`audit_paths` keeps the whole run instead, for a caller that wants it (`AuditRun`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from herstelcheck.audit import AuditRun, PlanReport, audit_plan
from herstelcheck.checklist import Checklist, Item
from herstelcheck.errors import EXIT_ERROR, EXIT_FAIL, EXIT_OK, Diagnostic
from herstelcheck.formats import OutputFormat
from herstelcheck.plan import STDIN, NotAPlan, PlanError, load_file
from herstelcheck.thresholds import COMMAND_LINE, Requirement, Thresholds, resolve, shortfalls

if TYPE_CHECKING:
    from herstelcheck.console import Terminal
    from herstelcheck.output import Rules
    from herstelcheck.settings import Settings

PLAN_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = (
    ".herstelcheck.yaml",
    ".herstelcheck.yml",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
)
"""YAML files that are never plans: skipped in a folder, and when named directly."""

DiagnosticSink = Callable[[Diagnostic], None]

NOT_A_PLAN = "not a plan (none of the plan's keys, such as 'gemeente' or 'titel'); skipped"


@dataclass
class Collected:
    """Plan paths found, and the problems with the paths themselves."""

    files: list[str] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    walked: set[str] = field(default_factory=set)
    """The files found in a folder (not named): YAML files there that are no plans are
    skipped with a note."""


def collect(paths: Iterable[str]) -> Collected:
    """Expand PATH arguments: files as given, folders to their `*.yaml`/`*.yml` plans
    (hidden files and folders left out, in name order), `-` for standard input."""
    found = Collected()
    seen: set[str] = set()

    def add(name: str) -> None:
        # One plan is audited once, however it is named: by another path, through a
        # symbolic link, or both by name and inside a folder given too.
        key = name if name == STDIN else os.path.realpath(name)
        if key not in seen:
            seen.add(key)
            found.files.append(name)

    for raw in paths:
        if raw == STDIN:
            add(STDIN)
            continue
        path = Path(raw)
        if os.path.isdir(raw):  # False also for a name the system cannot take
            unreadable: list[Diagnostic] = []
            plans = _plans_in(path, unreadable)
            found.errors.extend(unreadable)
            if not plans and not unreadable:
                found.errors.append(
                    Diagnostic(
                        raw, 1, 1, "error", "the folder holds no plans (*.yaml or *.yml files)"
                    )
                )
            for plan in plans:
                add(plan)
                found.walked.add(plan)
        elif Path(raw).name in CONFIG_NAMES:
            continue  # named directly, as pre-commit does: still never a plan
        else:
            add(raw)
    return found


def _plans_in(folder: Path, errors: list[Diagnostic]) -> list[str]:
    """The plans below `folder`; a folder that cannot be listed is an error in `errors`
    (symbolic links to folders are not followed, so a link loop cannot trap the walk)."""

    def unreadable(exc: OSError) -> None:
        where = str(exc.filename) if exc.filename is not None else str(folder)
        reason = exc.strerror or str(exc)
        errors.append(Diagnostic(where, 1, 1, "error", f"cannot read the folder: {reason}"))

    results = []
    inside = os.path.realpath(folder)
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or name in CONFIG_NAMES:
                continue
            if name.lower().endswith(PLAN_SUFFIXES):
                path = os.path.join(root, name)
                outside = _points_outside(path, inside)
                if outside is None:
                    results.append(path)
                else:
                    errors.append(
                        Diagnostic(
                            path,
                            1,
                            1,
                            "error",
                            f"is a symbolic link to '{outside}', outside the folder "
                            f"'{folder}'; a folder's plans stay inside it (name the file "
                            "itself to audit it)",
                        )
                    )
    return sorted(results, key=lambda p: Path(p).parts)


def _points_outside(path: str, folder: str) -> str | None:
    """Where the symbolic link `path` leads when that is outside `folder` (a real path);
    None for a file that is no link, a link inside, or a loop (which the reader reports)."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
    real = os.path.realpath(path)
    try:
        inside = os.path.commonpath([real, folder]) == folder
    except ValueError:  # pragma: no cover - another drive on Windows
        inside = False
    return None if inside else real


class Audit:
    """Plans audited one by one, none kept: iterating yields each plan's report as soon
    as it is audited, and lets go of it (and of the plan) before the next plan is read.
    What the end of a run needs once the reports are gone is kept as the plans pass:
    `errors` and `warnings`. Every diagnostic goes to `sink` as soon as it is known.

    Iterate inside `with`, which tunes the garbage collector for the batch:

        with Audit(files, checklist, today=today, sink=sink) as plans:
            for report in plans:
                ...
        plans.errors
    """

    def __init__(
        self,
        files: Iterable[str],
        checklist: Checklist,
        *,
        today: dt.date,
        sink: DiagnosticSink,
        errors: Iterable[Diagnostic] = (),
        skip: Callable[[str], bool] = lambda name: False,
    ) -> None:
        self.checklist = checklist
        self.today = today
        self.errors: list[Diagnostic] = list(errors)
        """The errors of the run so far: `errors` given, then those of each plan that
        could not be read (as in `AuditRun.errors`)."""
        self.warnings: list[Diagnostic] = []
        """The warnings of the plans audited so far, plan by plan."""
        self._files = files
        self._sink = sink
        self._skip = skip
        """Whether a YAML file of that name that is no plan is skipped with a note."""
        self._collections = _fewer_collections()

    def __enter__(self) -> Audit:
        self._collections.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._collections.__exit__(None, None, None)
        # A run that stops half-way (an interrupt, a reader gone) closes the progress
        # bar now, which gives the terminal its cursor back.
        close = getattr(self._files, "close", None)
        if close is not None:
            close()

    def __iter__(self) -> Iterator[PlanReport]:
        for name in self._files:
            report = self._audit(name)
            if report is None:
                continue
            self.warnings.extend(report.warnings)
            yield report
            report = None  # let go of it before the next plan is read

    def _audit(self, name: str) -> PlanReport | None:
        """The report of one plan; None (its errors in `errors`) when it cannot be read."""
        try:
            loaded, warnings = load_file(name)
        except NotAPlan as exc:
            if self._skip(name):
                self._sink(Diagnostic(name, 0, 0, "note", NOT_A_PLAN))
            else:
                self._unreadable(exc)
            return None
        except PlanError as exc:
            self._unreadable(exc)
            return None
        report = audit_plan(loaded, self.checklist, today=self.today, warnings=tuple(warnings))
        for diagnostic in report.warnings:
            self._sink(diagnostic)
        return report

    def _unreadable(self, exc: PlanError) -> None:
        """Report why a plan could not be read."""
        for diagnostic in exc.diagnostics:
            self._sink(diagnostic)
            if diagnostic.severity == "error":
                self.errors.append(diagnostic)


def start(
    paths: Iterable[str],
    checklist: Checklist,
    *,
    today: dt.date,
    sink: DiagnosticSink,
    track: Callable[[list[str]], Iterable[str]] | None = None,
    skip_non_plans: bool = False,
) -> Audit:
    """Find the plans under `paths` (the problems with the paths go to `sink` now), ready
    to be audited one by one; `track`, when given, wraps the list of plan files to follow
    the progress (see `console.Terminal.track`). A YAML file found in a folder that is no
    plan is skipped with a note, and so is one named, with `skip_non_plans`."""
    found = collect(paths)
    for diagnostic in found.errors:
        sink(diagnostic)
    files = track(found.files) if track is not None else found.files

    def skip(name: str) -> bool:
        return skip_non_plans or name in found.walked

    return Audit(files, checklist, today=today, sink=sink, errors=found.errors, skip=skip)


def audit_files(
    files: Iterable[str],
    checklist: Checklist,
    *,
    today: dt.date,
    sink: DiagnosticSink,
    on_report: Callable[[PlanReport], None] | None = None,
) -> tuple[list[PlanReport], list[Diagnostic]]:
    """Audit each file and keep the reports; every diagnostic goes to `sink` as soon as
    it is known."""
    with Audit(files, checklist, today=today, sink=sink) as plans:
        reports = _keep(plans, on_report)
    return reports, plans.errors


def _keep(plans: Audit, on_report: Callable[[PlanReport], None] | None) -> list[PlanReport]:
    reports: list[PlanReport] = []
    for report in plans:
        reports.append(report)
        if on_report is not None:
            on_report(report)
    return reports


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Let the cyclic garbage collector run less often while plans are audited.

    Reading a plan allocates many small objects and keeps many of them (the report, at
    least until it is written), so with the default threshold the collector runs every
    few hundred allocations and scans them (and, in a run that keeps its reports, those
    of all earlier plans) again and again: about 5% of a large batch. Nearly all memory
    is freed by reference counting anyway.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 50_000), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def audit_paths(
    paths: Iterable[str],
    checklist: Checklist,
    *,
    today: dt.date,
    sink: DiagnosticSink,
    on_report: Callable[[PlanReport], None] | None = None,
    track: Callable[[list[str]], Iterable[str]] | None = None,
    skip_non_plans: bool = False,
) -> AuditRun:
    """Find and audit every plan under `paths`, keeping every report (see `start` for a
    run that keeps none); `track` and `skip_non_plans` as for `start`."""
    with start(
        paths, checklist, today=today, sink=sink, track=track, skip_non_plans=skip_non_plans
    ) as plans:
        reports = _keep(plans, on_report)
    return AuditRun(checklist, tuple(reports), tuple(plans.errors), today)


# --- the audit command ------------------------------------------------------------------

QUIETENED = frozenset({OutputFormat.TERMINAL, OutputFormat.CONCISE})
"""The formats that `--quiet` leaves out on standard output (machine formats stay)."""


def audit(settings: Settings, terminal: Terminal) -> int:
    """Audit the plans of `settings`, write every report, and return the exit code.

    Raises UsageError or HerstelcheckError for what cannot be done; the caller says it.
    """
    from herstelcheck import reports
    from herstelcheck.checklist import load as load_checklist
    from herstelcheck.output import standard_output_gone

    if settings.verbose:
        terminal.note(settings.config_source)
    rules = _rules(settings)
    inputs: list[str] = []  # every plan, as named and as found in a folder
    summary = settings.format is OutputFormat.GITHUB and os.environ.get("GITHUB_STEP_SUMMARY")
    if settings.output is not None or settings.reports or summary:
        inputs = [*settings.paths, *collect(settings.paths).files]
    reports.check_targets(settings.reports, settings.output, inputs, rules)
    if settings.chart:
        memos = reports.memo_files(settings.format, settings.output, settings.reports)
        reports.check_charts(memos, settings.reports, settings.output, inputs, settings.force)
    checklist = load_checklist(settings.checklist)
    required = _required(settings.require, checklist, terminal)
    if required is None:
        return EXIT_ERROR
    thresholds = Thresholds(settings.fail_under, settings.fail_on, required)
    options = dataclasses.replace(
        terminal.render_options(settings.lang, settings.template),
        thresholds=thresholds,
        memo_to=settings.memo_to,
        memo_from=settings.memo_from,
        front_matter=settings.front_matter,
    )
    if settings.output is not None:  # a file: no colour, the default width
        options = reports.file_options(options)
    outcome = Outcome(thresholds, settings.lang)
    # A bar on standard error, drawn again and again, would run across a report that
    # goes to the same terminal as it is written.
    on_screen = settings.output is None and terminal.out.is_terminal
    track = terminal.track if not on_screen else None
    today, sink = settings.today, terminal.diagnostic
    quiet = settings.quiet and settings.output is None and settings.format in QUIETENED
    with start(
        settings.paths,
        checklist,
        today=today,
        sink=sink,
        track=track,
        skip_non_plans=settings.skip_non_plans,
    ) as plans:
        complete, problems = reports.stream_all(
            plans,
            settings.format,
            settings.output,
            settings.reports,
            options,
            on_report=outcome.add,
            quiet=quiet,
            rules=rules,
            inputs=inputs,
            chart=settings.chart,
        )
    outcome.errors = bool(plans.errors)
    for problem in problems:
        terminal.warn(problem)
    gone = standard_output_gone() and not settings.reports
    if not complete or gone:  # the reader went away: nothing more to say, to nobody
        return outcome.exit_code()
    for diagnostic in outcome.shortfalls:
        terminal.diagnostic(diagnostic)
    return outcome.exit_code()


def _rules(settings: Settings) -> Rules:
    """What the report files of a run may replace: never the checklist, configuration
    or template file the run reads."""
    from herstelcheck.output import Rules

    protected = [
        (file, kind)
        for file, kind in (
            (settings.checklist, "the checklist file"),
            (settings.config.file if settings.config else None, "the configuration file"),
            (settings.template, "the template file"),
        )
        if file
    ]
    return Rules(settings.follow_symlinks, settings.force, tuple(protected))


class Outcome:
    """What the exit code and the verdict lines after the report need of a run, gathered
    as its plans pass (`add`), so that a run that keeps no report can decide them too."""

    def __init__(self, thresholds: Thresholds, lang: str = "nl") -> None:
        self.thresholds = thresholds
        self.lang = lang
        self.errors = False
        """Whether a plan could not be read (or a path named no plans)."""
        self.shortfalls: list[Diagnostic] = []
        """A line for each way a plan falls short of the thresholds, plan by plan."""

    def add(self, report: PlanReport) -> None:
        for reason in shortfalls(report, self.thresholds, self.lang):
            self.shortfalls.append(Diagnostic(report.file, 0, 0, "error", reason))

    def exit_code(self) -> int:
        """2 when a plan could not be read; else 1 when one falls short; else 0."""
        if self.errors:
            return EXIT_ERROR
        if self.shortfalls:
            return EXIT_FAIL
        return EXIT_OK


def _required(
    requirements: Sequence[Requirement], checklist: Checklist, terminal: Terminal
) -> tuple[Item, ...] | None:
    """The required items in the checklist; None (after saying why on standard error)
    when one names an item the checklist does not have."""
    items, problems = resolve(requirements, checklist)
    for requirement, message in problems:
        if requirement.source == COMMAND_LINE:
            terminal.error(f"--require: {message}")
        else:
            terminal.diagnostic(
                Diagnostic(
                    requirement.source,
                    requirement.line,
                    requirement.column,
                    "error",
                    f"'require': {message}",
                )
            )
    return None if problems else items
