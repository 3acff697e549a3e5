"""Escaping for Markdown: a text shows as itself wherever a memo template puts it, and in
the Markdown that GitHub shows (job summary, SARIF help, checklist and diff documents).

Each context below is a place where the memo templates write values. A value escaped by
`escape` must give the same Markdown structure (the same tokens) as a harmless word, and
its text must come out as `one_line(value)`: nothing in it may become a link, HTML, a
heading, a list, code, a table cell of its own, or anything else.
"""

from __future__ import annotations

import doctest
import html
import json
import re
import subprocess

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import DATA
from herstelcheck import mdescape
from herstelcheck.mdescape import escape, one_line
from herstelcheck.textsafe import visible

TRICKY = yaml.safe_load((DATA / "markdown" / "tricky-texts.yaml").read_text(encoding="utf-8"))

CONTEXTS = {
    "paragraph": "{}\n",
    "after a line": "Tekst\n{}\n",
    "before a line": "{}\nTekst\n",
    "bullet list item": "- {}\n",
    "ordered list item": "1. {}\n",
    "heading": "## {}\n",
    "after a label": "**Label:** {} *Advies:* {}\n",
    "table cell": "| a | b |\n|---:|:---|\n| {} | {} |\n",
    "in a sentence": "Item 8, {}: {} (tot 2,8 punten)\n",
}
PLACEHOLDER = "XYZZY"

parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def shape_and_text(markdown: str) -> tuple[list[str], str]:
    """The token types (inline children included) and the text a reader sees."""
    types: list[str] = []
    text: list[str] = []
    for token in parser.parse(markdown):
        types.append(token.type)
        for child in token.children or []:
            types.append(child.type)
            if child.type == "text":
                text.append(child.content)
            elif child.type == "softbreak":
                text.append("\n")
        if token.type.endswith("_close"):
            text.append("|")
    merged = [t for i, t in enumerate(types) if not (t == "text" and types[i - 1 : i] == ["text"])]
    return merged, "".join(text)


def assert_literal(value: str, context: str, gfm: bool = False) -> None:
    template = CONTEXTS[context]
    escaped = escape(value, gfm=gfm)
    shape, text = shape_and_text(template.replace("{}", escaped))
    want_shape, want_text = shape_and_text(template.replace("{}", PLACEHOLDER))
    assert shape == want_shape, (value, escaped)
    assert text == want_text.replace(PLACEHOLDER, one_line(value)), (value, escaped)


@pytest.mark.parametrize("gfm", [False, True])
@pytest.mark.parametrize("context", CONTEXTS)
def test_tricky_texts_show_literally(context, gfm):
    for value in TRICKY:
        assert_literal(value, context, gfm)


MARKUP = st.sampled_from(list("\\`*_[](){}<>#|$~&^@!-+=:%.;'\"/ 0123456789aAivxIVX\n\r\t"))
TEXTS = st.text(
    alphabet=st.one_of(MARKUP, st.sampled_from(["\x1b", "\u202e", "\x00", "\xa0", "é"])),
    max_size=24,
) | st.text(max_size=24)


@pytest.mark.parametrize("context", CONTEXTS)
@settings(max_examples=100, deadline=None)
@given(value=TEXTS, gfm=st.booleans())
def test_any_text_shows_literally(context, value, gfm):
    if one_line(value).strip():
        assert_literal(value, context, gfm)


@given(value=st.text(), gfm=st.booleans())
def test_escaped_text_is_one_line(value, gfm):
    escaped = escape(value, gfm=gfm)
    assert "\n" not in escaped and "\r" not in escaped
    assert escaped == escaped.strip(" ")


def test_everyday_text_stays_readable():
    assert escape("Uitstel van gemeentelijke heffingen, € 1.200.000.") == (
        "Uitstel van gemeentelijke heffingen, € 1.200.000."
    )
    assert escape("info@lindewaard.nl, R&D en B&W") == "info@lindewaard.nl, R&D en B&W"
    assert escape("1,5 miljoen; 2021-04") == "1,5 miljoen; 2021-04"


def test_controls_are_made_visible_and_whitespace_collapsed():
    assert one_line("  a\r\n\tb  \x1b[31m ") == "a b ␛[31m"
    assert escape("\u202e") == "\\<U+202E\\>"


def test_doctests():
    assert doctest.testmod(mdescape).failed == 0


