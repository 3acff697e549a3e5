"""The Typer application: every command, its options and its help.

The entry point is `main.py`, which runs an ordinary audit command line without this
module (see `fastargs.py`). Everything heavier than Typer is imported inside the command
that needs it, so that `herstelcheck --help` starts fast.
"""

from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from herstelcheck import __version__
from herstelcheck.errors import EXIT_ERROR, EXIT_FAIL, UsageError
from herstelcheck.formats import OutputFormat
from herstelcheck.formats.checklist import ChecklistFormat
from herstelcheck.formats.diff import DiffFormat
from herstelcheck.lightparams import LightCommand, LightGroup
from herstelcheck.streams import render_options, report_diagnostic


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
    """Options of herstelcheck itself; the entry point acts on --debug."""


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
    from herstelcheck.audit_command import AuditArgs
    from herstelcheck.audit_command import run as run_audit

    args = AuditArgs(
        paths=tuple(paths or ()),
        format=format,
        output=output,
        report=tuple(report or ()),
        lang=lang.value if lang is not None else None,
        checklist=checklist_file,
        fail_under=fail_under,
        require=tuple(require_items or ()),
        config=config_file,
        no_config=no_config,
        date=date,
        template=template,
    )
    raise typer.Exit(run_audit(args))


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
    options = DiffOptions(**dataclasses.asdict(screen), checklist=checklist, today=today)
    write_output(diff_formats.renderer(format)(comparison, options))
    if fail_on_regression and comparison.regressions:
        raise typer.Exit(EXIT_FAIL)
