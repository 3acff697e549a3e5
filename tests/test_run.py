"""The audit command streams every report: each plan's part is written (or, for what a
report can only give at its end, set aside on disk) as soon as the plan is audited and
the plan let go, so a run's memory stays flat; everything a user sees (the report's
bytes, standard error, exit codes, files, the job summary) is as for a run that keeps
its reports."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES, run_cli
from generated import write_plans
from herstelcheck import console
from herstelcheck import run as runner

DATE = ("--date", "2021-07-01")
ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")
OLD_REPORT = "het vorige rapport\n"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of 30 generated plans."""
    folder = tmp_path_factory.mktemp("batch")
    write_plans(folder, 30, seed=11)
    return folder


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the same as a run that keeps its reports ------------------------------------------

# Each case: the arguments after `audit -f FORMAT`; `{batch}` is the folder of generated
# plans. A `--report markdown=FILE` beside them is another report of the same run, which
# changes nothing of what the first one shows.
CASES = {
    "examples": ["{examples}"],
    "examples in English": ["--lang", "en", "{examples}"],
    "generated plans": ["{batch}"],
    "unreadable plans and warnings": ["{examples}", "{data}/plans", "/geen/plan.yaml"],
    "a folder without plans": ["{empty}"],
    "fail-under met": ["--fail-under", "0", "{examples}"],
    "fail-under missed": ["--fail-under", "90", "{examples}", "{batch}"],
    "require met": ["--require", "1", "{examples}/zeeveen.yaml"],
    "require missed": ["--require", "1", "--require", "trekker", "{examples}", "{batch}"],
    "require and unreadable": ["--require", "3", "{examples}", "/geen/plan.yaml"],
    "standard input": ["-"],
    "one gemeente twice": ["{examples}", "-"],  # JUnit: both class names get the file
}

FORMATS = ["json", "terminal", "concise", "sarif", "junit", "github", "markdown", "html"]
"""The formats, every one written plan by plan."""


def _args(case: list[str], batch: Path, tmp_path: Path) -> list[str]:
    empty = tmp_path / "leeg"
    empty.mkdir(exist_ok=True)
    places = {"examples": EXAMPLES, "batch": batch, "data": DATA, "empty": empty}
    return [arg.format(**places) for arg in case]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_the_streamed_run_shows_what_a_whole_run_shows(
    cli, batch, tmp_path, monkeypatch, case, fmt
):
    args = ["audit", "-f", fmt, *DATE, *_args(case, batch, tmp_path)]
    stdin = (EXAMPLES / "lindewaard.yaml").read_bytes()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "streamed.md"))
    streamed = cli(*args, stdin=stdin)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "whole.md"))
    whole = cli(*args, "--report", f"markdown={tmp_path / 'rapport.md'}", stdin=stdin)
    assert streamed.stdout == whole.stdout
    assert streamed.stderr == whole.stderr
    assert streamed.exit_code == whole.exit_code
    if fmt == "json":
        json.loads(streamed.stdout)
    if fmt == "github":  # the job summary too
        summary = (tmp_path / "streamed.md").read_text(encoding="utf-8")
        assert summary == (tmp_path / "whole.md").read_text(encoding="utf-8")
        assert summary.startswith("### herstelcheck: ")
    else:
        assert not (tmp_path / "streamed.md").exists()


@pytest.mark.parametrize(
    ("case", "exit_code", "last_stderr_line"),
    [
        ("fail-under met", 0, None),
        ("fail-under missed", 1, None),
        ("require met", 0, None),
        ("require missed", 1, "; required: met"),
        ("require and unreadable", 2, "error: item 3 (Maak gebruik van een divers"),
        ("unreadable plans and warnings", 2, None),
    ],
)
def test_exit_codes_and_required_items_after_the_report(
    cli, batch, tmp_path, case, exit_code, last_stderr_line
):
    result = cli("audit", "-f", "json", *DATE, *_args(CASES[case], batch, tmp_path))
    assert result.exit_code == exit_code, result
    json.loads(result.stdout)
    if last_stderr_line is not None:
        assert last_stderr_line in result.stderr.splitlines()[-1]


