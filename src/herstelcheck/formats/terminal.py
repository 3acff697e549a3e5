"""The terminal report, laid out with `formats.layout`.

Plan text always goes in with control characters, escapes and bidirectional overrides
made visible (`textsafe.visible`); nothing in it is read as markup. Each status has a
symbol as well as a colour, so the report reads without colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from herstelcheck.audit import AuditRun, ItemResult, PlanReport, Status
from herstelcheck.formats import RenderOptions, layout
from herstelcheck.formats.console import advice, draw, finding, item_heading
from herstelcheck.formats.layout import Column, Group, Indent, Marked, Rule, Table, Text
from herstelcheck.i18n import SYMBOLS, number, t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from herstelcheck.formats.layout import Block

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
    return draw(options, blocks(run, options.lang, layout.ascii_only()))


def blocks(run: AuditRun, lang: str, ascii_only: bool = False) -> list[Block]:
    """The report of every plan in the run, then the summary of several plans."""
    out: list[Block] = []
    for index, report in enumerate(run.reports):
        if index:
            out += [Text(), Rule("-" if ascii_only else "─")]
        out += plan_report(report, lang, ascii_only)
    if len(run.reports) > 1:
        out += [Text(), summary_table(run, lang, ascii_only)]
    if run.failed_files:
        out += [Text(), Text(t("unreadable", lang, count=len(run.failed_files)), "red")]
    if not run.reports and not run.failed_files:
        out.append(Text(t("no_plans", lang)))
    return out


def status_text(status: Status, lang: str, ascii_only: bool = False) -> Text:
    symbol = (_ASCII_SYMBOL if ascii_only else _SYMBOL)[status]
    return Text(f"{symbol} {t(status.value, lang)}", _STYLE[status])


def score_style(score: float) -> str:
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"


def score_bar(score: float, ascii_only: bool = False) -> Text:
    filled = round(BAR_WIDTH * score / 100)
    full, empty = ("#", ".") if ascii_only else ("█", "░")
    style = score_style(score)
    bar = Text(full * filled, f"bold {style}")
    return bar.append(empty * (BAR_WIDTH - filled), f"bold dim {style}")


def plan_report(report: PlanReport, lang: str, ascii_only: bool) -> list[Block]:
    plan = report.plan
    heading = Text(visible(plan.gemeente or ""), "bold")
    heading.append(": ").append(visible(plan.titel or ""), "bold")
    meta = Text(visible(report.file), "dim")
    extra = []
    if plan.versie:
        extra.append(f"{t('version', lang)} {visible(plan.versie)}")
    if plan.vastgesteld:
        extra.append(f"{t('adopted', lang)} {visible(plan.vastgesteld.text)}")
    if extra:
        meta.append("  (" + ", ".join(extra) + ")", "dim")
    score = Text(f"{t('score', lang)} ", "bold")
    score.append(number(report.score, lang), f"bold {score_style(report.score)}")
    score.append(" / 100  ", "bold")
    score.append_text(score_bar(report.score, ascii_only))

    parts: list[Block] = [
        heading,
        meta,
        Text(),
        score,
        Text(),
        items_table(report, lang, ascii_only),
    ]
    unmet = [i for i in report.items if i.status in (Status.PARTIAL, Status.MISSING)]
    if unmet:
        parts += [Text(), Text(t("findings", lang), "bold underline")]
        parts += [findings(item, lang, ascii_only) for item in unmet]
    waived = [i for i in report.items if i.waiver is not None]
    if waived:
        parts += [Text(), Text(t("waivers", lang), "bold underline")]
        parts += [waiver_text(item, lang) for item in waived]
    parts += [Text(), closing_line(report, lang)]
    return parts


def items_table(report: PlanReport, lang: str, ascii_only: bool) -> Table:
    table = Table(
        [
            Column("#", justify="right", no_wrap=True),
            Column(t("item", lang), flexible=True),
            Column(t("status", lang), no_wrap=True),
            Column(t("score", lang), justify="right", no_wrap=True),
        ],
        ascii_only=ascii_only,
    )
    for item in report.items:
        table.add_row(
            Text(str(item.item.id)),
            Text(visible(item.item.title.get(lang))),
            status_text(item.status, lang, ascii_only),
            Text(number(item.score, lang), _STYLE[item.status]),
        )
    return table


def findings(item: ItemResult, lang: str, ascii_only: bool) -> Block:
    """What fails in an item and what to add, indented below its heading."""
    head = item_heading(item.item, lang).append("  ")
    head.append_text(status_text(item.status, lang, ascii_only))
    head.append(f" ({number(item.score, lang)})", "dim")
    cross = "x" if ascii_only else "✘"
    arrow = "->" if ascii_only else "→"
    grid = Marked()
    for result in item.failed:
        grid.add(Text(cross, "red"), finding(result, lang))
        grid.add(Text(), advice(arrow, result.advice(lang)))
    return Group([head, Indent(grid)])


def waiver_text(item: ItemResult, lang: str) -> Block:
    waiver = item.waiver
    assert waiver is not None
    head = item_heading(item.item, lang)
    if waiver.line is not None:
        head.append(f"  ({t('line', lang)} {waiver.line})", "dim")
    lines: list[Block] = [head, Indent(Text(visible_block(waiver.reason)))]
    if waiver.until is not None:
        key = "waiver_expired" if waiver.expired else "waiver_until"
        note = Text(
            t(key, lang, date=visible(waiver.until.text)), "red" if waiver.expired else "dim"
        )
        lines.append(Indent(note))
    return Group(lines)


def closing_line(report: PlanReport, lang: str) -> Text:
    counts = {status.value: report.count(status) for status in Status}
    return Text(
        t("summary", lang, total=len(report.items), score=number(report.score, lang), **counts),
        "bold",
    )


def summary_table(run: AuditRun, lang: str, ascii_only: bool) -> Table:
    """One row per plan: the municipality, the file, each item's symbol and the score.

    The symbols share one column under a header of the item numbers, one space apart,
    so that the file names keep most of the width and rarely wrap.
    """
    numbers = [str(checklist_item.id) for checklist_item in run.checklist.items]
    table = Table(
        [
            Column(t("gemeente", lang)),
            Column(t("file", lang)),
            Column(" ".join(numbers), no_wrap=True),
            Column(t("score", lang), justify="right", no_wrap=True),
        ],
        title=t("plans_summary", lang),
        ascii_only=ascii_only,
    )
    symbols = _ASCII_SYMBOL if ascii_only else _SYMBOL
    for report in run.reports:
        marks = Text()
        for number_text, item in zip(numbers, report.items, strict=True):
            if marks:
                marks.append(" ")
            marks.append(symbols[item.status], _STYLE[item.status])
            marks.append(" " * (len(number_text) - 1))
        table.add_row(
            Text(visible(report.plan.gemeente or "")),
            Text(visible(report.file)),
            marks.rstrip(),
            Text(number(report.score, lang), score_style(report.score)),
        )
    return table
