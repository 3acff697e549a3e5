"""Several reports from one run: `--report FORMAT=FILE`."""

from __future__ import annotations

import json
import os

import pytest

from conftest import EXAMPLES
from herstelcheck import reports
from herstelcheck import run as runner
from herstelcheck.errors import UsageError
from herstelcheck.formats import OutputFormat, RenderOptions, ReportSpec
from herstelcheck.settings import parse_spec

ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")
LINDEWAARD = str(EXAMPLES / "lindewaard.yaml")


# --- parsing FORMAT=FILE -------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("json=audit.json", ReportSpec(OutputFormat.JSON, "audit.json")),
        ("JSON=audit.json", ReportSpec(OutputFormat.JSON, "audit.json")),
        ("terminal=uit/rapport.txt", ReportSpec(OutputFormat.TERMINAL, "uit/rapport.txt")),
        ("json=a=b.json", ReportSpec(OutputFormat.JSON, "a=b.json")),
        ("json= met spatie.json", ReportSpec(OutputFormat.JSON, " met spatie.json")),
    ],
)
def test_parse_spec(spec, expected):
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("foo", "--report needs FORMAT=FILE, such as json=audit.json (got 'foo')"),
        ("audit.json", "--report needs FORMAT=FILE, such as json=audit.json (got 'audit.json')"),
        ("=audit.json", "--report needs FORMAT=FILE, such as json=audit.json (got '=audit.json')"),
        ("jsn=audit.json", "--report jsn=audit.json: unknown format 'jsn'; did you mean 'json'?"),
        (
            "xml=audit.xml",
            "--report xml=audit.xml: unknown format 'xml' "
            "(formats: terminal, markdown, html, json, sarif, junit, github, concise)",
        ),
        ("json=", "--report json=: the file name is missing after '='"),
        ("json=-", "--report json=-: a report goes to a file; use --format for the report"),
    ],
)
def test_parse_bad_spec(spec, message):
    with pytest.raises(UsageError) as caught:
        parse_spec(spec)
    assert str(caught.value).startswith(message)


def test_every_format_of_the_registry_is_accepted():
    for fmt in OutputFormat:
        assert parse_spec(f"{fmt.value}=out").format is fmt


# --- the command line ----------------------------------------------------------------


def test_reports_next_to_the_report_on_stdout(cli, tmp_path):
    audit_json, rapport = tmp_path / "audit.json", tmp_path / "rapport.txt"
    result = cli(
        "audit",
        LINDEWAARD,
        ZEEVEEN,
        "--report",
        f"json={audit_json}",
        "--report",
        f"terminal={rapport}",
    )
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert result.stdout == cli("audit", LINDEWAARD, ZEEVEEN).stdout
    assert (
        audit_json.read_text(encoding="utf-8")
        == cli("audit", "-f", "json", LINDEWAARD, ZEEVEEN).stdout
    )
    single = tmp_path / "single.txt"
    cli("audit", "-o", str(single), LINDEWAARD, ZEEVEEN)
    assert rapport.read_text(encoding="utf-8") == single.read_text(encoding="utf-8")


def test_reports_use_the_language_of_the_run(cli, tmp_path):
    rapport = tmp_path / "rapport.txt"
    result = cli("audit", "--lang", "en", "-f", "json", ZEEVEEN, "--report", f"terminal={rapport}")
    assert result.exit_code == 0, result
    assert "10 items: 10 met" in rapport.read_text(encoding="utf-8")


def test_reports_with_output_to_a_file(cli, tmp_path):
    main, extra = tmp_path / "main.json", tmp_path / "extra.txt"
    result = cli("audit", ZEEVEEN, "-f", "json", "-o", str(main), "--report", f"terminal={extra}")
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert json.loads(main.read_text(encoding="utf-8"))["plans"][0]["gemeente"] == "Zeeveen"
    assert extra.read_text(encoding="utf-8").startswith("Zeeveen: ")


