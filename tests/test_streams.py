"""Standard streams that cannot be written, or are closed, or speak ASCII: herstelcheck
in its own process, with real streams."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES

ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")
LINDEWAARD = EXAMPLES / "lindewaard.yaml"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file descriptors")
DEV_FULL = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")


def herstelcheck(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "herstelcheck", *args],
        timeout=60,
        check=False,
        env=env,
        **kwargs,
    )


def closed_pipe() -> int:
    """The writing end of a pipe whose reader is gone: every write fails with EPIPE."""
    read, write = os.pipe()
    os.close(read)
    return write


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A folder of plans, one of which cannot be read."""
    folder = tmp_path / "plannen"
    folder.mkdir()
    for index in range(12):
        shutil.copy(LINDEWAARD, folder / f"plan{index:02}.yaml")
    (folder / "stuk.yaml").write_text("gemeente: [\n", encoding="utf-8")
    return folder


# --- standard error ---------------------------------------------------------------------


@POSIX
def test_a_broken_standard_error_costs_neither_the_reports_nor_the_exit_code(tmp_path, plans):
    """`herstelcheck audit plannen/ --report json=r.json 2>&1 | head -1`."""
    report = tmp_path / "r.json"
    stderr = closed_pipe()
    try:
        result = herstelcheck(
            "audit",
            str(plans),
            "--report",
            f"json={report}",
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            cwd=tmp_path,
        )
    finally:
        os.close(stderr)
    assert result.returncode == 2  # a plan could not be read
    assert len(json.loads(report.read_text(encoding="utf-8"))["plans"]) == 12


@POSIX
def test_standard_error_and_output_in_one_pipe_that_closes_early(tmp_path, plans):
    report = tmp_path / "r.json"
    with subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", "audit", str(plans), "--report", f"json={report}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        assert process.stdout is not None
        process.stdout.readline()  # `| head -1`
        process.stdout.close()
        assert process.wait(timeout=60) == 2
    assert len(json.loads(report.read_text(encoding="utf-8"))["plans"]) == 12


@DEV_FULL
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["audit", "weg.yaml"], 2),
        (["audit", ZEEVEEN, "--fail-under", "101"], 2),
        (["audit", "--bestaat-niet", ZEEVEEN], 2),
        (["audit", str(LINDEWAARD), "--fail-under", "90"], 1),
        (["audit", ZEEVEEN], 0),
    ],
    ids=["unreadable-plan", "bad-option-value", "unknown-option", "shortfall", "ok"],
)
def test_a_full_standard_error_keeps_the_exit_code(tmp_path, args, code):
    with open("/dev/full", "w") as full:
        result = herstelcheck(*args, stdout=subprocess.DEVNULL, stderr=full, cwd=tmp_path)
    assert result.returncode == code


@POSIX
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["audit", "weg.yaml", ZEEVEEN, "-f", "json", "-o", "out.json"], 2),
        (["audit", "--bestaat-niet", ZEEVEEN], 2),
        (["audit", ZEEVEEN, "-f", "json", "-o", "out.json"], 0),
    ],
    ids=["unreadable-plan", "unknown-option", "ok"],
)
def test_a_closed_standard_error_keeps_the_report_and_the_exit_code(tmp_path, args, code):
    result = herstelcheck(
        *args, stdout=subprocess.DEVNULL, cwd=tmp_path, preexec_fn=lambda: os.close(2)
    )
    assert result.returncode == code
    if "out.json" in args:
        assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["plans"]


