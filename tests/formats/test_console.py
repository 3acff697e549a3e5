"""Every terminal view (audit, checklist, diff) draws alike: ASCII symbols and lines on
an output that cannot take others, the same layout otherwise."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist
from herstelcheck.audit import audit_plan
from herstelcheck.compare import compare
from herstelcheck.formats import RenderOptions, checklist_terminal, diff_terminal
from herstelcheck.formats.diff_common import DiffOptions
from herstelcheck.formats.layout import cell_width
from herstelcheck.plan import load_text

TODAY = dt.date(2021, 7, 1)
SYMBOLS = set("✔✘→•◐⊘▲▼─━█░")


def _report(name: str):
    loaded, _ = load_text((EXAMPLES / name).read_text(encoding="utf-8"), name)
    return audit_plan(loaded, checklist.load(), today=TODAY)


def _views(width: int = 80) -> dict[str, str]:
    check = checklist.load()
    options = RenderOptions(width=width)
    diff = compare(_report("bergakker.yaml"), _report("lindewaard.yaml"))
    return {
        "checklist": checklist_terminal.render(check, check.items, options),
        "diff": diff_terminal.render(diff, DiffOptions(width=width, checklist=check, today=TODAY)),
    }


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
def test_ascii_where_the_output_cannot_take_symbols(monkeypatch, encoding):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding=encoding))
    for name, text in _views().items():
        assert not SYMBOLS & set(text), name
        assert "->" in text, name


def test_symbols_on_a_utf_output(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    views = _views()
    assert "•" in views["checklist"] and "→" in views["checklist"]
    assert "▲" in views["diff"] and "✘" in views["diff"]


@pytest.mark.parametrize("width", [120, 80, 50])
def test_every_line_fits_and_none_ends_in_a_space(width):
    for name, text in _views(width).items():
        for line in text.splitlines():
            assert cell_width(line) <= width, (name, line)
            assert line == line.rstrip(), (name, line)
