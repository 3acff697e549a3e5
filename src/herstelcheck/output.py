"""Write reports: to standard output, or to files atomically, so that a reader never
sees half a file and a failed run leaves an existing file as it was.

A report only ever replaces a regular file that is not read-only, and never one of the
plans it reports on (also by another path, a symbolic or hard link, a plan found in a
folder, or the file that standard input was redirected from) nor the checklist,
configuration or template file of its run. A file name whose last part is a symbolic
link is refused, unless the run allows it (`--follow-symlinks`): then the file the link
points to gets the report and the link stays (see `check_target`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from herstelcheck import streams
from herstelcheck.errors import UsageError
from herstelcheck.interrupts import deferred as deferred_signals


def write_output(
    text: str,
    target: str | Path | None = None,
    *,
    utf8: bool = False,
    rules: Rules | None = None,
) -> None:
    """`text` to the file `target` (atomically, as `rules` allow) or, without one, to
    standard output (as UTF-8 bytes with `utf8`, whatever the encoding of standard
    output)."""
    if target is not None:
        write_atomic(target, text, rules or Rules())
        return
    stream = StandardOutput(utf8=utf8)
    stream.write(text)
    stream.commit()


class StandardOutput:
    """A report written piece by piece to standard output.

    Standard output is the one of the moment the report starts (beneath the
    `streams.Departable` that Typer's own output goes through), whatever is done to
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
        global _gone
        _gone = False  # a new report: whether its reader goes away
        self._stream = streams.beneath(sys.stdout)
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

    # Written in pieces, each flushed: a reader that goes away in the middle of a large
    # write is not always told apart from one that took it all (the system may report
    # the part written), but the next piece is refused with a broken pipe.

    def _write_text(self, text: str) -> None:
        for start in range(0, len(text), _PIECE):
            self._stream.write(text[start : start + _PIECE])
            self._stream.flush()

    def _write_bytes(self, data: bytes) -> None:
        self._stream.flush()  # whatever went through the text layer comes first
        for start in range(0, len(data), _PIECE):
            self._binary.write(data[start : start + _PIECE])
            self._binary.flush()

    def _attempt(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except BrokenPipeError:  # `herstelcheck audit ... | head`
            global _gone
            self._open = False
            self.gone = _gone = True
            _discard_stdout()
        except (OSError, ValueError) as exc:  # a full disk (`> /dev/full`), closed
            self._open = False
            _discard_stdout()
            self._failure = getattr(exc, "strerror", None) or str(exc)


_PIECE = 64 * 1024
"""The most written to standard output at once (the size of a pipe's buffer on Linux)."""
_gone = False


def standard_output_gone() -> bool:
    """Whether the reader of the last report written to standard output went away (a
    broken pipe)."""
    return _gone


def _discard_stdout() -> None:
    """Send what is left in standard output's buffer nowhere, so that the flush at exit
    cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        streams.to_null(sys.stdout.fileno())


@dataclass(frozen=True, slots=True)
class Rules:
    """What a run allows its report files to replace."""

    follow_symlinks: bool = False
    """Write through a symbolic link named as the file (`--follow-symlinks`); without
    it, a file name whose last part is a symbolic link is refused."""
    force: bool = False
    """Replace a file whose permissions make it read-only (`--force`)."""
    protected: tuple[tuple[str, str], ...] = ()
    """Files that are never replaced, each with what it is: the checklist, the
    configuration or the template file of the run ("the checklist file")."""


def check_target(
    target: str | Path,
    inputs: Iterable[str] = (),
    rules: Rules = Rules(),
    what: str = "the report",
) -> Path:
    """The file that writing `what` to `target` replaces or makes, or a UsageError: for a
    folder, a device or pipe, a missing folder, a name the system cannot take, a loop of
    symbolic links, a symbolic link (unless `rules.follow_symlinks`), a read-only file
    (unless `rules.force`), one of the plans `inputs` (`-`: the file standard input was
    redirected from) or a file of `rules.protected`."""
    name = str(target)
    refuse = f"refusing to write {what} to '{name}'"
    cannot = f"cannot write {what} to '{name}'"
    try:
        info = os.lstat(name)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{cannot}: {_reason(exc)}") from None
    link = info is not None and stat.S_ISLNK(info.st_mode)
    real = Path(os.path.realpath(name)) if link else Path(os.path.abspath(name))
    try:
        final = os.stat(name) if link else info
    except FileNotFoundError:  # a link to a file that does not exist yet
        final = None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{cannot}: {_reason(exc)}") from None
    if final is not None and stat.S_ISREG(final.st_mode):
        for plan in inputs:
            if same_file(plan, final):
                raise UsageError(f"{refuse}: it is one of the plans audited")
        for file, kind in rules.protected:
            if same_file(file, final):
                raise UsageError(f"{refuse}: it is {kind} of this run")
    if link and not rules.follow_symlinks:
        try:
            points = os.readlink(name)
        except OSError:  # it changed meanwhile
            points = str(real)
        raise UsageError(
            f"{refuse}: it is a symbolic link (to '{points}'); "
            "name the file itself, or use --follow-symlinks to write where it points"
        )
    if final is not None and stat.S_ISDIR(final.st_mode):
        raise UsageError(f"{cannot}: it is a folder")
    if final is not None and not stat.S_ISREG(final.st_mode):
        raise UsageError(
            f"{cannot}: it is not a regular file (a device, pipe or socket); "
            "leave out -o to write to standard output"
        )
    if final is None:
        folder = real.parent
        if not folder.is_dir():
            shown = folder if link else Path(name).parent
            where = f" (where the symbolic link '{name}' points)" if link else ""
            raise UsageError(f"{cannot}: no folder '{shown}'{where}")
    elif not rules.force and _read_only(final):
        raise UsageError(f"{refuse}: the file is read-only; use --force to replace it")
    return real


def _reason(exc: BaseException) -> str:
    """An OSError in words for a message about a file name."""
    number = getattr(exc, "errno", None)
    if number == errno.ELOOP:
        return "it is a loop of symbolic links"
    if number == errno.ENAMETOOLONG:
        return "the name is too long for the system"
    if isinstance(exc, ValueError):  # a NUL in the name
        return "the name is not valid"
    return getattr(exc, "strerror", None) or str(exc)


def _read_only(info: os.stat_result) -> bool:
    """Whether the mode of a file says it is not to be written, by its owner or anyone
    (judged by the bits, not by access: root, as CI runs, may write anything)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: the read-only flag
        return not info.st_mode & stat.S_IWRITE
    uid = os.geteuid()
    if uid == 0 or uid == info.st_uid:
        return not info.st_mode & stat.S_IWUSR
    if info.st_gid in (os.getegid(), *os.getgroups()):
        return not info.st_mode & stat.S_IWGRP
    return not info.st_mode & stat.S_IWOTH


def same_file(name: str, target: os.stat_result) -> bool:
    """Whether `name` (`-`: the file standard input was redirected from) is the file of
    `target`."""
    try:
        info = os.fstat(sys.stdin.fileno()) if name == "-" else os.stat(name)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        return False
    return stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) == (
        target.st_dev,
        target.st_ino,
    )


def write_atomic(target: str | Path, text: str, rules: Rules = Rules()) -> None:
    """Write `text` to `target` via a temporary file in the same folder and a rename.

    Only a regular file is replaced, never a device such as /dev/null, and a symbolic
    link only with `rules.follow_symlinks` (the file it points to gets the text).
    """
    writer = AtomicWriter(target, rules)
    writer.write(text)
    writer.commit()


class AtomicWriter:
    """A file written piece by piece, atomically, as `write_atomic` writes it whole.

    The pieces go to a temporary file beside `target`, which replaces `target` at
    `commit` (once it is all on disk). Until then `target` stays as it was; when a write
    fails, or the run stops and calls `discard`, the temporary file is removed.
    """

    def __init__(self, target: str | Path, rules: Rules = Rules(), *, replace: bool = True) -> None:
        self._path = check_target(target, (), rules)
        self._shown = target
        self._replace = replace
        """Whether `commit` may replace a file that is there (else: FileExistsError)."""
        self._temporary: _Temporary | None = _Temporary(self._path, shown=target)

    def write(self, text: str) -> None:
        self._pending().write(text)

    def commit(self) -> None:
        """Replace `target` by the file written (without `replace`: put it in place only
        where no file is, else raise FileExistsError)."""
        temp = self._pending().finish()
        self._temporary = None
        path = self._path
        try:
            if not self._replace:
                _set_default_mode(temp)
                _place_new(temp, path)
                return
            if path.exists():
                with contextlib.suppress(OSError):
                    os.chmod(temp, path.stat().st_mode & 0o7777)
            else:
                _set_default_mode(temp)
            os.replace(temp, path)
            _PENDING.discard(temp)
        except FileExistsError:
            _remove(temp)
            raise
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
        _place_new(temp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None
    finally:
        _remove(temp)


def _place_new(temp: str, path: Path) -> None:
    """Put the file `temp` in place as `path` where no file is: never over one that is
    there, even one that appears meanwhile (FileExistsError)."""
    try:
        os.link(temp, path)  # fails when the name is taken: no window to overwrite
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: claim the name, then fill it
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(temp, path)
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
    `discard` could reach them (see `interrupts`)."""
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