@POSIX
def test_files_opened_while_standard_error_is_closed_do_not_take_its_place(tmp_path):
    """A closed descriptor 2 is filled with the null device at once: otherwise the
    report's temporary file could be opened as descriptor 2, and take the diagnostics."""
    result = herstelcheck(
        "audit",
        "weg.yaml",
        ZEEVEEN,
        "-o",
        "out.txt",
        stdout=subprocess.DEVNULL,
        cwd=tmp_path,
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == 2
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "weg.yaml:1:1" not in text


# --- standard output ----------------------------------------------------------------------


@POSIX
def test_a_report_to_a_closed_standard_output_is_an_error(tmp_path):
    result = herstelcheck(
        "audit",
        ZEEVEEN,
        "-f",
        "json",
        capture_output=True,
        cwd=tmp_path,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "herstelcheck: error: cannot write the report to standard output: "
        "it was closed when herstelcheck started\n"
    )
    written = herstelcheck(
        "audit",
        ZEEVEEN,
        "-o",
        "out.txt",
        capture_output=True,
        cwd=tmp_path,
        preexec_fn=lambda: os.close(1),
    )
    assert (written.returncode, written.stderr) == (0, b"")  # nothing went to it


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "markdown"])
def test_machine_formats_reach_standard_output_as_utf8_whatever_its_encoding(
    tmp_path, encoding, fmt
):
    plan = tmp_path / "cafe.yaml"
    text = Path(ZEEVEEN).read_text(encoding="utf-8")
    plan.write_text(text.replace("gemeente: Zeeveen", "gemeente: Café Ŝeeveen ✓"), "utf-8")
    result = herstelcheck(
        "audit", str(plan), "-f", fmt, capture_output=True, env={"PYTHONIOENCODING": encoding}
    )
    assert result.returncode == 0, result.stderr
    assert "Café Ŝeeveen ✓" in result.stdout.decode("utf-8")
    if fmt == "json":
        assert json.loads(result.stdout)["plans"][0]["gemeente"] == "Café Ŝeeveen ✓"


def test_the_schema_reaches_an_ascii_standard_output_as_utf8():
    result = herstelcheck("schema", capture_output=True, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))


# --- a reader that goes away ---------------------------------------------------------------


@POSIX
@pytest.mark.parametrize(
    ("args", "code"), [([], 0), (["--fail-under", "90"], 1)], ids=["passing", "short"]
)
def test_a_reader_that_goes_away_stops_the_audit(tmp_path, args, code):
    """`herstelcheck audit plannen/ | head`: no plan is audited after the reader left,
    nothing more is said, and the exit code is that of the plans audited so far."""
    folder = tmp_path / "plannen"
    folder.mkdir()
    for index in range(300):
        shutil.copy(LINDEWAARD, folder / f"a{index:03}.yaml")
    (folder / "z-stuk.yaml").write_text("gemeente: [\n", encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", "audit", str(folder), "-f", "json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == code
    assert stderr == ""  # not the error of z-stuk.yaml, nor a verdict line


@POSIX
def test_a_reader_that_goes_away_from_a_whole_report_gets_no_verdict_lines(tmp_path):
    """A format written whole (SARIF) knows of the reader only at the end: the exit code
    is the run's, and nothing more is said."""
    folder = tmp_path / "plannen"
    folder.mkdir()
    for index in range(200):  # a report larger than the pipe holds
        shutil.copy(LINDEWAARD, folder / f"a{index:03}.yaml")
    command = ["audit", str(folder), "-f", "sarif", "--fail-under", "90"]
    with subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 1
    assert stderr == ""


@POSIX
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--help"], 0),
        (["-h"], 0),
        (["audit", "--help"], 0),
        (["checklist", "--help"], 0),
        (["init", "--help"], 0),
        (["schema", "--help"], 0),
        (["diff", "--help"], 0),
        (["scan", "--help"], 0),
        (["--version"], 0),
        (["--show-completion", "bash"], 0),
        ([], 2),  # no command: the help, as a usage error
    ],
    ids=lambda value: (" ".join(value) or "no-command") if isinstance(value, list) else None,
)
def test_a_reader_that_goes_away_from_the_help_is_no_error(args, code):
    """`herstelcheck --help | head -1` under `set -o pipefail`: what Typer writes itself
    ends with the command's own exit code, not Rich's or Click's 1, and says nothing."""
    stdout = closed_pipe()
    try:
        result = herstelcheck(*args, stdout=stdout, stderr=subprocess.PIPE)
    finally:
        os.close(stdout)
    assert (result.returncode, result.stderr.decode()) == (code, "")
