"""The terminal report, drawn with Rich.

Plan text always goes in as `rich.text.Text` with control characters made visible,
never as a markup string: Rich would otherwise act on `[bold]` or `[link=...]` in a
plan. Each status has a symbol as well as a colour, so the report reads without colour.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from herstelcheck.audit import AuditRun, ItemResult, PlanReport, Status
from herstelcheck.formats import RenderOptions
from herstelcheck.formats import console as drawing
from herstelcheck.i18n import SYMBOLS, number, t
from herstelcheck.textsafe import visible, visible_block

_STYLE = {
    Status.MET: "green",
    Status.PARTIAL: "yellow",
    Status.MISSING: "red",
    Status.WAIVED: "cyan",
}
_SYMBOL = {status: SYMBOLS[status.value] for status in Status}
_ASCII_SYMBOL = {Status.MET: "+", Status.PARTIAL: "~", Status.MISSING: "x", Status.WAIVED: "-"}
BAR_WIDTH = 30


def render(run: AuditRun, options: RenderOptions) -> str:
    return drawing.draw(options, lambda console: write(console, run, options.lang))


def write(console: Console, run: AuditRun, lang: str) -> None:
    """Draw the report of every plan in the run on `console`."""
    ascii_only = drawing.ascii_only(console)
    for index, report in enumerate(run.reports):
        if index:
            console.print()
            console.rule(style="dim")
        for renderable in plan_report(report, lang, ascii_only, console.width):
            console.print(renderable)
    if len(run.reports) > 1:
        console.print()
        console.print(summary_table(run, lang, ascii_only))
    if run.failed_files:
        console.print()
        console.print(Text(t("unreadable", lang, count=len(run.failed_files)), style="red"))
    if not run.reports and not run.failed_files:
        console.print(Text(t("no_plans", lang)))


def status_text(status: Status, lang: str, ascii_only: bool = False) -> Text:
    symbol = (_ASCII_SYMBOL if ascii_only else _SYMBOL)[status]
    return Text(f"{symbol} {t(status.value, lang)}", style=_STYLE[status])


def score_style(score: float) -> str:
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"


def score_bar(score: float, ascii_only: bool = False) -> Text:
    filled = round(BAR_WIDTH * score / 100)
    full, empty = ("#", ".") if ascii_only else ("█", "░")
    bar = Text(full * filled, style=score_style(score))
    bar.append(empty * (BAR_WIDTH - filled), style="dim")
    return bar


def plan_report(
    report: PlanReport, lang: str, ascii_only: bool, width: int = 80
) -> list[RenderableType]:
    plan = report.plan
    heading = Text()
    heading.append(visible(plan.gemeente or ""), style="bold")
    heading.append(": ")
    heading.append(visible(plan.titel or ""), style="bold")
    meta = Text(visible(report.file), style="dim")
    extra = []
    if plan.versie:
        extra.append(f"{t('version', lang)} {visible(plan.versie)}")
    if plan.vastgesteld:
        extra.append(f"{t('adopted', lang)} {visible(plan.vastgesteld.text)}")
    if extra:
        meta.append("  (" + ", ".join(extra) + ")", style="dim")
    score = Text(f"{t('score', lang)} ", style="bold")
    score.append(f"{number(report.score, lang)}", style=f"bold {score_style(report.score)}")
    score.append(" / 100  ")
    score.append_text(score_bar(report.score, ascii_only))

    parts: list[RenderableType] = [
        heading,
        meta,
        Text(),
        score,
        Text(),
        items_table(report, lang, ascii_only),
    ]
    unmet = [i for i in report.items if i.status in (Status.PARTIAL, Status.MISSING)]
    if unmet:
        parts += [Text(), Text(t("findings", lang), style="bold underline")]
        for item in unmet:
            parts.append(findings(item, lang, ascii_only, width))
    waived = [i for i in report.items if i.waiver is not None]
    if waived:
        parts += [Text(), Text(t("waivers", lang), style="bold underline")]
        for item in waived:
            parts.append(waiver_text(item, lang))
    parts += [Text(), closing_line(report, lang)]
    return parts


def items_table(report: PlanReport, lang: str, ascii_only: bool) -> Table:
    table = Table(box=box.ASCII if ascii_only else box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("item", lang), ratio=1)
    table.add_column(t("status", lang), no_wrap=True)
    table.add_column(t("score", lang), justify="right", no_wrap=True)
    for item in report.items:
        table.add_row(
            Text(str(item.item.id)),
            Text(visible(item.item.title.get(lang))),
            status_text(item.status, lang, ascii_only),
            Text(number(item.score, lang), style=_STYLE[item.status]),
        )
    return table


def findings(item: ItemResult, lang: str, ascii_only: bool, width: int = 80) -> RenderableType:
    """What fails in an item and what to add, indented below its heading, on a console
    `width` wide."""
    head = drawing.item_heading(item.item, lang)
    head.append("  ")
    head.append_text(status_text(item.status, lang, ascii_only))
    head.append(f" ({number(item.score, lang)})", style="dim")
    cross = "x" if ascii_only else "✘"
    arrow = "->" if ascii_only else "→"
    grid_width = max(width - 3, 2)  # the indent
    text_width = grid_width - 2  # the mark and the space after it
    grid = drawing.marked_grid(grid_width)
    for result in item.failed:
        grid.add_row(Text(cross, style="red"), drawing.finding(result, lang))
        drawing.add_advice(grid, arrow, result.advice(lang), text_width)
    return Group(head, Padding(grid, (0, 0, 0, 3)))


def waiver_text(item: ItemResult, lang: str) -> RenderableType:
    waiver = item.waiver
    assert waiver is not None
    head = drawing.item_heading(item.item, lang)
    if waiver.line is not None:
        head.append(f"  ({t('line', lang)} {waiver.line})", style="dim")
    body = Text(visible_block(waiver.reason))
    lines: list[RenderableType] = [head, Padding(body, (0, 0, 0, 3))]
    if waiver.until is not None:
        key = "waiver_expired" if waiver.expired else "waiver_until"
        note = Text(
            t(key, lang, date=visible(waiver.until.text)), style="red" if waiver.expired else "dim"
        )
        lines.append(Padding(note, (0, 0, 0, 3)))
    return Group(*lines)


def closing_line(report: PlanReport, lang: str) -> Text:
    counts = {status.value: report.count(status) for status in Status}
    return Text(
        t("summary", lang, total=len(report.items), score=number(report.score, lang), **counts),
        style="bold",
    )


def summary_table(run: AuditRun, lang: str, ascii_only: bool) -> Table:
    """One row per plan: the municipality, the file, each item's symbol and the score.

    The symbols share one column under a header of the item numbers, one space apart,
    so that the file names keep most of the width and rarely wrap.
    """
    table = Table(
        title=t("plans_summary", lang),
        box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        title_justify="left",
    )
    table.add_column(t("gemeente", lang))
    table.add_column(t("file", lang), overflow="fold")
    symbols = _ASCII_SYMBOL if ascii_only else _SYMBOL
    numbers = [str(checklist_item.id) for checklist_item in run.checklist.items]
    table.add_column(" ".join(numbers), no_wrap=True)
    table.add_column(t("score", lang), justify="right", no_wrap=True)
    for report in run.reports:
        marks = Text()
        for number_text, item in zip(numbers, report.items, strict=True):
            if marks:
                marks.append(" ")
            marks.append(symbols[item.status], style=_STYLE[item.status])
            marks.append(" " * (len(number_text) - 1))
        marks.rstrip()
        table.add_row(
            Text(visible(report.plan.gemeente or "")),
            Text(visible(report.file)),
            marks,
            Text(number(report.score, lang), style=score_style(report.score)),
        )
    return table
