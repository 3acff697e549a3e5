"""The terminal report: readable at 80 columns, without colour, with plan text literal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.cells import cell_len

from conftest import EXAMPLES, ROOT
from herstelcheck import checklist
from herstelcheck import run as runner
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.terminal import render


def _render(
    *paths: str, lang: str = "nl", color: str | None = None, width: int = 80, ascii_only=False
) -> str:
    run = runner.audit_paths(
        list(paths), checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    )
    return render(run, RenderOptions(lang=lang, color=color, width=width, ascii_only=ascii_only))


def test_the_parts_of_the_report() -> None:
    text = _render(str(EXAMPLES / "lindewaard.yaml"))
    assert text.startswith("Lindewaard: Herstelagenda Lindewaard 2021\n")
    assert "(vastgesteld mei 2021)" in text
    assert "Score 48,3 / 100" in text
    assert "◐ deels" in text and "✘ ontbreekt" in text and "⊘ uitgezonderd" in text
    assert "Wat ontbreekt en wat u kunt toevoegen" in text
    assert "(regel 11)" in text
    assert "→ Leg vast welke afdelingen samenwerken" in text
    assert "(organisatie.afdelingen)" in text  # the key after the advice, not inside it
    assert "Uitzonderingen" in text and "convenant Waardland" in text
    assert text.rstrip().endswith(
        "10 items: 1 voldaan, 7 deels, 1 ontbreekt, 1 uitgezonderd. Score 48,3 van 100."
    )


def _item_findings(text: str, number: int) -> str:
    """The lines under the findings for one item, its heading first."""
    heading = re.search(
        "(Wat ontbreekt en wat u kunt toevoegen|What is missing and what to add)\n", text
    )
    assert heading is not None
    findings = text[heading.end() :].split("\n\n", 1)[0]
    start = findings.index(f"\n{number}. ") + 1 if number > 1 else findings.index("1. ")
    following = re.search(r"\n\d+\. ", findings[start:])
    return findings[start : start + following.start()] if following else findings[start:]


def test_a_met_item_with_advice_is_listed_and_its_advice_worded_as_advice() -> None:
    text = _render(str(EXAMPLES / "lindewaard.yaml"))
    item2 = _item_findings(text, 2)
    assert (
        item2.splitlines()[0] == "2. Stel de behoefte van de ondernemer centraal  ✔ voldaan (7,5)"
    )
    assert "   ○ Acties verwijzen naar behoeften die het plan niet vastlegt" in item2
    assert "     → Aanbevolen: Leg de behoefte vast" in item2
    assert "✘" not in item2
    item1 = _item_findings(text, 1)
    assert "   ✘ Het plan noemt 1 afdeling" in item1 and "Aanbevolen" not in item1
    english = _item_findings(_render(str(EXAMPLES / "lindewaard.yaml"), lang="en"), 2)
    assert "✔ met (7.5)" in english and "→ Recommended: " in english


def test_advice_is_not_red_and_what_blocks_is() -> None:
    coloured = _render(str(EXAMPLES / "lindewaard.yaml"), color="standard")
    red = "\x1b[31m"
    assert f"{red}✘" in coloured
    assert "○" in coloured and f"{red}○" not in coloured
    line = next(x for x in coloured.splitlines() if "Acties verwijzen" in x)
    assert red not in line


def test_a_met_item_without_advice_is_not_listed() -> None:
    text = _render(str(EXAMPLES / "zeeveen.yaml"))
    assert "Wat ontbreekt" not in text and "Aanbevolen" not in text


def test_an_item_partial_through_its_toelichting_quotes_it() -> None:
    text = _render(str(EXAMPLES / "bergakker.yaml"))
    item10 = _item_findings(text, 10)
    flat = " ".join(item10.split())
    assert item10.splitlines()[0] == "10. Houd rekening met een terugvalscenario  ◐ deels (1,0)"
    assert item10.splitlines()[1].startswith("   ¶ Het plan licht dit toe in 'terugvalscenario'")
    assert (
        "¶ Het plan licht dit toe in 'terugvalscenario', zonder de punten die de checklist "
        "vraagt: 'Komt er een nieuwe lockdown, dan zetten we de noodloketten van 2020 weer "
        "open.' (regel 30)"
    ) in flat
    assert flat.count("✘") == 4  # and what it lacks, as for any item not met
    english = " ".join(_render(str(EXAMPLES / "bergakker.yaml"), lang="en").split())
    assert (
        "¶ The plan explains this in 'terugvalscenario', without the points the checklist "
        "asks for: 'Komt er een nieuwe lockdown"
    ) in english


def test_a_long_toelichting_is_quoted_by_its_start(write_plan) -> None:
    plan = write_plan(
        "gemeente: A\ntitel: B\ntermijnen:\n  toelichting: >\n"
        + "    De middellange termijn werken we na de zomer uit met de ondernemers,\n"
        + "    samen met de provincie en de regio, en daarna de lange termijn.\n"
    )
    text = " ".join(_render(str(plan)).split())
    assert (
        "Het plan licht dit toe in 'termijnen', zonder de punten die de checklist vraagt: "
        "'De middellange termijn werken we na de zomer uit met de ondernemers, samen met…' "
        "(regel 4)"
    ) in text


def test_every_item_is_in_the_table() -> None:
    text = _render(str(EXAMPLES / "zeeveen.yaml"))
    for number in range(1, 11):
        assert f"\n{number:>2}   " in text
    assert text.count("✔ voldaan") == 10
    assert "Wat ontbreekt" not in text


@pytest.mark.parametrize("width", [80, 100, 60])
def test_lines_fit_the_width_and_carry_no_escapes(width: int) -> None:
    text = _render(str(EXAMPLES / "lindewaard.yaml"), width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
def test_colour_only_when_asked(system: str) -> None:
    coloured = _render(str(EXAMPLES / "lindewaard.yaml"), color=system)
    assert "\x1b[1mLindewaard\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == _render(str(EXAMPLES / "lindewaard.yaml"))


def test_english() -> None:
    text = _render(str(EXAMPLES / "lindewaard.yaml"), lang="en")
    assert "What is missing and what to add" in text
    assert "◐ partial" in text and "(line 11)" in text
    assert "Score 48.3 / 100" in text
    assert "Waivers" in text


def test_plan_text_is_shown_literally(write_plan) -> None:
    plan = write_plan(
        'gemeente: "[bold red]Rood[/] :smile: [link=https://x.test]klik[/link]"\n'
        'titel: "Titel \\e]8;;https://evil.test\\a link \\e[2J \\u202e"\n'
    )
    text = _render(str(plan))
    assert "[bold red]Rood[/] :smile: [link=https://x.test]klik[/link]" in text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "␛]8;;https://evil.test␇ link ␛[2J <U+202E>" in text


def test_several_plans_end_with_a_summary_table() -> None:
    text = _render(str(EXAMPLES / "bergakker.yaml"), str(EXAMPLES / "zeeveen.yaml"))
    summary = text[text.index("Overzicht") :]
    assert "Bergakker" in summary and "Zeeveen" in summary
    assert "100,0" in summary


@pytest.mark.parametrize("width", [60, 120])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_line_is_wider_than_the_width(width: int, lang: str) -> None:
    paths = [str(EXAMPLES / f"{name}.yaml") for name in ("bergakker", "lindewaard", "zeeveen")]
    text = _render(*paths, lang=lang, width=width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "─" * width in text.splitlines()  # the tables and rules take the whole width


def test_plan_text_is_shown_literally_in_colour(write_plan) -> None:
    plan = write_plan(
        'gemeente: "[bold red]Rood[/] :smile:"\n'
        'titel: "\\e[31mESC\\e[0m \\e]8;;https://evil.test\\a link"\n'
    )
    coloured = _render(str(plan), color="standard")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert "\x1b" not in plain and "\x07" not in plain
    assert "[bold red]Rood[/] :smile:: ␛[31mESC␛[0m ␛]8;;https://evil.test␇ link" in plain


# Characters that take other than one cell: wide (emoji, CJK), zero-width (combining
# marks), and an emoji with a variation selector.
ODD = ["Zee🌊veen", "Ame\u0301land", "漢字stad", "Bouw🏗\ufe0f"]


def _columns(line: str, marks: str) -> int:
    """The cell where the first of `marks` stands in `line`."""
    at = min(line.index(mark) for mark in marks if mark in line)
    return cell_len(line[:at])


def test_odd_characters_in_a_plan_keep_the_summary_aligned(
    write_plan, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for n, name in enumerate(ODD):
        write_plan(f'gemeente: "{name}"\ntitel: "{name} {name}"\n', f"plan{n}.yaml")
    text = _render(*(f"plan{n}.yaml" for n in range(len(ODD))), width=100)
    lines = text[text.index("Overzicht") :].splitlines()
    header, rows = lines[1], lines[3:]
    assert [row.split()[0] for row in rows] == ODD
    marks = "✔◐✘⊘"
    assert {_columns(row, marks) for row in rows} == {header.index("1 2 3")}
    assert {cell_len(row) for row in rows} == {cell_len(header)}  # the scores line up
    assert f"{ODD[0]}: {ODD[0]} {ODD[0]}" in text  # the heading


def test_odd_characters_in_item_titles_keep_the_table_aligned(tmp_path) -> None:
    lines = (ROOT / "checklist.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    titles = [i for i, line in enumerate(lines) if line.strip() == "title:" and "    " in line]
    for at, name in zip(titles, ODD, strict=False):
        lines[at + 1] = lines[at + 1].rstrip("\n") + f" {name}\n"  # the Dutch title
    path = tmp_path / "checklist.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    run = runner.audit_paths(
        [str(EXAMPLES / "lindewaard.yaml")],
        checklist.load(str(path)),
        today=dt.date(2021, 7, 1),
        sink=lambda d: None,
    )
    drawn = render(run, RenderOptions(width=80))
    table = drawn.splitlines()[5:]
    table = table[: table.index("")]
    assert any(name in drawn for name in ODD)
    rows = [line for line in table[2:] if line.strip() and line.split()[0].isdigit()]
    assert len(rows) == 10
    assert {_columns(row, "✔◐✘⊘") for row in rows} == {table[0].index("Status")}
    assert {cell_len(row) for row in rows} == {80}
