"""The one format registry: every value of every view's --format has a module with a
render function, and the command line offers exactly those values."""

from __future__ import annotations

import importlib

import pytest

from herstelcheck.formats import (
    MODULES,
    ChecklistFormat,
    DiffFormat,
    OutputFormat,
    ScanFormat,
    checklist_renderer,
    diff_renderer,
    renderer,
    scan_renderer,
)

ALL = [*OutputFormat, *ChecklistFormat, *DiffFormat, *ScanFormat]


def test_the_registry_is_exhaustive():
    assert set(MODULES) == {OutputFormat, ChecklistFormat, DiffFormat, ScanFormat}
    for enum, modules in MODULES.items():
        assert set(modules) == {fmt.value for fmt in enum}


@pytest.mark.parametrize("fmt", ALL, ids=lambda f: f"{type(f).__name__}.{f.value}")
def test_every_format_has_a_module_with_render(fmt):
    module = importlib.import_module(MODULES[type(fmt)][fmt.value])
    assert callable(module.render)


def test_each_view_finds_its_own_module():
    assert renderer(OutputFormat.JSON).__module__ == "herstelcheck.formats.json"
    assert diff_renderer(DiffFormat.JSON).__module__ == "herstelcheck.formats.diff_json"
    assert checklist_renderer(ChecklistFormat.MARKDOWN).__module__ == (
        "herstelcheck.formats.checklist_markdown"
    )
    assert scan_renderer(ScanFormat.JSON).__module__ == "herstelcheck.formats.scan_json"


@pytest.mark.parametrize(
    ("command", "enum"),
    [
        ("audit", OutputFormat),
        ("checklist", ChecklistFormat),
        ("diff", DiffFormat),
        ("scan", ScanFormat),
    ],
)
def test_the_command_line_offers_every_format(cli, monkeypatch, command, enum):
    monkeypatch.setenv("COLUMNS", "200")
    result = cli(command, "--help")
    assert result.exit_code == 0, result
    for fmt in enum:
        assert fmt.value in result.stdout
