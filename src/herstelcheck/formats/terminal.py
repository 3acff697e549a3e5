"""The terminal report, drawn with Rich.

Plan text always goes in as `rich.text.Text` with control characters, escapes and
bidirectional overrides made visible (`textsafe.visible`), never as a markup string:
Rich would otherwise act on `[bold]` or `[link=...]` in a plan. Each status has a
symbol as well as a colour, so the report reads without colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from herstelcheck.audit import AuditRun, ItemResult, PlanReport, Status, failed_files
from herstelcheck.formats import RenderOptions, written
from herstelcheck.formats.console import (
    InPieces,
    Narrowing,
    Trailed,
    advice,
    draw,
    finding,
    indented,
    item_heading,
    line_note,
    marked,
    table,
    trailed,
)
from herstelcheck.i18n import SYMBOLS, number, t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist
    from herstelcheck.errors import Diagnostic

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
    return written(Writer(run.checklist, run.today, options), run)


class Writer:
    """The report written piece by piece while the plans are audited (see
    `reports.stream_all`): each plan's report as soon as it is audited, then, at the
    end, the summary of several plans and the count of plans that could not be read.
    The pieces joined are the text of `render`.

    Of each plan only its row of the summary is kept, as plain text (`summary_row`),
    with one string for all the rows that show the same text (a gemeente, a score, a row
    of symbols): about a hundred bytes a plan, where four `Text` took two kilobytes.
    The table is built from them at the end, and drawn a few hundred lines at a time
    (`InPieces`)."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._options = options
        self._ascii_only = options.ascii_only
        self._numbers = [str(item.id) for item in checklist.items]
        self._rows: list[SummaryRow] = []
        self._shared: dict[str, str] = {}

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        out: list[RenderableType] = []
        if self._rows:
            out += [Text(), Rule(characters="-" if self._ascii_only else "─", style="dim")]
        out += plan_report(report, self._options.lang, self._ascii_only)
        gemeente, file, marks, score, style = summary_row(
            report, self._numbers, self._options.lang, self._ascii_only
        )
        share = self._shared.setdefault  # one string for each text, however many plans
        self._rows.append(
            (share(gemeente, gemeente), file, share(marks, marks), share(score, score), style)
        )
        return draw(self._options, out)

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()) -> str:
        lang, failed = self._options.lang, failed_files(errors)
        out: list[RenderableType] = []
        if len(self._rows) > 1:
            drawn = summary_table(self._numbers, self._rows, lang, self._ascii_only)
            out += [Text(), InPieces(drawn)]
        if failed:
            out += [Text(), Text(t("unreadable", lang, count=len(failed)), style="red")]
        if not self._rows and not failed:
            out.append(Text(t("no_plans", lang)))
        return draw(self._options, out)


def status_text(
    status: Status, lang: str, ascii_only: bool = False, symbol_only: bool = False
) -> Text:
    """The status's symbol and word in its colour, `◐ deels`; or the symbol alone."""
    symbol = (_ASCII_SYMBOL if ascii_only else _SYMBOL)[status]
    return Text(
        symbol if symbol_only else f"{symbol} {t(status.value, lang)}", style=_STYLE[status]
    )


def score_style(score: float) -> str:
    return "green" if score >= 80 else "yellow" if score >= 50 else "red"


def score_bar(score: float, ascii_only: bool = False) -> Text:
    filled = round(BAR_WIDTH * score / 100)
    full, empty = ("#", ".") if ascii_only else ("█", "░")
    style = score_style(score)
    bar = Text(full * filled, style=f"bold {style}")
    bar.append(empty * (BAR_WIDTH - filled), style=f"bold dim {style}")
    return bar


