"""The JUnit XML report: valid against junit-10.xsd, a suite per plan, a testcase per item,
and text that always parses as XML 1.0."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck.formats.junit import attr, text
from herstelcheck.textsafe import visible
from specs import junit_errors, junit_schema_with_error_element

CI = DATA / "ci"
DATE = "2021-06-30"
EXAMPLE_FILES = sorted(p.relative_to(ROOT).as_posix() for p in EXAMPLES.glob("*.yaml"))
# Characters XML 1.0 does not allow (besides the surrogates, which UTF-8 cannot carry)
NOT_XML = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]


@pytest.fixture(autouse=True)
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def audit(cli, *args):
    """Run `audit` with JUnit and JSON output; return the XML text, its root, the JSON
    report and the JUnit result."""
    junit = cli("audit", "-f", "junit", "--date", DATE, *args)
    report = cli("audit", "-f", "json", "--date", DATE, *args)
    assert junit.exit_code == report.exit_code, junit
    return junit.stdout, ET.fromstring(junit.stdout), json.loads(report.stdout), junit


# --- validity -------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_each_example_validates_against_junit_10_xsd(cli, example):
    xml, _, _, result = audit(cli, example)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    assert junit_errors(xml) == []


def test_all_examples_in_one_report_validate(cli):
    xml, root, report, _ = audit(cli, "examples")
    assert junit_errors(xml) == []
    assert [suite.get("name") for suite in root] == [p["file"] for p in report["plans"]]


def test_the_schema_rejects_a_broken_report(cli):
    xml, _, _, _ = audit(cli, "examples/bergakker.yaml")
    broken = xml.replace(' tests="10"', "").replace('type="partial"', 'kind="partial"', 1)
    errors = junit_errors(broken)
    assert any("missing required attribute 'tests'" in e for e in errors)
    assert any("'kind' attribute not allowed" in e for e in errors)


# --- structure ------------------------------------------------------------------------


def test_a_suite_per_plan_and_a_testcase_per_item(cli):
    _, root, report, _ = audit(cli, "examples")
    assert root.tag == "testsuites"
    for suite, plan in zip(root, report["plans"], strict=True):
        statuses = [item["status"] for item in plan["items"]]
        assert suite.get("file") == plan["file"]
        assert suite.get("timestamp") == f"{DATE}T00:00:00"
        assert suite.get("tests") == "10"
        assert suite.get("failures") == str(sum(s in ("partial", "missing") for s in statuses))
        assert suite.get("skipped") == str(statuses.count("waived"))
        assert suite.get("errors") == "0"
        cases = suite.findall("testcase")
        assert [case.get("name") for case in cases] == [
            f"{item['id']:02d} {item['title']}" for item in plan["items"]
        ]
        assert {case.get("classname") for case in cases} == {f"herstelcheck.{plan['gemeente']}"}
        properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert properties["gemeente"] == plan["gemeente"]
        assert properties["score"] == f"{plan['score']:.1f}"
        for case, item in zip(cases, plan["items"], strict=True):
            kinds = [child.tag for child in case]
            expected = {"met": [], "partial": ["failure"], "missing": ["failure"]}
            advice = [c for c in item["criteria"] if c["passed"] is False and not c["blocks"]]
            if advice and item["status"] != "waived":
                expected = {status: [*tags, "system-out"] for status, tags in expected.items()}
            assert kinds == expected.get(item["status"], ["skipped"])
    totals = {name: sum(int(s.get(name)) for s in root) for name in ("tests", "failures")}
    assert root.get("tests") == str(totals["tests"]) == "30"
    assert root.get("failures") == str(totals["failures"])


def test_a_failure_lists_each_failed_criterion_with_line_and_advice(cli):
    _, root, report, _ = audit(cli, "examples/lindewaard.yaml")
    (suite,) = root
    for case, item in zip(suite.findall("testcase"), report["plans"][0]["items"], strict=True):
        if item["status"] not in ("partial", "missing"):
            continue
        failure = case.find("failure")
        assert failure.get("type") == item["status"]
        failed = [c for c in item["criteria"] if c["blocks"]]
        applicable = [c for c in item["criteria"] if c["passed"] is not None]
        word = {"partial": "deels", "missing": "ontbreekt"}[item["status"]]
        score = f"{item['score']:.1f}".replace(".", ",")
        assert failure.get("message") == (
            f"{word}, score {score} van 10: "
            f"{len(failed)} van de {len(applicable)} criteria vereist en niet voldaan"
            if len(applicable) != 1
            else f"{len(failed)} van 1 criterium vereist en niet voldaan"
        )
        for criterion in failed:
            place = "examples/lindewaard.yaml"
            if criterion["line"] is not None:
                place += f":{criterion['line']}:"
            assert f"{place}" in failure.text
            assert f"{criterion['message']} [{criterion['id']}]" in failure.text
            assert f"    Advies: {criterion['advice']} ({criterion['key']})\n" in failure.text


def test_advice_is_no_failure_but_goes_to_system_out(cli):
    """Lindewaard meets item 2: its unknown need reference is advice, so the test case
    passes, with the advice in its system-out; only what keeps items from being met
    counts as failures."""
    _, root, report, _ = audit(cli, "examples/lindewaard.yaml")
    (suite,) = root
    items = report["plans"][0]["items"]
    case = suite.findall("testcase")[1]
    assert items[1]["status"] == "met"
    assert case.find("failure") is None
    (criterion,) = [c for c in items[1]["criteria"] if c["passed"] is False]
    assert case.find("system-out").text == (
        "1 aanbeveling; die houdt het item niet tegen:\n"
        f"examples/lindewaard.yaml:{criterion['line']}:15: {criterion['message']} "
        f"[{criterion['id']}]\n"
        f"    Aanbevolen: {criterion['advice']} ({criterion['key']})\n"
    )
    assert suite.get("failures") == "8"  # the partial and missing items
    assert "Aanbevolen" not in "".join(f.text for f in suite.iter("failure"))
    english = ET.fromstring(
        cli("audit", "-f", "junit", "--lang", "en", str(EXAMPLES / "lindewaard.yaml")).stdout
    )
    out = english.find("testsuite").findall("testcase")[1].find("system-out").text
    assert out.startswith("1 recommendation; it does not keep the item from being met:\n")
    assert "\n    Recommended: " in out


def test_advice_in_an_item_that_is_not_met_goes_to_system_out_too(cli):
    _, root, _, _ = audit(cli, "examples/bergakker.yaml")
    case = root.find("testsuite").findall("testcase")[1]  # item 2: missing
    assert [child.tag for child in case] == ["failure", "system-out"]
    failure = case.find("failure")
    assert failure.get("message") == (
        "ontbreekt, score 0,0 van 10: 1 van de 3 criteria vereist en niet voldaan"
    )
    assert "[ondernemer-centraal.behoeftepeiling]" in failure.text
    assert "[ondernemer-centraal.behoeften]" not in failure.text
    out = case.find("system-out").text
    assert out.startswith("2 aanbevelingen; die houden het item niet tegen:\n")
    assert (
        "[ondernemer-centraal.behoeften]" in out
        and "[ondernemer-centraal.acties-op-behoefte]" in out
    )


def test_an_item_partial_through_its_toelichting_quotes_it_in_the_failure(cli):
    _, root, _, _ = audit(cli, "examples/bergakker.yaml")
    failure = root.find("testsuite").findall("testcase")[9].find("failure")
    assert failure.get("type") == "partial"
    assert failure.get("message").startswith("deels, score 1,0 van 10: 4 van de 4 criteria")
    assert failure.text.splitlines()[0] == (
        "examples/bergakker.yaml:30: Het plan licht dit toe in 'terugvalscenario', zonder de "
        "punten die de checklist vraagt: 'Komt er een nieuwe lockdown, dan zetten we de "
        "noodloketten van 2020 weer open.'"
    )


def test_a_waived_item_is_skipped_with_the_justification(cli):
    _, root, report, _ = audit(cli, "examples/lindewaard.yaml")
    waiver = report["plans"][0]["items"][7]["waiver"]
    skipped = root.find("testsuite").findall("testcase")[7].find("skipped")
    assert skipped.get("type") == "waived"
    assert skipped.get("message") == waiver["reason"]
    assert skipped.text == f"{waiver['reason']}\nexamples/lindewaard.yaml:{waiver['line']}\n"


def test_an_expired_waiver_fails_and_is_shown(cli):
    _, root, _, _ = audit(cli, str(CI / "expired-waiver.yaml"), "--lang", "en")
    failure = root.find("testsuite").findall("testcase")[7].find("failure")
    assert failure.get("type") == "missing"
    assert (
        "Waivers: expired on 2021-01-31; no longer counts as a waiver: "
        "Loopt via het oude convenant." in failure.text
    )


def test_english_report(cli):
    _, root, _, _ = audit(cli, "examples/bergakker.yaml", "--lang", "en")
    case = root.find("testsuite").find("testcase")
    assert case.get("name") == "01 Organise the recovery from existing structures and budgets"
    assert case.find("failure").get("message").startswith("partial, score 2.0 of 10: ")


def test_plans_of_one_gemeente_get_distinct_classnames(cli, write_plan):
    first = write_plan("gemeente: Breda\ntitel: Versie 1\n", name="v1.yaml")
    second = write_plan("gemeente: Breda\ntitel: Versie 2\n", name="v2.yaml")
    dotted = write_plan("gemeente: St. Anna\ntitel: T\n", name="st.yaml")
    xml, root, _, _ = audit(cli, str(first), str(second), str(dotted))
    classes = [suite.find("testcase").get("classname") for suite in root]
    assert classes == [
        "herstelcheck.Breda (v1_yaml)",
        "herstelcheck.Breda (v2_yaml)",
        "herstelcheck.St_ Anna",
    ]
    assert junit_errors(xml) == []


# --- plans that could not be read -----------------------------------------------------


def test_an_unreadable_plan_is_a_suite_with_an_error(cli):
    unreadable = (CI / "unreadable.yaml").relative_to(ROOT).as_posix()
    xml, root, report, result = audit(cli, "examples/zeeveen.yaml", unreadable)
    assert result.exit_code == 2
    assert f"{unreadable}:7:14: error: " in result.stderr
    good, bad = root
    assert good.get("name") == "examples/zeeveen.yaml"
    assert (bad.get("name"), bad.get("tests"), bad.get("errors"), bad.get("failures")) == (
        unreadable,
        "1",
        "1",
        "0",
    )
    assert root.get("errors") == "1"
    (case,) = bad
    assert case.get("name") == "Plan inlezen"
    assert case.get("classname") == "herstelcheck.unreadable"
    error = case.find("error")
    assert error.get("type") == "plan-error"
    assert error.get("message") == visible(report["errors"][0]["message"])
    assert error.text.startswith(f"{unreadable}:7:14: error: 'acties[1].termijn' must be one of")
    # junit-10.xsd as copied names the element `errors`; JUnit readers expect `error`
    # (see tests/data/specs/README.md): that is the one difference, and nothing else fails.
    assert junit_errors(xml) == [
        "/testsuites/testsuite[2]/testcase: Unexpected child with tag 'error' at position 1."
    ]
    assert junit_errors(xml, junit_schema_with_error_element()) == []


def test_a_folder_without_plans_is_an_error_suite(cli, tmp_path):
    result = cli("audit", "-f", "junit", str(tmp_path))
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    (suite,) = root
    assert suite.get("name") == str(tmp_path)
    assert "holds no plans" in suite.find("testcase/error").get("message")


# --- hostile text ---------------------------------------------------------------------


def test_text_and_attr_make_every_character_xml_1_0_allows():
    hostile = "a\x00b\x01c\x1b[31m\x7f\x85\ud800\udfff\ufffe\uffff\u202e]]><&'\"\r\n\td"
    for value in (text(hostile), attr(hostile)):
        assert not any(char in value for char in NOT_XML)
        assert not any(0xD800 <= ord(char) <= 0xDFFF for char in value)
        element = ET.Element("x", a=value)
        element.text = value
        parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
        assert parsed.text == value
        assert parsed.get("a") == value
    assert text(hostile) == "a␀b␁c␛[31m␡<U+0085><U+D800><U+DFFF>\ufffd\ufffd<U+202E>]]><&'\"\n    d"
    assert "\n" not in attr(hostile)


def test_hostile_plan_text_and_file_name(cli, tmp_path, monkeypatch):
    name = "plan %25, a:b <&>.yaml"
    (tmp_path / name).write_bytes((CI / "hostile.yaml").read_bytes())
    (tmp_path / "fout.yaml").write_bytes((CI / "unreadable.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "junit", name, "fout.yaml")
    assert result.exit_code == 2, result
    xml = result.stdout
    assert not any(char in xml for char in NOT_XML if char != "\x1b")
    assert "\x1b" not in xml and "\u202e" not in xml
    assert "]]>" not in xml  # ElementTree writes `>` as &gt;
    root = ET.fromstring(xml)
    assert junit_errors(xml, junit_schema_with_error_element()) == []
    suite, error_suite = root
    assert suite.get("name") == name
    gemeente = "Ge%0Ameente, a:b <x> & ]]> **vet** | ␛[31mrood␛[0m ␁␡"
    properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert properties["gemeente"] == gemeente
    assert properties["titel"].startswith("Titel␍␊::error file=x,line=1::ingespoten %25")
    assert suite.find("testcase").get("classname") == "herstelcheck." + gemeente
    skipped = suite.findall("testcase")[7].find("skipped")
    reason = "Reden␍␊::warning::nep | **vet** <script>alert(1)</script> ]]> ␛[2J %3A, ␁"
    assert skipped.get("message") == reason
    assert skipped.text.startswith(reason.replace("␍␊", "\n") + "\n")  # line breaks kept
    advice = suite.findall("testcase")[1].find("system-out")
    assert f"{name}:11:15: " in advice.text
    assert "onbekend <b>&amp; ]]> ␛]8;;https://x.invalid␛\\link" in advice.text
    explained = suite.findall("testcase")[9].find("failure")
    assert explained.text.startswith(
        f"{name}:15: Het plan licht dit toe in 'terugvalscenario', zonder de punten die de "
        "checklist vraagt: 'Terug ::error file=x,line=1::nep %0A, a:b <script>x</script> ]]> "
        "␛[2J | *md* ␁'\n"
    )
    error = error_suite.find("testcase/error")
    assert "(got 'binnen <b>&</b> ]]> ␛[31m%0A, x:y')" in error.get("message")


# --- the command line -----------------------------------------------------------------


def test_junit_to_a_file(cli, tmp_path):
    target = tmp_path / "junit.xml"
    result = cli("audit", "examples", "-f", "junit", "-o", str(target))
    assert result.exit_code == 0, result
    assert (result.stdout, result.stderr) == ("", "")
    assert junit_errors(target.read_text(encoding="utf-8")) == []


def test_junit_with_fail_under_exits_1(cli):
    result = cli("audit", "examples/bergakker.yaml", "-f", "junit", "--fail-under", "50")
    assert result.exit_code == 1, result
    assert result.stderr == "examples/bergakker.yaml: error: score 8,0 is under 50 (--fail-under)\n"
    assert ET.fromstring(result.stdout).get("failures") == "11"  # ten items, and the threshold
