"""The bundled checklist and the validation of checklist files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import herstelcheck
from conftest import DATA, ROOT
from herstelcheck import checklist
from herstelcheck.checklist import ChecklistError, check_plan_path

BUNDLED = ROOT / "checklist.yaml"


def test_the_bundled_checklist_has_the_ten_items() -> None:
    loaded = checklist.load()
    assert [item.id for item in loaded.items] == list(range(1, 11))
    assert loaded.name == "VNG top 10 herstelaanpak"
    assert loaded.version == "2021-05"
    for item in loaded.items:
        assert item.title.nl and item.title.en and item.explanation.nl and item.explanation.en
        assert item.criteria
        for criterion in item.criteria:
            assert criterion.id.startswith(item.slug + ".")
            for text in (criterion.title, criterion.message, criterion.advice):
                assert text.nl and text.en
    examples = {item.id: item.example.gemeente for item in loaded.items if item.example}
    assert set(examples.values()) == {"Breda", "Zevenaar", "Maastricht"}


def test_the_installed_package_finds_its_checklist() -> None:
    path = checklist.default_path()
    assert path.is_file()
    package = Path(herstelcheck.__file__).resolve().parent
    if package.parent.name != "src":  # installed from a wheel, not from the source tree
        assert path.parent == package


def test_lookup_by_number_or_slug() -> None:
    loaded = checklist.load()
    assert loaded.item(5) is loaded.item("trekker") is loaded.items[4]
    assert loaded.item("99") is None


def _broken_cases() -> list[object]:
    cases = yaml.safe_load((DATA / "checklists" / "broken.yaml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["name"]) for case in cases]


@pytest.mark.parametrize("case", _broken_cases())
def test_a_broken_checklist_names_the_item_key_and_line(case: dict, tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.count(case["find"]) >= 1, "the mutation no longer applies"
    start = text.index(case["find"])
    mutated = text.replace(case["find"], case["replace"], 1)
    path = tmp_path / "checklist.yaml"
    path.write_text(mutated, encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        checklist.load(path, stems=case.get("stems", False))
    matching = [d for d in info.value.diagnostics if case["expect"] in d.message]
    assert matching, [d.message for d in info.value.diagnostics]
    if case.get("line", 1):
        expected_line = text.count("\n", 0, start) + 1 + case.get("line_offset", 0)
        assert matching[0].line == expected_line
    if "column" in case:
        assert matching[0].column == case["column"]
    assert all(d.file == str(path) and d.severity == "error" for d in info.value.diagnostics)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("acties[].termijn", None),
        ("termijnen.middellang.doel", None),
        ("ondernemers.behoeften[].id", None),
        ("acties.termijn", "walk them with '[]'"),
        ("acties[].kleur", "no 'kleur'"),
        ("gemeente.naam", "below a value that has no keys"),
    ],
)
def test_plan_paths_are_checked_against_the_format(path: str, problem: str | None) -> None:
    result = check_plan_path(path)
    if problem is None:
        assert result is None
    else:
        assert result is not None and problem in result


def test_a_missing_checklist_file(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError) as info:
        checklist.load(tmp_path / "nope.yaml")
    assert info.value.diagnostics[0].message == "no such checklist file"