def plan_report(report: PlanReport, lang: str, ascii_only: bool) -> list[RenderableType]:
    plan = report.plan
    heading = Text.assemble(
        (visible(plan.gemeente or ""), "bold"), ": ", (visible(plan.titel or ""), "bold")
    )
    extra = []
    if plan.versie:
        extra.append(f"{t('version', lang)} {visible(plan.versie)}")
    if plan.vastgesteld:
        extra.append(f"{t('adopted', lang)} {visible(plan.vastgesteld.show(lang))}")
    file = Text(visible(report.file), style="dim")
    meta = trailed(file, Text(f"({', '.join(extra)})", style="dim") if extra else None)
    score = Text(f"{t('score', lang)} ", style="bold")
    score.append(number(report.score, lang), style=f"bold {score_style(report.score)}")
    score.append(" / 100", style="bold")

    parts: list[RenderableType] = [
        heading,
        meta,
        Text(),
        Trailed(score, score_bar(report.score, ascii_only)),
        Text(),
        items_table(report, lang, ascii_only),
    ]
    listed = [item for item in report.items if has_findings(item)]
    if listed:
        parts += [Text(), Text(t("findings", lang), style="bold underline")]
        parts += [findings(item, lang, ascii_only) for item in listed]
    waived = [i for i in report.items if i.waiver is not None]
    if waived:
        parts += [Text(), Text(t("waivers", lang), style="bold underline")]
        parts += [waiver_text(item, lang) for item in waived]
    parts += [Text(), closing_line(report, lang)]
    return parts


def items_table(report: PlanReport, lang: str, ascii_only: bool) -> Narrowing:
    """Each item's number, title, status and score; where the width is too small for
    the status words, the statuses are shown by their symbols alone."""

    def build(narrow: bool) -> Table:
        drawn = table(ascii_only)
        drawn.add_column("#", justify="right", no_wrap=True)
        drawn.add_column(t("item", lang), ratio=1, overflow="fold")
        drawn.add_column(t("status", lang), no_wrap=True)
        drawn.add_column(t("score", lang), justify="right", no_wrap=True)
        for item in report.items:
            drawn.add_row(
                Text(str(item.item.id)),
                Text(visible(item.item.title.get(lang))),
                status_text(item.status, lang, ascii_only, narrow),
                Text(number(item.score, lang), style=_STYLE[item.status]),
            )
        return drawn

    return Narrowing(build)


def has_findings(item: ItemResult) -> bool:
    """Whether the item is listed under the findings: it is not met (and not waived), or
    it is met and still has advice."""
    if item.status is Status.WAIVED:
        return False
    return item.status is not Status.MET or bool(item.advice)


BLOCKING_MARK = ("✘", "x")
"""A finding that keeps its item from being met (and its ASCII form)."""
ADVICE_MARK = ("○", "o")
"""A finding that does not: advice."""
EXPLAINED_MARK = ("¶", "i")
"""The item's `toelichting`, which alone makes it partial."""


def findings(item: ItemResult, lang: str, ascii_only: bool) -> RenderableType:
    """What an item lacks and what to add, indented below its heading: first what the
    plan's toelichting says of it (when only that speaks of it), then each finding that
    keeps the item from being met (`✘`, in red), then the advice (`○`, its advice
    starting with `Aanbevolen:`)."""
    status = Text.assemble(
        status_text(item.status, lang, ascii_only), (f" ({number(item.score, lang)})", "dim")
    )
    pick = 1 if ascii_only else 0
    arrow = "->" if ascii_only else "→"
    rows: list[RenderableType] = []
    if item.explained is not None:
        rows.append(
            marked(Text(EXPLAINED_MARK[pick], style="yellow"), explained_finding(item, lang))
        )
    rows += [
        marked(
            Text(BLOCKING_MARK[pick], style="red"),
            finding(result, lang),
            advice(arrow, result.advice(lang), result.key),
        )
        for result in item.blocking
    ]
    rows += [
        marked(
            Text(ADVICE_MARK[pick], style="blue"),
            finding(result, lang),
            advice(arrow, result.advice(lang), result.key, prefix=t("recommended", lang)),
        )
        for result in item.advice
    ]
    return Group(item_heading(item.item, lang, status), indented(Group(*rows)))


