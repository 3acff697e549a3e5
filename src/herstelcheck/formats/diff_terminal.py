"""`herstelcheck diff` on a terminal: both versions side by side, then what changed.

Plan and checklist text goes in as `rich.text.Text` with control characters made
visible, never as markup. Each change has a symbol as well as a colour.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from herstelcheck.audit import PlanReport, Status
from herstelcheck.compare import Change, ItemChange, PlanComparison
from herstelcheck.formats.console import (
    add_advice,
    ascii_only,
    draw,
    finding,
    item_heading,
    marked_grid,
)
from herstelcheck.formats.diff_common import DiffOptions, signed, summary, waiver_note
from herstelcheck.formats.terminal import score_style
from herstelcheck.formats.terminal import status_text as _status_text
from herstelcheck.i18n import number, t
from herstelcheck.textsafe import visible, visible_block

_STYLE = {Change.BETTER: "green", Change.WORSE: "red", Change.SAME: "dim"}
_SYMBOL = {Change.BETTER: "▲", Change.WORSE: "▼", Change.SAME: "="}
_ASCII_SYMBOL = {Change.BETTER: "+", Change.WORSE: "-", Change.SAME: "="}


def render(comparison: PlanComparison, options: DiffOptions) -> str:
    return draw(options, lambda console: write(console, comparison, options.lang))


def write(console: Console, comparison: PlanComparison, lang: str) -> None:
    plain = ascii_only(console)
    arrow = "->" if plain else "→"
    for renderable in heading(comparison, lang, arrow):
        console.print(renderable)
    console.print()
    console.print(items_table(comparison, lang, plain, arrow))
    changed = [i for i in comparison.items if i.changed]
    if changed:
        console.print()
        console.print(Text(t("diff.changes", lang), style="bold underline"))
        for change in changed:
            console.print(item_changes(change, lang, plain))
    console.print()
    console.print(closing_line(comparison, lang, arrow))


def heading(comparison: PlanComparison, lang: str, arrow: str) -> list[RenderableType]:
    old, new = comparison.old, comparison.new
    title = Text(f"{t('comparison', lang)}: ", style="bold")
    title.append(visible(new.plan.gemeente or ""), style="bold")
    title.append(": ")
    title.append(visible(new.plan.titel or ""), style="bold")
    files = Text(f"{visible(old.file)} {arrow} {visible(new.file)}", style="dim")
    before, after = _label(old, lang), _label(new, lang)
    versions = before if before == after else _pair(before, after, arrow)
    if versions:
        files.append(f"  ({versions})", style="dim")
    score = Text(f"{t('score', lang)} ", style="bold")
    score.append(number(old.score, lang), style=score_style(old.score))
    score.append(f" {arrow} ")
    score.append(number(new.score, lang), style=f"bold {score_style(new.score)}")
    delta = comparison.score_change
    style = "green" if delta > 0 else "red" if delta < 0 else "dim"
    score.append(f"  ({signed(delta, lang)})", style=style)
    parts: list[RenderableType] = [title, files, Text(), score]
    if (old.plan.gemeente or "") != (new.plan.gemeente or ""):
        other = Text(f"{t('gemeente', lang)}: ", style="yellow")
        other.append(_pair(old.plan.gemeente or "", new.plan.gemeente or "", arrow), style="yellow")
        parts.insert(2, other)
    return parts


def _label(report: PlanReport, lang: str) -> str:
    plan = report.plan
    if plan.versie:
        return f"{t('version', lang)} {visible(plan.versie)}"
    if plan.vastgesteld:
        return f"{t('adopted', lang)} {visible(plan.vastgesteld.text)}"
    return ""


def _pair(before: str, after: str, arrow: str) -> str:
    if not before and not after:
        return ""
    return f"{visible(before) or '-'} {arrow} {visible(after) or '-'}"


def items_table(comparison: PlanComparison, lang: str, plain: bool, arrow: str) -> Table:
    table = Table(box=box.ASCII if plain else box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("item", lang), ratio=1)
    table.add_column(t("diff.before", lang), no_wrap=True)
    table.add_column(t("diff.after", lang), no_wrap=True)
    table.add_column(t("score", lang), justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    symbols = _ASCII_SYMBOL if plain else _SYMBOL
    for change in comparison.items:
        before, after = change.before, change.after
        if change.score_change:
            score = Text(f"{number(before.score, lang)} {arrow} {number(after.score, lang)}")
        else:
            score = Text(number(after.score, lang), style="dim")
        table.add_row(
            Text(str(change.item.id)),
            Text(visible(change.item.title.get(lang))),
            status_text(before.status, lang, plain),
            status_text(after.status, lang, plain),
            score,
            Text(symbols[change.change], style=_STYLE[change.change]),
        )
    return table


def item_changes(change: ItemChange, lang: str, plain: bool) -> RenderableType:
    head = item_heading(change.item, lang)
    head.append(f"  {t(f'diff.{change.change.value}', lang)}", style=_STYLE[change.change])
    tick, cross, arrow = ("+", "x", "->") if plain else ("✔", "✘", "→")
    grid = marked_grid()
    for result in change.newly_failed:
        grid.add_row(Text(cross, style="red"), finding(result, lang))
        add_advice(grid, arrow, result.advice(lang))
    for result in change.newly_met:
        grid.add_row(Text(tick, style="green"), finding(result, lang))
    parts: list[RenderableType] = [head]
    note = waiver_note(change, lang)
    if note is not None:
        style = "cyan" if change.now_waived else "yellow"
        parts.append(Padding(Text(visible_block(note), style=style), (0, 0, 0, 3)))
    if change.newly_failed or change.newly_met:
        parts.append(Padding(grid, (0, 0, 0, 3)))
    return Group(*parts)


def status_text(status: Status, lang: str, plain: bool) -> Text:
    text = _status_text(status, lang, plain)
    ((words, style),) = text.pieces
    return Text(words, style=style)


def closing_line(comparison: PlanComparison, lang: str, arrow: str) -> Text:
    return Text(summary(comparison, lang, arrow), style="bold")
