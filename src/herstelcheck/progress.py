"""A progress bar on standard error while many plans are audited.

Shown only when there are at least `THRESHOLD` plans, standard error is a terminal and
`TERM` is not `dumb`; never in a pipe, a log file or a CI log, so it never mixes with
what a program reads. The bar is transient: it is erased when the audit is done. It is
drawn without colour when `NO_COLOR` is set (it is progress, not colour). Rich's
progress module is imported only when the bar is shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console

THRESHOLD = 10
"""The fewest plans for which a bar is shown."""


def wanted(count: int, stream: TextIO | None = None) -> bool:
    """Whether a bar should be shown for `count` plans on `stream` (standard error)."""
    if count < THRESHOLD or os.environ.get("TERM") == "dumb":
        return False
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def track(files: Sequence[str]) -> Iterable[str]:
    """The files as they are, with a bar on standard error while they are consumed when
    `wanted`; meant for the `track` hook of `runner.run`."""
    if not wanted(len(files)):
        return files
    return bar(files)


def bar(files: Sequence[str], console: Console | None = None) -> Iterator[str]:
    """Yield each file while a transient bar shows how many have been audited."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from herstelcheck.textsafe import visible

    console = console or Console(file=sys.stderr, highlight=False)
    columns = (
        TextColumn("herstelcheck", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[file]}", markup=False),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("audit", total=len(files), file="")
        for name in files:
            progress.update(task, file=visible(name))
            yield name
            progress.advance(task)