@pytest.fixture(scope="module")
def whole_run(batch):
    """The run of the examples, the generated plans and the test plans (some unreadable),
    kept whole, without the command."""
    import datetime as dt

    from herstelcheck import checklist

    paths = [str(EXAMPLES), str(batch), str(DATA / "plans")]
    run = runner.audit_paths(
        paths, checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    )
    assert len(run.reports) > 30 and run.errors
    return paths, run


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_streamed_report_is_byte_for_byte_the_rendered_one(whole_run, monkeypatch, fmt):
    """The report of a run that keeps its reports, rendered whole, against the
    command's output (the whole-run side made without the command)."""
    from herstelcheck.formats import OutputFormat, renderer

    monkeypatch.setenv("NO_COLOR", "1")
    paths, run = whole_run
    result = run_cli(["audit", "-f", fmt, *DATE, *paths])
    options = console.Terminal().render_options("nl")  # what the command uses
    assert result.stdout == renderer(OutputFormat(fmt))(run, options)


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github", "markdown", "html"])
@pytest.mark.parametrize("thresholds", [[], ["--fail-under", "40", "--require", "1"]])
def test_a_report_set_aside_on_disk_is_the_same(cli, batch, monkeypatch, fmt, thresholds):
    """What waits for the end of a report (SARIF results, JUnit suites, GitHub's plain
    lines, the sections of a memo) goes to a temporary file once it is larger than
    `spool.MEMORY`, and comes back in chunks of `spool.CHUNK`: made tiny, every piece
    goes through the file, and JUnit's marks in class names are cut across chunks."""
    from herstelcheck.formats import spool

    args = ["audit", "-f", fmt, *DATE, *thresholds, str(EXAMPLES), str(batch), str(DATA / "plans")]
    args.append("-")  # Zeeveen a second time: both its class names get the file
    stdin = (EXAMPLES / "zeeveen.yaml").read_bytes()
    in_memory = cli(*args, stdin=stdin)
    monkeypatch.setattr(spool, "MEMORY", 10)
    monkeypatch.setattr(spool, "CHUNK", 7)
    on_disk = cli(*args, stdin=stdin)
    assert on_disk.stdout == in_memory.stdout
    assert (on_disk.stderr, on_disk.exit_code) == (in_memory.stderr, in_memory.exit_code)
    if fmt == "junit":
        assert 'classname="herstelcheck.Zeeveen (zeeveen_yaml)"' in on_disk.stdout
        assert 'classname="herstelcheck.Zeeveen (&lt;stdin&gt;)"' in on_disk.stdout
        assert 'classname="herstelcheck.Lindewaard"' in on_disk.stdout
        assert "\x00" not in on_disk.stdout and "\x01" not in on_disk.stdout


BAD_TARGETS = {
    "a folder": ("{tmp}", "it is a folder"),
    "in a missing folder": ("{tmp}/nergens/rapport.json", "no folder"),
    "one of the plans": ("{batch}/plan-00003.yaml", "it is one of the plans audited"),
    "in a folder that cannot be written": ("/proc/rapport.json", "cannot write '/proc/"),
}


@pytest.mark.parametrize("option", ["-o", "--report"])
@pytest.mark.parametrize(("target", "message"), BAD_TARGETS.values(), ids=list(BAD_TARGETS))
def test_a_bad_target_is_refused_before_a_plan_is_read(
    cli, batch, tmp_path, monkeypatch, option, target, message
):
    if target.startswith("/proc/") and not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")  # not even root may create files in /proc
    read = []
    monkeypatch.setattr(runner, "load_file", lambda name: read.append(name))
    target = target.format(tmp=tmp_path, batch=batch)
    report = ["-o", target] if option == "-o" else ["--report", f"json={target}"]
    result = cli("audit", "-f", "json", *report, str(batch))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith("herstelcheck: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert read == []


# --- written as the plans pass ----------------------------------------------------------


def _failing_at(monkeypatch: pytest.MonkeyPatch, count: int, seen: list[str], error: BaseException):
    """Make the audit of plan number `count` fail; before each plan, `seen` gets what
    standard output holds."""
    audit_plan = runner.audit_plan
    calls = []

    def audit(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0].file)
        seen.append(sys.stdout.getvalue())
        if len(calls) == count:
            raise error
        return audit_plan(*args, **kwargs)

    monkeypatch.setattr(runner, "audit_plan", audit)