def test_the_plans_are_audited_once(cli, tmp_path, monkeypatch):
    calls = []
    audit_plan = runner.audit_plan

    def counting(*args, **kwargs):
        calls.append(args[0].file)
        return audit_plan(*args, **kwargs)

    monkeypatch.setattr(runner, "audit_plan", counting)
    result = cli(
        "audit",
        ZEEVEEN,
        "--report",
        f"json={tmp_path / 'a.json'}",
        "--report",
        f"terminal={tmp_path / 'a.txt'}",
        "--report",
        f"json={tmp_path / 'b.json'}",
    )
    assert result.exit_code == 0, result
    assert calls == [ZEEVEEN]
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_reports_are_written_when_a_plan_is_unreadable(cli, tmp_path, write_plan):
    bad = write_plan("gemeente: X\n")
    audit_json = tmp_path / "audit.json"
    result = cli("audit", str(bad), ZEEVEEN, "--report", f"json={audit_json}")
    assert result.exit_code == 2, result
    data = json.loads(audit_json.read_text(encoding="utf-8"))
    assert [p["gemeente"] for p in data["plans"]] == ["Zeeveen"]
    assert data["errors"][0]["file"] == str(bad)


@pytest.mark.parametrize(
    "spec", ["foo", "xml=audit.xml", "json=", "=audit.json", "json=-", "terminal"]
)
def test_a_bad_spec_is_a_usage_error_before_anything_is_audited(cli, write_plan, spec):
    broken = write_plan("gemeente: [\n")
    result = cli("audit", str(broken), "--report", spec)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith("herstelcheck: error: --report")
    assert str(broken) not in result.stderr  # the plan was not read
    assert len(result.stderr.splitlines()) == 1


def test_a_report_to_a_folder_is_refused(cli, tmp_path):
    result = cli("audit", ZEEVEEN, "--report", f"json={tmp_path}")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "it is a folder" in result.stderr


def test_a_report_in_a_missing_folder_is_refused(cli, tmp_path):
    result = cli("audit", ZEEVEEN, "--report", f"json={tmp_path / 'geen' / 'audit.json'}")
    assert result.exit_code == 2, result
    assert "no folder" in result.stderr


def test_a_report_over_a_plan_is_refused_and_the_plan_kept(cli, write_plan):
    text = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
    plan = write_plan(text)
    result = cli("audit", str(plan), "--report", f"json={plan}")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "it is one of the plans audited" in result.stderr
    assert plan.read_text(encoding="utf-8") == text


