"""The verdict of a run with thresholds, in every format: standard error names each plan
that falls short and why; JSON, SARIF, JUnit and GitHub say it in their own terms."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from specs import junit_errors, sarif_errors

LINDEWAARD = "examples/lindewaard.yaml"  # score 48,3; item 5 partial; item 6 missing
ZEEVEEN = "examples/zeeveen.yaml"  # meets every item


@pytest.fixture(autouse=True)
def in_root(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)


def test_fail_under_exits_1_and_says_why_on_standard_error(cli):
    result = cli("audit", LINDEWAARD, "--fail-under", "60")
    assert result.exit_code == 1
    assert result.stderr == f"{LINDEWAARD}: error: score 48,3 is under 60 (--fail-under)\n"
    assert "Lindewaard" in result.stdout


def test_every_threshold_gives_its_own_line(cli):
    result = cli("audit", LINDEWAARD, ZEEVEEN, "--fail-under", "60", "--fail-on", "missing",
                 "--require", "5")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{LINDEWAARD}: error: score 48,3 is under 60 (--fail-under)",
        f"{LINDEWAARD}: error: item 5 (Benoem een trekker) is partial; required: met",
        f"{LINDEWAARD}: error: item 6 (Bouw voort op lessen uit de crisis) is missing "
        "(--fail-on missing)",
    ]


def test_json_has_the_thresholds_and_each_plans_verdict(cli):
    result = cli("audit", LINDEWAARD, ZEEVEEN, "-f", "json", "--fail-under", "60",
                 "--fail-on", "missing", "--require", "5", "--require", "10")  # fmt: skip
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["threshold"] == {"fail_under": 60.0, "fail_on": "missing", "require": [5, 10]}
    assert [(p["gemeente"], p["passed"]) for p in data["plans"]] == [
        ("Lindewaard", False),
        ("Zeeveen", True),
    ]
    assert list(data)[:5] == ["tool", "checklist", "date", "threshold", "plans"]
    assert list(data["plans"][0])[list(data["plans"][0]).index("score") + 1] == "passed"


def test_json_without_thresholds_passes_every_plan(cli):
    data = json.loads(cli("audit", LINDEWAARD, "-f", "json").stdout)
    assert data["threshold"] == {"fail_under": None, "fail_on": None, "require": None}
    assert data["plans"][0]["passed"] is True


def test_github_gives_an_error_per_plan_that_falls_short(cli):
    result = cli("audit", LINDEWAARD, ZEEVEEN, "-f", "github", "--fail-under", "60")
    errors = [
        line for line in result.stdout.splitlines() if "title=herstelcheck%3A Drempel" in line
    ]
    assert errors == [
        f"::error file={LINDEWAARD},line=1,col=1,title=herstelcheck%3A Drempel::"
        "score 48,3 is under 60 (--fail-under)"
    ]


def test_the_job_summary_has_a_pass_fail_column(cli, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("audit", LINDEWAARD, ZEEVEEN, "-f", "github", "--fail-on", "missing")
    text = summary.read_text(encoding="utf-8")
    assert "| Gemeente | Bestand | Score | Drempel |" in text
    assert "| Lindewaard |" in text and "✘ niet gehaald" in text
    assert "✔ gehaald" in text


def test_the_job_summary_without_thresholds_has_no_such_column(cli, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("audit", LINDEWAARD, "-f", "github")
    assert "Drempel" not in summary.read_text(encoding="utf-8")


def test_junit_has_a_failing_test_case_per_plan_for_the_thresholds(cli):
    result = cli("audit", LINDEWAARD, ZEEVEEN, "-f", "junit", "--fail-under", "60")
    assert junit_errors(result.stdout) == []
    root = ET.fromstring(result.stdout)
    cases = {s.get("name"): s.find("testcase[@name='Drempel']") for s in root}
    lindewaard, zeeveen = cases[LINDEWAARD], cases[ZEEVEEN]
    assert lindewaard is not None and zeeveen is not None
    failure = lindewaard.find("failure")
    assert failure is not None and failure.get("type") == "threshold"
    assert failure.get("message") == "score 48,3 is under 60 (--fail-under)"
    assert zeeveen.find("failure") is None
    suite = next(s for s in root if s.get("name") == LINDEWAARD)
    assert (suite.get("tests"), suite.get("failures")) == ("11", "9")


def test_junit_without_thresholds_has_no_threshold_case(cli):
    root = ET.fromstring(cli("audit", LINDEWAARD, "-f", "junit").stdout)
    assert root.find(".//testcase[@name='Drempel']") is None


def test_sarif_has_a_result_for_a_plan_that_falls_short(cli):
    result = cli("audit", LINDEWAARD, ZEEVEEN, "-f", "sarif", "--fail-on", "missing")
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    found = [r for r in run["results"] if r["ruleId"] == "herstelcheck.threshold"]
    assert len(found) == 1
    assert rules[found[0]["ruleIndex"]]["id"] == "herstelcheck.threshold"
    assert found[0]["level"] == "error"
    assert "item 6 (Bouw voort op lessen uit de crisis) is missing" in found[0]["message"]["text"]
    location = found[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert location == LINDEWAARD
    assert [p["passed"] for p in run["properties"]["plans"]] == [False, True]


def test_a_plan_under_the_threshold_in_english(cli):
    result = cli("audit", LINDEWAARD, "--fail-under", "60", "--lang", "en")
    assert result.stderr == f"{LINDEWAARD}: error: score 48.3 is under 60 (--fail-under)\n"
