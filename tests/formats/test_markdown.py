"""The Markdown report: the council memo, its escaping, and templates of the user's own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck.formats import OutputFormat, renderer
from herstelcheck.mdescape import escape, one_line

MEMOS = DATA / "markdown"
HOSTILE = MEMOS / "hostile.yaml"
DAY = "2021-06-30"
PANDOC_READER = "markdown-raw_html-raw_tex-raw_attribute"

parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.fixture
def memo(cli, monkeypatch):
    """`memo("examples/x.yaml", "--lang", "en")`: the memo's text; the run must succeed."""
    monkeypatch.chdir(ROOT)

    def make(*args: str) -> str:
        result = cli("audit", *args, "-f", "markdown", "--date", DAY)
        assert result.exit_code == 0, result
        assert result.stderr == ""
        return result.stdout

    return make


# --- reading the memo as a Markdown parser does ------------------------------------------


def split_front_matter(memo: str) -> tuple[dict[str, str], str]:
    """The memo's pandoc metadata (its YAML front matter) and the rest: a CommonMark
    reader, which knows no front matter, reads only the rest."""
    assert memo.startswith("---\n"), memo[:80]
    head, rest = memo[4:].split("\n---\n", 1)
    return yaml.safe_load(head), rest


def body(memo: str) -> str:
    """The memo without its front matter, if it has one."""
    return split_front_matter(memo)[1] if memo.startswith("---\n") else memo


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
    return "".join(parts)


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (token.tag, inline_text(tokens[i + 1]))
        for i, token in enumerate(tokens)
        if token.type == "heading_open"
    ]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as its rows (the header row first), each row as its cells' texts."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(inline_text(tokens[i + 1]))
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def all_types(tokens: list[Token]) -> set[str]:
    return {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}


MARKUP_FROM_TEXT = {
    "html_block",
    "html_inline",
    "link_open",
    "image",
    "code_inline",
    "code_block",
    "fence",
    "blockquote_open",
    "hr",
    "s_open",
}


# --- the memo ----------------------------------------------------------------------------


def test_markdown_is_a_format():
    assert OutputFormat("markdown") is OutputFormat.MARKDOWN
    assert callable(renderer(OutputFormat.MARKDOWN))


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (["examples/lindewaard.yaml"], "lindewaard.nl.md"),
        (["examples/lindewaard.yaml", "--lang", "en"], "lindewaard.en.md"),
        (["examples/"], "examples.nl.md"),
    ],
)
def test_memo_is_exactly_as_expected(memo, args, golden):
    text = memo(*args)
    if os.environ.get("HERSTELCHECK_UPDATE_GOLDEN") == "1":  # written anew on purpose
        (MEMOS / golden).write_text(text, encoding="utf-8")
    assert text == (MEMOS / golden).read_text(encoding="utf-8")


APPENDIX = ["Verdere stappen", "Aanbevelingen", "Bevindingen in het planbestand"]


def test_memo_of_one_plan_has_its_parts(memo):
    meta, rest = split_front_matter(memo("examples/lindewaard.yaml"))
    assert meta == {
        "title": "Lindewaard: Herstelagenda Lindewaard 2021",
        "lang": "nl-NL",
        "date": "30 juni 2021",
    }
    tokens = parser.parse(rest)
    assert [h for h in headings(tokens) if h[0] == "h2"] == [
        ("h2", "Samenvatting"),
        ("h2", "Oordeel"),
        ("h2", "Per item"),
        ("h2", "Uitzonderingen"),
        ("h2", "Volgende stappen"),
        ("h2", "Voor de opsteller van het planbestand"),
    ]
    h3 = [text for tag, text in headings(tokens) if tag == "h3"]
    assert len(h3) == 13 and h3[-3:] == APPENDIX
    assert not [h for h in headings(tokens) if h[0] == "h1"]  # the title is pandoc's
    items, keys = tables(tokens)
    assert keys[0] == ["Item", "Bevinding", "Sleutel", "Regel"]
    assert items[0] == ["Nr.", "Item", "Status", "Score"]
    assert len(items) == 11
    assert {len(row) for row in items} == {4}
    assert [row[0] for row in items[1:]] == [str(n) for n in range(1, 11)]
    assert items[8][2:] == ["uitgezonderd", "–"]
    assert items[6][2:] == ["ontbreekt", "0,0"]
    assert not all_types(tokens) & MARKUP_FROM_TEXT


