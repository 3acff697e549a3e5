"""Each criterion kind, on the cases in tests/data/criteria/<kind>.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import DATA
from herstelcheck import criteria
from herstelcheck.plan import load_text

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
    outcome = criteria.run(kind, loaded, case["params"])
    assert outcome.passed is case["passed"]
    if "line" in case:
        assert (outcome.mark.line if outcome.mark else None) == case["line"]
    for key, value in case.get("details", {}).items():
        assert outcome.details[key] == value


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
