"""What Typer and Rich give the command line: completion, help, `--color`, `COLUMNS`,
diagnostics and the progress bar on standard error, and `--debug` as a real option."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT
from generated import write_plans

LINDEWAARD = str(EXAMPLES / "lindewaard.yaml")
ESC = "\x1b["


def herstelcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`herstelcheck ARGS` in a process of its own, its standard streams pipes."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    return subprocess.run(
        [sys.executable, "-m", "herstelcheck", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**base, **(env or {})},
        cwd=ROOT,
        timeout=60,
    )


def test_show_completion_prints_a_completion_script():
    done = herstelcheck("--show-completion", "bash")
    assert done.returncode == 0, done.stderr
    assert "complete" in done.stdout and "_HERSTELCHECK_COMPLETE" in done.stdout
    assert done.stderr == ""


def test_install_completion_is_an_option(cli):
    result = cli("--help")
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout


@pytest.mark.parametrize("command", ["audit", "checklist", "init", "schema", "diff"])
def test_dash_h_is_help(cli, command):
    result = cli(command, "-h")
    assert result.exit_code == 0, result
    assert f"Usage: herstelcheck {command}" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("width", [60, 120])
@pytest.mark.parametrize(
    "args",
    [["audit", LINDEWAARD], ["checklist", "5"], ["diff", LINDEWAARD, LINDEWAARD]],
    ids=["audit", "checklist", "diff"],
)
def test_columns_sets_the_width_of_a_report_in_a_pipe(cli, monkeypatch, width, args):
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli(*args)
    assert result.exit_code == 0, result
    widest = max(len(line) for line in result.stdout.splitlines())
    if args[0] == "audit":  # its tables and rules fill the width
        assert widest == width
    else:  # wrapped prose comes close
        assert width - 10 <= widest <= width


def test_the_audit_report_is_as_wide_as_columns_says():
    for width in (60, 120):
        done = herstelcheck("audit", LINDEWAARD, env={"COLUMNS": str(width)})
        assert done.returncode == 0, done.stderr
        assert max(len(line) for line in done.stdout.splitlines()) == width


def test_color_always_colours_a_pipe():
    done = herstelcheck("audit", LINDEWAARD, "--color", "always")
    assert done.returncode == 0, done.stderr
    assert ESC in done.stdout
    assert "Lindewaard" in done.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--color", "never"], {}),
        (["--color", "never"], {"FORCE_COLOR": "1"}),
        ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}),
        ([], {"NO_COLOR": "1"}),
        ([], {}),  # a pipe is no terminal
    ],
    ids=["never", "never-over-force", "no-color-over-force", "no-color", "pipe"],
)
def test_no_colour_when_asked_or_in_a_pipe(args, env):
    done = herstelcheck("audit", LINDEWAARD, *args, env=env)
    assert done.returncode == 0, done.stderr
    assert ESC not in done.stdout


def test_force_color_colours_a_pipe():
    done = herstelcheck("audit", LINDEWAARD, env={"FORCE_COLOR": "1"})
    assert ESC in done.stdout


def test_colour_applies_to_checklist_and_diff_too():
    for args in (["checklist", "5"], ["diff", LINDEWAARD, LINDEWAARD]):
        assert ESC in herstelcheck(*args, "--color", "always").stdout
        assert ESC not in herstelcheck(*args, "--color", "never").stdout


def test_a_bad_color_value_is_a_usage_error(cli):
    result = cli("audit", LINDEWAARD, "--color", "sometimes")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--color" in result.stderr


def test_a_coloured_diagnostic_is_still_one_plain_line_without_colour(cli, write_plan):
    bad = write_plan("gemeente: X\ntitel: Y\nacties:\n  - naam: A\n    termijn: ooit\n")
    result = cli("audit", str(bad))
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{bad}:5:14: error: 'acties[1].termijn' must be one of")
    assert ESC not in result.stderr


def test_a_long_diagnostic_is_not_wrapped_at_the_terminal_width(cli, monkeypatch, write_plan):
    monkeypatch.setenv("COLUMNS", "40")
    bad = write_plan("gemeente: X\ntitel: Y\nacties:\n  - naam: A\n    termijn: binnenkort\n")
    result = cli("audit", str(bad))
    assert len(result.stderr.splitlines()) == 1


def test_color_always_colours_the_severity_of_a_diagnostic(write_plan):
    bad = write_plan("gemeente: X\ntitel: Y\nacties:\n  - naam: A\n    termijn: ooit\n")
    done = herstelcheck("audit", str(bad), "--color", "always")
    assert done.returncode == 2
    assert ESC in done.stderr
    assert "error:" in done.stderr


# --- the progress bar -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("batch")
    write_plans(folder, 12, seed=3)
    return folder


def test_progress_bar_on_a_terminal_standard_error(cli, monkeypatch, batch, tmp_path):
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: standard error is a terminal
    result = cli("audit", str(batch), "-f", "json", "-o", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result
    assert "herstelcheck" in result.stderr and "/12" in result.stderr


def test_no_progress_bar_in_a_pipe_or_for_a_few_plans(cli, monkeypatch, batch, tmp_path):
    result = cli("audit", str(batch), "-f", "json", "-o", str(tmp_path / "r.json"))
    assert result.stderr == ""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = cli("audit", LINDEWAARD, "-f", "json", "-o", str(tmp_path / "r.json"))
    assert result.stderr == ""


# --- --debug ----------------------------------------------------------------------------------


@pytest.fixture
def broken_audit(monkeypatch):
    from herstelcheck import run

    def fail(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(run, "audit", fail)


def test_an_internal_error_is_one_line_and_exit_2(cli, broken_audit):
    result = cli("audit", LINDEWAARD)
    assert result.exit_code == 2
    assert result.stderr.startswith("herstelcheck: internal error: RuntimeError: kapot\n")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(cli, broken_audit):
    with pytest.raises(RuntimeError, match="kapot"):
        cli("--debug", "audit", LINDEWAARD)


def test_debug_after_a_double_dash_is_a_path_not_the_option(cli, broken_audit):
    result = cli("audit", "--", "--debug", LINDEWAARD)
    assert result.exit_code == 2
    assert "internal error" in result.stderr


# --- -q/--quiet -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["terminal", "concise"])
def test_quiet_leaves_out_the_report_but_not_the_verdict(cli, fmt):
    result = cli("audit", str(EXAMPLES), "-f", fmt, "-q", "--fail-on", "missing")
    assert result.exit_code == 1, result
    assert result.stdout == ""
    assert "bergakker.yaml: error: item 2 (" in result.stderr
    assert "internal error" not in result.stderr


def test_quiet_keeps_the_machine_formats_and_the_report_files(cli, tmp_path):
    target = tmp_path / "r.json"
    result = cli("audit", str(EXAMPLES), "-q", "--report", f"json={target}")
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert '"plans"' in target.read_text(encoding="utf-8")
    assert '"plans"' in cli("audit", str(EXAMPLES), "-q", "-f", "json").stdout
