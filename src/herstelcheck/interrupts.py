"""SIGTERM and SIGHUP stop a run as Ctrl-C does: cleanly.

A CI system that cancels a job sends SIGTERM (and a closed terminal SIGHUP). Left to
Python, either signal ends the process on the spot: a report's temporary file stays
beside its target, and a progress bar leaves the terminal without its cursor. Within
`stopping()`, each raises `Stopped` (a KeyboardInterrupt) in the main thread instead, so
that the run unwinds as it does after Ctrl-C: temporary files are removed, the progress
bar is closed, and the command exits with 128 + the number of the signal (143 for
SIGTERM) after a short note.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

NAMES = ("SIGTERM", "SIGHUP")
"""The signals that stop a run as Ctrl-C does."""


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def note(self) -> str:
        return f"stopped by {signal.Signals(self.signum).name}"


received: Stopped | None = None
"""The signal that stopped the run, once one has (for the exit code)."""


def exit_code(interrupted: BaseException) -> int:
    """The exit code after `interrupted`: 128 + the signal (130 for Ctrl-C)."""
    if isinstance(interrupted, Stopped):
        return interrupted.exit_code
    return 128 + signal.SIGINT


@contextmanager
def stopping() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped` while the block runs (in the main thread;
    a signal that was ignored when herstelcheck started, as under `nohup`, stays so)."""
    global received
    received = None
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def stop(signum: int, frame: FrameType | None) -> None:
        global received
        if received is not None:  # already stopping: let the cleanup finish
            return
        received = Stopped(signum)
        raise received

    for name in NAMES:
        number = getattr(signal, name, None)
        if number is None:  # pragma: no cover - Windows has no SIGHUP
            continue
        handler = signal.getsignal(number)
        if handler == signal.SIG_IGN:
            continue
        previous[number] = handler
        signal.signal(number, stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back while the block runs (a few system calls
    that must not be cut in two, such as making a temporary file and noting it down);
    one that arrives meanwhile is handled right after."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield  # pragma: no cover - Windows
        return
    held = {getattr(signal, name) for name in ("SIGINT", *NAMES) if hasattr(signal, name)}
    before = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, before)
