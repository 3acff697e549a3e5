"""A progress bar on standard error while many plans are audited.

Shown only when there are at least `THRESHOLD` plans, standard error is a terminal and
`TERM` is not `dumb`; never in a pipe, a log file or a CI log, so it never mixes with
what a program reads. The bar is one line, rewritten in place (`\\r`) as each plan is
audited, and erased when the audit is done: `herstelcheck ━━━━━━━━━━──── 5/12 file`.
What else goes to standard error meanwhile (a plan that cannot be read) is written
above it. Colour only when standard error may show colour (not with `NO_COLOR`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

THRESHOLD = 10
"""The fewest plans for which a bar is shown."""

BAR_WIDTH = 40
"""The cells of the bar itself."""

HIDE_CURSOR, SHOW_CURSOR, CLEAR_LINE = "\x1b[?25l", "\x1b[?25h", "\r\x1b[2K"


def wanted(count: int, stream: TextIO | None = None) -> bool:
    """Whether a bar should be shown for `count` plans on `stream` (standard error)."""
    if count < THRESHOLD or os.environ.get("TERM") == "dumb":
        return False
    from herstelcheck.environment import is_terminal

    return is_terminal(stream if stream is not None else sys.stderr)


def track(files: Sequence[str]) -> Iterable[str]:
    """The files as they are, with a bar on standard error while they are consumed when
    `wanted`; meant for the `track` hook of `runner.run`."""
    if not wanted(len(files)):
        return files
    return bar(files)


def line(done: int, total: int, name: str, width: int, color: bool, ascii_only: bool) -> str:
    """The bar's line: `herstelcheck`, the bar, done/total and the file (made visible),
    cut to `width` cells so that the terminal never wraps it."""
    from herstelcheck.formats.layout import Text, render
    from herstelcheck.textsafe import visible

    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    full, empty = ("#", "-") if ascii_only else ("━", "─")
    text = Text("herstelcheck ")
    text.append(full * filled, "cyan")
    text.append(empty * (BAR_WIDTH - filled), "dim")
    text.append(f" {done}/{total} ")
    text.append(visible(name), "dim")
    return render([text.crop(max(width - 1, 1))], width, color).rstrip("\n")


class _Above:
    """Standard error while the bar is shown: what is written goes above the bar, which
    is drawn again below it once a line is complete."""

    def __init__(self, screen: TextIO) -> None:
        self.screen = screen
        self.bar = ""
        self.shown = False

    def draw(self, bar: str) -> None:
        self.bar = bar
        self.screen.write(CLEAR_LINE + bar)
        self.screen.flush()
        self.shown = True

    def write(self, text: str) -> int:
        if self.shown and text:
            self.screen.write(CLEAR_LINE)
            self.shown = False
        self.screen.write(text)
        if text.endswith("\n"):
            self.draw(self.bar)
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.screen, name)


def bar(files: Sequence[str], stream: TextIO | None = None) -> Iterator[str]:
    """Yield each file while a transient bar on `stream` (standard error) shows how many
    have been audited."""
    from herstelcheck.environment import color, terminal_width
    from herstelcheck.formats.layout import ascii_only

    screen = stream if stream is not None else sys.stderr
    width = terminal_width(screen) or 80
    colored, plain = color(screen), ascii_only(screen)
    total = len(files)
    above = _Above(screen)
    saved = sys.stderr
    if screen is saved:
        sys.stderr = above
    screen.write(HIDE_CURSOR)
    try:
        for done, name in enumerate(files):
            above.draw(line(done, total, name, width, colored, plain))
            yield name
    finally:
        if sys.stderr is above:
            sys.stderr = saved
        screen.write(SHOW_CURSOR + CLEAR_LINE)
        screen.flush()
