"""The terminal report, laid out with `formats.layout`.

Plan text always goes in with control characters, escapes and bidirectional overrides
made visible (`textsafe.visible`); nothing in it is read as markup. Each status has a
symbol as well as a colour, so the report reads without colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from herstelcheck.audit import AuditRun, ItemResult, PlanReport, Status, failed_files
from herstelcheck.formats import RenderOptions, layout
from herstelcheck.formats.console import advice, draw, finding, item_heading
from herstelcheck.formats.layout import Column, Group, Indent, Marked, Rule, Table, Text
from herstelcheck.i18n import SYMBOLS, number, t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic
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
    writer = Writer(run.checklist, options)
    return writer.start() + "".join(map(writer.plan, run.reports)) + writer.end(run.errors)


class Writer:
    """The report written piece by piece while the plans are audited (see
    `reports.stream_all`): each plan's report as soon as it is audited, then, at the
    end, the summary of several plans (one small row kept per plan) and the count of
    plans that could not be read. The pieces joined are the text of `render`."""

    def __init__(self, checklist: Checklist, options: RenderOptions) -> None:
        self._options = options
        self._ascii_only = layout.ascii_only()
        self._numbers = [str(item.id) for item in checklist.items]
        self._rows: list[tuple[Text, Text, Text, Text]] = []

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        out: list[Block] = []
        if self._rows:
            out += [Text(), Rule("-" if self._ascii_only else "─")]
        out += plan_report(report, self._options.lang, self._ascii_only)
        self._rows.append(summary_row(report, self._numbers, self._options.lang, self._ascii_only))
        return draw(self._options, out)

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()) -> str:
        lang, failed = self._options.lang, failed_files(errors)
        out: list[Block] = []
        if len(self._rows) > 1:
            out += [Text(), summary_table(self._numbers, self._rows, lang, self._ascii_only)]
        if failed:
            out += [Text(), Text(t("unreadable", lang, count=len(failed)), "red")]
        if not self._rows and not failed:
            out.append(Text(t("no_plans", lang)))
        return draw(self._options, out)


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


def summary_table(
    numbers: list[str], rows: Iterable[tuple[Text, Text, Text, Text]], lang: str, ascii_only: bool
) -> Table:
    """One row per plan (`summary_row`): the municipality, the file, each item's symbol
    and the score.

    The symbols share one column under a header of the item numbers, one space apart,
    so that the file names keep most of the width and rarely wrap.
    """
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
    for row in rows:
        table.add_row(*row)
    return table


def summary_row(
    report: PlanReport, numbers: list[str], lang: str, ascii_only: bool
) -> tuple[Text, Text, Text, Text]:
    """A plan's row of the summary table, under the item numbers `numbers`."""
    symbols = _ASCII_SYMBOL if ascii_only else _SYMBOL
    marks = Text()
    for number_text, item in zip(numbers, report.items, strict=True):
        if marks:
            marks.append(" ")
        marks.append(symbols[item.status], _STYLE[item.status])
        marks.append(" " * (len(number_text) - 1))
    return (
        Text(visible(report.plan.gemeente or "")),
        Text(visible(report.file)),
        marks.rstrip(),
        Text(number(report.score, lang), score_style(report.score)),
    )
