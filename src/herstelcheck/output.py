"""Write reports: to standard output, or to files atomically, so that a reader never
sees half a file and a failed run leaves an existing file as it was.

A report only ever replaces a regular file, and never one of the plans it reports on:
not when `-o` names a plan by another path, a symbolic or hard link, a plan found in a
folder, or the file that standard input was redirected from. `-o` naming a symbolic link
writes to the file the link points to and leaves the link in place.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from herstelcheck.errors import UsageError
from herstelcheck.signals import deferred as deferred_signals


def write_output(text: str, target: str | Path | None = None, *, utf8: bool = False) -> None:
    """`text` to the file `target` (atomically) or, without one, to standard output
    (as UTF-8 bytes with `utf8`, whatever the encoding of standard output)."""
    if target is not None:
        write_atomic(target, text)
        return
    stream = StandardOutput(utf8=utf8)
    stream.write(text)
    stream.commit()


class StandardOutput:
    """A report written piece by piece to standard output.

    Standard output is the one of the moment the report starts, whatever is done to
    `sys.stdout` while plans are audited. Each piece is flushed as it is written, so a
    reader sees each plan as soon as it is audited. With `utf8` the text goes as UTF-8
    bytes to the binary layer, whatever the encoding of standard output (JSON, SARIF and
    the other formats read by programs must not lose a character to an ASCII or Latin-1
    locale); without it, in the encoding of standard output (the terminal report).

    A reader that goes away (`... | head`) is no error: the rest of the report goes
    nowhere, and `gone` says so. A write that fails otherwise (a full disk,
    `> /dev/full`, a standard output closed before the run) sends the rest nowhere too,
    and `commit` raises it as a UsageError, so a run still finishes its other reports
    first.
    """

    def __init__(self, *, utf8: bool = False) -> None:
        self._stream = sys.stdout
        self._binary: Any = getattr(self._stream, "buffer", None) if utf8 else None
        self._open = True
        self._failure: str | None = None
        self.gone = False
        """Whether the reader went away (a broken pipe)."""

    def write(self, text: str) -> None:
        if not self._open:
            return
        if self._binary is not None:
            self._attempt(self._write_bytes, text.encode("utf-8", errors="replace"))
        else:
            self._attempt(self._write_text, text)

    def commit(self) -> None:
        """Flush what is written; raise a failure of any write as a UsageError."""
        if self._open:
            self._attempt(self._stream.flush)
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise UsageError(f"cannot write the report to standard output: {failure}")

    def discard(self) -> None:
        """Nothing to take back: what is written is written."""

    def _write_text(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()

    def _write_bytes(self, data: bytes) -> None:
        self._stream.flush()  # whatever went through the text layer comes first
        self._binary.write(data)
        self._binary.flush()

    def _attempt(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except BrokenPipeError:  # `herstelcheck audit ... | head`
            self._open = False
            self.gone = True
            _discard_stdout()
        except (OSError, ValueError) as exc:  # a full disk (`> /dev/full`), closed
            self._open = False
            _discard_stdout()
            self._failure = getattr(exc, "strerror", None) or str(exc)


def _discard_stdout() -> None:
    """Send what is left in standard output's buffer nowhere, so that the flush at exit
    cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def check_target(target: str, inputs: Iterable[str] = ()) -> Path:
    """Refuse an output path that is a folder, a device or pipe, has no folder, or is one
    of the files `inputs` (`-`: the file standard input was redirected from)."""
    path = Path(target)
    real = Path(os.path.realpath(path))
    if real.is_dir():
        raise UsageError(f"cannot write the report to '{target}': it is a folder")
    if real.exists() and not real.is_file():
        raise UsageError(
            f"cannot write the report to '{target}': it is not a regular file "
            "(a device, pipe or socket); leave out -o to write to standard output"
        )
    folder = real.parent
    if not folder.is_dir():
        shown = path.parent if str(path.parent) else Path()
        raise UsageError(f"cannot write the report to '{target}': no folder '{shown}'")
    if real.exists() and any(_same_file(name, real) for name in inputs):
        raise UsageError(
            f"refusing to write the report to '{target}': it is one of the plans audited"
        )
    return path


def _same_file(name: str, target: Path) -> bool:
    """Whether plan `name` (`-`: standard input) is the file `target`."""
    try:
        info = os.fstat(sys.stdin.fileno()) if name == "-" else os.stat(name)
        other = os.stat(target)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) == (
        other.st_dev,
        other.st_ino,
    )


def write_atomic(target: str | Path, text: str) -> None:
    """Write `text` to `target` via a temporary file in the same folder and a rename.

    A symbolic link is followed (the file it points to gets the text); anything but a
    regular file is refused, so a report never replaces a device such as /dev/null.
    """
    writer = AtomicWriter(target)
    writer.write(text)
    writer.commit()


