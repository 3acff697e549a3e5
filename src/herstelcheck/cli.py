"""The command line: parse options, build the parts, run them, return an exit code.

Everything heavier than Typer is imported inside the command that needs it, so that
`herstelcheck --help` and a single audit start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from herstelcheck import __version__
from herstelcheck.errors import Diagnostic, HerstelcheckError, UsageError
from herstelcheck.formats import OutputFormat, RenderOptions
from herstelcheck.formats.checklist import ChecklistFormat
from herstelcheck.formats.diff import DiffFormat
from herstelcheck.lightparams import LightCommand, LightGroup

if TYPE_CHECKING:
    from herstelcheck.audit import AuditRun
    from herstelcheck.checklist import Checklist, Item
    from herstelcheck.require import Requirement

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


def report_diagnostic(diagnostic: Diagnostic) -> None:
    """Print one diagnostic on standard error, `file:line:col: severity: message`."""
    from herstelcheck.environment import color

    line = diagnostic.format()
    if color(sys.stderr):
        code = "\x1b[31m" if diagnostic.severity == "error" else "\x1b[33m"
        marker = f"{diagnostic.severity}:"
        line = line.replace(f" {marker} ", f" {code}{marker}\x1b[0m ", 1)
    print(line, file=sys.stderr)


def warn(message: str) -> None:
    """A problem that does not change the exit code, on standard error."""
    from herstelcheck.textsafe import visible

    print(f"herstelcheck: warning: {visible(message)}", file=sys.stderr)


def render_options(lang: str, terminal: bool, template: Path | None = None) -> RenderOptions:
    """Options for a report on standard output: colour and the terminal's width when it
    is the `terminal` format and standard output may have them."""
    from herstelcheck.environment import color, terminal_width

    return RenderOptions(
        lang=lang,
        color=terminal and color(sys.stdout),
        width=terminal_width(),
        template=str(template) if template is not None else None,
    )


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


def resolve_required(requirements: Sequence[Requirement], checklist: Checklist) -> tuple[Item, ...]:
    """The required items in the checklist; a name it does not have is an error (exit 2)."""
    from herstelcheck.require import COMMAND_LINE, resolve

    items, problems = resolve(requirements, checklist)
    for requirement, message in problems:
        if requirement.source == COMMAND_LINE:
            from herstelcheck.textsafe import visible

            print(f"herstelcheck: error: --require: {visible(message)}", file=sys.stderr)
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
    if problems:
        raise typer.Exit(EXIT_ERROR)
    return items


ChecklistOption = Annotated[
    Optional[Path],
    typer.Option(
        "--checklist",
        help="Use this checklist file instead of the bundled one.",
        metavar="FILE",
    ),
]
DateOption = Annotated[
    Optional[str],
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date of the audit (decides which waivers have expired); "
        "default: SOURCE_DATE_EPOCH or today.",
    ),
]


# --- audit ---------------------------------------------------------------------------

PathsArg = Annotated[
    Optional[list[str]],
    typer.Argument(
        help="Plan files, folders (every *.yaml and *.yml below them) or - for standard input; "
        "default: the 'paths' of the configuration file.",
        metavar="PATH",
        show_default=False,
    ),
]


@app.command(cls=LightCommand)
def audit(
    paths: PathsArg = None,
    format: Annotated[
        Optional[OutputFormat],
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Format of the report (default: terminal).",
            show_default=False,
        ),
    ] = None,
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
    report: Annotated[
        Optional[list[str]],
        typer.Option(
            "--report",
            metavar="FORMAT=FILE",
            help="Also write the report in FORMAT to FILE (atomically), from the same run; "
            "repeatable, e.g. --report json=audit.json.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Optional[Lang],
        typer.Option(
            "--lang",
            case_sensitive=False,
            help="Language of the report (default: nl).",
            show_default=False,
        ),
    ] = None,
    checklist_file: ChecklistOption = None,
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
    require_items: Annotated[
        Optional[list[str]],
        typer.Option(
            "--require",
            metavar="ITEM",
            help="Exit 1 when a plan does not meet ITEM (a number or slug; an active "
            "waiver counts as met); repeatable.",
            show_default=False,
        ),
    ] = None,
    config_file: Annotated[
        Optional[Path],
        typer.Option(
            "--config",
            metavar="FILE",
            help="Read settings from FILE instead of the .herstelcheck.yaml found from "
            "the current folder up.",
        ),
    ] = None,
    no_config: Annotated[
        bool, typer.Option("--no-config", help="Ignore any .herstelcheck.yaml.")
    ] = False,
    date: DateOption = None,
    template: Annotated[
        Optional[Path],
        typer.Option(
            "--template",
            metavar="FILE",
            help="With --format markdown: write the memo with this Jinja2 template of your "
            "own (see docs/templates.md).",
        ),
    ] = None,
) -> None:
    """Audit plans against the checklist and report item by item.

    Settings come from the command line, then .herstelcheck.yaml, then the defaults.

    Exit codes: 0 all plans audited, 1 a plan scored under --fail-under or does not
    meet a required item, 2 a usage error or a plan, checklist or configuration file
    that could not be read.
    """
    from herstelcheck import config, progress, reports, require, runner
    from herstelcheck.checklist import load as load_checklist
    from herstelcheck.environment import audit_date

    today = audit_date(date)
    specs = [reports.parse_spec(spec) for spec in report or ()]
    settings = config.merge(
        config.read(config_file, ignore=no_config),
        paths=paths or (),
        format=format,
        lang=lang.value if lang is not None else None,
        checklist=str(checklist_file) if checklist_file is not None else None,
        fail_under=fail_under,
        require=require_items or (),
        reports=specs,
    )
    if template is not None and OutputFormat.MARKDOWN not in {
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
    target = str(output) if output is not None else None
    reports.check_targets(settings.reports, target, settings.paths)
    checklist = load_checklist(Path(settings.checklist) if settings.checklist else None)
    required = resolve_required(settings.require, checklist)
    run = runner.run(
        settings.paths, checklist, today=today, sink=report_diagnostic, track=progress.track
    )
    options = render_options(settings.lang, settings.format is OutputFormat.TERMINAL, template)
    if target is not None:  # a file: no colour, the default width
        options = reports.file_options(options)
    for problem in reports.write_all(run, settings.format, target, settings.reports, options):
        warn(problem)
    for miss in require.unmet(run, required):
        report_diagnostic(miss.diagnostic())
    raise typer.Exit(exit_code(run, settings.fail_under, required))


# --- checklist -----------------------------------------------------------------------


@app.command("checklist", cls=LightCommand)
def checklist_command(
    item: Annotated[
        Optional[str],
        typer.Argument(
            help="One item, by number (5) or slug (trekker); without it, all ten.",
            metavar="ITEM",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ChecklistFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="terminal or markdown."),
    ] = ChecklistFormat.TERMINAL,
    lang: Annotated[
        Lang, typer.Option("--lang", case_sensitive=False, help="Language of the text.")
    ] = Lang.nl,
    checklist_file: Annotated[
        Optional[Path],
        typer.Option(
            "--checklist",
            help="Show this checklist file instead of the bundled one.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Show the checklist: all ten items, or one.

    For each item: what the checklist asks, the criteria with their weights and advice,
    and the example from practice that the checklist gives.

    Exit codes: 0 shown, 2 an unknown item or a checklist that could not be read.
    """
    from herstelcheck.checklist import load as load_checklist
    from herstelcheck.formats import checklist as checklist_formats
    from herstelcheck.output import write_output

    checklist = load_checklist(checklist_file)
    items = checklist.items
    if item is not None:
        found = checklist.item(item)
        if found is None:
            known = ", ".join(f"{i.id} ({i.slug})" for i in checklist.items)
            raise UsageError(f"the checklist has no item '{item}'; choose one of: {known}")
        items = (found,)
    options = render_options(lang.value, format is ChecklistFormat.TERMINAL)
    write_output(checklist_formats.renderer(format)(checklist, items, options))


