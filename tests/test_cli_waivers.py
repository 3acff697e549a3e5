"""Waivers that expire: after `geldig_tot` a waiver no longer counts, and every report
says that it expired."""

from __future__ import annotations

import json

import pytest

PLAN = """gemeente: Proefdorp
titel: Herstelplan
regio:
  samenwerking:
    - partner: Regio Kustland
uitzonderingen:
  8:
    reden: "Het convenant met de provincie wordt herzien."
    geldig_tot: {until}
"""


def items(result) -> dict[int, dict]:
    data = json.loads(result.stdout)
    return {item["id"]: item for item in data["plans"][0]["items"]}


@pytest.mark.parametrize(
    ("until", "date", "expired"),
    [
        ("2022-12-31", "2022-12-30", False),
        ("2022-12-31", "2022-12-31", False),  # valid on its last day
        ("2022-12-31", "2023-01-01", True),
        ('"2022-12"', "2022-12-31", False),  # a month counts to its last day
        ('"2022-12"', "2023-01-01", True),
        ("2022", "2022-12-31", False),  # a year too
        ("2022", "2023-01-01", True),
        ('"mei 2022"', "2022-05-31", False),
        ('"mei 2022"', "2022-06-01", True),
        ('"15-06-2022"', "2022-06-16", True),
    ],
)
def test_expiry_date(cli, write_plan, until, date, expired):
    plan = write_plan(PLAN.format(until=until))
    result = cli("audit", str(plan), "-f", "json", "--date", date)
    assert result.exit_code == 0, result
    eight = items(result)[8]
    assert eight["waiver"]["expired"] is expired
    assert eight["status"] == ("partial" if expired else "waived")


def test_an_expired_waiver_counts_as_no_waiver(cli, write_plan):
    expired = write_plan(PLAN.format(until="2021-12-31"), name="verlopen.yaml")
    unwaived = write_plan(PLAN.split("uitzonderingen:")[0], name="zonder.yaml")
    after = cli("audit", str(expired), "-f", "json", "--date", "2022-06-01")
    plain = cli("audit", str(unwaived), "-f", "json", "--date", "2022-06-01")
    got, base = json.loads(after.stdout)["plans"][0], json.loads(plain.stdout)["plans"][0]
    assert got["score"] == base["score"]
    assert [(i["status"], i["score"]) for i in got["items"]] == [
        (i["status"], i["score"]) for i in base["items"]
    ]
    assert got["items"][7]["waiver"] == {
        "reason": "Het convenant met de provincie wordt herzien.",
        "until": "2021-12-31",
        "expired": True,
        "line": 7,
    }


def test_a_waiver_valid_until_a_future_date_still_counts(cli, write_plan):
    plan = write_plan(PLAN.format(until="2030-01-01"))
    result = cli("audit", str(plan), "--date", "2022-06-01")
    assert result.exit_code == 0, result
    row = next(line for line in result.stdout.splitlines() if line.startswith(" 8 "))
    assert "⊘ uitgezonderd" in row
    assert "geldig tot 2030-01-01" in result.stdout
    assert "verlopen" not in result.stdout
    assert "1 uitgezonderd" in result.stdout


def test_the_terminal_report_says_the_waiver_expired(cli, write_plan):
    plan = write_plan(PLAN.format(until="2021-12-31"))
    result = cli("audit", str(plan), "--date", "2022-06-01")
    assert result.exit_code == 0, result
    row = next(line for line in result.stdout.splitlines() if line.startswith(" 8 "))
    assert "◐ deels" in row
    waivers = result.stdout.split("Uitzonderingen\n", 1)[1]
    assert "Het convenant met de provincie wordt herzien." in waivers
    assert "verlopen op 2021-12-31; telt niet meer als uitzondering" in waivers
    assert "0 uitgezonderd" in result.stdout
    english = cli("audit", str(plan), "--date", "2022-06-01", "--lang", "en")
    assert "expired on 2021-12-31; no longer counts as a waiver" in english.stdout


def test_source_date_epoch_decides_without_date(cli, write_plan, monkeypatch):
    plan = write_plan(PLAN.format(until="2021-12-31"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640995200")  # 2022-01-01
    assert items(cli("audit", str(plan), "-f", "json"))[8]["waiver"]["expired"] is True
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1640908800")  # 2021-12-31
    assert items(cli("audit", str(plan), "-f", "json"))[8]["waiver"]["expired"] is False


@pytest.mark.parametrize(
    ("until", "message"),
    [
        ("binnenkort", "'uitzonderingen.8.geldig_tot' must be a date such as 2022-12-31"),
        ('"volgend jaar"', "'uitzonderingen.8.geldig_tot' must be a date such as 2022-12-31"),
        ("2022-02-30", "'uitzonderingen.8.geldig_tot' is not a date that exists"),
        ('"31-13-2022"', "'uitzonderingen.8.geldig_tot' is not a date that exists"),
        ("[2022]", "'uitzonderingen.8.geldig_tot' must be a date, not a list"),
    ],
)
def test_a_bad_end_date_is_an_error_with_its_line(cli, write_plan, until, message):
    plan = write_plan(PLAN.format(until=until))
    result = cli("audit", str(plan), "--date", "2022-06-01")
    assert result.exit_code == 2, result
    assert f"{plan}:9:17: error: {message}" in result.stderr
    assert "Traceback" not in result.stderr
