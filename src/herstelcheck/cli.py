"""The command line: every command of herstelcheck, read by Typer.

Each command parses its options, builds what it needs (settings, consoles, checklist),
runs it and turns the outcome into an exit code; the work itself is done elsewhere
(`run`, `reports`, the formats). An option that several commands take is declared once,
as an `Annotated` alias below. Heavier modules are imported inside the command that
needs them.

A problem the user can fix (a usage error, an unreadable plan, checklist or
configuration file) is printed as one line on standard error with exit code 2, never as
a traceback; `--debug` shows the traceback of a failure of herstelcheck itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from herstelcheck import __version__
from herstelcheck.console import Color, Terminal, plain_error
from herstelcheck.errors import EXIT_ERROR, EXIT_FAIL, HerstelcheckError, UsageError
from herstelcheck.formats import ChecklistFormat, DiffFormat, OutputFormat, ScanFormat
from herstelcheck.thresholds import FailOn

app = typer.Typer(
    name="herstelcheck",
    help=(
        "Audit a municipality's recovery plan for the local economy against the ten items "
        "of the VNG Top 10 checklist for an effective recovery approach (May 2021)."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    """The values of `--lang`."""

    nl = "nl"
    en = "en"


# --- options that several commands share, each declared once ------------------------

REPORT, THRESHOLDS, INPUT = "Report", "Thresholds", "Input and configuration"
MEMO = "Memo and HTML report"

LangOption = Annotated[
    Lang,
    typer.Option("--lang", case_sensitive=False, help="Language of the text: nl or en."),
]
ChecklistOption = Annotated[
    Optional[Path],
    typer.Option(
        "--checklist",
        metavar="FILE",
        help="Use this checklist file instead of the bundled one.",
        rich_help_panel=INPUT,
    ),
]
DateOption = Annotated[
    Optional[str],
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date of the audit (decides which waivers have expired); "
        "default: SOURCE_DATE_EPOCH or today.",
        rich_help_panel=INPUT,
    ),
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour on the terminal: auto follows the terminal, NO_COLOR and FORCE_COLOR.",
        rich_help_panel=REPORT,
    ),
]
OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically) instead of standard output.",
        rich_help_panel=REPORT,
    ),
]

FollowSymlinksOption = Annotated[
    bool,
    typer.Option(
        "--follow-symlinks",
        help="Write through a symbolic link named as the output file, to the file it "
        "points to (refused without this option).",
        rich_help_panel=REPORT,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Replace an output file even when its permissions make it read-only, and "
        "with --chart a chart file that exists.",
        rich_help_panel=REPORT,
    ),
]


def _score(value: float | None) -> float | None:
    """`--fail-under`: a number from 0 to 100 (not nan, which no score is under)."""
    if value is not None and not 0 <= value <= 100:  # also false for nan
        raise typer.BadParameter(f"must be a number from 0 to 100 (got {value})")
    return value


@contextmanager
def handled(ctx: typer.Context, terminal: Terminal | None = None) -> Iterator[Terminal]:
    """The consoles of a command, and its problems said on standard error: a usage error
    or an unreadable input ends it with exit code 2, a failure of herstelcheck itself too
    (with its traceback under `--debug`)."""
    terminal = terminal or Terminal()
    debug = bool(ctx.find_root().params.get("debug"))
    try:
        yield terminal
    except (typer.Exit, typer.Abort):
        raise
    except UsageError as exc:
        terminal.error(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    except HerstelcheckError as exc:  # a plan, checklist, configuration or template file
        for diagnostic in exc.diagnostics:
            terminal.diagnostic(diagnostic)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM or SIGHUP (`interrupts`)
        from herstelcheck import interrupts

        terminal.note(exc.note if isinstance(exc, interrupts.Stopped) else "interrupted")
        raise typer.Exit(interrupts.exit_code(exc)) from None
    except Exception as exc:
        if debug:
            raise
        from herstelcheck.textsafe import excerpt

        terminal.internal_error(excerpt(f"{type(exc).__name__}: {exc}", 300))
        raise typer.Exit(EXIT_ERROR) from None


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
    """Audit recovery plans against the VNG Top 10 checklist (May 2021)."""


# --- audit ---------------------------------------------------------------------------


@app.command()
def audit(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Plan files, folders (every *.yaml and *.yml below them) or - for standard "
            "input; default: the 'paths' of the configuration file.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        Optional[OutputFormat],
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Format of the report (default: terminal).",
            show_default=False,
            rich_help_panel=REPORT,
        ),
    ] = None,
    output: OutputOption = None,
    report: Annotated[
        Optional[list[str]],
        typer.Option(
            "--report",
            metavar="FORMAT=FILE",
            help="Also write the report in FORMAT to FILE (atomically), from the same run; "
            "repeatable, e.g. --report json=audit.json.",
            show_default=False,
            rich_help_panel=REPORT,
        ),
    ] = None,
    lang: Annotated[
        Optional[Lang],
        typer.Option(
            "--lang",
            case_sensitive=False,
            help="Language of the report: nl or en (default: nl).",
            show_default=False,
            rich_help_panel=REPORT,
        ),
    ] = None,
    color: ColorOption = Color.AUTO,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Leave out the report on standard output for the terminal and concise "
            "formats; the lines that say why a plan falls short stay on standard error.",
            rich_help_panel=REPORT,
        ),
    ] = False,
    template: Annotated[
        Optional[Path],
        typer.Option(
            "--template",
            metavar="FILE",
            help="With --format markdown: write the memo with this Jinja2 template of your "
            "own (see docs/templates.md).",
            rich_help_panel=REPORT,
        ),
    ] = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option(
            "--fail-under",
            callback=_score,
            metavar="SCORE",
            help="Exit 1 when any plan scores below SCORE (0-100).",
            rich_help_panel=THRESHOLDS,
        ),
    ] = None,
    fail_on: Annotated[
        Optional[FailOn],
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 when any item that is not waived is missing, or with partial: not "
            "met; none switches it off (default: none, or fail_on in the configuration).",
            show_default=False,
            rich_help_panel=THRESHOLDS,
        ),
    ] = None,
    require: Annotated[
        Optional[list[str]],
        typer.Option(
            "--require",
            metavar="ITEM",
            help="Exit 1 when a plan does not meet ITEM (a number or slug; an active "
            "waiver counts as met); repeatable.",
            show_default=False,
            rich_help_panel=THRESHOLDS,
        ),
    ] = None,
    checklist: ChecklistOption = None,
    config: Annotated[
        Optional[Path],
        typer.Option(
            "--config",
            metavar="FILE",
            help="Read settings from FILE instead of the .herstelcheck.yaml found from "
            "the current folder up.",
            rich_help_panel=INPUT,
        ),
    ] = None,
    no_config: Annotated[
        bool,
        typer.Option("--no-config", help="Ignore any .herstelcheck.yaml.", rich_help_panel=INPUT),
    ] = False,
    date: DateOption = None,
    force: ForceOption = False,
    follow_symlinks: FollowSymlinksOption = False,
    skip_non_plans: Annotated[
        bool,
        typer.Option(
            "--skip-non-plans",
            help="Skip, with a note, a YAML file named here that is not a plan (no "
            "'gemeente', 'titel' or other plan key); one found in a folder always is.",
            rich_help_panel=INPUT,
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Say on standard error which configuration file applies, and why.",
            rich_help_panel=INPUT,
        ),
    ] = False,
    memo_to: Annotated[
        Optional[str],
        typer.Option(
            "--memo-to",
            metavar="TEXT",
            help="The memo's 'Aan' (markdown, html; default: de gemeenteraad).",
            show_default=False,
            rich_help_panel=MEMO,
        ),
    ] = None,
    memo_from: Annotated[
        Optional[str],
        typer.Option(
            "--memo-from",
            metavar="TEXT",
            help="The memo's 'Van' (markdown, html; default: empty).",
            show_default=False,
            rich_help_panel=MEMO,
        ),
    ] = None,
    no_front_matter: Annotated[
        bool,
        typer.Option(
            "--no-front-matter",
            help="Leave out the memo's pandoc metadata (title, lang, date).",
            rich_help_panel=MEMO,
        ),
    ] = False,
    chart: Annotated[
        bool,
        typer.Option(
            "--chart",
            help="Write the chart (SVG) beside each Markdown memo written to a file: "
            "memo.md gets memo.svg, which the memo shows.",
            rich_help_panel=MEMO,
        ),
    ] = False,
) -> None:
    """Audit plans against the checklist and report item by item.

    Settings come from the command line, then .herstelcheck.yaml, then the defaults.

    Exit codes: 0 all plans audited and none fell short; 1 a plan fell short of a
    threshold (--fail-under, --fail-on, --require), with one line on standard error
    saying why; 2 a usage error or a plan, checklist or configuration file that could
    not be read.
    """

    with handled(ctx, Terminal(color)) as terminal:
        from herstelcheck import run, settings

        chosen = settings.resolve(
            paths=paths or (),
            format=format,
            output=str(output) if output is not None else None,
            reports=report or (),
            lang=lang.value if lang is not None else None,
            checklist=str(checklist) if checklist is not None else None,
            fail_under=fail_under,
            fail_on=fail_on,
            require=require or (),
            config_file=config,
            no_config=no_config,
            date=date,
            template=str(template) if template is not None else None,
            skip_non_plans=skip_non_plans,
            quiet=quiet,
            verbose=verbose,
            force=force,
            follow_symlinks=follow_symlinks,
            memo_to=memo_to,
            memo_from=memo_from,
            front_matter=not no_front_matter,
            chart=chart,
        )
        code = run.audit(chosen, terminal)
    raise typer.Exit(code)


# --- checklist -----------------------------------------------------------------------


@app.command("checklist")
def checklist_command(
    ctx: typer.Context,
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
    lang: LangOption = Lang.nl,
    color: ColorOption = Color.AUTO,
    checklist: ChecklistOption = None,
) -> None:
    """Show the checklist: all ten items, or one.

    For each item: what the checklist asks, the criteria with their weights and advice,
    and the example from practice that the checklist gives.

    Exit codes: 0 shown, 2 an unknown item or a checklist that could not be read.
    """

    with handled(ctx, Terminal(color)) as terminal:
        from herstelcheck.checklist import load as load_checklist
        from herstelcheck.formats import checklist_renderer
        from herstelcheck.output import write_output

        loaded = load_checklist(checklist)
        items = loaded.items
        if item is not None:
            found = loaded.item(item)
            if found is None:
                known = ", ".join(f"{i.id} ({i.slug})" for i in loaded.items)
                raise UsageError(f"the checklist has no item '{item}'; choose one of: {known}")
            items = (found,)
        options = terminal.render_options(lang.value)
        utf8 = format is not ChecklistFormat.TERMINAL
        write_output(checklist_renderer(format)(loaded, items, options), utf8=utf8)


# --- init ----------------------------------------------------------------------------


@app.command()
def init(
    ctx: typer.Context,
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
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Write a commented plan template that covers all ten items.

    The template loads without errors and audits to a score of 0: fill in its empty
    values. Exit codes: 0 written, 2 a usage error (FILE exists, cannot be written).
    """
    import shlex

    from herstelcheck import template
    from herstelcheck.output import Rules, check_target, write_atomic, write_new, write_output

    with handled(ctx) as terminal:
        name = None
        if gemeente is not None:
            try:
                name = template.check_gemeente(gemeente)
            except ValueError as exc:
                raise UsageError(str(exc)) from None
        text = template.render(lang.value, name, file)
        if file is None or file == "-":
            write_output(text, utf8=True)
            return
        if not force and os.path.lexists(file) and not os.path.isdir(file):
            raise UsageError(f"'{file}' already exists; use --force to overwrite it")
        rules = Rules(follow_symlinks=follow_symlinks, force=True)
        check_target(file, (), rules, what="the template")
        try:
            if force:
                write_atomic(file, text, rules)
            else:
                write_new(file, text)
        except FileExistsError:
            raise UsageError(f"'{file}' already exists; use --force to overwrite it") from None
        terminal.note(f"wrote {file}; fill it in, then run: herstelcheck audit {shlex.quote(file)}")


