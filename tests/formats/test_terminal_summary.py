"""The summary table of the terminal report when several plans are audited."""

from __future__ import annotations

import datetime as dt

from conftest import EXAMPLES
from herstelcheck import checklist as checklist_module
from herstelcheck.audit import AuditRun, audit_plan
from herstelcheck.formats import RenderOptions, terminal
from herstelcheck.formats.console import draw as draw_options
from herstelcheck.formats.terminal import render, summary_row, summary_table
from herstelcheck.plan import load_text

TODAY = dt.date(2024, 1, 1)


def run_of(*plans: tuple[str, str]) -> AuditRun:
    checklist = checklist_module.load()
    reports = []
    for name, text in plans:
        loaded, _ = load_text(text, name)
        reports.append(audit_plan(loaded, checklist, today=TODAY))
    return AuditRun(checklist, tuple(reports), (), TODAY)


def examples() -> AuditRun:
    return run_of(
        *(
            (f"examples/{name}.yaml", (EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in ("bergakker", "lindewaard", "zeeveen")
        )
    )


def draw(run: AuditRun, ascii_only: bool = False, width: int = 80) -> str:
    numbers = [str(item.id) for item in run.checklist.items]
    rows = [summary_row(report, numbers, "nl", ascii_only) for report in run.reports]
    table = summary_table(numbers, rows, "nl", ascii_only)
    return draw_options(RenderOptions(width=width), [table]).rstrip("\n")


def test_summary_of_the_examples():
    assert draw(examples()) == (
        "Overzicht\n"
        "Gemeente     Bestand                                1 2 3 4 5 6 7 8 9 10   Score\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "Bergakker    examples/bergakker.yaml                ◐ ✘ ✘ ✘ ◐ ✘ ✘ ✘ ◐ ◐      8,0\n"
        "Lindewaard   examples/lindewaard.yaml               ◐ ✔ ◐ ◐ ◐ ✘ ◐ ⊘ ◐ ◐     48,3\n"
        "Zeeveen      examples/zeeveen.yaml                  ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔    100,0"
    )


def test_summary_without_unicode():
    lines = draw(examples(), ascii_only=True).splitlines()
    assert (
        lines[2]
        == "-----------+--------------------------------------+----------------------+------"
    )
    assert lines[3] == (
        "Bergakker  | examples/bergakker.yaml              | ~ x x x ~ x x x ~ ~  |   8,0"
    )


def test_summary_is_at_the_end_of_the_report_of_several_plans():
    text = render(examples(), RenderOptions(lang="nl"))
    assert text.rstrip().endswith(
        "Zeeveen      examples/zeeveen.yaml                  ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔    100,0"
    )
    single = run_of(("a.yaml", (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")))
    assert "Overzicht" not in render(single, RenderOptions(lang="nl"))


def test_long_file_names_keep_most_of_the_width():
    name = "plannen/regio-west/gemeente-met-een-lange-naam.yaml"  # 50 characters
    text = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
    lines = draw(run_of((name, text), (name.replace("west", "oost"), text))).splitlines()
    assert max(len(line) for line in lines) <= 80
    first, rest = lines[3].split()[1], lines[4].strip()
    assert first + rest == name
    assert len(first) >= 34  # was 18 with a column per item


def test_plan_text_is_shown_literally():
    text = 'gemeente: "[bold]X\\e[31m"\ntitel: T\n'
    drawn = draw(run_of(("a.yaml", text), ("b.yaml", text)))
    assert "[bold]X␛[31m" in drawn
    assert "\x1b" not in drawn


def test_each_status_symbol_is_one_character():
    """The summary keeps a plan's symbols as one string and colours it character by
    character."""
    for symbols in (terminal._SYMBOL, terminal._ASCII_SYMBOL):
        assert all(len(symbol) == 1 for symbol in symbols.values())
        assert len(set(symbols.values())) == len(symbols)
