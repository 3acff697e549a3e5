"""What the chart shows, as plain data: a bar per item for one plan, a heat map for several.

The chart is drawn as SVG by a Jinja2 template (`templates/chart.svg.j2`), inline in the
HTML report and as a file beside the Markdown memo (`--chart`). Everything it needs to
draw is worked out here: the place and size of each bar and cell, its colour, and the
text it carries. The text is as the memo gives it, never escaped here: the template
environment escapes every value it writes.

Councils print in black and white, so colour is never the only sign: every bar carries
its score and status in words, and every cell of the heat map its status symbol and
score. The SVG has a `<title>` and a `<desc>` that say the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from herstelcheck.i18n import SYMBOLS, t
from herstelcheck.memo import ChecklistView, ItemRowView, ItemView, Plans, PlanView
from herstelcheck.textsafe import excerpt

STATUSES = ("met", "partial", "missing", "waived")

COLOURS = {"met": "#1a7f37", "partial": "#d4a72c", "missing": "#cf222e", "waived": "#8c959f"}
"""The colour of a bar of each status (a waived item has no bar: its track is dashed in
this colour)."""
TINTS = {"met": "#aceebb", "partial": "#fae17d", "missing": "#ffcecb", "waived": "#eaeef2"}
"""The colour of a cell of the heat map of each status: light, so its text stays legible."""
INK = "#1f2328"
"""The colour of text."""
TRACK_COLOUR = "#eaeef2"

WIDTH = 680
"""The width of a chart: the text width of an A4 page at 96 pixels an inch."""
ROW = 40
"""The height of an item of the bar chart: its title, then its bar."""
TRACK = 440
"""The length of a bar of score 10."""
BAR = 14
"""The thickness of a bar."""
LABEL_LENGTH = 80
"""The most characters of an item's title the chart shows (SVG text does not wrap)."""
NAME_LENGTH = 22
"""The most characters of a municipality's name the heat map shows."""
NAME_COLUMN = 170
CELL = 42
SCORE_COLUMN = 60
HEAT_ROW = 28


@dataclass(frozen=True, slots=True)
class Bar:
    item_id: int
    label: str
    """`1. Organiseer herstel ...`: the item's number and title, above the bar."""
    status: str
    """`met`, `partial`, `missing` or `waived`."""
    score: float
    """The item's score, 0-10."""
    y: float
    """The top of the item's row."""
    width: float
    """The length of the bar: its score's share of `track` (0 for a waived item)."""
    colour: str
    text: str
    """The score and status in words, beside the bar: `6,0 · deels`."""
    title: str
    """The bar's tooltip: `Item 1: deels, 6,0`."""


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class Key:
    """An entry of the legend."""

    x: float
    status: str
    colour: str
    text: str


@dataclass(frozen=True, slots=True)
class BarChart:
    id: str
    """A prefix for the ids in the SVG, unique in the report."""
    title: str
    desc: str
    width: int
    height: int
    track: int
    bar: int
    row: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    axis_y: float
    scale: str
    """What the axis counts: `score van 0 tot 10`."""
    legend: tuple[Key, ...]
    legend_y: float
    track_colour: str = TRACK_COLOUR
    ink: str = INK
    kind: str = "bars"


@dataclass(frozen=True, slots=True)
class Cell:
    x: float
    status: str
    fill: str
    text: str
    """The status symbol and score: `◐ 6,0` (the symbol alone for a waived item)."""
    title: str


@dataclass(frozen=True, slots=True)
class HeatRow:
    name: str
    y: float
    cells: tuple[Cell, ...]
    score: str


@dataclass(frozen=True, slots=True)
class Column:
    x: float
    text: str


@dataclass(frozen=True, slots=True)
class HeatMap:
    id: str
    title: str
    desc: str
    width: int
    height: int
    cell: int
    row: int
    name_column: int
    score_x: float
    columns: tuple[Column, ...]
    score_heading: str
    rows: tuple[HeatRow, ...]
    legend: tuple[Key, ...]
    legend_y: float
    ink: str = INK
    kind: str = "heatmap"


