"""Report files: written atomically, never over a plan, a folder or a device."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from herstelcheck import formats, output

ZEEVEEN = EXAMPLES / "zeeveen.yaml"
OLD_REPORT = "het vorige rapport\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_report_is_written_to_the_file(cli, tmp_path):
    target = tmp_path / "rapport.json"
    result = cli("audit", "-f", "json", "-o", str(target), str(ZEEVEEN))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["plans"][0]["gemeente"] == "Zeeveen"
    assert _leftovers(tmp_path) == []


# Every report is written plan by plan; some keep part of it for the end (SARIF's
# results, a memo's sections), which may fail too.
FAILURES = {
    "terminal": ("terminal", "Writer", "plan"),
    "sarif": ("sarif", "Writer", "plan"),
    "sarif at the end": ("sarif", "Writer", "end"),
    "markdown": ("markdown", "BundledMemo", "section"),
    "markdown at the end": ("markdown", "BundledMemo", "page"),
    "html": ("html", "Writer", "section"),
    "html at the end": ("html", "Writer", "page"),
}


@pytest.mark.parametrize(("fmt", "writer", "method"), FAILURES.values(), ids=list(FAILURES))
def test_a_failure_while_rendering_leaves_the_old_report(
    cli, tmp_path, monkeypatch, fmt, writer, method
):
    target = tmp_path / "rapport.txt"
    target.write_text(OLD_REPORT)

    def fail(*args):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(getattr(formats.module(formats.OutputFormat(fmt)), writer), method, fail)
    result = cli("audit", "-f", fmt, "-o", str(target), str(ZEEVEEN), str(ZEEVEEN.parent))
    assert result.exit_code == 2, result
    assert "herstelcheck: internal error: RuntimeError: rendering failed" in result.stderr
    assert target.read_text() == OLD_REPORT
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_while_writing_leaves_the_old_report(cli, tmp_path, monkeypatch, failing):
    target = tmp_path / "rapport.txt"
    target.write_text(OLD_REPORT)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    result = cli("audit", "-o", str(target), str(ZEEVEEN))
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: cannot write '{target}': No space left on device\n"
    )
    assert target.read_text() == OLD_REPORT
    assert _leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "rapport.txt"
    target.write_text(OLD_REPORT)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "nieuw")
    assert target.read_text() == OLD_REPORT
    assert _leftovers(tmp_path) == []


def test_output_path_that_is_a_folder(cli, tmp_path):
    result = cli("audit", "-o", str(tmp_path), str(ZEEVEEN))
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: cannot write the report to '{tmp_path}': it is a folder\n"
    )
    assert result.stdout == ""


def test_output_path_in_a_folder_that_does_not_exist(cli, tmp_path):
    target = tmp_path / "nergens" / "rapport.txt"
    result = cli("audit", "-o", str(target), str(ZEEVEEN))
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: cannot write the report to '{target}': no folder '{target.parent}'\n"
    )


def test_output_path_in_a_folder_that_cannot_be_written(cli, tmp_path):
    if Path("/proc/self").is_dir():  # not even root may create files in /proc
        target = Path("/proc/rapport.txt")
    elif hasattr(os, "geteuid") and os.geteuid() != 0:  # pragma: no cover - other systems
        folder = tmp_path / "dicht"
        folder.mkdir(mode=0o500)
        target = folder / "rapport.txt"
    else:  # pragma: no cover
        pytest.skip("no folder here that cannot be written")
    result = cli("audit", "-o", str(target), str(ZEEVEEN))
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"herstelcheck: error: cannot write '{target}': ")
    assert not target.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_output_path_that_is_a_fifo_is_refused(cli, tmp_path):
    fifo = tmp_path / "rapport.txt"
    os.mkfifo(fifo)
    result = cli("audit", "-o", str(fifo), str(ZEEVEEN))
    assert result.exit_code == 2, result
    assert "it is not a regular file (a device, pipe or socket)" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device node needs root"
)
def test_output_path_that_is_a_device_is_never_replaced(cli, tmp_path):
    device = tmp_path / "null"  # a copy of /dev/null: /dev/null itself is never risked
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    for target in (device, tmp_path / "link-to-null"):
        if target != device:
            target.symlink_to(device)
        result = cli("audit", "-o", str(target), "--follow-symlinks", str(ZEEVEEN))
        assert result.exit_code == 2, result
        assert "it is not a regular file" in result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)
    assert _leftovers(tmp_path) == []


def test_write_atomic_refuses_a_device_too(tmp_path):
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    with pytest.raises(output.UsageError, match="not a regular file"):
        output.write_atomic(fifo, "tekst")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_through_a_symbolic_link_writes_the_file_it_points_to(cli, tmp_path):
    real = tmp_path / "rapporten" / "rapport.txt"
    real.parent.mkdir()
    real.write_text(OLD_REPORT)
    link = tmp_path / "rapport.txt"
    link.symlink_to(real)
    result = cli("audit", "-o", str(link), "--follow-symlinks", str(ZEEVEEN))
    assert result.exit_code == 0, result
    assert link.is_symlink()
    assert "Zeeveen" in real.read_text(encoding="utf-8")


# --- -o naming a plan: refused, the plan untouched ------------------------------------


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "plannen"
    folder.mkdir()
    plan = folder / "zeeveen.yaml"
    plan.write_bytes(ZEEVEEN.read_bytes())
    return plan


def _refused(cli, plan: Path, target: str, *paths: str) -> None:
    before = plan.read_bytes()
    result = cli("audit", "-o", target, *paths)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: refusing to write the report to '{target}': "
        "it is one of the plans audited\n"
    )
    assert result.stdout == ""
    assert plan.read_bytes() == before
    assert _leftovers(plan.parent) == []


def test_output_is_the_plan(cli, plan_copy):
    _refused(cli, plan_copy, str(plan_copy), str(plan_copy))


def test_output_is_the_plan_by_another_relative_path(cli, plan_copy, monkeypatch):
    monkeypatch.chdir(plan_copy.parent)
    _refused(cli, plan_copy, "../plannen/zeeveen.yaml", "zeeveen.yaml")


def test_output_is_a_symbolic_link_to_the_plan(cli, plan_copy):
    link = plan_copy.parent.parent / "link.yaml"
    link.symlink_to(plan_copy)
    _refused(cli, plan_copy, str(link), str(plan_copy))
    _refused(cli, plan_copy, str(plan_copy), str(link))


def test_output_is_a_hard_link_to_the_plan(cli, plan_copy):
    other = plan_copy.parent.parent / "ander.yaml"
    os.link(plan_copy, other)
    _refused(cli, plan_copy, str(other), str(plan_copy))


def test_output_is_a_plan_inside_a_folder_given(cli, plan_copy):
    _refused(cli, plan_copy, str(plan_copy), str(plan_copy.parent))


def test_output_is_the_file_standard_input_comes_from(plan_copy):
    before = plan_copy.read_bytes()
    with plan_copy.open("rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "herstelcheck", "audit", "-", "-o", str(plan_copy)],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert result.returncode == 2, result
    assert "it is one of the plans audited" in result.stderr
    assert plan_copy.read_bytes() == before


# --- standard output that cannot be written -----------------------------------------


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "herstelcheck", *args],
        text=True,
        timeout=30,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        **kwargs,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_standard_output_is_a_clean_error():
    with open("/dev/full", "w") as full:
        result = _run("audit", str(ZEEVEEN), stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2, result
    assert result.stderr == (
        "herstelcheck: error: cannot write the report to standard output: No space left on device\n"
    )


def test_closed_standard_streams_are_no_internal_error():
    closed_out = _run("audit", str(ZEEVEEN), capture_output=True, preexec_fn=lambda: os.close(1))
    assert closed_out.returncode == 2, closed_out  # the report is lost: not a success
    assert closed_out.stderr == (
        "herstelcheck: error: cannot write the report to standard output: "
        "it was closed when herstelcheck started\n"
    )
    closed_in = _run("audit", "-", capture_output=True, preexec_fn=lambda: os.close(0))
    assert closed_in.returncode == 2, closed_in
    assert closed_in.stderr.startswith("<stdin>:1:1: error: the file is empty")
