"""Read the files herstelcheck is given: one reader for every kind of input.

A plan, a checklist, a configuration file, a template (and the documents of a scan)
are all read here, in one way:

- only a regular file is read (or standard input, where the command takes `-`): a FIFO,
  a device (`/dev/zero`) or a socket is refused before a byte is read. The file is
  opened without blocking and its type checked with `fstat`, so a FIFO with no writer
  cannot hang the run;
- its size is checked with `fstat` before reading, against the limit of its kind, and
  never more than that limit + 1 byte is read, also from a file that grows or from
  standard input;
- every problem is a `FileError` with one diagnostic at line 1, column 1 that says what
  kind of file it is about ("the configuration file is larger than 1 MB").
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass

from herstelcheck.errors import Diagnostic, HerstelcheckError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of input file and the most bytes herstelcheck reads of it."""

    noun: str
    """What the file is called in messages: "checklist file", "template file"."""
    limit: int
    """The largest size, in bytes, that is read."""


PLAN = Kind("plan", 5 * MB)
CHECKLIST = Kind("checklist file", 1 * MB)
CONFIG = Kind("configuration file", 1 * MB)
TEMPLATE = Kind("template file", 1 * MB)
DOCUMENT = Kind("document", 50 * MB)
"""The documents of a scan; a caller may pass a limit of its own."""

STDIN = "-"
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class FileError(HerstelcheckError):
    """A file that could not be read; one diagnostic at line 1, column 1."""


def read(path: str, kind: Kind, name: str | None = None, *, limit: int | None = None) -> bytes:
    """The bytes of the regular file `path` (shown as `name`), at most `limit` (by
    default the limit of `kind`); a FileError for anything else."""
    name = path if name is None else name
    most = kind.limit if limit is None else limit
    flags = os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise _error(name, f"no such {_file(kind)}") from None
    except IsADirectoryError:  # pragma: no cover - Linux opens folders; fstat sees them
        raise _error(name, f"is a folder, not a {_file(kind)}") from None
    except PermissionError:
        raise _error(name, _plain(kind, "permission denied")) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise _error(name, _os_problem(kind, exc)) from None
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise _error(name, f"is a folder, not a {_file(kind)}")
        if not stat.S_ISREG(info.st_mode):
            raise _error(name, _not_regular(kind))
        if info.st_size > most:
            raise _error(name, too_large(kind, limit))
        if _NONBLOCK:
            os.set_blocking(handle, True)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(most + 1)
    except OSError as exc:
        raise _error(name, _os_problem(kind, exc)) from None
    finally:
        os.close(handle)
    if len(data) > most:  # it grew after the size was checked
        raise _error(name, too_large(kind, limit))
    return data


def read_stdin(kind: Kind, name: str = "<stdin>", *, limit: int | None = None) -> bytes:
    """The bytes of standard input, at most `limit` (by default the limit of `kind`)."""
    most = kind.limit if limit is None else limit
    try:
        data = sys.stdin.buffer.read(most + 1)
    except (OSError, ValueError, AttributeError) as exc:
        raise _error(name, _os_problem(kind, exc)) from None
    if len(data) > most:
        raise _error(name, too_large(kind, limit))
    return data


def read_text(path: str, kind: Kind, name: str | None = None) -> str:
    """The text of a UTF-8 file (a byte order mark is dropped), read as `read` does."""
    name = path if name is None else name
    data = read(path, kind, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the {kind.noun} is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise FileError([Diagnostic(name, line, column, "error", message)]) from None


def too_large(kind: Kind, limit: int | None = None) -> str:
    """The message for a file of `kind` over its limit."""
    most = kind.limit if limit is None else limit
    size = f"{most // MB} MB" if most % MB == 0 else f"{most:,} bytes"
    if kind == PLAN:
        return f"file is larger than {size}; a plan is far smaller"
    return f"the {kind.noun} is larger than {size}"


def _file(kind: Kind) -> str:
    return "file" if kind == PLAN else kind.noun


def _plain(kind: Kind, reason: str) -> str:
    return reason if kind == PLAN else f"cannot read the {kind.noun}: {reason}"


def _not_regular(kind: Kind) -> str:
    if kind == PLAN:
        return (
            "is not a regular file (a device, pipe or socket); "
            "to read a stream, pass '-' and give it on standard input"
        )
    return f"the {kind.noun} is not a regular file (a device, pipe or socket)"


def _os_problem(kind: Kind, exc: BaseException) -> str:
    number = getattr(exc, "errno", None)
    if number == errno.ELOOP:
        return "is a loop of symbolic links"
    if number == errno.ENAMETOOLONG:
        return _plain(kind, "the name is too long for the system")
    reason = getattr(exc, "strerror", None) or str(exc)
    return f"cannot read: {reason}" if kind == PLAN else f"cannot read the {kind.noun}: {reason}"


def _error(name: str, message: str) -> FileError:
    return FileError([Diagnostic(name, 1, 1, "error", message)])
