"""Required items: which names the checklist knows, and which plans meet them."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist as checklist_module
from herstelcheck.audit import AuditRun, ItemResult, Status, audit_plan
from herstelcheck.plan import load_file
from herstelcheck.require import Requirement, resolve, satisfied, unmet_in


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


def test_unmet_plan_by_plan_in_item_order(checklist):
    run = AuditRun(
        checklist, (audit(checklist, "lindewaard.yaml"), audit(checklist, "zeeveen.yaml"))
    )
    items, _ = resolve([Requirement("8"), Requirement("6"), Requirement("5")], checklist)
    found = [
        (u.report.plan.gemeente, u.result.item.id, u.result.status)
        for report in run.reports
        for u in unmet_in(report, items)
    ]
    assert found == [("Lindewaard", 5, Status.PARTIAL), ("Lindewaard", 6, Status.MISSING)]
    assert [u for report in run.reports for u in unmet_in(report, ())] == []


def test_unmet_diagnostic_points_at_the_first_failed_criterion(checklist):
    report = audit(checklist, "lindewaard.yaml")
    items, _ = resolve([Requirement("5")], checklist)
    (miss,) = unmet_in(report, items)
    first = next(c for c in miss.result.failed if c.line is not None)
    diagnostic = miss.diagnostic()
    assert (diagnostic.line, diagnostic.column) == (first.line, first.column)
    assert diagnostic.format() == (
        f"{report.file}:{first.line}:{first.column}: error: "
        "required item 5 (trekker) is not met: partial"
    )


def test_unmet_diagnostic_without_a_place_is_at_the_start(checklist):
    report = audit(checklist, "bergakker.yaml")
    result = next(i for i in report.items if i.status is Status.MISSING)
    from herstelcheck.require import Unmet

    placeless = ItemResult(result.item, result.status, result.score, ())
    assert Unmet(report, placeless).diagnostic().line == 1
