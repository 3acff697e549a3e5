"""Writing reports: atomically (whole or piece by piece), with the permissions a file
should have, and nothing left behind when writing fails."""

from __future__ import annotations

import io
import os
import re
import sys

import pytest

from herstelcheck import output
from herstelcheck.errors import UsageError
from herstelcheck.output import AtomicWriter, StandardOutput, write_atomic, write_new


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    write_atomic(tmp_path / "a.txt", "a\n")
    write_new(tmp_path / "b.txt", "b\n")
    for name in ("a.txt", "b.txt"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o600


def test_write_new_never_replaces(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("write", [write_atomic, write_new])
def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch, write):
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "a.txt"
    with pytest.raises(UsageError, match=re.escape(f"cannot write '{target}': No space left")):
        write(target, "text\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("write", [write_atomic, write_new])
def test_a_missing_folder_is_a_usage_error(tmp_path, write):
    target = tmp_path / "nergens" / "a.txt"
    with pytest.raises(
        UsageError, match=r"cannot write .*a\.txt': (No such file or directory|no folder '.*')"
    ):
        write(str(target), "text\n")


# --- a report written piece by piece ------------------------------------------------


def test_an_atomic_writer_puts_the_file_in_place_at_commit(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    writer = AtomicWriter(target)
    writer.write("een\n")
    writer.write("twee\n")
    (temporary,) = [p for p in tmp_path.iterdir() if p.name.startswith(".a.txt.")]
    assert temporary.name.endswith(".tmp")
    assert target.read_text(encoding="utf-8") == "old\n"
    writer.commit()
    assert target.read_text(encoding="utf-8") == "een\ntwee\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    writer.discard()  # after the commit: nothing to take back
    assert target.read_text(encoding="utf-8") == "een\ntwee\n"
    with pytest.raises(ValueError, match="already committed or discarded"):
        writer.write("drie\n")


def test_an_atomic_writer_discarded_leaves_the_file_as_it_was(tmp_path):
    target = tmp_path / "a.txt"
    writer = AtomicWriter(target)
    writer.write("een\n")
    writer.discard()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="already committed or discarded"):
        writer.commit()


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_an_atomic_writer_that_fails_leaves_nothing_behind(tmp_path, monkeypatch, failing):
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    writer = AtomicWriter(target)
    writer.write("nieuw\n")
    monkeypatch.setattr(os, failing, full)
    with pytest.raises(UsageError, match=re.escape(f"cannot write '{target}': No space left")):
        writer.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert target.read_text(encoding="utf-8") == "old\n"


class _Stream(io.StringIO):
    """Standard output that fails from the `fail_at`-th write on."""

    def __init__(self, fail_at: int, error: OSError) -> None:
        super().__init__()
        self.writes = 0
        self.fail_at = fail_at
        self.error = error

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes >= self.fail_at:
            raise self.error
        return super().write(text)


@pytest.mark.parametrize(
    ("error", "raised"),
    [
        (BrokenPipeError(32, "Broken pipe"), None),
        (
            OSError(28, "No space left on device"),
            "cannot write the report to standard output: No space left on device",
        ),
    ],
)
def test_standard_output_that_fails_takes_no_more_and_says_so_at_commit(monkeypatch, error, raised):
    discarded = []
    monkeypatch.setattr(output, "_discard_stdout", lambda: discarded.append(True))
    stream = _Stream(fail_at=2, error=error)
    monkeypatch.setattr(sys, "stdout", stream)
    writer = StandardOutput()
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # as under a progress bar
    for piece in ("een\n", "twee\n", "drie\n"):
        writer.write(piece)
    assert stream.getvalue() == "een\n"
    assert stream.writes == 2 and discarded == [True]
    if raised is None:
        writer.commit()
    else:
        with pytest.raises(UsageError, match=re.escape(raised)):
            writer.commit()
        writer.commit()  # said once
