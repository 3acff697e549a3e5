"""The compiled bundled checklist: up to date, the same checklist, used only when exact."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from herstelcheck import checklist, checklist_compiled
from herstelcheck.checklist import default_path, parse_checklist


@pytest.fixture(autouse=True)
def _no_cache():
    checklist._CACHE.clear()
    yield
    checklist._CACHE.clear()


@pytest.fixture
def parses(monkeypatch):
    """The names of the checklist files read from YAML during the test."""
    seen: list[str] = []
    real = checklist.parse_checklist

    def counting(data: bytes, name: str) -> checklist.Checklist:
        seen.append(name)
        return real(data, name)

    monkeypatch.setattr(checklist, "parse_checklist", counting)
    return seen


def test_the_committed_compiled_checklist_is_up_to_date():
    committed = checklist_compiled.COMPILED.read_text(encoding="utf-8")
    assert committed == checklist_compiled.compile_text(default_path().read_bytes()), (
        "checklist.yaml changed: run `python -m herstelcheck.checklist_compiled` and commit "
        "src/herstelcheck/checklist.json"
    )


def test_the_compiled_checklist_is_the_checklist_the_yaml_validates_to():
    data = default_path().read_bytes()
    from_yaml = parse_checklist(data, "checklist.yaml")
    compiled = checklist_compiled.read(data, "checklist.yaml")
    assert compiled is not None
    assert dataclasses.asdict(compiled) == dataclasses.asdict(from_yaml)
    assert [type(c.params) for i in compiled.items for c in i.criteria] == [
        type(c.params) for i in from_yaml.items for c in i.criteria
    ]


def test_the_bundled_checklist_is_read_from_its_compiled_form(parses):
    loaded = checklist.load()
    assert parses == []
    assert loaded.file == "checklist.yaml"
    assert len(loaded.items) == 10


def test_a_copy_of_the_bundled_checklist_is_read_compiled_under_its_own_name(tmp_path, parses):
    copy = tmp_path / "mijn-checklist.yaml"
    shutil.copyfile(default_path(), copy)
    assert checklist.load(copy).file == str(copy)
    assert parses == []


def test_an_edited_checklist_is_read_from_its_yaml(tmp_path, parses):
    edited = tmp_path / "checklist.yaml"
    text = default_path().read_text(encoding="utf-8")
    edited.write_text(text.replace("Benoem een trekker", "Benoem een kartrekker"), "utf-8")
    loaded = checklist.load(edited)
    assert parses == [str(edited)]
    assert loaded.item("trekker") is not None
    assert loaded.item(5).title.nl == "Benoem een kartrekker"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "compiled",
    [
        "",
        "not json",
        "[]",
        '{"format": 1}',
        '{"format": 2, "source": "SOURCE", "checklist": {}}',
        '{"format": 1, "source": "0:00000000", "checklist": {}}',
        '{"format": 1, "source": "SOURCE", "checklist": {"items": [{"id": 1}]}}',
    ],
)
def test_a_stale_or_broken_compiled_form_is_not_used(tmp_path, compiled, monkeypatch, parses):
    data = default_path().read_bytes()
    broken = tmp_path / "checklist.json"
    broken.write_text(compiled.replace("SOURCE", checklist_compiled.fingerprint(data)))
    assert checklist_compiled.read(data, "checklist.yaml", broken) is None
    monkeypatch.setattr(checklist_compiled, "COMPILED", tmp_path / "missing.json")
    monkeypatch.setattr(checklist_compiled.read, "__defaults__", (tmp_path / "missing.json",))
    assert len(checklist.load().items) == 10
    assert parses == ["checklist.yaml"]


def test_the_fingerprint_changes_with_any_byte():
    data = default_path().read_bytes()
    assert checklist_compiled.fingerprint(data) != checklist_compiled.fingerprint(data + b" ")
    assert checklist_compiled.fingerprint(data) != checklist_compiled.fingerprint(
        data.replace(b"trekker", b"trekkex", 1)
    )


def test_the_compiled_form_is_json_with_its_layout_and_fingerprint():
    document = json.loads(checklist_compiled.COMPILED.read_text(encoding="utf-8"))
    assert document["format"] == checklist_compiled.FORMAT
    assert document["source"] == checklist_compiled.fingerprint(default_path().read_bytes())
