"""The SARIF report: valid against the official 2.1.0 schema, one rule per criterion, one
result per failed criterion at the criterion's place in the plan."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck import checklist as checklist_module
from herstelcheck.textsafe import visible
from specs import sarif_errors

CI = DATA / "ci"
DATE = "2021-06-30"
EXAMPLE_FILES = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.glob("*.yaml"))
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """No test here may reach the network (schema validation included)."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access during a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def audit(cli, *args):
    """Run `audit` with SARIF and JSON output; return both parsed, and the SARIF result."""
    sarif = cli("audit", "-f", "sarif", "--date", DATE, *args)
    report = cli("audit", "-f", "json", "--date", DATE, *args)
    assert sarif.exit_code == report.exit_code, sarif
    return json.loads(sarif.stdout), json.loads(report.stdout), sarif


def plan_uri(log, result_or_location):
    """The absolute URI a result's (or notification's) first location points at."""
    location = result_or_location["locations"][0]["physicalLocation"]["artifactLocation"]
    base = log["runs"][0]["originalUriBaseIds"][location["uriBaseId"]]["uri"]
    return urljoin(base, location["uri"])


# --- validity -------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_each_example_validates_against_the_official_schema(cli, in_root, example):
    log, _, result = audit(cli, example)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert sarif_errors(log) == []


def test_all_examples_in_one_log_validate(cli, in_root):
    log, report, _ = audit(cli, "examples")
    assert sarif_errors(log) == []
    assert len(log["runs"]) == 1
    assert [p["file"] for p in log["runs"][0]["properties"]["plans"]] == [
        p["file"] for p in report["plans"]
    ]


def test_the_validator_rejects_a_broken_log(cli, in_root):
    log, _, _ = audit(cli, "examples/bergakker.yaml")
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    errors = sarif_errors(log)
    assert any("'name' is a required property" in e for e in errors)
    assert any("'fatal' is not one of" in e for e in errors)


# --- rules ----------------------------------------------------------------------------


def test_every_criterion_is_a_rule_in_checklist_order(cli, in_root):
    log, _, _ = audit(cli, "examples/zeeveen.yaml")
    checklist = checklist_module.load()
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "herstelcheck"
    assert driver["version"]
    assert driver["informationUri"].startswith("https://")
    criteria = [(item, c) for item in checklist.items for c in item.criteria]
    assert [rule["id"] for rule in driver["rules"]] == [c.id for _, c in criteria]
    for rule, (item, criterion) in zip(driver["rules"], criteria, strict=True):
        assert rule["shortDescription"]["text"] == criterion.title.nl
        assert item.title.nl in rule["fullDescription"]["text"]
        assert rule["help"]["text"] == criterion.advice.nl
        assert rule["help"]["markdown"].startswith("**Advies:** ")
        assert rule["helpUri"] == checklist.url
        assert rule["properties"]["item"] == item.id
        assert rule["properties"]["itemSlug"] == item.slug
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", rule["name"])


def test_rules_are_in_english_with_lang_en(cli, in_root):
    log, _, _ = audit(cli, "examples/zeeveen.yaml", "--lang", "en")
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert log["runs"][0]["language"] == "en"
    assert rule["shortDescription"]["text"] == "The organisation of the recovery is described"
    assert rule["help"]["markdown"].startswith("**Advice:** ")


def test_help_uri_falls_back_to_the_readme_without_a_web_address(cli, in_root, tmp_path):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "checklist.yaml"
    custom.write_text(text.replace("url: https://vng.nl", "url: not a url"), encoding="utf-8")
    log, _, _ = audit(cli, "examples/zeeveen.yaml", "--checklist", str(custom))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {rule["helpUri"] for rule in rules} == {
        "https://github.com/herstelcheck/herstelcheck#what-it-checks"
    }


# --- results --------------------------------------------------------------------------


def expected_findings(report):
    """(file, criterion id, line) of each failed criterion of the JSON report; line 1
    where the criterion has no place in the plan."""
    return sorted(
        (plan["file"], criterion["id"], criterion["line"] or 1, item["status"])
        for plan in report["plans"]
        for item in plan["items"]
        for criterion in item["criteria"]
        if criterion["passed"] is False
    )


def test_each_result_is_at_its_criterions_file_and_line(cli, in_root):
    log, report, _ = audit(cli, "examples")
    run = log["runs"][0]
    root = Path.cwd().as_uri() + "/"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root}}
    found = []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        uri = location["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:"))
        assert plan_uri(log, result) == (ROOT / unquote(uri)).as_uri()
        region = location["region"]
        assert region["startColumn"] >= 1
        status = result["properties"]["itemStatus"]
        found.append((uri, result["ruleId"], region["startLine"], status))
    assert sorted(found) == expected_findings(report)
    assert len(found) > 20