class AtomicWriter:
    """A file written piece by piece, atomically, as `write_atomic` writes it whole.

    The pieces go to a temporary file beside `target`, which replaces `target` at
    `commit` (once it is all on disk). Until then `target` stays as it was; when a write
    fails, or the run stops and calls `discard`, the temporary file is removed.
    """

    def __init__(self, target: str | Path) -> None:
        self._path = Path(os.path.realpath(target))
        self._shown = target
        if self._path.exists() and not self._path.is_file():
            raise UsageError(f"cannot write '{target}': it is not a regular file")
        self._temporary: _Temporary | None = _Temporary(self._path, shown=target)

    def write(self, text: str) -> None:
        self._pending().write(text)

    def commit(self) -> None:
        """Replace `target` by the file written."""
        temp = self._pending().finish()
        self._temporary = None
        path = self._path
        try:
            if path.exists():
                with contextlib.suppress(OSError):
                    os.chmod(temp, path.stat().st_mode & 0o7777)
            else:
                _set_default_mode(temp)
            os.replace(temp, path)
            _PENDING.discard(temp)
        except BaseException as exc:
            _remove(temp)
            if isinstance(exc, OSError):
                raise UsageError(f"cannot write '{self._shown}': {exc.strerror or exc}") from None
            raise

    def discard(self) -> None:
        """Remove the temporary file and leave `target` as it was (after `commit`: no-op)."""
        if self._temporary is not None:
            self._temporary.discard()
            self._temporary = None

    def _pending(self) -> _Temporary:
        if self._temporary is None:
            raise ValueError("the file is already committed or discarded")
        return self._temporary


def write_new(target: str | Path, text: str) -> None:
    """Write `text` to a new file `target`, atomically; never replaces an existing file.

    Raises FileExistsError when `target` exists (also when it appears while writing),
    UsageError when it cannot be written.
    """
    path = Path(target)
    if path.exists() or path.is_symlink():
        raise FileExistsError(str(path))
    temp = _write_temporary(target, text)
    try:
        _set_default_mode(temp)
        try:
            os.link(temp, path)  # fails when the name is taken: no window to overwrite
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create exclusively instead
            with open(path, "x", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
    except FileExistsError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None
    finally:
        _remove(temp)


def _write_temporary(target: str | Path, text: str, shown: str | Path | None = None) -> str:
    """`text` in a new temporary file beside `target`, on disk; returns its name. A file
    that cannot be written is removed again, and the problem raised as UsageError."""
    temporary = _Temporary(target, shown)
    temporary.write(text)
    return temporary.finish()


class _Temporary:
    """A new temporary file beside `target`, written piece by piece and then put on disk
    (`finish`). When a write fails the file is removed again, and the problem raised as
    UsageError (any other exception, such as an interrupt, is raised as it is)."""

    def __init__(self, target: str | Path, shown: str | Path | None = None) -> None:
        import tempfile  # only a run that writes a file pays for it

        path = Path(target)
        self._shown = target if shown is None else shown
        folder = path.parent if str(path.parent) else Path()
        try:
            # No signal between making the file and noting it down: a run stopped at
            # any moment leaves no temporary file behind (`remove_temporary_files`).
            with deferred_signals():
                handle, self.name = tempfile.mkstemp(
                    prefix=_temporary_prefix(path.name), suffix=".tmp", dir=folder
                )
                _PENDING.add(self.name)
        except OSError as exc:
            raise UsageError(f"cannot write '{self._shown}': {exc.strerror or exc}") from None
        # errors="replace", as on standard output: a character no encoder can write
        # must not cost the user the report.
        self._stream = os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n")

    def write(self, text: str) -> None:
        try:
            self._stream.write(text)
        except BaseException as exc:
            self._failed(exc)
            raise

    def finish(self) -> str:
        """Put the file on disk and close it; returns its name."""
        try:
            with self._stream:
                self._stream.flush()
                os.fsync(self._stream.fileno())
        except BaseException as exc:
            self._failed(exc)
            raise
        return self.name

    def discard(self) -> None:
        """Close and remove the file."""
        with contextlib.suppress(OSError):
            self._stream.close()
        _remove(self.name)

    def _failed(self, exc: BaseException) -> None:
        """Remove the file; an OSError is raised as a UsageError (else the caller raises)."""
        self.discard()
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write '{self._shown}': {exc.strerror or exc}") from None


_PENDING: set[str] = set()
"""The temporary files made and not yet renamed or removed."""


def remove_temporary_files() -> None:
    """Remove every temporary file still there: after a run that was stopped where no
    `discard` could reach them (see `signals`)."""
    for name in list(_PENDING):
        _remove(name)


def _remove(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
    _PENDING.discard(name)


def _temporary_prefix(name: str) -> str:
    """The start of a temporary file's name: `.NAME.`, or a short one where NAME is so
    long that the random part and `.tmp` would make the name too long for the system."""
    if len(os.fsencode(name)) > _LONGEST_NAME:
        return ".herstelcheck."
    return f".{name}."


_LONGEST_NAME = 200
"""The longest file name that a temporary name repeats (most systems allow 255 bytes:
room for the dot, the random part and `.tmp`)."""


def _set_default_mode(name: str) -> None:
    """The permissions a new file gets (mkstemp makes it private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
