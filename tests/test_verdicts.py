"""Plan format 1.1 verdicts, as data: each plan under `data/verdicts/` has a sidecar
`NAME.expected.yaml` with the status and score of every item (`items`, the rest
`others`), and where it matters the alternative that met an item, the section whose
toelichting made it partial, the warnings, and the checklist to use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import DATA, EXAMPLES
from herstelcheck import checklist as checklist_module
from herstelcheck.audit import audit_plan
from herstelcheck.plan import load_file

CASES = DATA / "verdicts"
PLANS = sorted(
    p
    for p in CASES.glob("*.yaml")
    if not p.name.endswith(".expected.yaml") and p.name != "custom-checklist.yaml"
)


def _audit(plan: Path, checklist_file: str | None = None):
    checklist = checklist_module.load(CASES / checklist_file if checklist_file else None)
    loaded, warnings = load_file(str(plan))
    return audit_plan(loaded, checklist, today=dt.date(2021, 7, 1), warnings=tuple(warnings))


@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_the_verdict_of_every_item(plan: Path) -> None:
    expected = yaml.safe_load(plan.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    report = _audit(plan, expected.get("checklist"))
    wanted = {int(k): v for k, v in (expected.get("items") or {}).items()}
    others = expected.get("others")
    for item in report.items:
        status, score = wanted.get(item.item.id, others)
        assert (item.item.id, item.status.value, item.score) == (item.item.id, status, score)
    for number, index in (expected.get("alternative") or {}).items():
        assert report.items[int(number) - 1].alternative == index
    for number, section in (expected.get("explained") or {}).items():
        explained = report.items[int(number) - 1].explained
        assert (explained.section if explained else None) == section
    messages = [w.message for w in report.warnings]
    for text in expected.get("warnings", []):
        assert any(text in m for m in messages), messages
    if "warnings" not in expected:
        assert messages == []


def test_a_version_1_plan_audits_without_new_warnings():
    """Every valid plan of format version 1 that the tests keep, and the examples: no
    warning but those about sector texts that match no class."""
    plans = sorted((DATA / "plans" / "valid").glob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))
    checklist = checklist_module.load()
    for plan in plans:
        loaded, _ = load_file(str(plan))
        report = audit_plan(loaded, checklist, today=dt.date(2021, 7, 1))
        new = [w for w in report.warnings if "matches no sector class" not in w.message]
        assert new == [], (plan.name, new)


def test_the_examples_keep_their_roles():
    statuses = {}
    for name in ("zeeveen", "lindewaard", "bergakker"):
        report = _audit(EXAMPLES / f"{name}.yaml")
        statuses[name] = [i.status.value for i in report.items]
    assert statuses["zeeveen"] == ["met"] * 10
    assert "met" in statuses["lindewaard"] and "partial" in statuses["lindewaard"]
    assert statuses["bergakker"].count("missing") >= 2
    bergakker = _audit(EXAMPLES / "bergakker.yaml")
    assert bergakker.items[9].explained is not None  # its fallback is only a toelichting
    for name in ("zeeveen", "lindewaard", "bergakker"):
        loaded, _ = load_file(str(EXAMPLES / f"{name}.yaml"))
        assert loaded.explanations, f"{name} has no toelichting"
