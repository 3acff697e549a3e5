"""The layout of the terminal views: cell widths, wrapping, tables, colour."""

from __future__ import annotations

import pytest

from herstelcheck.formats import layout
from herstelcheck.formats.layout import (
    Column,
    Group,
    Indent,
    Marked,
    Rule,
    Table,
    Text,
    cell_width,
    render,
)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("", 0),
        ("abc", 3),
        ("geïnformeerd", 12),
        ("漢字", 4),  # wide (W)
        ("ＡＢ", 4),  # fullwidth (F)
        ("e\u0301", 1),  # a combining acute accent takes no cell
        ("a\u200bb", 2),  # zero-width space
        ("\u00ad", 0),  # soft hyphen
        ("😀", 2),  # emoji are wide
        ("✔ ✘ → ◐ ⊘ █ ░ ─", 15),
    ],
)
def test_cell_width(text, cells):
    assert cell_width(text) == cells


def plain(block, width):
    return [line.plain for line in block.lines(width)]


def test_words_wrap_greedily_without_trailing_spaces():
    text = Text("een twee drie vier vijf")
    assert plain(text, 9) == ["een twee", "drie vier", "vijf"]
    assert plain(text, 100) == ["een twee drie vier vijf"]


def test_a_word_longer_than_the_width_is_folded():
    assert plain(Text("ab abcdefghij cd"), 4) == ["ab", "abcd", "efgh", "ij", "cd"]
    assert plain(Text("abcdefghij"), 4) == ["abcd", "efgh", "ij"]


def test_wide_characters_wrap_by_cells():
    lines = plain(Text("漢字漢字漢字 ab"), 5)
    assert lines == ["漢字", "漢字", "漢字", "ab"]
    assert all(cell_width(line) <= 5 for line in lines)


def test_a_wide_character_in_a_one_cell_column_does_not_hang():
    assert plain(Text("漢字"), 1) == ["漢", "字"]


def test_combining_marks_stay_with_their_letter():
    lines = plain(Text("e\u0301e\u0301e\u0301e\u0301"), 2)
    assert lines == ["e\u0301e\u0301", "e\u0301e\u0301"]


def test_line_breaks_are_kept_and_styles_survive_wrapping():
    text = Text("eerste regel\n", "bold").append("tweede", "red")
    lines = text.wrap(80)
    assert [line.plain for line in lines] == ["eerste regel", "tweede"]
    assert lines[0].pieces == [("eerste regel", "bold")]
    assert lines[1].pieces == [("tweede", "red")]


def test_zero_width_and_empty_text():
    assert plain(Text(""), 10) == [""]
    assert plain(Text("abc"), 0) == ["a", "b", "c"]  # a width below one is taken as one


def test_colour_off_has_no_escapes_and_no_trailing_spaces():
    table = Table([Column("A"), Column("B", justify="right")])
    table.add_row(Text("x", "red"), Text("1", "bold"))
    text = render([Text("kop  ", "bold"), table, Rule()], 20, color=False)
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert text.endswith("\n")


def test_colour_on_gives_sgr_codes():
    text = Text("a", "bold").append("b", "dim").append("c", "bold underline")
    text.append("d", "red").append("e", "green").append("f", "yellow").append("g", "cyan")
    text.append("h")
    assert render([text], 80, color=True) == (
        "\x1b[1ma\x1b[0m\x1b[2mb\x1b[0m\x1b[1;4mc\x1b[0m\x1b[31md\x1b[0m"
        "\x1b[32me\x1b[0m\x1b[33mf\x1b[0m\x1b[36mg\x1b[0mh\n"
    )


def test_table_with_a_flexible_column():
    table = Table(
        [
            Column("#", justify="right", no_wrap=True),
            Column("Item", flexible=True),
            Column("Score", justify="right", no_wrap=True),
        ]
    )
    table.add_row(Text("1"), Text("een twee drie vier"), Text("2,0"))
    table.add_row(Text("10"), Text("vijf"), Text("10,0"))
    assert render([table], 24, color=False) == (
        " #   Item          Score\n"
        "────────────────────────\n"
        " 1   een twee        2,0\n"
        "     drie vier\n"
        "10   vijf           10,0\n"
    )


def test_table_in_ascii_with_a_title():
    table = Table([Column("Naam"), Column("Score", justify="right")], title="Overzicht")
    table.ascii_only = True
    table.add_row(Text("漢字"), Text("7"))
    assert render([table], 40, color=False) == (
        "Overzicht\nNaam | Score\n-----+------\n漢字 |     7\n"
    )


def test_a_table_wider_than_the_width_narrows_its_widest_wrapping_column():
    table = Table([Column("A"), Column("B"), Column("C", no_wrap=True)])
    table.add_row(Text("kort"), Text("x" * 40), Text("vast"))
    lines = render([table], 30, color=False).splitlines()
    assert max(cell_width(line) for line in lines) <= 30
    assert lines[2].split() == ["kort", "x" * 16, "vast"]


def test_marked_rows_hang_under_their_text():
    grid = Marked()
    grid.add(Text("✘", "red"), Text("een twee drie vier"))
    inner = Marked().add(Text("->", "cyan"), Text("vijf zes zeven"))
    grid.add(Text(""), inner)
    assert plain(Indent(grid, 3), 16) == [
        "   ✘ een twee",
        "     drie vier",
        "     -> vijf zes",
        "        zeven",
    ]


def test_group_and_rule():
    block = Group([Text("a"), Rule(char="-")])
    assert plain(block, 5) == ["a", "-----"]


def test_ascii_only_follows_the_stream_encoding():
    class Stream:
        def __init__(self, encoding):
            self.encoding = encoding

    assert layout.ascii_only(Stream("ascii"))
    assert layout.ascii_only(Stream("cp1252"))
    assert not layout.ascii_only(Stream("utf-8"))
    assert not layout.ascii_only(Stream("UTF_8"))
    assert not layout.ascii_only(Stream(None))  # a buffer


def test_crop_cuts_by_cells_with_an_ellipsis():
    text = Text("ab", "bold").append("漢字cd", "red")
    assert text.crop(10) is text
    cropped = text.crop(5)
    assert cropped.pieces == [("ab", "bold"), ("漢", "red"), ("…", "red")]
    assert cell_width(cropped.plain) == 5
    assert Text("漢字").crop(2).plain == "…"  # the wide character does not fit beside it
