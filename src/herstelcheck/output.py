"""Write reports: to standard output, or to files atomically, so that a reader never
sees half a file and a failed run leaves an existing file as it was."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
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
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def check_target(target: str, inputs: Iterable[str] = ()) -> Path:
    """Refuse an output path that is a folder, has no folder, or is one of the inputs."""
    path = Path(target)
    if path.is_dir():
        raise UsageError(f"cannot write the report to '{target}': it is a folder")
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise UsageError(f"cannot write the report to '{target}': no folder '{folder}'")
    resolved = path.resolve()
    for name in inputs:
        if name != "-" and Path(name).exists() and Path(name).resolve() == resolved:
            raise UsageError(
                f"refusing to write the report to '{target}': it is one of the plans audited"
            )
    return path


def write_atomic(target: str | Path, text: str) -> None:
    """Write `text` to `target` via a temporary file in the same folder and a rename."""
    path = Path(target)
    temp = _write_temporary(target, text)
    try:
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            _set_default_mode(temp)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None


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


def _write_temporary(target: str | Path, text: str) -> str:
    """`text` in a new temporary file beside `target`, on disk; returns its name. A file
    that cannot be written is removed again, and the problem raised as UsageError."""
    path = Path(target)
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise UsageError(f"cannot write '{target}': {exc.strerror or exc}") from None
    return temp


def _set_default_mode(name: str) -> None:
    """The permissions a new file gets (mkstemp makes it private to its owner)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