# --- init ----------------------------------------------------------------------------


@app.command(cls=LightCommand)
def init(
    file: Annotated[
        Optional[str],
        typer.Argument(
            help="Write the template to FILE (refused when FILE exists, unless --force); "
            "without FILE, print it.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    gemeente: Annotated[
        Optional[str],
        typer.Option("--gemeente", metavar="NAME", help="The municipality the plan is for."),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang", case_sensitive=False, help="Language of the comments (keys stay Dutch)."
        ),
    ] = Lang.nl,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a commented plan template that covers all ten items.

    The template loads without errors and audits to a score of 0: fill in its empty
    values. Exit codes: 0 written, 2 a usage error (FILE exists, cannot be written).
    """
    import shlex

    from herstelcheck import template
    from herstelcheck.output import write_atomic, write_new, write_output
    from herstelcheck.textsafe import visible

    name = None
    if gemeente is not None:
        try:
            name = template.check_gemeente(gemeente)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    text = template.render(lang.value, name, file)
    if file is None or file == "-":
        write_output(text)
        return
    if Path(file).is_dir():
        raise UsageError(f"cannot write the template to '{file}': it is a folder")
    try:
        if force:
            write_atomic(file, text)
        else:
            write_new(file, text)
    except FileExistsError:
        raise UsageError(f"'{file}' already exists; use --force to overwrite it") from None
    shown = visible(file)
    print(
        f"herstelcheck: wrote {shown}; fill it in, then run: "
        f"herstelcheck audit {visible(shlex.quote(file))}",
        file=sys.stderr,
    )


# --- schema --------------------------------------------------------------------------


@app.command(cls=LightCommand)
def schema(
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Write the schema to FILE (atomically) instead of standard output.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the plan format, for editors.

    The schema is JSON Schema draft 2020-12, plan format version 1; see the README for
    using it in VS Code and other editors.

    Exit codes: 0 written, 2 FILE cannot be written.
    """
    from herstelcheck import schema as plan_schema
    from herstelcheck.output import write_output

    write_output(plan_schema.dumps(), output)


# --- diff ----------------------------------------------------------------------------


@app.command(cls=LightCommand)
def diff(
    old: Annotated[
        str,
        typer.Argument(help="The earlier version of the plan.", metavar="OLD", show_default=False),
    ],
    new: Annotated[
        str,
        typer.Argument(help="The later version of the plan.", metavar="NEW", show_default=False),
    ],
    format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="terminal, markdown or json."),
    ] = DiffFormat.TERMINAL,
    lang: Annotated[
        Lang, typer.Option("--lang", case_sensitive=False, help="Language of the report.")
    ] = Lang.nl,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression", help="Exit 1 when any item got worse (status or score)."
        ),
    ] = False,
    checklist_file: ChecklistOption = None,
    date: DateOption = None,
) -> None:
    """Compare two versions of a plan, item by item.

    Shows each item's status and score before and after, the criteria newly met and
    newly failed, and the change in the total score.

    Exit codes: 0 compared, 1 an item got worse and --fail-on-regression is given,
    2 a usage error or a plan or checklist that could not be read.
    """
    from herstelcheck import runner
    from herstelcheck.checklist import load as load_checklist
    from herstelcheck.compare import compare
    from herstelcheck.environment import audit_date
    from herstelcheck.formats import diff as diff_formats
    from herstelcheck.formats.diff_common import DiffOptions
    from herstelcheck.output import write_output

    today = audit_date(date)
    checklist = load_checklist(checklist_file)
    reports, errors = runner.audit_files([old, new], checklist, today=today, sink=report_diagnostic)
    if errors or len(reports) != 2:
        raise typer.Exit(EXIT_ERROR)
    comparison = compare(reports[0], reports[1])
    screen = render_options(lang.value, format is DiffFormat.TERMINAL)
    options = DiffOptions(**vars(screen), checklist=checklist, today=today)
    write_output(diff_formats.renderer(format)(comparison, options))
    if fail_on_regression and comparison.regressions:
        raise typer.Exit(EXIT_FAIL)


# --- entry point ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """The console script: never lets a traceback reach the user (unless --debug)."""
    args = sys.argv[1:] if argv is None else argv
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:  # started with `<&-`, `>&-` or `2>&-`
            setattr(sys, name, open(os.devnull, mode))  # noqa: SIM115 - lives as long as sys
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="replace")
    debug = "--debug" in args
    try:
        app(args=args, prog_name="herstelcheck")
    except UsageError as exc:  # a command line that cannot be carried out
        from herstelcheck.textsafe import visible

        print(f"herstelcheck: error: {visible(str(exc))}", file=sys.stderr)
        sys.exit(EXIT_ERROR)
    except HerstelcheckError as exc:  # a plan, checklist, configuration or template file
        for diagnostic in exc.diagnostics:
            report_diagnostic(diagnostic)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        print("herstelcheck: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:
        if debug or _state["debug"]:
            raise
        from herstelcheck.textsafe import excerpt, visible

        reason = visible(excerpt(f"{type(exc).__name__}: {exc}", 300))
        print(
            f"herstelcheck: internal error: {reason}\n"
            "This is a bug in herstelcheck; run again with --debug for the details.",
            file=sys.stderr,
        )
        sys.exit(EXIT_ERROR)