def legend(lang: str, y_colours: dict[str, str]) -> tuple[Key, ...]:
    return tuple(
        Key(index * 150.0, status, y_colours[status], f"{SYMBOLS[status]} {t(status, lang)}")
        for index, status in enumerate(STATUSES)
    )


def bar_chart(plan: PlanView, lang: str, ident: str = "chart") -> BarChart:
    """The bar chart of one plan: a bar per item, its length the item's score."""
    bars = []
    for index, item in enumerate(plan.items):
        waived = item.status == "waived"
        if waived:
            text = f"{item.status_text} ({t('chart.not_counted', lang)})"
        else:
            text = f"{item.score_text} · {item.status_text}"
        bars.append(
            Bar(
                item_id=item.id,
                label=excerpt(f"{item.id}. {item.title}", LABEL_LENGTH),
                status=item.status,
                score=item.score,
                y=index * ROW,
                width=0.0 if waived else round(TRACK * max(0.0, min(item.score, 10.0)) / 10, 2),
                colour=COLOURS[item.status],
                text=text,
                title=f"{t('item', lang)} {item.id}: {item.status_text}"
                + ("" if waived else f", {item.score_text}"),
            )
        )
    axis_y = len(bars) * ROW + 4
    described = "; ".join(
        f"{t('item', lang)} {item.id}, {item.title}: {item.status_text}"
        + ("" if item.status == "waived" else f", {item.score_text}")
        for item in plan.items
    )
    return BarChart(
        id=ident,
        title=t("chart.title", lang, plan=f"{plan.gemeente}, {plan.titel}"),
        desc=t("chart.desc", lang, items=described + "."),
        width=WIDTH,
        height=int(axis_y + 56),
        track=TRACK,
        bar=BAR,
        row=ROW,
        bars=tuple(bars),
        ticks=tuple(Tick(TRACK * n / 10, str(n)) for n in (0, 5, 10)),
        axis_y=axis_y,
        scale=t("chart.scale", lang),
        legend=legend(lang, COLOURS),
        legend_y=axis_y + 38,
    )


def heat_map(plans: Plans, checklist: ChecklistView, lang: str, ident: str = "heatmap") -> HeatMap:
    """The heat map of several plans (in full or as their rows of the comparison): a row
    per plan, a cell per item of the `checklist`, coloured by status."""
    items = checklist.items
    columns = tuple(
        Column(NAME_COLUMN + index * CELL + CELL / 2, str(item.id))
        for index, item in enumerate(items)
    )
    rows = []
    for index, plan in enumerate(plans):
        plan_items: tuple[ItemView | ItemRowView, ...] = plan.items
        cells = tuple(
            Cell(
                x=NAME_COLUMN + position * CELL,
                status=item.status,
                fill=TINTS[item.status],
                text=SYMBOLS[item.status]
                + ("" if item.status == "waived" else f" {item.score_text}"),
                title=f"{plan.gemeente}, {t('item', lang)} {item.id}: {item.status_line}",
            )
            for position, item in enumerate(plan_items)
        )
        rows.append(
            HeatRow(
                name=excerpt(plan.gemeente, NAME_LENGTH),
                y=HEAT_ROW * (index + 1),
                cells=cells,
                score=plan.score_text,
            )
        )
    bottom = HEAT_ROW * (len(rows) + 1)
    return HeatMap(
        id=ident,
        title=t("chart.heatmap_title", lang),
        desc=t("chart.heatmap_desc", lang)
        + " "
        + "; ".join(f"{plan.gemeente}: {plan.score_text}" for plan in plans),
        width=WIDTH,
        height=int(bottom + 44),
        cell=CELL,
        row=HEAT_ROW,
        name_column=NAME_COLUMN,
        score_x=NAME_COLUMN + len(items) * CELL,
        columns=columns,
        score_heading=t("score", lang),
        rows=tuple(rows),
        legend=legend(lang, TINTS),
        legend_y=bottom + 16,
    )
