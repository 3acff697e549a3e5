"""The plan template of `herstelcheck init`: complete, valid, and in either language."""

from __future__ import annotations

import re

import pytest

from herstelcheck import checklist
from herstelcheck.audit import Status, audit_plan
from herstelcheck.plan import load_text
from herstelcheck.template import check_gemeente, render
from modelwalk import key_of, model_keys

LANGS = ["nl", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_template_loads_without_errors_or_warnings(lang):
    loaded, warnings = load_text(render(lang), "plan.yaml")
    assert warnings == []
    assert loaded.plan.gemeente
    assert loaded.plan.titel


@pytest.mark.parametrize("lang", LANGS)
def test_template_covers_every_key_of_the_format(lang):
    text = render(lang)
    loaded, _ = load_text(text, "plan.yaml")
    covered = {key_of(path) for path in loaded.key_places}
    # a waiver would waive an item, so the template shows the two forms in comments
    waiver_keys = {("Uitzondering", "reden"), ("Uitzondering", "geldig_tot")}
    # a toelichting would make an item partial, so each section shows it in a comment
    # (organisatie's keeps its version-1 place as a key)
    notes = {key for key in model_keys() - covered if key[1] == "toelichting"}
    assert model_keys() - covered == waiver_keys | notes
    assert "uitzonderingen" in loaded.key_places
    for _, name in waiver_keys:
        assert re.search(rf"^#\s+{name}:", text, re.MULTILINE)
    commented = re.findall(r"^  #\s*toelichting:", text, re.MULTILINE)
    assert len(commented) == len(notes) + 1  # and the one under 'termijnen'


@pytest.mark.parametrize("lang", LANGS)
def test_the_commented_waiver_example_is_a_valid_waiver(lang):
    text = render(lang)
    lines = text.splitlines()
    start = lines.index("uitzonderingen:")
    example = [line[4:] for line in lines[:start] if re.match(r"^# {3}(\d|\s)", line)]
    waivers = "\n".join("  " + line for line in example if line.strip())
    loaded, warnings = load_text(text + waivers + "\n", "plan.yaml")
    assert warnings == []
    assert set(loaded.plan.uitzonderingen) == {"8", "10"}
    assert loaded.plan.uitzonderingen["10"].geldig_tot is not None


@pytest.mark.parametrize("lang", LANGS)
def test_each_section_names_its_checklist_item(lang):
    text = render(lang)
    for item in checklist.load().items:
        assert f"# Item {item.id}: {item.title.get(lang)}\n" in text


def test_comments_follow_the_language_and_keys_stay_dutch():
    nl, en = render("nl"), render("en")
    assert "bijv." in nl and "e.g." not in nl
    assert "e.g." in en and "bijv." not in en
    keys_nl = load_text(nl, "nl.yaml")[0].key_places.keys()
    keys_en = load_text(en, "en.yaml")[0].key_places.keys()
    assert keys_nl == keys_en


@pytest.mark.parametrize("lang", LANGS)
def test_a_fresh_template_scores_zero_with_every_item_missing(lang):
    loaded, _ = load_text(render(lang, "Breda"), "plan.yaml")
    report = audit_plan(loaded, checklist.load())
    assert report.score == 0
    assert {item.status for item in report.items} == {Status.MISSING}
    assert not any(c.passed for item in report.items for c in item.criteria)


@pytest.mark.parametrize(
    "name",
    [
        "Breda",
        "'s-Hertogenbosch",
        'Súdwest: "Fryslân" # noord',
        "Bergen (L.)",
        "yes",
        "null",
        "2021",
        "- [x] {y} &a *b !c %d @e `f |g >h",
        "back\\slash",
    ],
)
def test_the_gemeente_is_written_as_given(name):
    loaded, warnings = load_text(render("nl", name), "plan.yaml")
    assert warnings == []
    assert loaded.plan.gemeente == name
    assert loaded.plan.titel == f"Herstelaanpak lokale economie {name}"


def test_without_a_gemeente_the_placeholders_say_what_to_fill_in():
    assert load_text(render("nl"), "p.yaml")[0].plan.gemeente == "(naam van de gemeente)"
    assert load_text(render("en"), "p.yaml")[0].plan.gemeente == "(name of the municipality)"


@pytest.mark.parametrize("name", ["", "   ", "a\nb", "a\x1b[31mb", "a\u202eb", "a\tb"])
def test_check_gemeente_refuses_what_is_not_one_line_of_text(name):
    with pytest.raises(ValueError, match="--gemeente"):
        check_gemeente(name)


def test_check_gemeente_strips_spaces():
    assert check_gemeente("  Breda ") == "Breda"


def test_the_audit_command_in_the_comments_names_the_file():
    assert "herstelcheck audit plannen/breda.yaml" in render("nl", file="plannen/breda.yaml")
    assert "herstelcheck audit plan.yaml" in render("nl", file="my plan.yaml")
    assert "herstelcheck audit plan.yaml" in render("nl")