def test_a_report_over_a_plan_in_a_folder_is_refused(cli, tmp_path, write_plan):
    plan = write_plan((EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8"), "plannen/z.yaml")
    result = cli("audit", str(tmp_path / "plannen"), "--report", f"terminal={plan}")
    assert result.exit_code == 2, result
    assert "it is one of the plans audited" in result.stderr


def test_two_reports_to_one_file_are_refused(cli, tmp_path):
    target = tmp_path / "audit.out"
    result = cli("audit", ZEEVEEN, "--report", f"json={target}", "--report", f"terminal={target}")
    assert result.exit_code == 2, result
    assert "already the target of --report json=" in result.stderr
    assert not target.exists()


def test_a_report_to_the_output_file_is_refused(cli, tmp_path):
    target = tmp_path / "audit.json"
    result = cli("audit", ZEEVEEN, "-o", str(target), "--report", f"json={target}")
    assert result.exit_code == 2, result
    assert "already the target of --output" in result.stderr
    assert not target.exists()


def test_a_report_replaces_an_existing_file_atomically(cli, tmp_path):
    target = tmp_path / "audit.json"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    result = cli("audit", ZEEVEEN, "--report", f"json={target}")
    assert result.exit_code == 0, result
    assert json.loads(target.read_text(encoding="utf-8"))["plans"][0]["score"] == 100.0
    assert target.stat().st_mode & 0o777 == 0o640  # the file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.json"]  # no temporary left


def test_a_failed_write_leaves_the_old_report(cli, tmp_path, monkeypatch):
    target = tmp_path / "audit.json"
    target.write_text("old\n", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = cli("audit", ZEEVEEN, "--report", f"json={target}")
    assert result.exit_code == 2, result
    assert f"cannot write '{target}': Permission denied" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.json"]


def test_file_options_drop_colour_and_width():
    from herstelcheck.formats import RenderOptions

    options = reports.file_options(RenderOptions(lang="en", color="truecolor", width=132))
    assert options == RenderOptions(lang="en", color=None, width=None)


def test_output_over_a_plan_in_a_folder_is_refused(cli, tmp_path, write_plan):
    text = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
    plan = write_plan(text, "plannen/z.yaml")
    result = cli("audit", str(tmp_path / "plannen"), "-o", str(plan))
    assert result.exit_code == 2, result
    assert "it is one of the plans audited" in result.stderr
    assert plan.read_text(encoding="utf-8") == text


# --- reports written plan by plan ----------------------------------------------------


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_has_a_writer_that_is_its_renderer(fmt):
    """Written plan by plan or rendered from the whole run, a report is the same."""
    import datetime as dt

    from herstelcheck import checklist
    from herstelcheck.formats import renderer

    today = dt.date(2021, 7, 1)
    run = runner.audit_paths([ZEEVEEN, LINDEWAARD], checklist.load(), today=today, sink=print)
    writer = reports.plan_writer(fmt, run.checklist, today, RenderOptions())
    pieces = [writer.start(), *(writer.plan(report) for report in run.reports)]
    end = writer.end(run.errors, [d for report in run.reports for d in report.warnings])
    text = "".join([*pieces, *([end] if isinstance(end, str) else end)])
    assert text == renderer(fmt)(run, RenderOptions())
    assert "Zeeveen" in text or fmt is OutputFormat.CONCISE


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_memo_in_two_files_is_written_once(monkeypatch, tmp_path, capsys, fmt):
    """Each plan's section is written once for the memo on standard output and both
    files, which are the same."""
    import datetime as dt

    from herstelcheck import checklist, memo

    made = []
    view = memo.plan_view

    def counting(report, lang):
        made.append(report.file)
        return view(report, lang)

    monkeypatch.setattr(memo, "plan_view", counting)
    specs = [parse_spec(f"{fmt}={tmp_path / 'a'}"), parse_spec(f"{fmt}={tmp_path / 'b'}")]
    with runner.start(
        [ZEEVEEN, LINDEWAARD], checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    ) as plans:
        reports.stream_all(plans, OutputFormat(fmt), None, specs, RenderOptions("en"))
    assert made == [ZEEVEEN, LINDEWAARD]
    text = capsys.readouterr().out
    assert "Zeeveen" in text and "Lindewaard" in text
    assert (tmp_path / "a").read_text(encoding="utf-8") == text
    assert (tmp_path / "b").read_text(encoding="utf-8") == text


def test_stream_all_writes_each_plan_once_per_format(monkeypatch, tmp_path, capsys):
    import datetime as dt

    from herstelcheck import checklist
    from herstelcheck.formats import RenderOptions
    from herstelcheck.formats import json as json_format

    written = []
    plan = json_format.Writer.plan

    def counting(self, report):
        written.append(report.file)
        return plan(self, report)

    monkeypatch.setattr(json_format.Writer, "plan", counting)
    specs = [parse_spec(f"json={tmp_path / 'a.json'}"), parse_spec(f"json={tmp_path / 'b.json'}")]
    seen = []
    with runner.start(
        [ZEEVEEN, LINDEWAARD], checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    ) as plans:
        reports.stream_all(
            plans, OutputFormat.JSON, None, specs, RenderOptions("en", width=132), seen.append
        )
    assert written == [ZEEVEEN, LINDEWAARD]  # one writer for both files and stdout
    assert [report.file for report in seen] == [ZEEVEEN, LINDEWAARD]
    text = capsys.readouterr().out
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == text
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == text
