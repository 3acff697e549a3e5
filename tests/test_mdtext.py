"""Untrusted text in Markdown shows as the text it is."""

from __future__ import annotations

import doctest

import pytest
from markdown_it import MarkdownIt

from herstelcheck import mdtext
from herstelcheck.textsafe import visible

HOSTILE = [
    "**vet** en _schuin_ en `code`",
    "[klik](https://evil.example) ![img](x.png) <https://x.nl>",
    "<script>alert(1)</script> <b>vet</b> &amp; &#60;",
    "kolom | kolom || \\| pijp",
    "# geen kop",
    "- geen lijst",
    "+ geen lijst",
    "1. geen lijst",
    "12) geen lijst",
    "> geen citaat",
    "=== geen onderstreping",
    "~~doorgehaald~~ ^sup^ ~sub~ $x$ @citaat {#id .klasse}",
    "regel 1\nregel 2\n\n    ingesprongen code",
    "zie www.voorbeeld.nl of https://voorbeeld.nl of a@b.nl",
    "escape \x1b[31mrood\x1b[0m en \u202eomgekeerd en \x07bel",
    "titel met # aan het eind #",
    "a\\b\\\\c",
]


def _text_of(markdown: str) -> str:
    """What a CommonMark renderer shows: every inline token must be plain text."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = md.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text"}, [(c.type, c.content) for c in children]
    return "".join(c.content for c in children)


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_shows_the_text_literally(text):
    assert _text_of(mdtext.inline(text)) == " ".join(visible(text.replace("\n", " ")).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_is_literal_in_a_table_cell(text):
    table = f"| a | b |\n|---|---|\n| {mdtext.inline(text)} | x |\n"
    md = MarkdownIt("commonmark").enable("table")
    cells = [t for t in md.parse(table) if t.type == "inline"]
    assert len(cells) == 4
    assert {c.type for c in cells[2].children or []} <= {"text"}
    assert cells[3].content == "x"


def test_paragraphs_keep_blank_lines_apart():
    text = "Eerste alinea\nloopt door.\n\n- Tweede alinea"
    assert mdtext.paragraphs(text) == "Eerste alinea loopt door.\n\n\\- Tweede alinea"


def test_ordinary_text_stays_readable():
    text = "Breda legde het draaiboek in de kast, en pakte het herstel op (zo veel mogelijk)."
    assert mdtext.inline(text) == text


def test_doctests():
    assert doctest.testmod(mdtext).failed == 0
