"""Output formats: one module per format of each view, behind one registry (`MODULES`).

A format module of the audit report defines a `Writer`, which writes the report plan by
plan (`PlanWriter`), and::

    def render(run: AuditRun, options: RenderOptions) -> str

the whole report of a run as its writer writes it (`written`); one of `herstelcheck checklist`
`render(checklist, items, options)`, one of `herstelcheck diff` `render(comparison,
options)`, one of `herstelcheck scan` `render(run, options)` with the run's `ScanRun`.
A module is imported only when it is used, so a run pays for the format it asks for
alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from herstelcheck.thresholds import Thresholds

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from herstelcheck.audit import AuditRun, PlanReport
    from herstelcheck.checklist import Checklist, Item
    from herstelcheck.compare import PlanComparison
    from herstelcheck.errors import Diagnostic
    from herstelcheck.scan.results import ScanRun


class OutputFormat(str, Enum):
    """The values of `audit --format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    CONCISE = "concise"


class ChecklistFormat(str, Enum):
    """The values of `checklist --format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"


class DiffFormat(str, Enum):
    """The values of `diff --format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


class ScanFormat(str, Enum):
    """The values of `scan --format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


MODULES: dict[type[Enum], dict[str, str]] = {
    OutputFormat: {
        "terminal": "herstelcheck.formats.terminal",
        "markdown": "herstelcheck.formats.markdown",
        "html": "herstelcheck.formats.html",
        "json": "herstelcheck.formats.json",
        "sarif": "herstelcheck.formats.sarif",
        "junit": "herstelcheck.formats.junit",
        "github": "herstelcheck.formats.github",
        "concise": "herstelcheck.formats.concise",
    },
    ChecklistFormat: {
        "terminal": "herstelcheck.formats.checklist_terminal",
        "markdown": "herstelcheck.formats.checklist_markdown",
    },
    DiffFormat: {
        "terminal": "herstelcheck.formats.diff_terminal",
        "markdown": "herstelcheck.formats.diff_markdown",
        "json": "herstelcheck.formats.diff_json",
    },
    ScanFormat: {
        "terminal": "herstelcheck.formats.scan_terminal",
        "markdown": "herstelcheck.formats.scan_markdown",
        "json": "herstelcheck.formats.scan_json",
    },
}
"""The one registry: for each view (by the enum of its `--format`), the module of each
of its formats."""


@dataclass(frozen=True, slots=True)
class ReportSpec:
    """One extra report of a run (`--report FORMAT=FILE`): a format and its file."""

    format: OutputFormat
    file: str
    """The file as the user named it (or as resolved from the configuration file)."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render a report."""

    lang: str = "nl"
    """Language of the report: nl or en."""
    color: str | None = None
    """The Rich colour system to draw with (`standard`, `256`, `truecolor`), or None for
    no colour (terminal views only)."""
    width: int | None = None
    """Width in columns for the terminal views; None: 80."""
    ascii_only: bool = False
    """Draw symbols, bars and boxes in ASCII (the output's encoding lacks ✔ and ─)."""
    template: str | None = None
    """A template file of the user's (markdown format only)."""
    thresholds: Thresholds = field(default_factory=Thresholds)
    """The thresholds of the run: the machine formats say whether each plan passed."""
    memo_to: str | None = None
    """To whom the memo is addressed (markdown, html); None: the council."""
    memo_from: str | None = None
    """From whom the memo is (markdown, html); None: left empty."""
    front_matter: bool = True
    """Start the memo with pandoc metadata: title, lang, date (markdown)."""
    chart: str | None = None
    """The file name of the chart the memo refers to, written beside it (markdown)."""


class PlanWriter(Protocol):
    """A report written piece by piece: `start()`, `plan(report)` for each plan as it is
    audited, then `end(errors, warnings)` (as `formats.json.Writer`); each gives the text
    to write then.

    `end` may give its text in chunks (an iterator of strings): a report whose end is
    large and known only then (the SARIF results, which follow the run's errors; the
    JUnit suites, which follow the run's totals; a memo's sections, which follow its
    comparison of all plans) keeps it in a `formats.spool.Spool` and gives it back a
    chunk at a time."""

    def start(self) -> str: ...

    def plan(self, report: PlanReport) -> str: ...

    def end(
        self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]
    ) -> str | Iterable[str]: ...


def written(writer: PlanWriter, run: AuditRun) -> str:
    """The whole report of `run` as `writer` writes it plan by plan: the `render` of
    every format, so that a report rendered whole is the one a run writes."""
    pieces = [writer.start(), *(writer.plan(report) for report in run.reports)]
    end = writer.end(run.errors, [d for report in run.reports for d in report.warnings])
    return "".join([*pieces, *((end,) if isinstance(end, str) else end)])


Renderer = Callable[["AuditRun", RenderOptions], str]
ChecklistRenderer = Callable[["Checklist", "Sequence[Item]", RenderOptions], str]
DiffRenderer = Callable[["PlanComparison", RenderOptions], str]
"""(called with `diff_common.DiffOptions`, which are RenderOptions and more)"""
ScanRenderer = Callable[["ScanRun", RenderOptions], str]


def module(fmt: OutputFormat | ChecklistFormat | DiffFormat | ScanFormat) -> Any:
    """The module of a format (imported now)."""
    return importlib.import_module(MODULES[type(fmt)][fmt.value])


def _render(fmt: OutputFormat | ChecklistFormat | DiffFormat | ScanFormat) -> Any:
    """The `render` function of a format's module."""
    return module(fmt).render


def renderer(fmt: OutputFormat) -> Renderer:
    """The render function of an audit report format."""
    render: Renderer = _render(fmt)
    return render


def checklist_renderer(fmt: ChecklistFormat) -> ChecklistRenderer:
    """The render function of a format of `herstelcheck checklist`."""
    render: ChecklistRenderer = _render(fmt)
    return render


def diff_renderer(fmt: DiffFormat) -> DiffRenderer:
    """The render function of a format of `herstelcheck diff`."""
    render: DiffRenderer = _render(fmt)
    return render


def scan_renderer(fmt: ScanFormat) -> ScanRenderer:
    """The render function of a format of `herstelcheck scan`."""
    render: ScanRenderer = _render(fmt)
    return render
