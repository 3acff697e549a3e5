"""`herstelcheck checklist`: the items, their criteria and guidance, on a terminal or as
Markdown; a checklist file's text is shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import ROOT
from herstelcheck import checklist

BUNDLED = checklist.load()


def test_all_ten_items(cli):
    result = cli("checklist")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert result.stdout.startswith("VNG top 10 herstelaanpak (2021-05)\n")
    for item in BUNDLED.items:
        assert f"{item.id}. {item.title.nl}" in " ".join(result.stdout.split())
    for gemeente in ("Breda", "Zevenaar", "Maastricht"):
        assert f"Voorbeeld uit de praktijk: {gemeente}" in result.stdout


@pytest.mark.parametrize("key", ["5", "trekker", " Trekker "])
def test_one_item_by_number_or_slug(cli, key):
    result = cli("checklist", key)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("5. Benoem een trekker  (trekker)\n")
    out = " ".join(result.stdout.split())
    assert "Wat de checklist vraagt" in out
    assert "Benoem zowel een ambtelijke als een bestuurlijke trekker." in out
    assert "Waar herstelcheck op let" in out
    assert "• Er is een ambtelijke trekker met naam en functie (vereist, gewicht 1, 25%)" in out
    assert "In het plan onder: trekker (een toelichting daar telt ook mee)" in out
    assert "Voldaan met één van" not in out  # item 5 has no alternatives
    assert "→ Noem de naam en functie van de ambtelijke trekker." in out
    assert "Voorbeeld uit de praktijk: Zevenaar" in out
    assert "Benoem een terugvalscenario" not in out
    assert "Organiseer herstel" not in out


def test_an_item_without_an_example_shows_none(cli):
    result = cli("checklist", "2")
    assert result.exit_code == 0, result
    assert "Voorbeeld uit de praktijk" not in result.stdout


def test_english(cli):
    result = cli("checklist", "7", "--lang", "en")
    assert result.exit_code == 0, result
    assert "7. Keep the recovery approach dynamic  (dynamiek)" in result.stdout
    assert "What the checklist asks" in result.stdout
    assert "(required, weight 1, 33%)" in result.stdout
    assert "Example from practice: Maastricht" in result.stdout


def test_markdown_of_one_item(cli):
    result = cli("checklist", "10", "--format", "markdown")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert lines[0] == "# 10. Houd rekening met een terugvalscenario (terugvalscenario)"
    assert "## Wat de checklist vraagt" in lines
    assert "## Waar herstelcheck op let" in lines
    assert "## Voorbeeld uit de praktijk: Maastricht" in lines
    assert any(line.startswith("- **Het plan") or line.startswith("- **") for line in lines)
    assert any(line.startswith("  Advies: ") for line in lines)


def test_markdown_of_all_items_has_a_section_per_item(cli):
    result = cli("checklist", "-f", "markdown", "--lang", "en")
    assert result.exit_code == 0, result
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert headings == [f"{i.id}. {i.title.en} ({i.slug})" for i in BUNDLED.items]


ITEM_6 = {
    "nl": (
        "Voldaan met één van: (1) Het plan legt lessen uit de crisis vast; (2) De "
        "opgewaardeerde dienstverlening blijft en De participatie van partners blijft "
        "georganiseerd"
    ),
    "en": (
        "Met with one of: (1) The plan records lessons from the crisis; (2) The upgraded "
        "service stays and Partner participation stays organised"
    ),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_item_6_shows_both_alternatives_on_a_terminal(cli, lang):
    result = cli("checklist", "6", "--lang", lang)
    assert result.exit_code == 0, result
    out = " ".join(result.stdout.split())
    assert ITEM_6[lang] in out
    sections = {"nl": "In het plan onder: crisislessen", "en": "In the plan under: crisislessen"}
    assert sections[lang] in out
    required = {"nl": "(vereist, gewicht 1, 33%)", "en": "(required, weight 1, 33%)"}
    assert out.count(required[lang]) == 3


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_item_6_shows_both_alternatives_in_markdown(cli, lang):
    result = cli("checklist", "6", "-f", "markdown", "--lang", lang)
    assert result.exit_code == 0, result
    assert ITEM_6[lang] in result.stdout.splitlines()
    sections = {
        "nl": "In het plan onder: crisislessen (een toelichting daar telt ook mee)",
        "en": "In the plan under: crisislessen (a toelichting there counts too)",
    }
    assert sections[lang] in result.stdout.splitlines()


@pytest.mark.parametrize(("fmt", "lang"), [("terminal", "nl"), ("markdown", "en")])
def test_an_advisory_criterion_shows_its_role(cli, fmt, lang):
    result = cli("checklist", "2", "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result
    out = " ".join(result.stdout.split())
    word = {"nl": ("vereist", "aanvullend"), "en": ("required", "advisory")}[lang]
    assert out.count(f"({word[0]},") == 1  # the inventory of needs
    assert out.count(f"({word[1]},") == 3  # needs on record, actions on needs, references


@pytest.mark.parametrize("key", ["11", "0", "trekkers", "999"])
def test_an_unknown_item_lists_the_valid_ones(cli, key):
    result = cli("checklist", key)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert f"the checklist has no item '{key}'" in result.stderr
    assert "1 (structuur-en-middelen)" in result.stderr
    assert "10 (terugvalscenario)" in result.stderr


def test_a_broken_checklist_file_is_exit_2(cli, tmp_path):
    bad = tmp_path / "checklist.yaml"
    bad.write_text("name: x\nversion: 1\nitems: []\n", encoding="utf-8")
    result = cli("checklist", "--checklist", str(bad))
    assert result.exit_code == 2, result
    assert f"{bad}:" in result.stderr
    assert "error:" in result.stderr


HOSTILE_TITLE = r'"[bold red]Benoem[/] \e[31m**een** | <b>trekker</b> \e]8;;https://x\e\\link"'


@pytest.fixture
def hostile_checklist(tmp_path: Path) -> Path:
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    text = text.replace("nl: Benoem een trekker", f"nl: {HOSTILE_TITLE}", 1)
    text = text.replace("gemeente: Zevenaar\n      nl: >-", 'gemeente: "Zeven|aar"\n      nl: >-')
    target = tmp_path / "checklist.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def test_checklist_text_is_shown_literally_on_a_terminal(cli, hostile_checklist):
    result = cli("checklist", "5", "--checklist", str(hostile_checklist))
    assert result.exit_code == 0, result
    assert "\x1b" not in result.stdout
    heading = " ".join(line.strip() for line in result.stdout.splitlines()[:2])  # it wraps
    assert heading.startswith(
        "5. [bold red]Benoem[/] ␛[31m**een** | <b>trekker</b> ␛]8;;https://x␛"
    )


def test_checklist_text_is_escaped_in_markdown(cli, hostile_checklist):
    result = cli("checklist", "5", "-f", "markdown", "--checklist", str(hostile_checklist))
    assert result.exit_code == 0, result
    assert "\x1b" not in result.stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    heading = tokens[1]
    assert {c.type for c in heading.children or []} == {"text"}
    assert heading.content.startswith("5\\. ") or heading.content.startswith("5. ")
    shown = "".join(c.content for c in heading.children or [])
    assert shown.startswith("5. [bold red]Benoem[/] ␛[31m**een** | <b>trekker</b>")
    assert "Voorbeeld uit de praktijk: Zeven\\|aar" in result.stdout


HOSTILE_CRITERION = r'"[bold]Les[/] \e[31m| <b>x</b> **y** [z](javascript:1)"'


@pytest.fixture
def hostile_alternatives(tmp_path: Path) -> Path:
    """Item 6 with a hostile title for the criterion that is its first alternative."""
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    old = "nl: Het plan legt lessen uit de crisis vast\n"
    assert old in text
    target = tmp_path / "checklist.yaml"
    target.write_text(text.replace(old, f"nl: {HOSTILE_CRITERION}\n", 1), encoding="utf-8")
    return target


def test_alternatives_show_criterion_titles_as_text(cli, hostile_alternatives):
    shown = "[bold]Les[/] ␛[31m| <b>x</b> **y** [z](javascript:1)"
    terminal = cli("checklist", "6", "--checklist", str(hostile_alternatives))
    assert terminal.exit_code == 0, terminal
    assert "\x1b" not in terminal.stdout
    assert f"Voldaan met één van: (1) {shown}; (2)" in " ".join(terminal.stdout.split())
    markdown = cli("checklist", "6", "-f", "markdown", "--checklist", str(hostile_alternatives))
    line = next(x for x in markdown.stdout.splitlines() if x.startswith("Voldaan met"))
    assert "\x1b" not in line
    tokens = MarkdownIt("commonmark").parse(line)
    (inline,) = [t for t in tokens if t.type == "inline"]
    assert {c.type for c in inline.children or []} == {"text"}
    assert f"(1) {shown}; (2)" in "".join(c.content for c in inline.children or [])