def test_the_rule_index_points_at_the_result_rule(cli, in_root):
    log, _, _ = audit(cli, "examples")
    run = log["runs"][0]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_level_is_error_in_a_missing_item_and_warning_in_a_partial_one(cli, in_root):
    """...for a finding that keeps its item from being met; advice is a note, in an item
    of any status."""
    log, _, _ = audit(cli, "examples")
    levels = {
        (r["properties"]["itemStatus"], r["properties"]["blocks"], r["level"])
        for r in log["runs"][0]["results"]
        if "suppressions" not in r
    }
    assert levels == {
        ("missing", True, "error"),
        ("partial", True, "warning"),
        ("missing", False, "note"),  # Bergakker's item 2: advisory criteria
        ("met", False, "note"),  # Lindewaard's item 2: met, with advice
    }


def test_advice_is_a_note_with_its_role(cli, in_root):
    log, _, _ = audit(cli, "examples/lindewaard.yaml")
    (note,) = [r for r in log["runs"][0]["results"] if r["level"] == "note"]
    assert note["ruleId"] == "ondernemer-centraal.verwijzingen"
    assert note["properties"]["itemStatus"] == "met"
    assert note["properties"]["role"] == "aanvullend" and note["properties"]["blocks"] is False
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[note["ruleIndex"]]["properties"]["role"] == "aanvullend"
    assert {r["properties"]["role"] for r in rules} == {"vereist", "aanvullend"}


def test_an_item_partial_through_its_toelichting_has_warnings_and_no_result_of_its_own(
    cli, in_root
):
    log, _, _ = audit(cli, "examples/bergakker.yaml")
    item10 = [r for r in log["runs"][0]["results"] if r["properties"]["item"] == 10]
    assert [r["ruleId"] for r in item10] == [
        "terugvalscenario.beschrijving",
        "terugvalscenario.triggers",
        "terugvalscenario.draaiboek",
        "terugvalscenario.crisisorganisatie",
    ]
    assert {(r["level"], r["properties"]["itemStatus"]) for r in item10} == {("warning", "partial")}


def test_result_message_has_the_finding_and_the_advice(cli, in_root):
    log, report, _ = audit(cli, "examples/lindewaard.yaml")
    criteria = {c["id"]: c for item in report["plans"][0]["items"] for c in item["criteria"]}
    for result in log["runs"][0]["results"]:
        criterion = criteria[result["ruleId"]]
        text = result["message"]["text"]
        label = "Advies" if criterion["blocks"] else "Aanbevolen"
        assert text == f"{criterion['message']} {label}: {criterion['advice']}"


def test_results_are_present_and_empty_when_nothing_failed(cli, in_root):
    log, _, result = audit(cli, "examples/zeeveen.yaml")
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert '"results": []' in result.stdout


def test_waived_items_are_suppressed_results_with_the_justification(cli, in_root):
    log, report, _ = audit(cli, "examples/lindewaard.yaml")
    item8 = report["plans"][0]["items"][7]
    assert item8["status"] == "waived"
    failed = [c["id"] for c in item8["criteria"] if c["passed"] is False]
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == failed
    for result in suppressed:
        assert result["level"] == "error"  # item 8 would be missing without the waiver
        (suppression,) = result["suppressions"]
        assert suppression["kind"] == "inSource"
        assert suppression["status"] == "accepted"
        assert suppression["justification"] == item8["waiver"]["reason"]
        place = suppression["location"]["physicalLocation"]
        assert place["region"]["startLine"] == item8["waiver"]["line"]
    assert all(
        "suppressions" not in r for r in log["runs"][0]["results"] if r["properties"]["item"] != 8
    )


def test_an_expired_waiver_suppresses_nothing_but_is_shown(cli, in_root):
    log, _, _ = audit(cli, str(CI / "expired-waiver.yaml"))
    results = [r for r in log["runs"][0]["results"] if r["properties"]["item"] == 8]
    assert results and all("suppressions" not in r for r in results)
    assert results[0]["properties"]["expiredWaiver"] == {
        "reason": "Loopt via het oude convenant.",
        "until": "2021-01-31",
    }
    assert sarif_errors(log) == []


# --- plans that could not be read -----------------------------------------------------


def test_an_unreadable_plan_is_an_error_notification_at_its_place(cli, in_root):
    unreadable = (CI / "unreadable.yaml").relative_to(ROOT).as_posix()
    log, report, result = audit(cli, unreadable, "examples/zeeveen.yaml")
    assert result.exit_code == 2
    assert f"{unreadable}:7:14: error: 'acties[1].termijn' must be one of" in result.stderr
    assert sarif_errors(log) == []
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["descriptor"]["id"] == "plan-error"
    assert note["message"]["text"] == visible(report["errors"][0]["message"])
    place = note["locations"][0]["physicalLocation"]
    assert place["artifactLocation"] == {"uri": unreadable, "uriBaseId": "%SRCROOT%"}
    assert place["region"] == {"startLine": 7, "startColumn": 14}
    # the readable plan is still reported
    assert [p["file"] for p in log["runs"][0]["properties"]["plans"]] == ["examples/zeeveen.yaml"]