# --- Markdown that GitHub shows ------------------------------------------------------------

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
    escaped = escape(text, gfm=True)
    assert _text_of(escaped) == " ".join(visible(text.replace("\n", " ")).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_is_literal_in_a_table_cell(text):
    table = f"| a | b |\n|---|---|\n| {escape(text, gfm=True)} | x |\n"
    md = MarkdownIt("commonmark").enable("table")
    cells = [t for t in md.parse(table) if t.type == "inline"]
    assert len(cells) == 4
    assert {c.type for c in cells[2].children or []} <= {"text"}
    assert cells[3].content == "x"


GFM_AUTOLINK = re.compile(r"(?i)(?<![\\\w])www\.|[a-z]+://|[\w.+-]@[\w-]")
"""Where GitHub Flavored Markdown would start a link of an address that is not markup."""


@pytest.mark.parametrize("text", [*HOSTILE, *TRICKY])
def test_github_makes_no_link_of_an_address(text):
    assert GFM_AUTOLINK.search(escape(text, gfm=True)) is None


def test_paragraphs_keep_blank_lines_apart():
    text = "Eerste alinea\nloopt door.\n\n- Tweede alinea"
    assert mdescape.paragraphs(text) == "Eerste alinea loopt door.\n\n\\- Tweede alinea"


def test_ordinary_text_stays_readable():
    text = "Breda legde het draaiboek in de kast, en pakte het herstel op (zo veel mogelijk)."
    assert escape(text, gfm=True) == text.replace("(", "\\(").replace(")", "\\)")


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
    rendered = MarkdownIt("commonmark").enable("table").render(escape(text, gfm=True))
    assert rendered == f"<p>{html.escape(one_line(text), quote=True)}</p>\n".replace("&#x27;", "'")


def test_escaped_text_is_one_table_cell():
    cell = escape("a | b", gfm=True)
    rendered = MarkdownIt("commonmark").enable("table").render(f"| h |\n| - |\n| {cell} |\n")
    assert "<td>a | b</td>" in rendered


# --- pandoc ------------------------------------------------------------------------------

PANDOC_READER = "markdown-raw_html-raw_tex-raw_attribute"
PLAIN_INLINES = {"Str", "Space", "SoftBreak", "Quoted"}
"""What escaped text may become in pandoc: words and spaces; `smart` may curl quotes."""


def pandoc_json(markdown: str, reader: str) -> dict:
    from external import program

    done = subprocess.run(
        [program("pandoc"), "-f", reader, "--sandbox", "-t", "json"],
        input=markdown,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return json.loads(done.stdout)


def plain(inlines: list[dict]) -> str:
    """The text of inlines that must be plain; anything else fails the test."""
    out = []
    for inline in inlines:
        kind = inline["t"]
        assert kind in PLAIN_INLINES, inline
        if kind == "Str":
            out.append(inline["c"])
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        else:
            out.append(plain(inline["c"][1]))
    return "".join(out)


@pytest.mark.slow
@pytest.mark.parametrize("gfm", [False, True])
@pytest.mark.parametrize("reader", [PANDOC_READER, "markdown", PANDOC_READER + "-smart"])
def test_tricky_texts_show_literally_in_pandoc(reader, gfm):
    """As paragraphs after a line and as table cells, every text stays plain words; with
    `smart` off (it only curls quotes and dashes) the words are exactly the text."""
    values = [v for v in TRICKY if one_line(v)]
    paragraphs = "\n".join(f"Tekst\n{escape(v, gfm=gfm)}\n" for v in values)
    rows = "".join(f"| {escape(v, gfm=gfm)} | x |\n" for v in values)
    document = pandoc_json(f"{paragraphs}\n| a | b |\n|---|---|\n{rows}", reader)
    blocks = document["blocks"]
    assert [b["t"] for b in blocks] == ["Para"] * len(values) + ["Table"]
    body = blocks[-1]["c"][4][0]
    rows_found = body["c"][3] if isinstance(body, dict) else body[3]
    assert len(rows_found) == len(values)
    for value, para, row in zip(values, blocks[:-1], rows_found, strict=True):
        cells = row[1]
        assert len(cells) == 2, value
        cell_blocks = cells[0][4]
        assert [b["t"] for b in cell_blocks] == ["Plain"], value
        seen = [plain(para["c"]), plain(cell_blocks[0]["c"])]
        if reader.endswith("-smart"):
            assert seen == [f"Tekst {one_line(value)}", one_line(value)], value
