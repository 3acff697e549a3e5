"""The terminal report: readable at 80 columns, without colour, with plan text literal."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist
from herstelcheck import run as runner
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.terminal import render


def _render(*paths: str, lang: str = "nl", color: bool = False, width: int = 80) -> str:
    run = runner.audit_paths(
        list(paths), checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    )
    return render(run, RenderOptions(lang=lang, color="standard" if color else None, width=width))


def test_the_parts_of_the_report() -> None:
    text = _render(str(EXAMPLES / "lindewaard.yaml"))
    assert text.startswith("Lindewaard: Herstelagenda Lindewaard 2021\n")
    assert "(vastgesteld mei 2021)" in text
    assert "Score 48,3 / 100" in text
    assert "◐ deels" in text and "✘ ontbreekt" in text and "⊘ uitgezonderd" in text
    assert "Wat ontbreekt en wat u kunt toevoegen" in text
    assert "(regel 11)" in text
    assert "→ Noem onder 'organisatie.afdelingen'" in text
    assert "Uitzonderingen" in text and "convenant Waardland" in text
    assert text.rstrip().endswith(
        "10 items: 0 voldaan, 8 deels, 1 ontbreekt, 1 uitgezonderd. Score 48,3 van 100."
    )


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


def test_colour_only_when_asked() -> None:
    assert "\x1b[" in _render(str(EXAMPLES / "lindewaard.yaml"), color=True)


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
