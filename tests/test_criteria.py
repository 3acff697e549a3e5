"""Criterion kinds: what counts as given."""

from __future__ import annotations

import pytest

from herstelcheck import checklist
from herstelcheck.audit import Status, audit_plan
from herstelcheck.criteria import present
from herstelcheck.model import Stakeholder, TermijnDoel
from herstelcheck.plan import load_text

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