# --- schema --------------------------------------------------------------------------


@app.command()
def schema(
    ctx: typer.Context,
    output: OutputOption = None,
    force: ForceOption = False,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Print the JSON Schema of the plan format, for editors.

    The schema is JSON Schema draft 2020-12 of the plan format; see docs/plan-format.md
    for using it in VS Code and other editors.

    Exit codes: 0 written, 2 FILE cannot be written.
    """

    with handled(ctx):
        from herstelcheck import schema as plan_schema
        from herstelcheck.output import Rules, write_output

        rules = Rules(follow_symlinks=follow_symlinks, force=force)
        write_output(plan_schema.dumps(), output, utf8=True, rules=rules)


# --- diff ----------------------------------------------------------------------------


@app.command()
def diff(
    ctx: typer.Context,
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
    lang: LangOption = Lang.nl,
    color: ColorOption = Color.AUTO,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when any item got worse: its status, or its score while it is not "
            "met (new advice on a met item is no regression).",
        ),
    ] = False,
    checklist: ChecklistOption = None,
    date: DateOption = None,
) -> None:
    """Compare two versions of a plan, item by item.

    Shows each item's status and score before and after, the criteria newly met and
    newly failed, and the change in the total score.

    Exit codes: 0 compared, 1 an item got worse and --fail-on-regression is given,
    2 a usage error or a plan or checklist that could not be read.
    """

    with handled(ctx, Terminal(color)) as terminal:
        import dataclasses

        from herstelcheck import run
        from herstelcheck.checklist import load as load_checklist
        from herstelcheck.compare import compare
        from herstelcheck.formats import diff_renderer
        from herstelcheck.formats.diff_common import DiffOptions
        from herstelcheck.output import write_output
        from herstelcheck.settings import audit_date

        today = audit_date(date)
        loaded = load_checklist(checklist)
        reports, errors = run.audit_files([old, new], loaded, today=today, sink=terminal.diagnostic)
        if errors or len(reports) != 2:
            raise typer.Exit(EXIT_ERROR)
        comparison = compare(reports[0], reports[1])
        screen = terminal.render_options(lang.value)
        options = DiffOptions(**dataclasses.asdict(screen), checklist=loaded, today=today)
        write_output(
            diff_renderer(format)(comparison, options), utf8=format is not DiffFormat.TERMINAL
        )
        if fail_on_regression and comparison.regressions:
            raise typer.Exit(EXIT_FAIL)


# --- scan ----------------------------------------------------------------------------


@app.command()
def scan(
    ctx: typer.Context,
    documents: Annotated[
        list[str],
        typer.Argument(
            help="Plan documents: PDF, DOCX, ODT, HTML, Markdown or text; - for standard input.",
            metavar="DOCUMENT",
            show_default=False,
        ),
    ],
    format: Annotated[
        ScanFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="terminal, markdown or json."),
    ] = ScanFormat.TERMINAL,
    output: OutputOption = None,
    lang: LangOption = Lang.nl,
    color: ColorOption = Color.AUTO,
    checklist: ChecklistOption = None,
    draft: Annotated[
        Optional[str],
        typer.Option(
            "--draft",
            metavar="FILE",
            help="Write a draft plan file made from the one DOCUMENT to FILE (refused when "
            "FILE exists, unless --force).",
            rich_help_panel=REPORT,
        ),
    ] = None,
    draft_dir: Annotated[
        Optional[str],
        typer.Option(
            "--draft-dir",
            metavar="DIR",
            help="Write the draft of each DOCUMENT to DIR/NAME.yaml.",
            rich_help_panel=REPORT,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite drafts that exist.", rich_help_panel=REPORT)
    ] = False,
) -> None:
    """Find, item by item, where a plan document speaks of the checklist's subjects.

    For each item: the passages found (page or heading, and a quote), each criterion
    found or not, the values found, and a provisional status from auditing the draft
    made from the document. A scan suggests; the advisor decides.

    Exit codes: 0 scanned, 2 a usage error or a document that could not be read (the
    other documents are still scanned).
    """
    from herstelcheck.scan.run import ScanSettings
    from herstelcheck.scan.run import main as scan_documents

    with handled(ctx, Terminal(color)) as terminal:
        settings = ScanSettings(
            documents=tuple(documents),
            format=format.value,
            output=str(output) if output is not None else None,
            lang=lang.value,
            checklist=str(checklist) if checklist is not None else None,
            draft=draft,
            draft_dir=draft_dir,
            force=force,
        )
        code = scan_documents(settings, terminal)
    raise typer.Exit(code)


# --- the console script --------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run `herstelcheck ARGV` (default: the process's arguments) and exit.

    The standard streams are made safe first (`streams.guard`): a standard error that
    cannot be written costs the run neither its reports nor its exit code, whoever
    writes to it (herstelcheck, Typer's own messages, Python's flush at exit). SIGTERM
    and SIGHUP stop the run as Ctrl-C does (`interrupts`), so it cleans up after itself.
    """
    from herstelcheck import interrupts, streams

    saved = streams.guard()
    code: int | str | None = EXIT_ERROR
    try:
        with interrupts.stopping():
            app(args=list(argv) if argv is not None else None, prog_name="herstelcheck")
    except SystemExit as exc:
        code = exc.code
        if interrupts.received is not None:  # also when Typer caught it, as Ctrl-C
            code = interrupts.received.exit_code
    except OSError as exc:  # Typer's own output (help, a usage error) could not be written
        usage = getattr(exc.__context__, "exit_code", None)  # a usage error being shown
        if isinstance(usage, int):
            code = usage
        else:
            plain_error(f"cannot write to standard output: {exc.strerror or exc}")
            code = EXIT_ERROR
    finally:
        if "herstelcheck.output" in sys.modules:  # a run stopped by a signal
            sys.modules["herstelcheck.output"].remove_temporary_files()
        streams.restore(saved)
    sys.exit(code)
