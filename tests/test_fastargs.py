"""The quick reader of audit command lines reads them as Typer does, or leaves them.

`fastargs.parse` must never read a command line differently from the Typer command:
each case below is read both ways and compared, and the whole run (streams and exit
code) is compared for real plans.
"""

from __future__ import annotations

import io
import shlex
import sys
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, EXAMPLES
from herstelcheck import audit_command, fastargs
from herstelcheck.audit_command import AuditArgs
from herstelcheck.cli import app
from herstelcheck.main import run


def _cases() -> list[tuple[str, list[str]]]:
    cases = []
    for line in (DATA / "fastargs" / "command-lines.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            reader, _, command = line.partition(": ")
            assert reader in ("fast", "typer"), line
            cases.append((reader, shlex.split(command)))
    return cases


CASES = _cases()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A current folder holding plan.yaml, other.yaml and plans/."""
    for name in ("plan.yaml", "other.yaml"):
        (tmp_path / name).write_text("gemeente: A\ntitel: B\n", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def typer_reading(args: list[str], monkeypatch: pytest.MonkeyPatch) -> AuditArgs | None:
    """The AuditArgs the Typer command passes on for `args`, or None when Typer does not
    run the audit (help, an error, another command)."""
    seen: list[AuditArgs] = []

    def capture(parsed: AuditArgs) -> int:
        seen.append(parsed)
        return 0

    with monkeypatch.context() as patch:
        patch.setattr(audit_command, "run", capture)
        patch.setattr(sys, "stdout", io.StringIO())
        patch.setattr(sys, "stderr", io.StringIO())
        run(args, fast=False)
    return seen[0] if seen else None


@pytest.mark.parametrize(
    ("reader", "args"), CASES, ids=[" ".join(args) or "(none)" for _, args in CASES]
)
def test_each_command_line_is_read_as_typer_reads_it(reader, args, folder, monkeypatch):
    fast = fastargs.parse(args)
    if reader == "typer":
        assert fast is None
        return
    assert fast is not None
    assert fast == typer_reading(args, monkeypatch)


def test_the_options_are_those_of_the_typer_command():
    command = typer.main.get_command(app).commands["audit"]  # type: ignore[attr-defined]
    declared: dict[str, tuple[bool, bool]] = {}
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            for name in (*param.opts, *param.secondary_opts):
                declared[name] = (param.is_flag, param.multiple)
    known = {
        name: (convert is fastargs.FLAG, repeatable)
        for name, (_, convert, repeatable) in fastargs.OPTIONS.items()
    }
    assert known == declared


def test_every_field_is_set_by_some_fast_case():
    defaults = AuditArgs()
    changed = {
        field
        for reader, args in CASES
        if reader == "fast" and (parsed := fastargs.parse(args)) is not None
        for field in vars(parsed)
        if getattr(parsed, field) != getattr(defaults, field)
    }
    assert changed == set(vars(defaults))


TOKENS = [
    "plan.yaml",
    "-",
    "--",
    "audit",
    "--debug",
    "--help",
    "-h",
    "--format",
    "-f",
    "json",
    "JSON",
    "terminal",
    "xml",
    "--format=sarif",
    "-fjson",
    "--output",
    "-o",
    "out.json",
    "--output=",
    "--report",
    "junit=j.xml",
    "--lang",
    "en",
    "NL",
    "de",
    "--checklist",
    "--fail-under",
    "50",
    "100.0",
    "101",
    "-3",
    "--fail-under=7",
    "--require",
    "5",
    "--config",
    "--no-config",
    "--no-config=1",
    "--date",
    "2021-01-01",
    "--template",
    "--unknown",
    "",
    "=",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(["--debug"]), max_size=2),
    st.lists(st.sampled_from(TOKENS), max_size=8),
)
def test_any_command_line_the_reader_takes_is_read_as_typer_reads_it(
    folder, monkeypatch, root, tokens
):
    args = [*root, "audit", *tokens]
    fast = fastargs.parse(args)
    if fast is not None:
        assert fast == typer_reading(args, monkeypatch), args


# --- whole runs ----------------------------------------------------------------------


def _whole_run(args: list[str], fast: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = run(args, fast=fast)
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


RUNS: list[list[str]] = [
    [str(EXAMPLES)],
    ["-f", "json", str(EXAMPLES / "zeeveen.yaml")],
    ["-f", "markdown", "--lang", "en", str(EXAMPLES / "lindewaard.yaml")],
    ["-f", "sarif", "--fail-under", "90", str(EXAMPLES)],
    ["-f", "github", "--require", "trekker", "--require", "99", str(EXAMPLES)],
    ["--date", "2099-01-01", "-f", "junit", str(EXAMPLES)],
    ["--date", "gisteren", str(EXAMPLES)],
    [str(DATA / "plans" / "invalid"), str(EXAMPLES / "zeeveen.yaml")],
    ["--template", "memo.j2", str(EXAMPLES)],
    ["does-not-exist.yaml"],
    [],
]


@pytest.mark.parametrize("args", RUNS, ids=[" ".join(a) or "(none)" for a in RUNS])
def test_a_whole_audit_is_the_same_either_way(args, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    full = ["--debug", "audit", "--no-config", *args]
    assert fastargs.parse(full) is not None
    fast = _whole_run(full, fast=True)
    assert fast == _whole_run(full, fast=False)
    assert fast[0] in (0, 1, 2)


def test_a_written_report_is_the_same_either_way(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fast in (True, False):
        args = ["audit", "--no-config", "-f", "json", "-o", f"{fast}.json", str(EXAMPLES)]
        assert _whole_run(args, fast) == (0, "", "")
    assert Path("True.json").read_bytes() == Path("False.json").read_bytes()
