"""The command line: exit codes, streams, and the options of `audit`."""

from __future__ import annotations

import json

from conftest import EXAMPLES


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
