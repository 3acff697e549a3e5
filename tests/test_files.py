"""Every file herstelcheck reads goes through one reader (`files`): regular files only,
their size checked before a byte is read, against the limit of their kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from herstelcheck import files
from herstelcheck.errors import HerstelcheckError

ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")
POSIX = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="no FIFOs or /dev/zero"
)


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


def herstelcheck(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """herstelcheck in its own process, with limits on time and memory."""
    return subprocess.run(
        [sys.executable, "-m", "herstelcheck", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
        check=False,
    )


def sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:  # takes no disk
        handle.truncate(size)
    return path


def test_each_kind_has_its_limit():
    assert files.PLAN.limit == 5 * files.MB
    assert files.CHECKLIST.limit == files.CONFIG.limit == files.TEMPLATE.limit == files.MB
    assert files.DOCUMENT.limit == 50 * files.MB


def test_a_caller_may_set_a_limit_of_its_own(tmp_path):
    document = tmp_path / "plan.pdf"
    document.write_bytes(b"%PDF" + b"x" * 2000)
    assert len(files.read(str(document), files.DOCUMENT, limit=4096)) == 2004
    with pytest.raises(HerstelcheckError) as caught:
        files.read(str(document), files.DOCUMENT, limit=1024)
    assert caught.value.diagnostics[0].message == "the document is larger than 1,024 bytes"


@POSIX
@pytest.mark.parametrize(
    ("option", "kind"),
    [("--config", "configuration file"), ("--checklist", "checklist file")],
)
def test_a_device_or_fifo_as_config_or_checklist_is_refused_at_once(tmp_path, option, kind):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: opening it to read would wait for ever
    for name in ("/dev/zero", str(fifo)):
        result = herstelcheck("audit", option, name, ZEEVEEN)
        assert result.returncode == 2, result
        assert result.stderr == (
            f"{os.path.relpath(name) if option == '--config' else name}:1:1: error: "
            f"the {kind} is not a regular file (a device, pipe or socket)\n"
        )
        assert result.stdout == ""


@POSIX
def test_a_device_or_fifo_as_template_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for name in ("/dev/zero", str(fifo)):
        result = herstelcheck("audit", ZEEVEEN, "-f", "markdown", "--template", name)
        assert result.returncode == 2, result
        assert result.stderr == (
            f"{name}:1:1: error: the template file is not a regular file "
            "(a device, pipe or socket)\n"
        )


def test_a_huge_configuration_file_found_by_the_search_is_not_read(tmp_path):
    sparse(tmp_path / ".herstelcheck.yaml", 2 * 1024**3)
    result = herstelcheck("audit", ZEEVEEN, cwd=tmp_path)
    assert result.returncode == 2, result
    assert result.stderr == (
        ".herstelcheck.yaml:1:1: error: the configuration file is larger than 1 MB\n"
    )


@pytest.mark.parametrize(
    ("option", "kind"),
    [
        ("--config", "configuration file"),
        ("--checklist", "checklist file"),
        ("--template", "template file"),
    ],
)
def test_files_over_the_limit_of_their_kind_are_refused(cli, tmp_path, monkeypatch, option, kind):
    big = sparse(tmp_path / "groot", files.MB + 1)
    monkeypatch.chdir(tmp_path)
    result = cli("audit", ZEEVEEN, "-f", "markdown", option, "groot")
    assert result.exit_code == 2, result
    assert result.stderr == f"groot:1:1: error: the {kind} is larger than 1 MB\n"
    assert result.stdout == ""
    assert big.exists()


def test_a_file_just_within_the_limit_is_read(tmp_path):
    within = tmp_path / "settings.yaml"
    within.write_bytes(b"#" * files.MB)
    assert len(files.read(str(within), files.CONFIG)) == files.MB


def test_every_message_names_the_kind_of_file(tmp_path):
    for kind, missing in (
        (files.PLAN, "no such file"),
        (files.CHECKLIST, "no such checklist file"),
        (files.CONFIG, "no such configuration file"),
        (files.TEMPLATE, "no such template file"),
    ):
        with pytest.raises(files.FileError) as caught:
            files.read(str(tmp_path / "weg"), kind)
        assert caught.value.diagnostics[0].message == missing
        with pytest.raises(files.FileError) as caught:
            files.read(str(tmp_path), kind)
        assert caught.value.diagnostics[0].message == f"is a folder, not a {missing[8:]}"
