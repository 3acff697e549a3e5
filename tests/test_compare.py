"""Comparing two audits of a plan: which items got better or worse, and why."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist
from herstelcheck.audit import ItemResult, PlanReport, Status, Waiver, audit_plan
from herstelcheck.compare import Change, classify, compare
from herstelcheck.model import PlanDate
from herstelcheck.plan import load_text

CHECKLIST = checklist.load()
TODAY = dt.date(2022, 6, 1)
ZEEVEEN = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
WITHOUT_FALLBACK = ZEEVEEN[: ZEEVEEN.index("# Item 10")]


def audit(text: str, name: str = "plan.yaml", today: dt.date = TODAY) -> PlanReport:
    loaded, _ = load_text(text, name)
    return audit_plan(loaded, CHECKLIST, today=today)


def test_a_plan_against_itself_has_no_change():
    report = audit(ZEEVEEN)
    comparison = compare(report, audit(ZEEVEEN))
    assert not comparison.changed
    assert comparison.score_change == 0
    assert comparison.regressions == comparison.improvements == ()
    assert {i.change for i in comparison.items} == {Change.SAME}
    assert not any(i.newly_met or i.newly_failed for i in comparison.items)


def test_dropping_the_fallback_scenario_makes_item_10_worse():
    comparison = compare(audit(ZEEVEEN), audit(WITHOUT_FALLBACK))
    assert [i.item.id for i in comparison.regressions] == [10]
    ten = comparison.items[9]
    assert (ten.before.status, ten.after.status) == (Status.MET, Status.MISSING)
    assert ten.score_change == -10
    assert [c.criterion.id for c in ten.newly_failed] == [
        "terugvalscenario.beschrijving",
        "terugvalscenario.triggers",
        "terugvalscenario.draaiboek",
        "terugvalscenario.crisisorganisatie",
    ]
    assert ten.newly_met == ()
    assert comparison.score_change == -10
    assert all(i.change is Change.SAME for i in comparison.items[:9])


def test_adding_it_back_makes_item_10_better():
    comparison = compare(audit(WITHOUT_FALLBACK), audit(ZEEVEEN))
    assert comparison.regressions == ()
    assert [i.item.id for i in comparison.improvements] == [10]
    assert len(comparison.items[9].newly_met) == 4


def test_a_criterion_that_starts_to_apply_and_fails_is_newly_failed():
    head = "gemeente: X\ntitel: Y\n"
    before = audit(head)
    after = audit(head + "acties:\n  - naam: Noodfonds\n")
    two = compare(before, after).items[1]
    assert "ondernemer-centraal.acties-op-behoefte" in [c.criterion.id for c in two.newly_failed]
    assert two.change is Change.SAME  # missing before and after, score 0 both times


def test_a_lower_score_behind_a_waiver_is_no_regression():
    waiver = "uitzonderingen:\n  8: Loopt via het convenant.\n"
    full = "gemeente: X\ntitel: Y\nregio:\n  samenwerking: [{partner: Regio}]\n" + waiver
    bare = "gemeente: X\ntitel: Y\n" + waiver
    eight = compare(audit(full), audit(bare)).items[7]
    assert (eight.before.status, eight.after.status) == (Status.WAIVED, Status.WAIVED)
    assert eight.score_change < 0
    assert eight.change is Change.SAME


def test_a_waiver_that_expires_between_versions_is_a_regression():
    head = "gemeente: X\ntitel: Y\nuitzonderingen:\n  10: {reden: Volgt., geldig_tot: "
    comparison = compare(audit(head + "2030-01-01}\n"), audit(head + "2021-12}\n"))
    ten = comparison.items[9]
    assert ten.no_longer_waived and not ten.now_waived
    assert ten.after.waiver is not None and ten.after.waiver.expired
    assert ten.change is Change.WORSE


def _result(status: str, score: float) -> ItemResult:
    waiver = Waiver("r", PlanDate("2030"), False, 1) if status == "waived" else None
    return ItemResult(CHECKLIST.items[0], Status(status), score, (), waiver)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (("met", 10), ("met", 10), "same"),
        (("met", 10), ("partial", 8), "worse"),
        (("partial", 5), ("missing", 0), "worse"),
        (("partial", 5), ("partial", 4), "worse"),
        (("partial", 4), ("partial", 5), "better"),
        (("missing", 0), ("partial", 2), "better"),
        (("missing", 0), ("waived", 0), "better"),
        (("waived", 5), ("partial", 5), "worse"),
        (("waived", 10), ("met", 10), "same"),
        (("met", 10), ("waived", 10), "same"),
        (("met", 10), ("waived", 4), "same"),  # a waived item does not count in the score
        (("waived", 8), ("waived", 2), "same"),
        (("waived", 2), ("met", 10), "better"),
    ],
)
def test_classify(before, after, expected):
    assert classify(_result(*before), _result(*after)) is Change(expected)


UNKNOWN_NEED = ZEEVEEN.replace("    behoefte: liquiditeit\n", "    behoefte: onbekend\n", 1)
"""Zeeveen with an action that refers to a need the plan does not list: advice."""


def test_new_advice_on_a_met_item_is_no_regression():
    comparison = compare(audit(ZEEVEEN), audit(UNKNOWN_NEED))
    two = comparison.items[1]
    assert (two.before.status, two.after.status) == (Status.MET, Status.MET)
    assert two.score_change < 0  # the score tells that advice is open...
    assert two.change is Change.SAME  # ...but the item stays met: no regression
    assert comparison.regressions == ()
    (advice,) = two.newly_failed
    assert advice.criterion.id == "ondernemer-centraal.verwijzingen" and advice.advisory


def test_advice_taken_on_a_met_item_is_better():
    comparison = compare(audit(UNKNOWN_NEED), audit(ZEEVEEN))
    assert [i.item.id for i in comparison.improvements] == [2]
    assert comparison.regressions == ()


def test_a_partial_item_whose_score_drops_is_still_worse():
    partial = WITHOUT_FALLBACK + "terugvalscenario:\n  beschrijving: x\n  triggers: [lockdown]\n"
    lower = WITHOUT_FALLBACK + "terugvalscenario:\n  beschrijving: x\n"
    comparison = compare(audit(partial), audit(lower))
    assert [i.item.id for i in comparison.regressions] == [10]
