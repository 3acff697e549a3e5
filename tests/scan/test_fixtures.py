"""The fixture plans, written to every format the tests build, scanned: every item a
fixture speaks of is found, no item it leaves out is, and the values of its sidecar are
in the draft, which loads, audits and validates against the JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest
import yaml

import scandocs
from herstelcheck import checklist, schema
from herstelcheck.audit import audit_plan
from herstelcheck.plan import load_text
from herstelcheck.scan.results import DocumentScan
from herstelcheck.scan.run import compile_signals, scan_document

NAMES = ["veenhaven", "kleiburg"]
CASES = [(name, fmt) for name in NAMES for fmt in scandocs.FORMATS]


@pytest.fixture(scope="session")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fixtures")


@cache
def _scanned(name: str, fmt: str, where: str) -> DocumentScan:
    path = scandocs.build(name, fmt, Path(where))
    loaded = checklist.load()
    compiled = compile_signals(loaded)
    return scan_document(str(path), loaded, compiled, draft_name="draft.yaml")


def scanned(name: str, fmt: str, folder: Path) -> DocumentScan:
    return _scanned(name, fmt, str(folder))


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_item_addressed_is_found_and_no_other(name, fmt, folder):
    result = scanned(name, fmt, folder)
    expected = scandocs.expected(name)["items"]
    for item in result.items:
        want = expected[item.item.id]
        assert item.found is want["found"], (item.item.id, [e.quote.text for e in item.evidence])
        found = {c.criterion.id for c in item.criteria if c.found}
        assert set(want.get("criteria", [])) <= found, item.item.id
        absent = {c.criterion.id for c in item.criteria if c.absent}
        assert set(want.get("absent", [])) <= absent, item.item.id


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_the_values_of_the_sidecar_are_drafted(name, fmt, folder):
    result = scanned(name, fmt, folder)
    expected = scandocs.expected(name)
    values = {f.field: f.value for f in result.values}
    assert result.gemeente == expected["gemeente"]
    assert result.titel == expected["titel"]
    for field, value in expected["values"].items():
        assert values.get(field) == value, field


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_value_and_piece_of_evidence_has_its_place_and_quote(name, fmt, folder):
    result = scanned(name, fmt, folder)
    for item in result.items:
        for given in (*item.evidence, *item.absent):
            assert given.quote.text.strip()
            if fmt == "pdf":
                assert given.page is not None and given.heading is None
            else:
                assert given.page is None
            assert given.quote.mark is not None
            start, end = given.quote.mark
            assert given.quote.text[start:end].strip()
    for found in result.values:
        if found.origin == "text":
            assert found.passage is not None and found.quote is not None


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_the_draft_audits_without_errors_and_fits_the_schema(name, fmt, folder):
    result = scanned(name, fmt, folder)
    loaded, warnings = load_text(result.draft, "draft.yaml")
    assert warnings == []
    report = audit_plan(loaded, checklist.load())
    statuses = scandocs.expected(name).get("statuses", {})
    for item in report.items:
        if item.item.id in statuses:
            assert item.status.value == statuses[item.item.id], item.item.id
    data = yaml.safe_load(result.draft)
    data = json.loads(json.dumps(data, default=str))  # YAML dates as the text they are
    jsonschema.validate(data, json.loads(schema.dumps()))


def test_the_formats_agree(folder):
    """Every format of a fixture gives the same statuses: the readers lose nothing."""
    for name in NAMES:
        seen = {
            fmt: [i.status for i in scanned(name, fmt, folder).items] for fmt in scandocs.FORMATS
        }
        assert len({tuple(s) for s in seen.values()}) == 1, seen


def test_an_item_named_only_to_say_it_is_absent_is_not_found(folder):
    result = scanned("veenhaven", "pdf", folder)
    item = result.items[9]
    assert not item.evidence
    assert item.absent[0].quote.text.startswith("Een terugvalscenario is niet")
    assert {e.negation for e in item.absent} == {"niet", "ontbreekt"}
    assert "terugvalscenario:" not in [line.strip() for line in result.draft.splitlines()]
