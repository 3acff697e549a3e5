"""The audit: each item's criteria on passing and failing plans, scores and waivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import DATA, EXAMPLES
from herstelcheck import checklist as checklist_module
from herstelcheck.audit import PlanReport, Status, audit_plan
from herstelcheck.plan import load_file, load_text

CHECKLIST = checklist_module.load()
TODAY = dt.date(2021, 7, 1)


def audit_text(text: str, today: dt.date = TODAY) -> PlanReport:
    loaded, warnings = load_text("gemeente: T\ntitel: T\n" + text, "plan.yaml")
    return audit_plan(loaded, CHECKLIST, today=today, warnings=tuple(warnings))


def _item_cases() -> list[object]:
    params = []
    for file in sorted((DATA / "items").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["item"], case, id=f"{file.stem}: {case['name']}"))
    return params


@pytest.mark.parametrize(("item_id", "case"), _item_cases())
def test_item_criteria(item_id: int, case: dict) -> None:
    report = audit_text(case["plan"])
    item = report.items[item_id - 1]
    assert item.item.id == item_id
    assert item.status is Status(case["status"])
    assert sorted(c.criterion.id for c in item.failed) == sorted(case["failed"])
    not_applicable = [c.criterion.id for c in item.criteria if c.passed is None]
    assert sorted(not_applicable) == sorted(case.get("na", []))


def test_every_item_has_cases() -> None:
    ids = {yaml.safe_load(f.read_text("utf-8"))["item"] for f in (DATA / "items").glob("*.yaml")}
    assert ids == {item.id for item in CHECKLIST.items}


def test_a_plan_that_meets_every_criterion_scores_100() -> None:
    loaded, _ = load_file(str(EXAMPLES / "zeeveen.yaml"))
    report = audit_plan(loaded, CHECKLIST, today=TODAY)
    assert report.score == 100
    assert [i.status for i in report.items] == [Status.MET] * 10
    assert all(i.score == 10 for i in report.items)


def test_a_plan_with_only_gemeente_and_titel_scores_0_with_all_missing() -> None:
    report = audit_text("")
    assert report.score == 0
    assert [i.status for i in report.items] == [Status.MISSING] * 10
    assert all(c.passed is not True for i in report.items for c in i.criteria)


SECTIONS = {
    "organisatie": 1,
    "financiering": 1,
    "ondernemers": 2,
    "netwerk": 3,
    "data": 4,
    "trekker": 5,
    "crisislessen": 6,
    "dynamiek": 7,
    "regio": 8,
    "termijnen": 9,
    "terugvalscenario": 10,
}


@pytest.mark.parametrize(("section", "item_id"), SECTIONS.items())
def test_removing_a_section_changes_its_item_alone(
    section: str, item_id: int, tmp_path: Path
) -> None:
    full = yaml.safe_load((EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8"))
    del full[section]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(full, allow_unicode=True), encoding="utf-8")
    loaded, _ = load_file(str(path))
    report = audit_plan(loaded, CHECKLIST, today=TODAY)
    changed = [i.item.id for i in report.items if i.status is not Status.MET or i.score != 10]
    assert changed == [item_id]
    assert report.score < 100


def test_item_and_plan_scores_follow_the_weights() -> None:
    report = audit_text("dynamiek: {langetermijnvisie: x}\n")
    item = report.items[6]
    assert item.status is Status.PARTIAL
    assert item.score == pytest.approx(10 / 3, abs=0.01)
    assert report.score == pytest.approx(round(10 * (10 / 3) / 10, 1))


def test_an_active_waiver_is_shown_and_left_out_of_the_score() -> None:
    zeeveen = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
    text = zeeveen.replace("regio:", "regio-oud:") + "\nuitzonderingen:\n  8: Via het convenant.\n"
    loaded, warnings = load_text(text, "z.yaml")
    report = audit_plan(loaded, CHECKLIST, today=TODAY)
    item = report.items[7]
    assert item.status is Status.WAIVED
    assert item.waiver is not None and item.waiver.reason == "Via het convenant."
    assert not item.waiver.expired
    assert report.score == 100
    assert warnings[0].message.startswith("unknown key 'regio-oud'")


@pytest.mark.parametrize(
    ("until", "today", "expired"),
    [
        ("2021-12-31", dt.date(2021, 12, 31), False),
        ("2021-12-31", dt.date(2022, 1, 1), True),
        ("2022-12", dt.date(2022, 12, 31), False),
        ("2022-12", dt.date(2023, 1, 1), True),
        ("2022", dt.date(2022, 12, 31), False),
        ("mei 2021", dt.date(2021, 6, 1), True),
    ],
)
def test_a_waiver_expires_after_its_date(until: str, today: dt.date, expired: bool) -> None:
    report = audit_text(
        f"uitzonderingen:\n  10:\n    reden: draaiboek volgt\n    geldig_tot: {until}\n",
        today=today,
    )
    item = report.items[9]
    assert item.waiver is not None
    assert item.waiver.expired is expired
    assert item.status is (Status.MISSING if expired else Status.WAIVED)


def test_a_waiver_by_slug() -> None:
    report = audit_text("uitzonderingen:\n  terugvalscenario: elders geregeld\n")
    assert report.items[9].status is Status.WAIVED


def test_a_waiver_for_an_unknown_item_is_a_warning() -> None:
    report = audit_text("uitzonderingen:\n  11: bestaat niet\n")
    assert [i.status for i in report.items] == [Status.MISSING] * 10
    (warning,) = report.warnings
    assert warning.severity == "warning"
    assert (warning.line, warning.column) == (4, 3)
    assert "item '11'" in warning.message


def test_messages_fill_in_details_in_both_languages() -> None:
    report = audit_text("organisatie: {afdelingen: [EZ]}\n")
    result = next(c for c in report.items[0].criteria if c.criterion.id.endswith("afdelingen"))
    assert result.message("nl") == "Het plan noemt 1 afdeling; er zijn er minstens 2 nodig."
    assert result.message("en") == "The plan names 1 department; at least 2 are needed."
    assert result.key == "organisatie.afdelingen"
    assert result.line == 3
    report = audit_text("organisatie: {afdelingen: []}\n")
    result = next(c for c in report.items[0].criteria if c.criterion.id.endswith("afdelingen"))
    assert result.message("nl") == "Het plan noemt 0 afdelingen; er zijn er minstens 2 nodig."
    assert result.message("en") == "The plan names 0 departments; at least 2 are needed."
