"""The command line: exit codes, streams, and the options of `audit`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("herstelcheck ")
    assert result.stderr == ""


def test_audit_example_reports_on_stdout(cli):
    result = cli("audit", str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 0, result
    assert "Zeeveen" in result.stdout
    assert "100,0" in result.stdout
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout


def test_unreadable_plan_is_exit_2_and_others_are_still_audited(cli, write_plan):
    bad = write_plan("gemeente: X\ntitel: Y\nacties:\n  - naam: A\n    termijn: binnenkort\n")
    result = cli("audit", "-f", "json", str(bad), str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 2, result
    data = json.loads(result.stdout)
    assert [p["gemeente"] for p in data["plans"]] == ["Zeeveen"]
    assert data["errors"][0]["line"] == 5
    assert (
        f"{bad}:5:14: error: 'acties[1].termijn' must be one of kort, middellang, lang"
        in result.stderr
    )


def test_fail_under(cli):
    plan = str(EXAMPLES / "lindewaard.yaml")
    assert cli("audit", plan, "--fail-under", "40").exit_code == 0
    result = cli("audit", plan, "--fail-under", "50")
    assert result.exit_code == 1, result
    assert "Lindewaard" in result.stdout
    assert result.stderr == f"{plan}: error: score 48,3 is under 50 (--fail-under)\n"


def test_fail_under_out_of_range_is_a_usage_error(cli):
    result = cli("audit", str(EXAMPLES / "zeeveen.yaml"), "--fail-under", "101")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--fail-under" in result.stderr


def test_a_folder_audits_every_plan_below_it_in_order(cli, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".verborgen").mkdir()
    for name in ("b/twee.yml", "een.yaml", ".verborgen/x.yaml", ".herstelcheck.yaml"):
        gemeente = name.split("/")[-1].split(".")[0] or "verborgen"
        (tmp_path / name).write_text(f"gemeente: {gemeente}\ntitel: T\n", encoding="utf-8")
    (tmp_path / "notities.txt").write_text("geen plan", encoding="utf-8")
    result = cli("audit", "-f", "json", str(tmp_path))
    assert result.exit_code == 0, result
    assert [p["gemeente"] for p in json.loads(result.stdout)["plans"]] == ["twee", "een"]


def test_a_folder_without_plans_is_an_error(cli, tmp_path):
    result = cli("audit", str(tmp_path))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{tmp_path}:1:1: error: the folder holds no plans (*.yaml or *.yml files)\n"
    )


def test_standard_input(cli):
    result = cli("audit", "-f", "json", "-", stdin=b"gemeente: Stdin\ntitel: T\n")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["plans"][0]["file"] == "<stdin>"


def test_errors_on_standard_input_name_it(cli):
    result = cli("audit", "-", stdin=b"gemeente: X\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:1:1: error: 'titel' is required")


def test_warnings_go_to_stderr_and_keep_exit_0(cli, write_plan):
    plan = write_plan("gemeente: A\ntitel: B\nterugvalscenarion: {beschrijving: x}\n")
    result = cli("audit", str(plan))
    assert result.exit_code == 0, result
    assert result.stderr == (
        f"{plan}:3:1: warning: unknown key 'terugvalscenarion' in the plan; "
        "did you mean 'terugvalscenario'?\n"
    )
    assert "terugvalscenarion" not in result.stdout


def test_output_file_is_written_and_stdout_stays_empty(cli, tmp_path):
    out = tmp_path / "rapport.json"
    result = cli("audit", "-f", "json", "-o", str(out), str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["plans"][0]["score"] == 100
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.json"]


def test_terminal_report_to_a_file_has_no_colour(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    out = tmp_path / "rapport.txt"
    result = cli("audit", "-o", str(out), str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 0, result
    assert "\x1b" not in out.read_text(encoding="utf-8")


def test_output_onto_an_input_plan_is_refused(cli, tmp_path):
    plan = tmp_path / "plan.yaml"
    original = (EXAMPLES / "zeeveen.yaml").read_bytes()
    plan.write_bytes(original)
    result = cli("audit", "-f", "json", "-o", str(tmp_path / "." / "plan.yaml"), str(plan))
    assert result.exit_code == 2
    assert "it is one of the plans audited" in result.stderr
    assert plan.read_bytes() == original


def test_output_into_a_folder_is_refused(cli, tmp_path):
    result = cli("audit", "-o", str(tmp_path), str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 2
    assert "it is a folder" in result.stderr


def test_another_checklist(cli, tmp_path):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    own = tmp_path / "eigen.yaml"
    own.write_text(text.replace("min: 2}", "min: 5}"), encoding="utf-8")
    plan = str(EXAMPLES / "zeeveen.yaml")
    data = json.loads(cli("audit", "-f", "json", "--checklist", str(own), plan).stdout)
    assert data["plans"][0]["score"] < 100


def test_a_broken_checklist_is_exit_2_with_its_line(cli, tmp_path):
    own = tmp_path / "eigen.yaml"
    own.write_text("name: x\nversion: 1\nitems: []\n", encoding="utf-8")
    result = cli("audit", "--checklist", str(own), str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{own}:3:8: error: checklist: 'items' must be")


def test_unknown_format_is_a_usage_error(cli):
    result = cli("audit", "-f", "pdf", str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "pdf" in result.stderr


def test_bad_date_option(cli):
    result = cli("audit", "--date", "gisteren", str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        "herstelcheck: error: --date must be a date such as 2021-06-30 (got 'gisteren')\n"
    )


def test_source_date_epoch_sets_the_audit_date(cli, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625097600")  # 2021-07-01
    data = json.loads(cli("audit", "-f", "json", str(EXAMPLES / "zeeveen.yaml")).stdout)
    assert data["date"] == "2021-07-01"


def test_english_report(cli):
    result = cli("audit", "--lang", "en", str(EXAMPLES / "bergakker.yaml"))
    assert result.exit_code == 0, result
    assert "What is missing and what to add" in result.stdout


def test_help_lists_the_audit_options(cli):
    result = cli("audit", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--output", "--lang", "--checklist", "--fail-under", "--date"):
        assert option in result.stdout


def test_python_dash_m(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "herstelcheck",
            "audit",
            "-f",
            "json",
            str(EXAMPLES / "zeeveen.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plans"][0]["score"] == 100


def test_importing_the_command_line_loads_no_heavy_library():
    """`herstelcheck --help` starts fast: YAML and Jinja2 load only when used."""
    code = (
        "import sys\n"
        "import herstelcheck.cli\n"
        "heavy = ('yaml', 'jinja2', 'markdown_it')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == ""


# --- the width of a terminal -----------------------------------------------------------


def in_terminal(args: list[str], columns: int, cwd: Path) -> str:
    """What `herstelcheck ARGS` shows on a terminal `columns` wide (a pseudo-terminal)."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    main_fd, terminal_fd = pty.openpty()
    fcntl.ioctl(terminal_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    env.pop("FORCE_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", *args],
        stdout=terminal_fd,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env=env,
    )
    os.close(terminal_fd)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    process.wait(timeout=60)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "examples/lindewaard.yaml"],
        ["checklist"],
        ["diff", "examples/bergakker.yaml", "examples/lindewaard.yaml"],
    ],
    ids=["audit", "checklist", "diff"],
)
def test_terminal_reports_take_the_width_of_the_terminal(args):
    wide = in_terminal(args, 132, ROOT)
    narrow = in_terminal(args, 60, ROOT)
    assert 80 < widest(wide) <= 132
    assert widest(narrow) <= 60


def test_a_report_written_to_a_file_has_the_default_width(tmp_path):
    target = tmp_path / "report.txt"
    shown = in_terminal(["audit", "examples/lindewaard.yaml", "-o", str(target)], 132, ROOT)
    assert shown == ""
    assert widest(target.read_text(encoding="utf-8")) <= 80
