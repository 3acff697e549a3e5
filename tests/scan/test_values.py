"""Values as documents write them (tests/data/scan/values.yaml): amounts, dates, terms,
frequencies, horizons, people with their function and organisations with their sector;
and how the draft's values are read from the sentences of the hits."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA, ROOT
from herstelcheck import checklist
from herstelcheck.scan import partners, people, textvalues
from herstelcheck.scan.evidence import find
from herstelcheck.scan.fields import extract
from herstelcheck.scan.passages import Passage
from herstelcheck.scan.run import compile_signals

SECTORS = checklist.load().sectors
CASES = yaml.safe_load((DATA / "scan" / "values.yaml").read_text(encoding="utf-8"))


def _ids(cases: list[list[object]]) -> list[str]:
    return [str(case[0])[:40] for case in cases]


@pytest.mark.parametrize(("text", "expected"), CASES["money"], ids=_ids(CASES["money"]))
def test_money(text, expected):
    assert [span.value for span in textvalues.money(text)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES["dates"], ids=_ids(CASES["dates"]))
def test_dates(text, expected):
    assert [span.value for span in textvalues.dates(text)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES["terms"], ids=_ids(CASES["terms"]))
def test_terms(text, expected):
    assert [span.value.value for span in textvalues.terms(text)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES["frequencies"], ids=_ids(CASES["frequencies"]))
def test_frequencies(text, expected):
    assert [span.value for span in textvalues.frequencies(text)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES["horizons"], ids=_ids(CASES["horizons"]))
def test_horizons(text, expected):
    assert [span.value for span in textvalues.horizons(text)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES["people"], ids=_ids(CASES["people"]))
def test_people_with_their_function(text, expected):
    found = [[p.name, p.function, p.role] for p in people.people(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"), CASES["stakeholders"], ids=_ids(CASES["stakeholders"])
)
def test_stakeholders_with_their_sector(text, expected):
    found = [[o.name, o.sector] for o in partners.stakeholders(text, SECTORS)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), CASES["regional"], ids=_ids(CASES["regional"]))
def test_regional_partners(text, expected):
    assert [o.name for o in partners.regional_partners(text, "Lindewaard")] == expected


@pytest.mark.parametrize(("text", "expected"), CASES["departments"], ids=_ids(CASES["departments"]))
def test_departments(text, expected):
    assert [name for name, _, _ in partners.departments(text)] == expected


def _values(*texts: str) -> dict[str, object]:
    passages = [Passage(text, "paragraph", 1, None, n) for n, text in enumerate(texts)]
    hits = find(passages, compile_signals(checklist.load()))
    found = extract(hits, passages, sectors=SECTORS)
    return {value.field: value.value for value in found}


def test_each_amount_goes_to_the_signal_nearest_to_it():
    values = _values(
        "We zetten € 1,2 miljoen uit bestaande budgetten in en € 300.000 extra middelen "
        "op de lange termijn."
    )
    assert values["financiering.bestaande_budgetten"] == 1200000
    assert values["financiering.extra_middelen"] == 300000
    assert values["financiering.extra_middelen_termijn"] == "lang"


def test_a_negated_sentence_gives_no_value():
    values = _values("Er is geen draaiboek.", "Wethouder Anne Bakker is niet de trekker.")
    assert "terugvalscenario.draaiboek" not in values
    assert "trekker.bestuurlijk.naam" not in values


def test_a_section_with_evidence_but_no_value_gets_a_toelichting():
    values = _values(
        "We volgen een gefaseerde aanpak: eerst noodsteun, dan herstel.",
        "Ondernemers zien een nieuwe golf met zorg tegemoet.",
    )
    assert values["termijnen.toelichting"].startswith("We volgen een gefaseerde aanpak")
    assert values["terugvalscenario.beschrijving"].startswith("Ondernemers zien een nieuwe golf")
    assert "terugvalscenario.toelichting" not in values


def test_values_of_a_list_are_not_repeated():
    values = _values("Cijfers van het CBS.", "Ook het CBS en Locatus.")
    assert [values.get(f"data.bronnen[{n}]") for n in (1, 2, 3)] == ["CBS", "Locatus", None]


def test_a_separate_recovery_organisation_is_told_apart_from_no_separate_one():
    assert _values("Er komt een aparte herstelorganisatie.")["organisatie.vorm"] == (
        "aparte-herstelorganisatie"
    )
    assert _values("Er komt geen aparte herstelorganisatie.")["organisatie.vorm"] == (
        "bestaande-organisatie"
    )


def test_the_sector_classes_are_those_of_the_checklist():
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    classes = "sectoren:\n"
    assert text.count(classes) == 1
    own = text[: text.index(classes)] + "sectoren:\n  horeca en cultuur: [KHN, museum]\n"
    custom = checklist.parse_checklist(own.encode("utf-8"), "eigen.yaml")
    sentence = "In samenwerking met KHN Lindewaard, het Stadsmuseum en het ROC werken we."
    passages = [Passage(sentence, "paragraph", 1, None, 0)]
    hits = find(passages, compile_signals(custom))
    found = {v.field: v.value for v in extract(hits, passages, sectors=custom.sectors)}
    assert found["netwerk.stakeholders[1].sector"] == "horeca en cultuur"
    assert found["netwerk.stakeholders[2].sector"] == "horeca en cultuur"
    assert "netwerk.stakeholders[3].sector" not in found  # the ROC is of no class here
    bundled = {v.field: v.value for v in extract(hits, passages, sectors=SECTORS)}
    assert bundled["netwerk.stakeholders[3].sector"] == "onderwijs en kennis"
