"""The layout of a whole report, kept as the report has always looked (the expected
texts were drawn by earlier releases), and its ASCII form."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

from conftest import DATA, ROOT
from herstelcheck import checklist
from herstelcheck import run as runner
from herstelcheck.formats import RenderOptions, layout, terminal

EXPECTED = DATA / "expected"


def _render(monkeypatch, lang: str, width: int = 80) -> str:
    monkeypatch.chdir(ROOT)  # the report names the file as it was given
    run = runner.audit_paths(
        ["examples/lindewaard.yaml"],
        checklist.load(),
        today=dt.date(2021, 7, 1),
        sink=lambda d: None,
    )
    return terminal.render(run, RenderOptions(lang=lang, width=width))


@pytest.mark.parametrize(
    ("lang", "width", "name"),
    [("nl", 80, "nl"), ("en", 80, "en"), ("en", 60, "en.60")],
)
def test_the_report_keeps_its_layout(monkeypatch, lang, width, name):
    expected = (EXPECTED / f"terminal-lindewaard.{name}.txt").read_text(encoding="utf-8")
    assert _render(monkeypatch, lang, width) == expected


def test_an_output_that_cannot_take_symbols_gets_ascii(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    text = _render(monkeypatch, "nl")
    expected = (EXPECTED / "terminal-lindewaard.ascii.nl.txt").read_text(encoding="utf-8")
    assert text == expected
    # Nothing but ASCII and letters (of the plan and the report's words) is left.
    assert all(char.isascii() or char.isalpha() for char in text)
    assert "->" in text and " | " in text


def test_a_utf_output_gets_symbols(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    assert "✘" in _render(monkeypatch, "nl")


@pytest.mark.parametrize("width", [120, 80, 37, 20])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_findings_hang_under_their_mark_at_any_width(monkeypatch, lang, width):
    lines = _render(monkeypatch, lang, width).splitlines()
    assert max(layout.cell_width(line) for line in lines) <= width
    heading = "Wat ontbreekt" if lang == "nl" else "What is"
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = lines.index("", start)
    section = lines[start + 1 : end]
    assert sum(line.startswith("   ✘ ") for line in section) == 17  # every finding
    for line in section:
        if line.startswith("   ") and not line.startswith("   ✘ "):
            assert line.startswith("     "), line  # under the text, not under the mark
