"""Each criterion kind, on the cases in tests/data/criteria/<kind>.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import DATA
from herstelcheck import checklist, criteria
from herstelcheck.audit import Status, audit_plan
from herstelcheck.criteria import present
from herstelcheck.model import Stakeholder, TermijnDoel
from herstelcheck.plan import load_text
from herstelcheck.planwords import detail_text

CASES = sorted((DATA / "criteria").glob("*.yaml"))


def _cases() -> list[object]:
    params = []
    for file in CASES:
        for case in yaml.safe_load(file.read_text(encoding="utf-8")):
            params.append(pytest.param(file.stem, case, id=f"{file.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize(("kind", "case"), _cases())
def test_kind(kind: str, case: dict) -> None:
    loaded, warnings = load_text("gemeente: T\ntitel: T\n" + case["plan"], "case.yaml")
    assert warnings == []
    context = criteria.Context(checklist.load().sectors)
    outcome = criteria.run(kind, loaded, case["params"], context)
    assert outcome.passed is case["passed"]
    assert len(outcome.warnings) == case.get("warnings", 0)
    if "line" in case:
        assert (outcome.mark.line if outcome.mark else None) == case["line"]
    for key, value in case.get("details", {}).items():
        expected = value if isinstance(value, dict) else {"nl": value, "en": value}
        for lang, text in expected.items():
            assert detail_text(outcome.details[key], lang) == text, (key, lang)


def test_every_kind_has_cases() -> None:
    assert {file.stem for file in CASES} == set(criteria.KINDS)


def test_every_kind_is_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "checklist-format.md").read_text("utf-8")
    for name, kind in criteria.KINDS.items():
        assert f"| `{name}` |" in doc
        assert kind.doc, f"{name} has no docstring"


def test_lookup_walks_lists_with_numbers_from_one() -> None:
    loaded, _ = load_text(
        "gemeente: T\ntitel: T\nacties:\n  - {naam: A, termijn: kort}\n  - {naam: B}\n", "x"
    )
    assert [p for p, _ in criteria.lookup(loaded, "acties[].naam")] == [
        "acties[1].naam",
        "acties[2].naam",
    ]
    assert criteria.lookup(loaded, "acties[].termijn")[0][0] == "acties[1].termijn"


HEAD = "gemeente: X\ntitel: Y\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("  ", False),
        ("a", True),
        ([], False),
        ([""], False),
        (["a"], True),
        ({}, False),
        (Stakeholder(), False),
        (Stakeholder(sector="zorg"), True),
        ([Stakeholder()], False),
        ({"kort": TermijnDoel()}, False),
        ({"kort": TermijnDoel(doel="d")}, True),
        (0.0, True),
        (False, True),
    ],
)
def test_present(value, expected):
    assert present(value) is expected


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # entries whose keys are all empty are no evidence
        ("netwerk:\n  stakeholders:\n    - naam:\n      sector:\n", 3),
        ("ondernemers:\n  behoeften:\n    - id:\n      omschrijving:\n", 2),
        ("termijnen:\n  kort: {horizon: , doel: }\n", 9),
        ("regio:\n  samenwerking:\n    - partner:\n      onderwerp:\n", 8),
        ("organisatie:\n  afdelingen: ['', ' ']\n", 1),
    ],
)
def test_empty_entries_pass_nothing(text, item):
    loaded, warnings = load_text(HEAD + text, "plan.yaml")
    assert warnings == []
    report = audit_plan(loaded, checklist.load())
    result = report.items[item - 1]
    assert result.status is Status.MISSING, [(c.criterion.id, c.passed) for c in result.criteria]
    assert result.score == 0


def test_filled_term_counts_and_points_at_its_line():
    text = HEAD + "termijnen:\n  korte termijn:\n    doel: overeind blijven\n"
    loaded, _ = load_text(text, "plan.yaml")
    report = audit_plan(loaded, checklist.load())
    terms = report.items[8].criteria[0]
    assert terms.passed is True
    assert terms.line == 4