def explained_finding(item: ItemResult, lang: str) -> RenderableType:
    """`Het plan licht dit toe in 'termijnen', ...: 'De middellange termijn…'  (regel 52)`:
    the start of the toelichting quoted, as text, with its line."""
    explained = item.explained
    assert explained is not None
    sentence = t("explained", lang, section=explained.section, quote=explained.quote())
    return trailed(Text(visible(sentence)), line_note(explained.line, lang))


def waiver_text(item: ItemResult, lang: str) -> RenderableType:
    waiver = item.waiver
    assert waiver is not None
    lines: list[RenderableType] = [
        item_heading(item.item, lang, line_note(waiver.line, lang)),
        indented(Text(visible_block(waiver.reason))),
    ]
    if waiver.until is not None:
        key = "waiver_expired" if waiver.expired else "waiver_until"
        note = Text(
            t(key, lang, date=visible(waiver.until.text)), style="red" if waiver.expired else "dim"
        )
        lines.append(indented(note))
    return Group(*lines)


def closing_line(report: PlanReport, lang: str) -> Text:
    counts = {status.value: report.count(status) for status in Status}
    return Text(
        t("summary", lang, total=len(report.items), score=number(report.score, lang), **counts),
        style="bold",
    )


SummaryRow = tuple[str, str, str, str, str]
"""A plan's row of the summary table as plain text: the gemeente and the file (made
visible), the symbols of the items under their numbers, the score, and the style of the
score."""


def summary_table(
    numbers: list[str], rows: Iterable[SummaryRow], lang: str, ascii_only: bool
) -> Table:
    """One row per plan (`summary_row`): the municipality, the file, each item's symbol
    and the score.

    The symbols share one column under a header of the item numbers, one space apart,
    so that the file names keep most of the width and rarely wrap.
    """
    drawn = table(ascii_only, title=t("plans_summary", lang))
    drawn.add_column(t("gemeente", lang), overflow="fold")
    drawn.add_column(t("file", lang), ratio=1, overflow="fold")
    drawn.add_column(" ".join(numbers), no_wrap=True)
    drawn.add_column(t("score", lang), justify="right", no_wrap=True)
    symbols = _ASCII_SYMBOL if ascii_only else _SYMBOL
    styles = {symbol: _STYLE[status] for status, symbol in symbols.items()}
    # Rows that show the same text share one `Text` (Rich only reads the cells it draws):
    # a gemeente, a row of symbols or a score is made once, not once a plan.
    texts: dict[tuple[str, str], Text] = {}
    marks: dict[str, Text] = {}
    for gemeente, file, symbol_row, score, style in rows:
        if (gemeente, "") not in texts:
            texts[gemeente, ""] = Text(gemeente)
        if (score, style) not in texts:
            texts[score, style] = Text(score, style=style)
        if symbol_row not in marks:
            marks[symbol_row] = Text(symbol_row)
            for index, character in enumerate(symbol_row):  # a symbol is one character
                if character in styles:
                    marks[symbol_row].stylize(styles[character], index, index + 1)
        drawn.add_row(texts[gemeente, ""], Text(file), marks[symbol_row], texts[score, style])
    return drawn


def summary_row(report: PlanReport, numbers: list[str], lang: str, ascii_only: bool) -> SummaryRow:
    """A plan's row of the summary table, under the item numbers `numbers`: each item's
    symbol, followed by as many spaces as its number has digits more than one, and one
    space between two items."""
    symbols = _ASCII_SYMBOL if ascii_only else _SYMBOL
    marks = " ".join(
        symbols[item.status] + " " * (len(number_text) - 1)
        for number_text, item in zip(numbers, report.items, strict=True)
    )
    return (
        visible(report.plan.gemeente or ""),
        visible(report.file),
        marks.rstrip(),
        number(report.score, lang),
        score_style(report.score),
    )
