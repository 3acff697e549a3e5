"""The console script `herstelcheck`: read the command line, run it, pick the exit code.

An ordinary audit command line is read by `fastargs` and run without loading Typer
(the start-up of an audit in a pre-commit hook or CI job is mostly imports); any other
command line goes to the Typer application in `cli.py`. Either way, a problem the user
can fix is printed as one line on standard error, never as a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from herstelcheck.errors import EXIT_ERROR, HerstelcheckError, UsageError


def main(argv: Sequence[str] | None = None) -> None:
    """Run `herstelcheck ARGV` (default: the process's arguments) and exit."""
    args = sys.argv[1:] if argv is None else list(argv)
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:  # started with `<&-`, `>&-` or `2>&-`
            setattr(sys, name, open(os.devnull, mode))  # noqa: SIM115 - lives as long as sys
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="replace")
    sys.exit(run(args))


def run(args: Sequence[str], *, fast: bool = True) -> int:
    """Run the command line `args` and return its exit code; with `fast` false, always
    read it with Typer (the tests compare the two readings)."""
    from herstelcheck.streams import error, report_diagnostic

    try:
        if fast:
            from herstelcheck import fastargs

            parsed = fastargs.parse(args)
            if parsed is not None:
                from herstelcheck.audit_command import run as audit

                return audit(parsed)
        return _typer(args)
    except UsageError as exc:  # a command line that cannot be carried out
        error(str(exc))
        return EXIT_ERROR
    except HerstelcheckError as exc:  # a plan, checklist, configuration or template file
        for diagnostic in exc.diagnostics:
            report_diagnostic(diagnostic)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("herstelcheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if "--debug" in args:
            raise
        from herstelcheck.textsafe import excerpt, visible

        reason = visible(excerpt(f"{type(exc).__name__}: {exc}", 300))
        print(
            f"herstelcheck: internal error: {reason}\n"
            "This is a bug in herstelcheck; run again with --debug for the details.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _typer(args: Sequence[str]) -> int:
    from herstelcheck.cli import app

    try:
        app(args=list(args), prog_name="herstelcheck")
    except SystemExit as exc:  # how Typer ends every command
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    return 0
