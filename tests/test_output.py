"""Writing reports: atomically, with the permissions a file should have, and nothing
left behind when writing fails."""

from __future__ import annotations

import os
import re

import pytest

from herstelcheck.errors import UsageError
from herstelcheck.output import write_atomic, write_new


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
    with pytest.raises(UsageError, match=r"cannot write '.*a\.txt': No such file or directory"):
        write(str(target), "text\n")