def test_warnings_of_readable_plans_are_warning_notifications(cli, in_root, write_plan):
    plan = write_plan("gemeente: X\ntitel: Y\nterugvalscenarion: {}\n")
    log, _, result = audit(cli, str(plan))
    assert result.exit_code == 0
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert "terugvalscenario" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


# --- places outside the current folder ------------------------------------------------


def test_a_plan_outside_the_current_folder_has_an_absolute_uri(cli, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    log, _, _ = audit(cli, str(EXAMPLES / "bergakker.yaml"))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (EXAMPLES / "bergakker.yaml").as_uri()}
    assert sarif_errors(log) == []


def test_a_plan_from_standard_input_has_no_file(cli, in_root):
    text = (EXAMPLES / "bergakker.yaml").read_bytes()
    result = cli("audit", "-f", "sarif", "-", stdin=text)
    assert result.exit_code == 0, result
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"description": {"text": "standard input"}}


# --- hostile text ---------------------------------------------------------------------


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_hostile_plan_text_and_file_name(cli, tmp_path, monkeypatch):
    name = "plan %25, a:b #1?.yaml"
    (tmp_path / name).write_bytes((CI / "hostile.yaml").read_bytes())
    (tmp_path / "fout.yaml").write_bytes((CI / "unreadable.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "sarif", name, "fout.yaml")
    assert result.exit_code == 2, result
    assert RAW_CONTROL.search(result.stdout) is None  # the raw output: nothing a terminal acts on
    log = json.loads(result.stdout)
    assert sarif_errors(log) == []
    for text in strings(log):  # the decoded text: control characters made visible
        assert RAW_CONTROL.search(text) is None, text
    run = log["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"plan%20%2525%2C%20a%3Ab%20%231%3F.yaml"}
    assert unquote(uris.pop()) == name
    assert plan_uri(log, run["results"][0]) == (tmp_path / name).as_uri()
    assert run["properties"]["plans"][0]["gemeente"] == (
        "Ge%0Ameente, a:b <x> & ]]> **vet** | ␛[31mrood␛[0m ␁␡"
    )
    waived = [r for r in run["results"] if "suppressions" in r]
    assert waived[0]["suppressions"][0]["justification"] == (
        "Reden␍␊::warning::nep | **vet** <script>alert(1)</script> ]]> ␛[2J %3A, ␁"
    )
    unknown = next(r for r in run["results"] if r["ruleId"] == "ondernemer-centraal.verwijzingen")
    assert "onbekend <b>&amp; ]]> ␛]8;;https://x.invalid␛\\link" in unknown["message"]["text"]
    assert unknown["level"] == "note"  # advice
    assert "<script>x</script>" not in result.stdout  # the toelichting: no result of its own
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert "(got 'binnen <b>&</b> ]]> ␛[31m%0A, x:y')" in note["message"]["text"]


def test_hostile_checklist_text_is_escaped_in_the_markdown_help(cli, in_root, tmp_path):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "checklist.yaml"
    hostile = "Beschrijf <img src=x onerror=alert(1)> [klik](https://x.invalid) **nu**"
    custom.write_text(
        text.replace(
            "nl: Beschrijf in welke vorm het herstel is georganiseerd, of licht de organisatie "
            "toe.",
            f'nl: "{hostile}"',
        ),
        encoding="utf-8",
    )
    log, _, _ = audit(cli, "examples/zeeveen.yaml", "--checklist", str(custom))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["help"]["text"] == hostile
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(rule["help"]["markdown"])
    assert "<img" not in html and "<a " not in html
    assert "&lt;img src=x onerror=alert(1)&gt; [klik](https://x.invalid) **nu**" in html


# --- the command line -----------------------------------------------------------------


def test_sarif_to_a_file(cli, in_root, tmp_path):
    target = tmp_path / "results.sarif"
    result = cli("audit", "examples/bergakker.yaml", "-f", "sarif", "-o", str(target))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr == ""
    assert sarif_errors(json.loads(target.read_text(encoding="utf-8"))) == []


def test_sarif_with_fail_under_exits_1_with_the_full_log(cli, in_root):
    result = cli("audit", "examples/bergakker.yaml", "-f", "sarif", "--fail-under", "50")
    assert result.exit_code == 1, result
    assert result.stderr == "examples/bergakker.yaml: error: score 8,0 is under 50 (--fail-under)\n"
    assert json.loads(result.stdout)["runs"][0]["results"]