def test_memo_in_english(memo):
    text = memo("examples/lindewaard.yaml", "--lang", "en")
    meta, rest = split_front_matter(text)
    assert meta["lang"] == "en-GB" and meta["date"] == "30 June 2021"
    tokens = parser.parse(rest)
    assert [h for h in headings(tokens) if h[0] == "h2"] == [
        ("h2", "Summary"),
        ("h2", "Verdict"),
        ("h2", "Item by item"),
        ("h2", "Waivers"),
        ("h2", "Next steps"),
        ("h2", "For the author of the plan file"),
    ]
    assert "**To:** the municipal council\\\n" in text
    assert tables(tokens)[0][1] == [
        "1",
        "Organise the recovery from existing structures and budgets",
        "partial",
        "6.0",
    ]
    assert "- Date of the audit: 30 June 2021\n" in text


def test_memo_of_several_plans_compares_them_first(memo):
    meta, rest = split_front_matter(memo("examples/"))
    assert meta["title"] == "Vergelijking van 3 herstelplannen"
    assert "**Onderwerp:** Vergelijking van 3 herstelplannen\n" in rest
    tokens = parser.parse(rest)
    h2 = [text for tag, text in headings(tokens) if tag == "h2"]
    assert h2 == [
        "Samenvatting",
        "Vergelijking",
        "Bergakker: Eerste aanzet herstel lokale economie",
        "Lindewaard: Herstelagenda Lindewaard 2021",
        "Zeeveen: Zeeveen herstelt samen - herstelplan lokale economie",
    ]
    summary = rest.split("## Samenvatting\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in summary.splitlines() if line.startswith("- ")]
    assert [line.split("**")[1] for line in lines] == ["Bergakker", "Lindewaard", "Zeeveen"]
    assert lines[1].startswith("- **Lindewaard**: 48,3 van de 100 punten. Het plan is op weg")
    comparison, *plan_tables = tables(tokens)
    item_tables = plan_tables[::2][:2] + plan_tables[-1:]  # Zeeveen has no appendix
    assert comparison[0] == ["Gemeente", *[str(n) for n in range(1, 11)], "Score"]
    assert [row[0] for row in comparison[1:]] == ["Bergakker", "Lindewaard", "Zeeveen"]
    assert [row[-1] for row in comparison[1:]] == ["8,0", "48,3", "100,0"]
    assert {len(row) for row in comparison} == {12}
    assert comparison[2][8] == "⊘"
    assert comparison[2][1] == "◐ 6,0"
    assert len(item_tables) == 3
    assert all(len(t) == 11 and {len(r) for r in t} == {4} for t in item_tables)


def test_next_steps_are_at_most_five_one_per_item_missing_first(memo):
    text = memo("examples/lindewaard.yaml")
    steps = text.split("## Volgende stappen\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in steps.splitlines() if line[:1].isdigit()]
    assert [line.split(",", 1)[0] for line in lines] == [
        "1. **Item 6",  # missing
        "2. **Item 3",  # partial, then by the points its failed criteria are worth
        "3. **Item 4",
        "4. **Item 9",
        "5. **Item 10",
    ]
    assert lines[0] == (
        "1. **Item 6, Bouw voort op lessen uit de crisis** (ontbreekt, tot 11,1 punten): Leg "
        "de lessen uit de crisis vast, elk met hoe ze worden geborgd. Daarnaast nog 2 "
        "aandachtspunten bij dit item."
    )
    assert "Nog 3 items missen iets; die staan in de bijlage." in steps
    appendix = text.split("## Voor de opsteller van het planbestand\n", 1)[1]
    later = appendix.split("### Verdere stappen\n", 1)[1].split("\n### ", 1)[0]
    assert [line.split(",", 1)[0] for line in later.splitlines() if line] == [
        "6. **Item 1",
        "7. **Item 7",
        "8. **Item 5",
    ]
    assert "Item 8," not in steps + later  # waived
    assert "Item 2," not in steps + later  # met: its unknown need reference is advice
    advice = appendix.split("Verder aanbevolen; dit houdt geen item tegen:\n\n", 1)[1]
    assert advice.split("\n\n", 1)[0].splitlines() == [
        "- Item 2, Stel de behoefte van de ondernemer centraal: Leg de behoefte vast bij de "
        "behoeften van ondernemers, of verbeter de verwijzing in de actie."
    ]


def test_advice_is_worded_as_advice_and_what_is_missing_as_missing(memo):
    text = memo("examples/lindewaard.yaml")
    item2 = text.split("### 2. ", 1)[1].split("\n### ", 1)[0]
    assert "**Status:** voldaan, score 7,5 van 10." in item2
    assert "**Wat ontbreekt:**" not in item2
    assert "**Wat nog beter kan:**\n\n- Acties verwijzen naar behoeften die het plan niet " in item2
    assert item2.rstrip().endswith("of verbeter de verwijzing in de actie.")  # no plan key
    assert "*Aanbevolen:* Leg de behoefte vast" in item2 and "*Advies:*" not in item2
    item1 = text.split("### 1. ", 1)[1].split("\n### ", 1)[0]
    assert "**Wat ontbreekt:**" in item1 and "*Advies:* Leg vast welke afdelingen" in item1
    assert "Aanbevolen" not in item1
    english = memo("examples/lindewaard.yaml", "--lang", "en")
    assert "**What could still improve:**" in english and "*Recommended:* " in english
    assert "Also recommended; none of this keeps an item from being met:" in english


def test_an_item_partial_through_its_toelichting_quotes_it(memo):
    text = memo("examples/bergakker.yaml")
    item10 = text.split("### 10. ", 1)[1].split("\n## ", 1)[0]
    assert "**Status:** deels, score 1,0 van 10." in item10
    assert (
        "**Toelichting in het plan:** Het plan licht dit toe in 'terugvalscenario', zonder de "
        "punten die de checklist vraagt: 'Komt er een nieuwe lockdown, dan zetten we de "
        "noodloketten van 2020 weer open.' (regel 30)"
    ) in item10
    assert "**Wat ontbreekt:**" in item10
    english = memo("examples/bergakker.yaml", "--lang", "en")
    assert (
        "**Explanation in the plan:** The plan explains this in 'terugvalscenario', without "
        "the points the checklist asks for: 'Komt er"
    ) in english


def test_memo_lists_plans_that_could_not_be_read(cli, write_plan, monkeypatch):
    monkeypatch.chdir(ROOT)
    bad = write_plan("gemeente: X\ntitel: <b>Y</b>\nacties: geen lijst\n", name="kapot.yaml")
    result = cli("audit", "examples/zeeveen.yaml", str(bad), "-f", "markdown", "--date", DAY)
    assert result.exit_code == 2, result
    assert f"{bad}:3:9: error: " in result.stderr
    meta, rest = split_front_matter(result.stdout)
    assert meta["title"] == "Zeeveen: Zeeveen herstelt samen - herstelplan lokale economie"
    tokens = parser.parse(rest)
    assert ("h2", "Niet gelezen") in headings(tokens)
    assert f"- {bad}, regel 3: " in result.stdout.replace("\\_", "_")


def test_memo_without_plans(cli, tmp_path):
    (tmp_path / "leeg.yaml").write_text("gemeente: [\n", encoding="utf-8")
    result = cli("audit", str(tmp_path), "-f", "markdown", "--date", DAY)
    assert result.exit_code == 2, result
    assert "Er zijn geen plannen getoetst." in result.stdout
    assert "## Niet gelezen" in result.stdout


# --- plan text stays text ----------------------------------------------------------------


@pytest.fixture
def hostile(memo):
    return memo(str(HOSTILE.relative_to(ROOT)))


def test_no_plan_text_becomes_markup(hostile):
    plan = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
    meta, rest = split_front_matter(hostile)
    # pandoc reads the metadata as Markdown: escaped, it shows the title as written
    assert meta["title"] == escape(f"{plan['gemeente']}: {plan['titel']}")
    tokens = parser.parse(rest)
    assert not all_types(tokens) & MARKUP_FROM_TEXT
    found = headings(tokens)
    assert [tag for tag, _ in found] == (["h2"] * 3 + ["h3"] * 10 + ["h2"] * 3 + ["h3"] * 3)
    assert {text for tag, text in found if tag == "h2"} == {
        "Samenvatting",
        "Oordeel",
        "Per item",
        "Uitzonderingen",
        "Volgende stappen",
        "Voor de opsteller van het planbestand",
    }
    items, keys = tables(tokens)
    assert len(items) == 11 and {len(row) for row in items} == {4}
    assert {len(row) for row in keys} == {4}
    text = "\n".join(inline_text(t) for t in tokens if t.type == "inline")
    assert f"Onderwerp: {one_line(plan['titel'])}" in text
    # what the plan has, in its own words
    assert f"Behoeftepeiling: {plan['ondernemers']['behoeftepeiling']['methode']}" in text
    assert "Afdelingen: - lijst, 1. genummerd (regel 10)" in text
    for value in (
        plan["titel"],
        plan["versie"],
        plan["vastgesteld"],
        plan["uitzonderingen"][8]["reden"],
        plan["uitzonderingen"][10]["reden"],
        plan["acties"][0]["behoefte"],
        plan["acties"][1]["behoefte"],
        plan["trekker"]["toelichting"],  # quoted whole: it is short
    ):
        assert one_line(value) in text, value
    assert "<script>x</script>" in text
    assert "[x](javascript:alert(1))" in text
    assert "# kop" in text and "`code`" in text and "$x$" in text and "$$x$$" in text


def test_plan_text_is_never_run_as_a_template(hostile):
    assert "{{ 7\\*7 }}" in hostile.replace("\\{", "{").replace("\\}", "}")
    assert "49" not in hostile


def test_control_characters_are_made_visible(hostile):
    assert "\x1b" not in hostile and "\u202e" not in hostile
    assert "␛\\[31mrood" in hostile
    assert "\\<U+202E\\>omgekeerd" in hostile


def test_expired_waiver_is_shown_and_does_not_count(hostile):
    assert "verlopen op 31 januari 2020; telt niet meer als uitzondering" in hostile
    assert "| 10 | Houd rekening met een terugvalscenario | ontbreekt | 0,0 |" in hostile


# --- the same memo each time -------------------------------------------------------------


def test_memo_is_deterministic(memo):
    assert memo("examples/") == memo("examples/")


def test_only_the_audit_date_differs_between_days(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    first = cli("audit", "examples/lindewaard.yaml", "-f", "markdown", "--date", "2021-06-30")
    second = cli("audit", "examples/lindewaard.yaml", "-f", "markdown", "--date", "2021-07-01")
    changed = [
        (a, b)
        for a, b in zip(first.stdout.splitlines(), second.stdout.splitlines(), strict=True)
        if a != b
    ]
    assert changed == [
        ('date: "30 juni 2021"', 'date: "1 juli 2021"'),
        ("**Datum:** 30 juni 2021\\", "**Datum:** 1 juli 2021\\"),
        ("- Datum van de toets: 30 juni 2021", "- Datum van de toets: 1 juli 2021"),
    ]


def test_source_date_epoch_fixes_the_date(cli, memo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625011200")  # 2021-06-30 00:00 UTC
    result = cli("audit", "examples/lindewaard.yaml", "-f", "markdown")
    assert result.stdout == memo("examples/lindewaard.yaml")


def test_output_file_holds_the_memo(cli, memo, tmp_path):
    target = tmp_path / "memo.md"
    target.write_text("oud memo\n", encoding="utf-8")
    result = cli(
        "audit", "examples/lindewaard.yaml", "-f", "markdown", "--date", DAY, "-o", str(target)
    )
    assert result.exit_code == 0, result
    assert result.stdout == "" and result.stderr == ""
    assert target.read_text(encoding="utf-8") == memo("examples/lindewaard.yaml")
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_other_formats_do_not_import_jinja2():
    code = (
        "import sys\n"
        "from herstelcheck.cli import main\n"
        "for fmt in ('terminal', 'json', 'markdown'):\n"
        "    try:\n"
        "        main(['audit', sys.argv[1], '-f', fmt])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    print(fmt, 'jinja2' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES / "zeeveen.yaml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.splitlines() == ["terminal False", "json False", "markdown True"]


# --- templates of the user's own ---------------------------------------------------------


def test_a_template_of_ones_own(memo):
    template = MEMOS / "templates" / "short.md.j2"
    text = memo("examples/", str(HOSTILE.relative_to(ROOT)), "--template", str(template))
    assert text == (MEMOS / "short.expected.md").read_text(encoding="utf-8")
    tokens = parser.parse(text)
    assert not all_types(tokens) & MARKUP_FROM_TEXT
    (table,) = tables(tokens)
    assert [row[0] for row in table[1:]][-1] == "Kwaadorp | <script>alert(1)</script>"


def test_the_documented_template_is_the_tested_one():
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    example = docs.split("```jinja\n", 1)[1].split("```\n", 1)[0]
    assert example == (MEMOS / "templates" / "short.md.j2").read_text(encoding="utf-8")


def test_values_are_escaped_whether_or_not_a_template_asks(cli, tmp_path):
    template = tmp_path / "t.md.j2"
    template.write_text(
        "{% macro bold(x) %}**{{ x }}**{% endmacro %}"
        "{% for p in plans %}"
        "{{ p.gemeente }}\n{{ p.gemeente|md }}\n{{ p.gemeente|safe }}\n{{ bold(p.gemeente) }}\n"
        "{{ heading(2) }} {{ p.titel|e }}\n"
        "{% endfor %}",
        encoding="utf-8",
    )
    result = cli("audit", str(HOSTILE), "-f", "markdown", "--template", str(template))
    assert result.exit_code == 0, result
    gemeente = "Kwaadorp \\| \\<script\\>alert\\(1\\)\\</script\\>"
    assert result.stdout.splitlines() == [
        gemeente,
        gemeente,
        gemeente,
        f"**{gemeente}**",
        "## \\# kop \\[x\\]\\(javascript:alert\\(1\\)\\) \\`code\\` \\$x\\$",
    ]


HOSTILE_TEMPLATES = yaml.safe_load((MEMOS / "hostile-templates.yaml").read_text(encoding="utf-8"))


# Each case renders in a process of its own (with limits): seconds in all, so run in CI.
@pytest.mark.slow
@pytest.mark.parametrize("case", HOSTILE_TEMPLATES, ids=[c["name"] for c in HOSTILE_TEMPLATES])
def test_a_hostile_template_stops_the_run_and_writes_nothing(cli, tmp_path, case):
    template = tmp_path / "memo.md.j2"
    template.write_text(case["template"], encoding="utf-8")
    target = tmp_path / "memo.md"
    target.write_text("het memo van gisteren\n", encoding="utf-8")
    args = [
        "audit",
        str(EXAMPLES / "lindewaard.yaml"),
        "-f",
        "markdown",
        "--template",
        str(template),
    ]

    result = cli(*args, "-o", str(target))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{template}:{case['place']}: error: "), result
    assert case["message"] in line, result
    assert target.read_text(encoding="utf-8") == "het memo van gisteren\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md", "memo.md.j2"]

    to_stdout = cli(*args)
    assert (to_stdout.exit_code, to_stdout.stdout) == (2, ""), to_stdout


def test_a_template_that_cannot_be_read(cli, tmp_path):
    result = cli(
        "audit",
        str(EXAMPLES / "zeeveen.yaml"),
        "-f",
        "markdown",
        "--template",
        str(tmp_path / "geen.j2"),
    )
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == f"{tmp_path / 'geen.j2'}:1:1: error: no such template file\n"
    binary = tmp_path / "binair.j2"
    binary.write_bytes(b"{# ok #}\n{{ \xff }}")
    result = cli(
        "audit", str(EXAMPLES / "zeeveen.yaml"), "-f", "markdown", "--template", str(binary)
    )
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"{binary}:2:4: error: the template file is not UTF-8 (byte 0xff); save it as UTF-8\n"
    )


def test_template_needs_the_markdown_format(cli):
    template = MEMOS / "templates" / "short.md.j2"
    result = cli("audit", str(EXAMPLES / "zeeveen.yaml"), "-f", "json", "--template", str(template))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == (
        "herstelcheck: error: --template works with the markdown format only "
        "(--format or --report markdown)\n"
    )


# --- pandoc ------------------------------------------------------------------------------


def pandoc(source: Path, target: Path, *extra: str) -> None:
    """Convert as docs/memo.md says, in the folder of the memo; pandoc must succeed
    without a word on stderr."""
    from external import program

    command = [program("pandoc"), source.name, "-f", PANDOC_READER, *extra, "-o", str(target)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=source.parent)
    assert done.returncode == 0 and done.stderr == "", done.stderr


class TableRows(HTMLParser):
    """The number of body rows of each table in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[int] = []
        self.in_body = False
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "table":
            self.tables.append(0)
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.tables[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.in_body = False


def html_of(markdown: str, tmp_path: Path) -> TableRows:
    source = tmp_path / "memo.md"
    source.write_text(markdown, encoding="utf-8")
    pandoc(source, tmp_path / "memo.html")
    page = TableRows()
    page.feed((tmp_path / "memo.html").read_text(encoding="utf-8"))
    return page


@pytest.mark.slow
def test_pandoc_makes_html_with_the_table_intact(memo, tmp_path):
    page = html_of(memo("examples/lindewaard.yaml"), tmp_path)
    assert page.tables == [10, 17]  # the items; every finding in the appendix
    assert not page.tags & {"a", "script", "img", "code", "pre", "math", "blockquote"}


@pytest.mark.slow
def test_pandoc_makes_a_word_file(memo, tmp_path):
    source = tmp_path / "memo.md"
    source.write_text(memo("examples/lindewaard.yaml"), encoding="utf-8")
    pandoc(source, tmp_path / "memo.docx")
    with zipfile.ZipFile(tmp_path / "memo.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert document.count("<w:tbl>") == 2
    table = document.split("<w:tbl>", 1)[1].split("</w:tbl>", 1)[0]
    assert table.count("<w:tr>") + table.count("<w:tr ") == 11
    assert "Herstelagenda Lindewaard 2021" in document


@pytest.mark.slow
def test_pandoc_keeps_every_table_of_several_plans(memo, tmp_path):
    page = html_of(memo("examples/"), tmp_path)
    assert page.tables == [3, 10, 32, 10, 17, 10]  # Zeeveen has no appendix


@pytest.mark.slow
def test_pandoc_reads_plan_text_as_text(hostile, tmp_path):
    page = html_of(hostile, tmp_path)
    assert page.tables[0] == 10
    assert not page.tags & {"a", "script", "img", "code", "pre", "math", "blockquote", "sup"}
    html = (tmp_path / "memo.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "[x](javascript:alert(1))" in html

    from external import program

    done = subprocess.run(
        [program("pandoc"), "-f", PANDOC_READER, "-t", "json"],
        input=hostile,
        capture_output=True,
        text=True,
        check=True,
    )
    kinds: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "t" in node:
                kinds.add(node["t"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    document = json.loads(done.stdout)
    walk(document["blocks"])
    walk(document["meta"])  # the title, which pandoc reads as Markdown too
    forbidden = {
        "Link", "Image", "RawInline", "RawBlock", "Math", "Code", "CodeBlock", "Note",
        "Cite", "Span", "Div", "Superscript", "Subscript", "Strikeout", "BlockQuote",
        "HorizontalRule", "LineBlock", "DefinitionList",
    }  # fmt: skip
    assert not kinds & forbidden
    levels = [b["c"][0] for b in document["blocks"] if b["t"] == "Header"]
    assert levels == [2, 2, 2] + [3] * 10 + [2, 2, 2] + [3] * 3
    assert document["meta"]["lang"]["c"][0]["c"] == "nl-NL"


def test_the_docs_show_a_memo_as_it_is_made():
    section = (ROOT / "docs" / "memo.md").read_text(encoding="utf-8")
    excerpt = section.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    memo = (MEMOS / "lindewaard.nl.md").read_text(encoding="utf-8")
    parts = [p.strip("\n") for p in excerpt.split("\n...\n") if p.strip()]
    assert len(parts) == 3
    assert memo.startswith(parts[0] + "\n")
    at = 0
    for part in parts[1:]:
        found = memo.find("\n" + part + "\n", at)
        assert found > at, part[:60]
        at = found
    recipe = section.split("```sh\nsudo apt-get install pandoc librsvg2-bin\n", 1)[1]
    assert recipe.split("```", 1)[0].splitlines()[1:] == [
        f"pandoc memo.md -f {PANDOC_READER} -o memo.docx",
        f"pandoc memo.md -f {PANDOC_READER} --self-contained -o memo.html",
    ]
    assert "(templates.md)" in section
