"""The layout of a whole report, kept as the report looks (the expected texts are
looked over by hand whenever they are drawn anew), and its ASCII form."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from rich.cells import cell_len

from conftest import DATA, ROOT
from herstelcheck import checklist
from herstelcheck import run as runner
from herstelcheck.formats import RenderOptions, terminal

EXPECTED = DATA / "expected"


def _render(monkeypatch, lang: str, width: int = 80, ascii_only: bool = False) -> str:
    monkeypatch.chdir(ROOT)  # the report names the file as it was given
    run = runner.audit_paths(
        ["examples/lindewaard.yaml"],
        checklist.load(),
        today=dt.date(2021, 7, 1),
        sink=lambda d: None,
    )
    return terminal.render(run, RenderOptions(lang=lang, width=width, ascii_only=ascii_only))


@pytest.mark.parametrize(
    ("lang", "width", "name"),
    [("nl", 80, "nl"), ("en", 80, "en"), ("en", 60, "en.60")],
)
def test_the_report_keeps_its_layout(monkeypatch, lang, width, name):
    text = _render(monkeypatch, lang, width)
    assert text == _expected(f"terminal-lindewaard.{name}.txt", text)


def _expected(name: str, text: str) -> str:
    """The expected text; written anew with HERSTELCHECK_UPDATE_GOLDEN=1 (read the diff)."""
    if os.environ.get("HERSTELCHECK_UPDATE_GOLDEN") == "1":
        (EXPECTED / name).write_text(text, encoding="utf-8")
    return (EXPECTED / name).read_text(encoding="utf-8")


def test_an_output_that_cannot_take_symbols_gets_ascii(monkeypatch):
    text = _render(monkeypatch, "nl", ascii_only=True)
    assert text == _expected("terminal-lindewaard.ascii.nl.txt", text)
    # Nothing but ASCII and letters (of the plan and the report's words) is left.
    assert all(char.isascii() or char.isalpha() for char in text)
    assert "->" in text and " | " in text and "---+---" in text


def test_symbols_unless_asked_for_ascii(monkeypatch):
    text = _render(monkeypatch, "nl")
    assert "✘" in text and "→" in text and "─" * 80 in text


def _findings(lines: list[str], lang: str) -> list[str]:
    """The lines of the section of findings."""
    heading = "Wat ontbreekt" if lang == "nl" else "What is"
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    return lines[start + 1 : lines.index("", start)]


@pytest.mark.parametrize("width", [120, 80, 60, 37, 24])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_findings_hang_under_their_mark_at_any_width(monkeypatch, lang, width):
    """Each item's heading wraps under its title, each finding under its text, each
    piece of advice under its own text: never back to the margin or under a mark."""
    lines = _render(monkeypatch, lang, width).splitlines()
    assert max(cell_len(line) for line in lines) <= width
    findings = 0
    indent = 0  # of the lines that go on with what the line above began
    for line in _findings(lines, lang):
        heading = re.match(r"(\d+\. )\S", line)
        if heading:
            indent = len(heading.group(1))
        elif STATUS_ALONE.match(line):  # only where it cannot stand beside a word
            assert line.index("✘") == indent, line
        elif line.startswith(("   ✘ ", "   ○ ", "   ¶ ")):  # blocking, advice, toelichting
            findings, indent = findings + 1, 5
        elif line.startswith("     → "):
            indent = 7
        else:
            assert re.match(f" {{{indent}}}\\S", line), (indent, line)
    assert findings == 17  # every finding: 16 that keep an item from being met, 1 advice


STATUS_ALONE = re.compile(r" +✘ (ontbreekt|missing) \(\d[.,]\d\)$")


@pytest.mark.parametrize("width", [40, 50, 60, 70, 80])
def test_a_wrapped_item_heading_keeps_its_indent(monkeypatch, width):
    lines = _findings(_render(monkeypatch, "nl", width).splitlines(), "nl")
    at = next(i for i, line in enumerate(lines) if line.startswith("9. Onderscheid"))
    assert lines[at + 1].startswith("   ") and lines[at + 1][3] != " "  # under "Onderscheid"
    heading = " ".join(line.strip() for line in lines[at : at + 3])
    assert "9. Onderscheid tussen de korte en lange termijn geeft overzicht en ruimte" in heading
    assert "ruimte  ◐ deels (5,0)" in heading  # the status stays whole, beside the title


@pytest.mark.parametrize("width", range(30, 121, 3))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_line_reference_is_never_split(monkeypatch, lang, width):
    text = _render(monkeypatch, lang, width)
    word = "regel" if lang == "nl" else "line"
    assert text.count(f"({word}") == 15  # 14 findings and a waiver
    assert len(re.findall(rf"\({word} \d+\)", text)) == 15
