"""`herstelcheck diff OLD NEW`: two versions of a plan, item by item, for people and CI."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES

ZEEVEEN = EXAMPLES / "zeeveen.yaml"
TEXT = ZEEVEEN.read_text(encoding="utf-8")


@pytest.fixture
def without_fallback(write_plan):
    """Zeeveen's plan without its `terugvalscenario` section."""
    return write_plan(TEXT[: TEXT.index("# Item 10")], name="zonder-terugval.yaml")


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_a_plan_against_itself_reports_no_change(cli, fmt):
    result = cli("diff", str(ZEEVEEN), str(ZEEVEEN), "-f", fmt, "--fail-on-regression")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["changed"] is False
        assert data["regression"] is False
        assert data["score_change"] == 0
        assert {i["change"] for i in data["items"]} == {"same"}
    else:
        assert "Geen verschil: elk item en de score zijn gelijk." in result.stdout
        assert "slechter" not in result.stdout


def test_without_the_fallback_section_item_10_is_worse(cli, without_fallback):
    result = cli("diff", str(ZEEVEEN), str(without_fallback))
    assert result.exit_code == 0, result
    assert result.stderr == ""
    out = result.stdout
    row = next(line for line in out.splitlines() if line.startswith("10 "))
    assert "✔ voldaan" in row and "✘ ontbreekt" in row
    assert "10,0 → 0,0" in row and row.rstrip().endswith("▼")
    assert "10. Houd rekening met een terugvalscenario  slechter" in out
    assert "✘ Het plan beschrijft geen terugvalscenario." in out
    assert "Score 100,0 → 90,0  (-10,0)" in out
    assert out.rstrip().endswith("0 beter, 1 slechter, 9 gelijk. Score 100,0 → 90,0 (-10,0).")


def test_fail_on_regression_exits_1(cli, without_fallback):
    result = cli("diff", str(ZEEVEEN), str(without_fallback), "--fail-on-regression")
    assert result.exit_code == 1, result
    assert "slechter" in result.stdout
    assert result.stderr == ""


def test_an_improvement_is_no_regression(cli, without_fallback):
    result = cli("diff", str(without_fallback), str(ZEEVEEN), "--fail-on-regression")
    assert result.exit_code == 0, result
    assert "1 beter, 0 slechter, 9 gelijk" in result.stdout


def test_json_names_the_change_per_item(cli, without_fallback):
    result = cli("diff", str(ZEEVEEN), str(without_fallback), "-f", "json", "--date", "2022-06-01")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert data["date"] == "2022-06-01"
    assert data["checklist"] == {"name": "VNG top 10 herstelaanpak", "version": "2021-05"}
    assert (data["old"]["score"], data["new"]["score"], data["score_change"]) == (100, 90, -10)
    assert data["regression"] is True
    ten = data["items"][9]
    assert ten["change"] == "worse"
    assert ten["before"] == {"status": "met", "score": 10.0, "waiver": None}
    assert ten["after"] == {"status": "missing", "score": 0.0, "waiver": None}
    assert ten["newly_failed"][0]["id"] == "terugvalscenario.beschrijving"
    assert ten["newly_failed"][0]["key"] == "terugvalscenario.beschrijving"
    assert ten["newly_failed"][0]["advice"].startswith("Beschrijf wat er gebeurt")
    assert ten["newly_met"] == []
    assert [i["id"] for i in data["items"]] == list(range(1, 11))


def test_markdown(cli, without_fallback):
    result = cli("diff", str(ZEEVEEN), str(without_fallback), "-f", "markdown", "--lang", "en")
    assert result.exit_code == 0, result
    out = result.stdout
    assert out.startswith("# Comparison: Zeeveen\n")
    assert "| 10 | Plan for a fallback scenario | met | missing | 10.0 → 0.0 | ▼ worse |" in out
    assert "### 10. Plan for a fallback scenario (worse)" in out
    assert "- ✘ now failed: The plan describes no fallback scenario." in out
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    assert any(t.type == "table_open" for t in tokens)


OLD_NEEDS = """gemeente: A
titel: B
ondernemers:
  behoeften: [{id: liquiditeit}]
acties:
  - {naam: Noodfonds, behoefte: liquiditeit}
"""
NEW_NEEDS = """gemeente: A
titel: B
ondernemers:
  behoeftepeiling: {methode: enquête}
  behoeften: [{id: liquiditeit}]
acties:
  - {naam: Noodfonds, behoefte: ruimte}
"""
"""Item 2 partial for want of a survey of needs (required); then met with the survey,
while its action now refers to an unknown need: advice, no shortfall."""


@pytest.fixture
def needs(write_plan):
    return write_plan(OLD_NEEDS, name="oud.yaml"), write_plan(NEW_NEEDS, name="nieuw.yaml")


def test_an_item_met_with_new_advice_is_better_not_a_regression(cli, needs):
    old, new = needs
    result = cli("diff", str(old), str(new), "--fail-on-regression")
    assert result.exit_code == 0, result
    out = result.stdout
    row = next(line for line in out.splitlines() if line.startswith(" 2 "))
    assert "◐ deels" in row and "✔ voldaan" in row and row.rstrip().endswith("▲")
    assert "2. Stel de behoefte van de ondernemer centraal  beter" in out
    flat = " ".join(out.split())
    assert "○ Acties verwijzen naar behoeften die het plan niet vastlegt" in flat
    assert "→ Aanbevolen: Leg de behoefte vast" in flat
    assert "✔ De behoeften van ondernemers zijn gepeild (regel 4)" in flat
    assert "✘" not in out.split("Wat is veranderd", 1)[1]
    assert "1 beter, 0 slechter, 9 gelijk" in out


