"""Markdown escaping: whatever the text, CommonMark renders it as that text."""

from __future__ import annotations

import html

import pytest
from markdown_it import MarkdownIt

from herstelcheck.formats.mdescape import escape
from herstelcheck.textsafe import visible

CASES = [
    "**vet** _schuin_ `code`",
    "[link](https://x.invalid) ![img](x.png) <https://x.invalid>",
    "<script>alert(1)</script> <b onclick=x>",
    "&amp; &lt; &#65; &copy",
    "# kop",
    "- lijst",
    "1. genummerd",
    "> citaat",
    "| a | b |",
    "a\\*b \\ einde\\",
    "regel\nnieuwe regel\r\n\ttab",
    "\x1b[31mrood\x1b[0m \x01 \u202e",
    "~~weg~~ ---",
]


@pytest.mark.parametrize("text", CASES)
def test_escaped_text_renders_as_itself(text):
    rendered = MarkdownIt("commonmark").enable("table").render(escape(text))
    assert rendered == f"<p>{html.escape(visible(text), quote=True)}</p>\n".replace("&#x27;", "'")


def test_escaped_text_is_one_table_cell():
    cell = escape("a | b")
    rendered = MarkdownIt("commonmark").enable("table").render(f"| h |\n| - |\n| {cell} |\n")
    assert "<td>a | b</td>" in rendered
