"""Reading plans: typed values, places, warnings and errors with their lines.

The cases in tests/data/plans/ say what they expect in `# expect: LINE:COL: ...` lines;
each expected diagnostic must be among those the loader gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES
from herstelcheck.errors import Diagnostic
from herstelcheck.model import Bron, Money, OrganisatieVorm, Term
from herstelcheck.plan import PlanError, load_file, load_text

PLANS = DATA / "plans"
EXPECT = re.compile(r"^# expect: (.*)$", re.MULTILINE)


def _diagnostics(path: Path) -> tuple[bool, list[Diagnostic]]:
    try:
        _, warnings = load_file(str(path))
    except PlanError as exc:
        return False, exc.diagnostics
    return True, warnings


def _shown(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.line}:{d.column}: {d.severity}: {d.message}" for d in diagnostics]


@pytest.mark.parametrize("path", sorted((PLANS / "invalid").glob("*.yaml")), ids=lambda p: p.stem)
def test_invalid_plans_are_errors_at_their_place(path: Path) -> None:
    loaded, diagnostics = _diagnostics(path)
    assert not loaded
    shown = _shown(diagnostics)
    expected = EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expected
    for expect in expected:
        assert any(s.startswith(expect) for s in shown), (expect, shown)
    assert all(d.file == str(path) for d in diagnostics)


@pytest.mark.parametrize("path", sorted((PLANS / "warnings").glob("*.yaml")), ids=lambda p: p.stem)
def test_unknown_keys_are_warnings(path: Path) -> None:
    loaded, diagnostics = _diagnostics(path)
    assert loaded
    shown = _shown(diagnostics)
    for expect in EXPECT.findall(path.read_text(encoding="utf-8")):
        assert any(s.startswith(expect) for s in shown), (expect, shown)
    assert all(d.severity == "warning" for d in diagnostics)


@pytest.mark.parametrize(
    "path",
    sorted((PLANS / "valid").glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml")),
    ids=lambda p: p.stem,
)
def test_valid_plans_load_without_diagnostics(path: Path) -> None:
    loaded, diagnostics = _diagnostics(path)
    assert loaded
    assert diagnostics == []


def test_values_are_typed_and_normalised() -> None:
    loaded, _ = load_file(str(PLANS / "valid" / "full-format.yaml"))
    plan = loaded.plan
    assert plan.financiering is not None
    assert plan.financiering.bestaande_budgetten == 1_200_000
    assert isinstance(plan.financiering.bestaande_budgetten, Money)
    assert plan.financiering.extra_middelen_termijn is Term.LANG
    assert plan.organisatie is not None
    assert plan.organisatie.vorm is OrganisatieVorm.BESTAANDE_ORGANISATIE
    assert plan.acties[0].financiering is Bron.BESTAAND
    assert plan.vastgesteld is not None
    assert (plan.vastgesteld.year, plan.vastgesteld.month, plan.vastgesteld.day) == (2021, 6, 24)
    assert set(plan.termijnen) == {Term.KORT, Term.MIDDELLANG, Term.LANG}
    assert plan.uitzonderingen["8"].reden.startswith("Regionale samenwerking")


def test_yaml_surprises_keep_their_text() -> None:
    loaded, _ = load_file(str(PLANS / "valid" / "yaml-surprises.yaml"))
    plan = loaded.plan
    assert (plan.gemeente, plan.titel, plan.versie) == ("Yes", "on", "010")
    assert plan.organisatie is not None
    assert plan.organisatie.toelichting == "1:20"
    assert plan.organisatie.afdelingen == ["no", "off", "2021-05-12"]
    assert plan.acties[0].naam == "12"
    assert plan.acties[0].termijn is Term.KORT
    assert plan.termijnen[Term.KORT].doel == "no"
    assert plan.trekker is not None and plan.trekker.ambtelijk is not None
    assert plan.trekker.ambtelijk.uren_per_week == 24


def test_places_of_values_and_keys() -> None:
    text = "gemeente: A\ntitel: B\nacties:\n  - naam: X\n    termijn: kort\n"
    loaded, _ = load_text(text, "p.yaml")
    assert loaded.places["acties[1].termijn"].line == 5
    assert loaded.places["acties[1].termijn"].column == 14
    assert loaded.key_places["acties"].line == 3
    assert loaded.places["gemeente"].column == 11


def test_merge_keys_and_anchors_are_followed() -> None:
    text = (
        "gemeente: A\ntitel: B\n"
        "x-standaard: &std {termijn: kort, eigenaar: EZ}\n"
        "acties:\n  - <<: *std\n    naam: X\n  - <<: *std\n    naam: Y\n    termijn: lang\n"
    )
    loaded, warnings = load_text(text, "p.yaml")
    assert [d.message for d in warnings] == [
        "unknown key 'x-standaard' in the plan (known keys: gemeente, titel, versie, "
        "vastgesteld, organisatie, financiering, ondernemers, netwerk, data, trekker, "
        "crisislessen, dynamiek, regio, termijnen, acties, terugvalscenario, uitzonderingen)"
    ]
    assert [(a.naam, a.termijn) for a in loaded.plan.acties] == [
        ("X", Term.KORT),
        ("Y", Term.LANG),
    ]
    assert loaded.plan.acties[0].eigenaar == "EZ"


def test_missing_file_is_an_error_at_line_one() -> None:
    with pytest.raises(PlanError) as info:
        load_file("does/not/exist.yaml")
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.format() == "does/not/exist.yaml:1:1: error: no such file"


def test_every_section_may_carry_a_toelichting():
    from herstelcheck.model import SECTIONS
    from herstelcheck.plan import load_file

    loaded, warnings = load_file(str(DATA / "schema" / "valid" / "toelichting-everywhere.yaml"))
    assert warnings == []
    assert set(loaded.explanations) == set(SECTIONS)
    assert loaded.explanations["termijnen"] == "Eerst noodsteun, dan herstel."
    assert loaded.plan.termijnen[Term.KORT].doel == "Overeind blijven."
    assert len(loaded.plan.termijnen) == 1  # the toelichting is no term
    assert loaded.key_places["termijnen.toelichting"].line == 15


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_toelichting_says_nothing(write_plan, text):
    from herstelcheck.plan import load_file

    value = "" if text is None else f'"{text}"'
    plan = write_plan(f"gemeente: X\ntitel: Y\ndata:\n  toelichting: {value}\n")
    loaded, _ = load_file(str(plan))
    assert loaded.explanations == {}


def test_a_toelichting_under_termijnen_must_be_text(write_plan):
    from herstelcheck.plan import load_file

    plan = write_plan("gemeente: X\ntitel: Y\ntermijnen:\n  toelichting: [a, b]\n")
    with pytest.raises(PlanError) as caught:
        load_file(str(plan))
    assert "'termijnen.toelichting' must be" in caught.value.diagnostics[0].message


def test_the_sections_are_the_plan_keys_that_group_an_items_fields():
    import dataclasses

    from herstelcheck.model import SECTIONS, Plan

    grouping = [
        f.name
        for f in dataclasses.fields(Plan)
        if f.name not in ("gemeente", "titel", "versie", "vastgesteld", "acties", "uitzonderingen")
    ]
    assert list(SECTIONS) == grouping
