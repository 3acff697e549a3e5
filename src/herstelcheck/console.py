"""The Rich consoles of a run: the report on standard output, diagnostics and progress on
standard error.

Rich decides what each stream can show: its width (the terminal's, or `COLUMNS`),
whether it is a terminal, its colour system (`NO_COLOR`, `FORCE_COLOR`, `TERM=dumb`),
and Windows consoles; `--color always|never` overrides the colour choice. Markup, emoji
codes and highlighting are off: text from plans and checklists always enters as
`rich.text.Text`, so `[bold red]` in a plan is shown as it is written.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum

from rich.console import Console
from rich.text import Text

from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions
from herstelcheck.interrupts import deferred as deferred_signals
from herstelcheck.textsafe import visible

PROGRESS_THRESHOLD = 10
"""The fewest plans for which a progress bar is shown."""


class Color(str, Enum):
    """The values of `--color`."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def _console(stderr: bool, color: Color) -> Console:
    return Console(
        stderr=stderr,  # the stream of the moment, so a test may swap it
        force_terminal=True if color is Color.ALWAYS else None,
        no_color=True if color is Color.NEVER else None,
        color_system=None if color is Color.NEVER else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=stderr,  # a diagnostic is one line, however long: editors read it
    )


class Terminal:
    """The two consoles of one command: `out` for the report, `err` for what is said
    about the run (diagnostics, notes, the progress bar)."""

    def __init__(self, color: Color = Color.AUTO) -> None:
        self.out = _console(False, color)
        self.err = _console(True, color)

    def render_options(self, lang: str, template: str | None = None) -> RenderOptions:
        """How a terminal view is drawn for standard output: its width, its colours (none
        with NO_COLOR), and ASCII where its encoding lacks the symbols."""
        out = self.out
        color = out.color_system if out.is_terminal and not out.no_color else None
        return RenderOptions(
            lang=lang,
            color=color,
            width=out.width,
            ascii_only=not out.encoding.lower().startswith("utf"),
            template=template,
        )

    # --- standard error -------------------------------------------------------------

    def diagnostic(self, diagnostic: Diagnostic) -> None:
        """One diagnostic, `file:line:col: severity: message`, on one line."""
        self._say(diagnostic.format(), diagnostic.severity)

    def error(self, message: str) -> None:
        """A command line that cannot be carried out."""
        self._say(f"herstelcheck: error: {visible(message)}", "error")

    def warn(self, message: str) -> None:
        """A problem that does not change the exit code."""
        self._say(f"herstelcheck: warning: {visible(message)}", "warning")

    def note(self, message: str) -> None:
        """What the run did, for the user's information (`wrote FILE`)."""
        self._say(f"herstelcheck: {visible(message)}", None)

    def internal_error(self, reason: str) -> None:
        """A failure of herstelcheck itself, without a traceback."""
        self._say(f"herstelcheck: internal error: {visible(reason)}", None)
        self._say("This is a bug in herstelcheck; run again with --debug for the details.", None)

    def _say(self, line: str, severity: str | None) -> None:
        text = Text(line)
        marker = f" {severity}: "
        if severity in _STYLE and marker in line:
            start = line.index(marker) + 1
            text.stylize(_STYLE[severity], start, start + len(severity) + 1)
        # A standard error that cannot be written (closed, full) must not cost the run
        # its reports or its exit code.
        with contextlib.suppress(OSError, ValueError):
            self.err.print(text)

    # --- progress -------------------------------------------------------------------

    def track(self, files: Sequence[str]) -> Iterable[str]:
        """The files as they are; with a transient bar on standard error while they are
        consumed, when standard error is a terminal and there are enough of them."""
        if len(files) < PROGRESS_THRESHOLD or not self.err.is_terminal:
            return files
        if self.err.is_dumb_terminal:
            return files
        return self._bar(files)

    def _bar(self, files: Sequence[str]) -> Iterator[str]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        columns = (
            TextColumn("herstelcheck", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[file]}", markup=False),
        )
        progress = Progress(*columns, console=self.err, transient=True)
        # Started and stopped whole, with no signal in between (SIGTERM raises an
        # exception, see `interrupts`): a bar cut off half-way through starting would
        # leave the terminal without its cursor.
        try:
            with deferred_signals():
                progress.start()
            task = progress.add_task("audit", total=len(files), file="")
            for name in files:
                progress.update(task, file=visible(name))
                yield name
                progress.advance(task)
        finally:
            with deferred_signals():
                progress.stop()


def plain_error(message: str) -> None:
    """A problem found before a run has its consoles, on standard error."""
    with contextlib.suppress(OSError, ValueError):
        print(f"herstelcheck: error: {visible(message)}", file=sys.stderr)
