"""The command line: parse options, build the parts, run them, return an exit code.

Everything heavier than Typer is imported inside the command that needs it, so that
`herstelcheck --help` and a single audit start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from herstelcheck import __version__
from herstelcheck.errors import Diagnostic, HerstelcheckError, UsageError
from herstelcheck.formats import OutputFormat
from herstelcheck.lightparams import LightCommand, LightGroup

if TYPE_CHECKING:
    from herstelcheck.audit import AuditRun
    from herstelcheck.checklist import Checklist

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class Lang(str, Enum):
    nl = "nl"
    en = "en"


app = typer.Typer(
    name="herstelcheck",
    cls=LightGroup,
    help=(
        "Audit a municipality's recovery plan for the local economy against the ten items "
        "of the VNG Top 10 checklist for an effective recovery approach (May 2021)."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"herstelcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when herstelcheck itself fails.")
    ] = False,
) -> None:
    _state["debug"] = debug


# --- shared helpers ------------------------------------------------------------------


def _stderr_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def stdout_color() -> bool:
    """Whether the report on standard output may use colour."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def report_diagnostic(diagnostic: Diagnostic) -> None:
    """Print one diagnostic on standard error, `file:line:col: severity: message`."""
    line = diagnostic.format()
    if _stderr_color():
        color = "\x1b[31m" if diagnostic.severity == "error" else "\x1b[33m"
        marker = f"{diagnostic.severity}:"
        line = line.replace(f" {marker} ", f" {color}{marker}\x1b[0m ", 1)
    print(line, file=sys.stderr)


def fail(message: str) -> NoReturn:
    """Stop with a usage error (exit 2)."""
    from herstelcheck.textsafe import visible

    print(f"herstelcheck: error: {visible(message)}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


def write_output(text: str, output: Path | None) -> None:
    """The report to a file (atomically) or to standard output."""
    if output is not None:
        from herstelcheck.output import write_atomic

        write_atomic(output, text)
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `herstelcheck audit ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def audit_date(value: str | None) -> dt.date:
    """The date of the audit: --date, else SOURCE_DATE_EPOCH, else today."""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            fail(f"--date must be a date such as 2021-06-30 (got '{value}')")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            fail(f"SOURCE_DATE_EPOCH must be a number of seconds (got '{epoch}')")
    return dt.date.today()


def load_checklist(path: Path | None) -> Checklist:
    from herstelcheck import checklist

    try:
        return checklist.load(path)
    except HerstelcheckError as exc:
        for diagnostic in exc.diagnostics:
            report_diagnostic(diagnostic)
        raise typer.Exit(EXIT_ERROR) from None


def exit_code(run: AuditRun, fail_under: float | None) -> int:
    """2 when a plan could not be read, 1 when one scored under `fail_under`, else 0."""
    if run.errors:
        return EXIT_ERROR
    if fail_under is not None and any(r.score < fail_under for r in run.reports):
        return EXIT_FAIL
    return EXIT_OK


# --- audit ---------------------------------------------------------------------------

PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Plan files, folders (every *.yaml and *.yml below them) or - for standard input.",
        show_default=False,
    ),
]


@app.command(cls=LightCommand)
def audit(
    paths: PathsArg,
    format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Format of the report."),
    ] = OutputFormat.TERMINAL,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Write the report to FILE (atomically) instead of standard output.",
            metavar="FILE",
            dir_okay=True,
        ),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", case_sensitive=False, help="Language of the report.")
    ] = Lang.nl,
    checklist_file: Annotated[
        Optional[Path],
        typer.Option(
            "--checklist",
            help="Use this checklist file instead of the bundled one.",
            metavar="FILE",
        ),
    ] = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            metavar="SCORE",
            help="Exit 1 when any plan scores below SCORE (0-100).",
        ),
    ] = None,
    date: Annotated[
        Optional[str],
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Date of the audit (decides which waivers have expired); "
            "default: SOURCE_DATE_EPOCH or today.",
        ),
    ] = None,
) -> None:
    """Audit plans against the checklist and report item by item.

    Exit codes: 0 all plans audited, 1 a plan scored under --fail-under,
    2 a usage error or a plan or checklist that could not be read.
    """
    from herstelcheck import formats, runner

    today = audit_date(date)
    if output is not None:
        from herstelcheck.output import check_target

        try:
            check_target(str(output), paths)
        except UsageError as exc:
            fail(str(exc))
    checklist = load_checklist(checklist_file)
    run = runner.run(paths, checklist, today=today, sink=report_diagnostic)
    color = output is None and format is OutputFormat.TERMINAL and stdout_color()
    width = None
    if output is None and sys.stdout.isatty():
        width = os.get_terminal_size(sys.stdout.fileno()).columns
    options = formats.RenderOptions(lang=lang.value, color=color, width=width)
    text = formats.renderer(format)(run, options)
    try:
        write_output(text, output)
    except UsageError as exc:
        fail(str(exc))
    raise typer.Exit(exit_code(run, fail_under))


# --- entry point ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """The console script: never lets a traceback reach the user (unless --debug)."""
    args = sys.argv[1:] if argv is None else argv
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="replace")
    debug = "--debug" in args
    try:
        app(args=args, prog_name="herstelcheck")
    except KeyboardInterrupt:
        print("herstelcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if debug or _state["debug"]:
            raise
        print(
            f"herstelcheck: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in herstelcheck; run again with --debug for the details.",
            file=sys.stderr,
        )
        sys.exit(EXIT_ERROR)
