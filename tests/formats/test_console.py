"""Every terminal view (audit, checklist, diff) draws alike: ASCII symbols and lines
when asked (the output cannot take others), the same layout otherwise, colour codes only
in colour."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.cells import cell_len
from rich.text import Text

from conftest import EXAMPLES
from herstelcheck import checklist
from herstelcheck.audit import audit_plan
from herstelcheck.compare import compare
from herstelcheck.formats import RenderOptions, checklist_terminal, diff_terminal
from herstelcheck.formats.console import InPieces, Trailed, draw, table
from herstelcheck.formats.diff_common import DiffOptions
from herstelcheck.plan import load_text

TODAY = dt.date(2021, 7, 1)
SYMBOLS = set("✔✘→•◐⊘▲▼─━█░")


def _report(name: str):
    loaded, _ = load_text((EXAMPLES / name).read_text(encoding="utf-8"), name)
    return audit_plan(loaded, checklist.load(), today=TODAY)


def _views(
    width: int = 80, ascii_only: bool = False, color: str | None = None, lang: str = "nl"
) -> dict[str, str]:
    check = checklist.load()
    options = RenderOptions(width=width, ascii_only=ascii_only, color=color, lang=lang)
    diff = compare(_report("bergakker.yaml"), _report("lindewaard.yaml"))
    diff_options = DiffOptions(
        width=width, ascii_only=ascii_only, color=color, lang=lang, checklist=check, today=TODAY
    )
    return {
        "checklist": checklist_terminal.render(check, check.items, options),
        "item": checklist_terminal.render(check, check.items[4:5], options),
        "diff": diff_terminal.render(diff, diff_options),
    }


def test_ascii_when_asked():
    for name, text in _views(ascii_only=True).items():
        assert not SYMBOLS & set(text), name
        assert "->" in text, name
    assert " | " in _views(ascii_only=True)["diff"]


def test_symbols_otherwise():
    views = _views()
    assert "•" in views["checklist"] and "→" in views["checklist"]
    assert "▲" in views["diff"] and "✘" in views["diff"]


@pytest.mark.parametrize("width", [120, 80, 60, 50, 30])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_line_fits_and_none_ends_in_a_space(width, lang):
    for name, text in _views(width, lang=lang).items():
        for line in text.splitlines():
            assert cell_len(line) <= width, (name, line)
            assert line == line.rstrip(), (name, line)


def test_colour_codes_only_in_colour():
    plain = _views()
    for name, text in plain.items():
        assert "\x1b" not in text, name
    for name, text in _views(color="standard").items():
        assert "\x1b[1m" in text, name
        assert re.sub(r"\x1b\[[0-9;]*m", "", text) == plain[name], name


@pytest.mark.parametrize("width", [80, 60, 50])
def test_a_narrow_diff_shows_the_statuses_by_their_symbols(width):
    table = _views(width)["diff"].split("\n\n")[2].splitlines()
    assert table[0].split()[:2] == ["#", "Item"]
    assert table[2].startswith(" 1   Organiseer ")  # the titles keep a column, words whole
    if width >= 80:
        assert "◐ deels" in table[2]
    else:
        assert "◐" in table[2] and "deels" not in table[2]


def test_a_line_reference_goes_whole_to_the_next_line_with_a_word():
    finding = Trailed(Text("een twee drie vier"), Text("(regel 47)"))
    drawn = {width: draw(RenderOptions(width=width), [finding]) for width in range(10, 40)}
    assert drawn[32] == "een twee drie vier  (regel 47)\n"
    assert drawn[29] == "een twee drie\nvier  (regel 47)\n"
    assert drawn[15] == "een twee drie\nvier\n(regel 47)\n"  # no room for a word beside it
    for text in drawn.values():
        assert "(regel 47)" in text


@pytest.mark.parametrize("color", [None, "truecolor"])
@pytest.mark.parametrize("width", [30, 100])
def test_a_table_drawn_in_pieces_is_the_table_drawn_whole(width, color):
    """Over three pieces, with rows of two lines (a file name folded) that a piece may
    end in the middle of, and text before and after."""
    drawn = table(ascii_only=False, title="Overzicht")
    drawn.add_column("Gemeente", overflow="fold")
    drawn.add_column("Bestand", ratio=1, overflow="fold")
    drawn.add_column("Score", justify="right", no_wrap=True)
    for row in range(2 * InPieces.LINES + 7):
        name = f"plannen/{'regio-west-' * (row % 4)}plan-{row}.yaml"
        drawn.add_row(Text(f"Zeeveen {row}"), Text(name), Text(f"{row % 101},0", style="red"))
    options = RenderOptions(width=width, color=color)
    before, after = Text("voor", style="bold"), Text("na")
    whole = draw(options, [before, drawn, after])
    assert draw(options, [before, InPieces(drawn), after]) == whole
    assert whole.count("\n") > 2 * InPieces.LINES + 10
