"""The standard streams of the process, made safe before a command runs (`guard`).

- A standard stream that is closed when herstelcheck starts (`<&-`, `>&-`, `2>&-`) gets
  the null device in its place, on its own file descriptor, so that no file opened later
  (a plan, a temporary report) can take descriptor 0, 1 or 2 by chance. Standard input
  then reads as empty; standard output refuses every write (`ClosedOutput`), so a report
  meant for it is an error, not lost without a word; standard error takes everything
  and shows nothing.
- Standard error never fails a run (`Forgiving`): what is said about a run is worth
  less than its reports and its exit code. A write that fails (a full disk, a reader
  gone, `2>/dev/full`) sends the rest of standard error to the null device, so that no
  later write fails, neither Typer's own error messages nor Python's flush at exit
  (which would turn the exit code into 120).
- Standard output forgives a reader that goes away (`| head`) what Typer writes there
  itself, help, the version or a completion script (`Departable`): the rest goes to the
  null device and the command ends with its own exit code, not Rich's or Click's 1.
  A report goes to the stream beneath (`beneath`), where `output.StandardOutput` sees
  the broken pipe and stops the run.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import Any, TextIO, cast


class Forgiving(io.TextIOBase):
    """A text stream that passes everything to `stream` until a write fails, and then
    nothing: no error ever leaves it. Each line is flushed as it is written (standard
    error: a diagnostic is seen at once)."""

    FORGIVEN: tuple[type[Exception], ...] = (OSError, ValueError)
    """The failures after which the rest goes to the null device; any other is raised."""
    FLUSH_LINES = True

    def __init__(self, stream: TextIO | io.TextIOBase) -> None:
        super().__init__()
        self.stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        if not self.failed:
            try:
                self.stream.write(text)
                if self.FLUSH_LINES and "\n" in text:
                    self.stream.flush()
            except self.FORGIVEN:
                self._give_up()
        return len(text)

    def flush(self) -> None:
        if not self.failed:
            try:
                self.stream.flush()
            except self.FORGIVEN:
                self._give_up()

    def _give_up(self) -> None:
        """Send the rest, and what is still in the stream's buffer, to the null device."""
        self.failed = True
        with contextlib.suppress(OSError, ValueError, AttributeError):
            to_null(self.stream.fileno())
        with contextlib.suppress(OSError, ValueError):
            self.stream.flush()  # now into the null device: the flush at exit succeeds

    # What Rich, Click and Typer ask of a stream, answered by the stream itself.

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return not self.failed and self.stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class Departable(Forgiving):
    """Standard output whose reader may go away: a write or flush that finds the pipe
    broken sends the rest, and what is still in the buffer, to the null device, and
    raises nothing. Any other failure (a full disk) is raised as it is.

    Typer writes its help, the version and completion scripts here; Rich, given a broken
    pipe, would end the process with exit code 1, Click with 1 as well."""

    FORGIVEN = (BrokenPipeError,)
    FLUSH_LINES = False

    def close(self) -> None:
        """Nothing: standard output stays open, and a wrapper let go flushes nothing."""


def beneath(stream: TextIO) -> TextIO:
    """The stream a report writes to: standard output itself, not `Departable`, so that
    the report sees a reader that goes away."""
    return cast(TextIO, stream.stream) if isinstance(stream, Departable) else stream


class ClosedOutput(io.TextIOBase):
    """Standard output that was closed when herstelcheck started: every write fails as
    writing to a closed descriptor does, so a report meant for it is an error."""

    encoding = "utf-8"

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "it was closed when herstelcheck started")

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._fd

    @property
    def buffer(self) -> ClosedOutput:
        return self


def to_null(fd: int) -> None:
    """Point descriptor `fd` at the null device."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        if null != fd:
            os.dup2(null, fd)
    finally:
        if null != fd:
            os.close(null)


def _closed(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return True
    return False


def guard() -> tuple[TextIO, TextIO, TextIO]:
    """Make the standard streams safe for a command (see the module); returns the streams
    as they were, for `restore`."""
    saved = (sys.stdin, sys.stdout, sys.stderr)
    for fd in (0, 1, 2):
        if _closed(fd):  # started with `<&-`, `>&-` or `2>&-`
            with contextlib.suppress(OSError):
                to_null(fd)
    if sys.stdin is None:
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the null device: empty
    if sys.stdout is None:
        sys.stdout = ClosedOutput(1)
    if sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - the null device
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors="replace")
    if not isinstance(sys.stderr, Forgiving):
        sys.stderr = Forgiving(sys.stderr)
    if not isinstance(sys.stdout, Departable):
        sys.stdout = Departable(sys.stdout)
    return saved


def restore(saved: tuple[TextIO, TextIO, TextIO]) -> None:
    """Put back the streams `guard` replaced, once what is written is flushed (or, from
    a standard error that failed, sent to the null device)."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    stdin, stdout, stderr = saved
    if stdin is not None:
        sys.stdin = stdin
    if stdout is not None:
        sys.stdout = stdout
    if stderr is not None:
        sys.stderr = stderr
