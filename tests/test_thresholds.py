"""Required items: which names the checklist knows, and which plans meet them."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist as checklist_module
from herstelcheck.audit import ItemResult, Status, audit_plan
from herstelcheck.plan import load_file
from herstelcheck.thresholds import FailOn, Requirement, Thresholds, resolve, satisfied, shortfalls


@pytest.fixture(scope="module")
def checklist():
    return checklist_module.load()


def audit(checklist, name: str):
    loaded, _ = load_file(str(EXAMPLES / name))
    return audit_plan(loaded, checklist, today=dt.date(2024, 1, 1))


def test_resolve_numbers_and_slugs_in_checklist_order(checklist):
    keys = ["10", "trekker", " 5 ", "TREKKER", "3"]
    items, problems = resolve([Requirement(k) for k in keys], checklist)
    assert [item.id for item in items] == [3, 5, 10]
    assert problems == []


def test_resolve_reports_each_unknown_name(checklist):
    wanted = [Requirement("0"), Requirement("5"), Requirement("trekkr", "c.yaml", 2, 3)]
    items, problems = resolve(wanted, checklist)
    assert [item.id for item in items] == [5]
    assert [(r.key, r.line) for r, _ in problems] == [("0", 0), ("trekkr", 2)]
    assert problems[1][1] == (
        "the checklist has no item 'trekkr' (use a number from 1 to 10 or a slug such as "
        "'structuur-en-middelen')"
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.MET, True),
        (Status.WAIVED, True),
        (Status.PARTIAL, False),
        (Status.MISSING, False),
    ],
)
def test_satisfied(checklist, status, expected):
    result = ItemResult(checklist.items[0], status, 0.0, ())
    assert satisfied(result) is expected


def test_required_items_plan_by_plan_in_item_order(checklist):
    reports = (audit(checklist, "lindewaard.yaml"), audit(checklist, "zeeveen.yaml"))
    items, _ = resolve([Requirement("8"), Requirement("6"), Requirement("5")], checklist)
    found = [
        (r.plan.gemeente, reason)
        for r in reports
        for reason in shortfalls(r, Thresholds(required=items))
    ]
    assert found == [
        ("Lindewaard", "item 5 (Benoem een trekker) is partial; required: met"),
        ("Lindewaard", "item 6 (Bouw voort op lessen uit de crisis) is missing; required: met"),
    ]
    assert [reason for r in reports for reason in shortfalls(r, Thresholds())] == []


CASES = {
    # name: (thresholds, lang, the reasons for lindewaard.yaml: score 48,3, item 5 partial,
    # item 6 missing, item 8 waived)
    "none": (Thresholds(), "nl", []),
    "under": (Thresholds(fail_under=60), "nl", ["score 48,3 is under 60 (--fail-under)"]),
    "under in English": (
        Thresholds(fail_under=60),
        "en",
        ["score 48.3 is under 60 (--fail-under)"],
    ),
    "a fraction": (Thresholds(fail_under=48.35), "nl", ["score 48,3 is under 48,4 (--fail-under)"]),
    "at the limit": (Thresholds(fail_under=48.3), "nl", []),
    "fail on missing": (
        Thresholds(fail_on=FailOn.MISSING),
        "nl",
        ["item 6 (Bouw voort op lessen uit de crisis) is missing (--fail-on missing)"],
    ),
    "fail on none": (Thresholds(fail_on=FailOn.NONE), "nl", []),
}


@pytest.mark.parametrize(("thresholds", "lang", "expected"), CASES.values(), ids=list(CASES))
def test_shortfalls(checklist, thresholds, lang, expected):
    assert shortfalls(audit(checklist, "lindewaard.yaml"), thresholds, lang) == expected


def test_fail_on_partial_names_every_item_not_met_but_a_waived_one(checklist):
    reasons = shortfalls(audit(checklist, "lindewaard.yaml"), Thresholds(fail_on=FailOn.PARTIAL))
    assert len(reasons) == 8  # all but item 2 (met, with advice) and item 8 (waived)
    assert "item 2 " not in " ".join(reasons) and "item 8" not in " ".join(reasons)
    assert reasons[3] == "item 5 (Benoem een trekker) is partial; required: met (--fail-on partial)"
    assert shortfalls(audit(checklist, "zeeveen.yaml"), Thresholds(fail_on=FailOn.PARTIAL)) == []


def test_a_required_item_is_said_once_even_when_fail_on_names_it_too(checklist):
    items, _ = resolve([Requirement("6")], checklist)
    thresholds = Thresholds(fail_on=FailOn.MISSING, required=items)
    reasons = shortfalls(audit(checklist, "lindewaard.yaml"), thresholds)
    assert reasons == ["item 6 (Bouw voort op lessen uit de crisis) is missing; required: met"]
