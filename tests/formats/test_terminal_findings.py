"""The findings keep the layout Rich gives them when it measures every cell itself."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from conftest import EXAMPLES
from herstelcheck import checklist, runner
from herstelcheck.audit import ItemResult
from herstelcheck.formats import RenderOptions, terminal
from herstelcheck.i18n import number, t
from herstelcheck.textsafe import visible, visible_block


def _measured_findings(
    item: ItemResult, lang: str, ascii_only: bool, width: int = 80
) -> RenderableType:
    """The findings with columns that Rich sizes by measuring their cells (slow)."""
    head = Text()
    head.append(f"{item.item.id}. ", style="bold")
    head.append(visible(item.item.title.get(lang)), style="bold")
    head.append("  ")
    head.append_text(terminal.status_text(item.status, lang, ascii_only))
    head.append(f" ({number(item.score, lang)})", style="dim")
    cross = "x" if ascii_only else "✘"
    arrow = "->" if ascii_only else "→"
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for result in item.failed:
        message = Text(visible_block(result.message(lang)))
        if result.line is not None:
            message.append(f"  ({t('line', lang)} {result.line})", style="dim")
        advice = Table.grid(padding=(0, 1))
        advice.add_column(no_wrap=True)
        advice.add_column(ratio=1)
        advice.add_row(Text(arrow, style="cyan"), Text(visible_block(result.advice(lang))))
        grid.add_row(Text(cross, style="red"), message)
        grid.add_row(Text(""), advice)
    return Group(head, Padding(grid, (0, 0, 0, 3)))


@pytest.fixture(scope="module")
def run():
    return runner.run(
        [str(EXAMPLES)], checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    )


@pytest.mark.parametrize("width", [120, 80, 37, 6])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("color", [False, True])
def test_fixed_widths_give_the_measured_layout(run, monkeypatch, width, lang, color):
    options = RenderOptions(lang=lang, color=color, width=width)
    fast = terminal.render(run, options)
    monkeypatch.setattr(terminal, "findings", _measured_findings)
    assert fast == terminal.render(run, options)
    assert "✘" in fast or "x " in fast  # the examples have findings


def test_ascii_symbols_keep_the_layout(run, monkeypatch):
    from rich.console import Console

    def draw() -> str:
        console = Console(width=60, file=None, record=True, color_system=None, legacy_windows=False)
        console.begin_capture()
        terminal.write(console, run, "nl")
        return console.end_capture()

    monkeypatch.setattr(Console, "encoding", property(lambda self: "ascii"))
    fast = draw()
    monkeypatch.setattr(terminal, "findings", _measured_findings)
    assert "->" in fast
    assert fast == draw()