def test_each_plan_is_written_to_standard_output_before_the_next_is_read(cli, batch, monkeypatch):
    seen: list[str] = []
    _failing_at(monkeypatch, 0, seen, RuntimeError())
    result = cli("audit", "-f", "json", *DATE, str(batch))
    assert result.exit_code == 0, result
    assert len(seen) == 30
    assert seen[0].endswith('"plans": ')
    for index in range(1, len(seen)):  # before plan `index`, the plans before it
        assert seen[index].startswith(seen[index - 1])
        assert seen[index].count('"gemeente": ') == index


@pytest.mark.parametrize(
    ("error", "exit_code", "stderr"),
    [
        (RuntimeError("kapot"), 2, "herstelcheck: internal error: RuntimeError: kapot"),
        (KeyboardInterrupt(), 130, "herstelcheck: interrupted"),
    ],
)
@pytest.mark.parametrize("option", ["-o", "--report"])
def test_a_failure_mid_run_leaves_the_report_files_as_they_were(
    cli, batch, tmp_path, monkeypatch, error, exit_code, stderr, option
):
    target = tmp_path / "rapport.json"
    target.write_text(OLD_REPORT)
    folder_during_run: list[list[str]] = []
    seen: list[str] = []
    _failing_at(monkeypatch, 12, seen, error)
    real_audit = runner.audit_plan

    def watching(*args, **kwargs):  # type: ignore[no-untyped-def]
        folder_during_run.append(sorted(p.name for p in tmp_path.iterdir()))
        assert target.read_text() == OLD_REPORT
        return real_audit(*args, **kwargs)

    monkeypatch.setattr(runner, "audit_plan", watching)
    report = ["-o", str(target)] if option == "-o" else ["--report", f"json={target}"]
    result = cli("audit", "-f", "json", *DATE, *report, str(batch))
    assert result.exit_code == exit_code, result
    assert result.stderr.splitlines()[0].startswith(stderr)
    assert target.read_text() == OLD_REPORT
    assert _leftovers(tmp_path) == []
    assert len(folder_during_run) == 12
    assert all(len(_leftovers_of(names)) == 1 for names in folder_during_run)


def _leftovers_of(names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(".rapport.json.") and name.endswith(".tmp")]


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_a_failure_mid_run_leaves_the_report_and_the_job_summary_as_they_were(
    cli, batch, tmp_path, monkeypatch, fmt
):
    target = tmp_path / "rapport.out"
    target.write_text(OLD_REPORT)
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _failing_at(monkeypatch, 12, [], RuntimeError("kapot"))
    result = cli("audit", "-f", fmt, *DATE, "-o", str(target), str(batch))
    assert result.exit_code == 2, result
    assert target.read_text() == OLD_REPORT
    assert summary.read_text() == "# earlier step\n"
    assert _leftovers(tmp_path) == []


def test_a_report_file_appears_whole_at_the_end(cli, batch, tmp_path):
    target = tmp_path / "rapport.json"
    extra = tmp_path / "extra.json"
    result = cli(
        "audit", "-f", "json", *DATE, "-o", str(target), "--report", f"json={extra}", str(batch)
    )
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert target.read_bytes() == extra.read_bytes()
    assert len(json.loads(target.read_text(encoding="utf-8"))["plans"]) == 30
    assert _leftovers(tmp_path) == []
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_standard_output_stays_standard_output_under_the_progress_bar(cli, batch, monkeypatch):
    """Rich's progress bar sends what is written to `sys.stdout` meanwhile to its console
    on standard error; the streamed report must not go with it."""
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: the (fake) standard error is a terminal
    result = cli("audit", "-f", "json", *DATE, str(batch))
    assert result.exit_code == 0, result
    assert len(json.loads(result.stdout)["plans"]) == 30
    assert '"plans"' not in result.stderr


