"""Text set aside while the plans of a run pass, for the part of a report that can only
be written once they are all through.

A SARIF log names the errors of the run before its results, and JUnit XML puts the
totals of the run in its first tag: what comes after them in the report is known plan
by plan, but may be written only at the end. A `Spool` keeps that text in memory while
it is small and in a temporary file (deleted when the spool is closed) once it is not,
so a report of any number of plans is written without holding it in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from herstelcheck.errors import UsageError

MEMORY = 256 * 1024
"""How many characters a spool keeps in memory before it moves them to a file."""
CHUNK = 64 * 1024
"""How many characters a spool gives back at a time."""


class Spool:
    """Text written piece by piece (`write`) and given back once, in chunks (`read`)."""

    def __init__(self, memory: int | None = None) -> None:
        self._memory = MEMORY if memory is None else memory
        """How many characters to keep in memory (`MEMORY` unless given)."""
        self._pieces: list[str] = []
        self._size = 0
        self._file: IO[str] | None = None
        self.empty = True
        """Whether nothing has been written."""

    def write(self, text: str) -> None:
        if not text:
            return
        self.empty = False
        if self._file is not None:
            with _on_disk():
                self._file.write(text)
            return
        self._pieces.append(text)
        self._size += len(text)
        if self._size > self._memory:
            with _on_disk():
                # Any string round-trips, lone surrogates (from file names) included.
                self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed by `close`
                    "w+", encoding="utf-8", errors="surrogatepass", newline=""
                )
                self._file.write("".join(self._pieces))
            self._pieces = []

    def read(self) -> Iterator[str]:
        """The text written, in chunks of about `CHUNK` characters; the spool is closed
        after."""
        try:
            if self._file is None:
                pieces, self._pieces = self._pieces, []
                yield from chunked(pieces)
                return
            file = self._file
            with _on_disk():
                file.seek(0)
                chunk = file.read(CHUNK)
            while chunk:
                yield chunk
                with _on_disk():
                    chunk = file.read(CHUNK)
        finally:
            self.close()

    def close(self) -> None:
        """Let go of the text (and delete the file); a spool that is read is closed."""
        self._pieces = []
        if self._file is not None:
            self._file.close()


@contextmanager
def _on_disk() -> Iterator[None]:
    """A temporary file that cannot be made, written or read (a full disk) is a problem
    the user can solve, said in one line."""
    try:
        yield
    except OSError as exc:
        folder = tempfile.gettempdir()
        raise UsageError(
            f"cannot keep the report in a temporary file in '{folder}': "
            f"{exc.strerror or exc} (set TMPDIR to use another folder)"
        ) from None


def chunked(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces joined into chunks of about `CHUNK` characters (a template gives its
    text in many small pieces; a chunk is written at a time)."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)
