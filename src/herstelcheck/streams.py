"""What the commands say on standard error, and how they draw on standard output.

Typer-free, so that the audit runs the same whichever way its command line was read
(see `main.py`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions


def report_diagnostic(diagnostic: Diagnostic) -> None:
    """Print one diagnostic on standard error, `file:line:col: severity: message`."""
    from herstelcheck.environment import color

    line = diagnostic.format()
    if color(sys.stderr):
        code = "\x1b[31m" if diagnostic.severity == "error" else "\x1b[33m"
        marker = f"{diagnostic.severity}:"
        line = line.replace(f" {marker} ", f" {code}{marker}\x1b[0m ", 1)
    print(line, file=sys.stderr)


def error(message: str) -> None:
    """A command line that cannot be carried out, on standard error."""
    from herstelcheck.textsafe import visible

    print(f"herstelcheck: error: {visible(message)}", file=sys.stderr)


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
        color="standard" if terminal and color(sys.stdout) else None,
        width=terminal_width(),
        template=str(template) if template is not None else None,
    )