def _exit_code(args: list[str]) -> int:
    from herstelcheck.cli import main

    try:
        main(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", ["json", "terminal"])
@pytest.mark.parametrize(
    ("stdout", "args", "bar"),
    [
        (io.StringIO, [], True),
        (_Terminal, [], False),  # the report on the terminal shows the progress itself
        (_Terminal, ["-o", "{tmp}/rapport"], True),
    ],
)
def test_no_bar_across_a_report_streamed_to_the_terminal(
    batch, tmp_path, monkeypatch, stdout, args, bar, fmt
):
    tracked = []
    monkeypatch.setattr(
        console.Terminal, "track", lambda self, files: tracked.append(files) or files
    )
    monkeypatch.setenv("NO_COLOR", "1")
    out = stdout()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    code = _exit_code(["audit", "-f", fmt, *(a.format(tmp=tmp_path) for a in args), str(batch)])
    assert code == 0
    assert len(tracked) == (1 if bar else 0)
    report = out.getvalue() or (tmp_path / "rapport").read_text(encoding="utf-8")
    if fmt == "json":
        assert len(json.loads(report)["plans"]) == 30
    else:
        assert report.count("Score ") == 30 * 2  # each plan's score, and its closing line


# --- standard output that goes away or fills up -------------------------------------------


def _herstelcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "herstelcheck", *args]


def test_a_reader_that_goes_away_is_no_error(batch):
    with subprocess.Popen(
        _herstelcheck("audit", "-f", "json", str(batch)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100).startswith(b"{")
        process.stdout.close()  # `herstelcheck audit -f json ... | head -c 100`
        stderr = process.stderr.read()
        code = process.wait(timeout=60)
    assert code == 0
    assert stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_standard_output_still_writes_the_report_files(batch, tmp_path):
    extra = tmp_path / "extra.json"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            _herstelcheck("audit", "-f", "json", "--report", f"json={extra}", str(batch)),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2, result
    assert result.stderr == (
        "herstelcheck: error: cannot write the report to standard output: No space left on device\n"
    )
    assert len(json.loads(extra.read_text(encoding="utf-8"))["plans"]) == 30


# --- memory stays flat ----------------------------------------------------------------------


def _peak(folder: Path, target: Path, fmt: str) -> int:
    """The most memory (traced by Python) an audit of `folder` took at any moment."""
    # pathlib interns each part of a path it reads. After the thousands of tests before
    # this one the interpreter's table of interned strings takes megabytes, and a new
    # file name may make it grow by a step just then, whatever the report. Interned now
    # (and kept), the names of the plans are no new strings during the audit.
    names = [sys.intern(part) for path in folder.iterdir() for part in path.parts]
    tracemalloc.start()
    try:
        result = run_cli(["audit", "-f", fmt, *DATE, "-o", str(target), str(folder)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result
    del names
    return peak


# Rich draws the terminal report slowly under tracemalloc (seconds): a slow test, run in CI.
@pytest.mark.parametrize(
    "fmt",
    [
        "json",
        "sarif",
        "junit",
        "github",
        "markdown",
        "html",
        pytest.param("terminal", marks=pytest.mark.slow),
    ],
)
def test_memory_stays_flat_however_many_plans(tmp_path, fmt):
    """A run that keeps its reports takes about 100 kB more per plan: about twice the
    peak for four times the plans (25 -> 100); streamed, the peak does not grow."""
    small, large = tmp_path / "25", tmp_path / "100"
    write_plans(small, 25)
    write_plans(large, 100)
    run_cli(["audit", "-f", fmt, "-o", str(tmp_path / "warm.out"), ZEEVEEN])  # imports
    peak_small = _peak(small, tmp_path / "25.out", fmt)
    peak_large = _peak(large, tmp_path / "100.out", fmt)
    assert peak_large < 1.5 * peak_small, (peak_small, peak_large)


# --- the exit code from what passed -----------------------------------------------------


@pytest.mark.parametrize(
    ("shortfalls", "errors", "expected"),
    [(0, False, 0), (0, True, 2), (1, False, 1), (3, True, 2)],
)
def test_the_exit_code_from_what_passed(shortfalls, errors, expected):
    from herstelcheck.errors import Diagnostic
    from herstelcheck.run import Outcome
    from herstelcheck.thresholds import Thresholds

    outcome = Outcome(Thresholds())
    outcome.errors = errors
    outcome.shortfalls = [Diagnostic("plan.yaml", 0, 0, "error", "x")] * shortfalls
    assert outcome.exit_code() == expected
