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
from collections.abc import Iterable
from pathlib import Path

from herstelcheck.errors import UsageError


def write_output(text: str, target: str | Path | None = None) -> None:
    """`text` to the file `target` (atomically) or, without one, to standard output."""
    if target is not None:
        write_atomic(target, text)
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `herstelcheck audit ... | head`
        _discard_stdout()
    except OSError as exc:  # a full disk (`> /dev/full`)
        _discard_stdout()
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot write the report to standard output: {reason}") from None


def _discard_stdout() -> None:
    """Send what is left in standard output's buffer nowhere, so that the flush at exit
    cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def check_target(target: str, inputs: Iterable[str] = ()) -> Path:
    """Refuse an output path that is a folder, a device or pipe, has no folder, or is one
    of the plans that `inputs` (files, folders, `-`) name."""
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
    if real.exists() and any(_same_file(name, real) for name in _plan_files(inputs)):
        raise UsageError(
            f"refusing to write the report to '{target}': it is one of the plans audited"
        )
    return path


def _plan_files(inputs: Iterable[str]) -> list[str]:
    from herstelcheck.runner import collect

    return collect(inputs).files


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
    path = Path(os.path.realpath(target))
    if path.exists() and not path.is_file():
        raise UsageError(f"cannot write '{target}': it is not a regular file")
    temp = _write_temporary(path, text, shown=target)
    try:
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            _set_default_mode(temp)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None
        raise


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
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _write_temporary(target: str | Path, text: str, shown: str | Path | None = None) -> str:
    """`text` in a new temporary file beside `target`, on disk; returns its name. A file
    that cannot be written is removed again, and the problem raised as UsageError."""
    import tempfile  # only a run that writes a file pays for it

    path = Path(target)
    shown = target if shown is None else shown
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write '{shown}': {exc.strerror or exc}") from None
    try:
        # errors="replace", as on standard output: a character no encoder can write
        # must not cost the user the report.
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write '{shown}': {exc.strerror or exc}") from None
        raise
    return temp


def _set_default_mode(name: str) -> None:
    """The permissions a new file gets (mkstemp makes it private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