def test_new_advice_is_worded_as_advice_in_markdown_and_json(cli, needs, without_fallback):
    old, new = needs
    markdown = cli("diff", str(old), str(new), "-f", "markdown").stdout
    assert "| 2 | Stel de behoefte van de ondernemer centraal | deels | voldaan |" in markdown
    assert "- ○ nieuw advies: Acties verwijzen naar behoeften" in markdown
    assert "  \n  Aanbevolen: Leg de behoefte vast" in markdown
    assert "nu niet voldaan" not in markdown
    english = cli("diff", str(old), str(new), "-f", "markdown", "--lang", "en").stdout
    assert "- ○ new advice: " in english and "Recommended: " in english
    data = json.loads(cli("diff", str(old), str(new), "-f", "json").stdout)
    assert data["regression"] is False
    two = data["items"][1]
    assert two["change"] == "better"
    assert (two["before"]["status"], two["after"]["status"]) == ("partial", "met")
    (advice,) = two["newly_failed"]
    assert advice["id"] == "ondernemer-centraal.verwijzingen" and advice["blocks"] is False
    worse = json.loads(cli("diff", str(ZEEVEEN), str(without_fallback), "-f", "json").stdout)
    assert {c["blocks"] for c in worse["items"][9]["newly_failed"]} == {True}


def test_new_advice_on_a_met_item_does_not_fail_on_regression(cli, write_plan):
    advice = write_plan(
        TEXT.replace("    behoefte: liquiditeit\n", "    behoefte: onbekend\n", 1),
        name="advies.yaml",
    )
    result = cli("diff", str(ZEEVEEN), str(advice), "--fail-on-regression")
    assert result.exit_code == 0, result
    row = next(line for line in result.stdout.splitlines() if line.startswith(" 2 "))
    assert row.count("✔ voldaan") == 2 and "10,0 → 7,5" in row and row.rstrip().endswith("=")
    assert "2. Stel de behoefte van de ondernemer centraal  gelijk" in result.stdout
    assert "○ Acties verwijzen naar behoeften" in " ".join(result.stdout.split())


def test_english_terminal(cli, without_fallback):
    result = cli("diff", str(ZEEVEEN), str(without_fallback), "--lang", "en")
    assert "0 better, 1 worse, 9 same. Score 100.0 → 90.0 (-10.0)." in result.stdout


def test_an_expired_waiver_shows_in_the_diff(cli, write_plan):
    head = "gemeente: X\ntitel: Y\nuitzonderingen:\n  10: {reden: Volgt., geldig_tot: "
    old = write_plan(head + "2030-12}\n", name="old.yaml")
    new = write_plan(head + "2021-12}\n", name="new.yaml")
    result = cli("diff", str(old), str(new), "--date", "2022-06-01", "--fail-on-regression")
    assert result.exit_code == 1, result
    assert "verlopen op 2021-12; telt niet meer als uitzondering" in result.stdout


def test_plan_text_is_shown_literally(cli, write_plan):
    hostile = 'gemeente: "[red]X[/red] \\e[2J | **Y**"\ntitel: "<b>T</b>"\n'
    plan = write_plan(hostile)
    terminal = cli("diff", str(plan), str(plan))
    assert "\x1b" not in terminal.stdout
    assert "[red]X[/red] ␛[2J | **Y**: <b>T</b>" in terminal.stdout
    markdown = cli("diff", str(plan), str(plan), "-f", "markdown")
    assert "\x1b" not in markdown.stdout
    assert markdown.stdout.startswith(
        "# Vergelijking: \\[red\\]X\\[/red\\] ␛\\[2J \\| \\*\\*Y\\*\\*\n"
    )


def test_an_unreadable_old_plan_is_exit_2(cli, tmp_path):
    missing = tmp_path / "nee.yaml"
    result = cli("diff", str(missing), str(ZEEVEEN))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert f"{missing}:1:1: error: no such file" in result.stderr


def test_an_unreadable_new_plan_is_exit_2_and_both_errors_are_shown(cli, write_plan):
    old = write_plan("gemeente: X\ntitel: [\n", name="old.yaml")
    new = write_plan("gemeente: X\ntitel: Y\nacties:\n  - termijn: kort\n", name="new.yaml")
    result = cli("diff", str(old), str(new), "--fail-on-regression")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert f"{old}:" in result.stderr
    assert f"{new}:4:5: error: 'acties[1]' needs a 'naam'" in result.stderr


def test_a_bad_date_is_a_usage_error(cli):
    result = cli("diff", str(ZEEVEEN), str(ZEEVEEN), "--date", "morgen")
    assert result.exit_code == 2, result
    assert "--date must be a date" in result.stderr


def test_old_may_come_from_standard_input(cli):
    result = cli("diff", "-", str(ZEEVEEN), "--fail-on-regression", stdin=TEXT.encode())
    assert result.exit_code == 0, result
    assert "<stdin> → " in result.stdout
    assert "Geen verschil" in result.stdout
