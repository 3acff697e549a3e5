"""`herstelcheck checklist` on a terminal, drawn with Rich.

Checklist text may come from a user's `--checklist` file, so it is data: it goes in as
`rich.text.Text` with control characters made visible, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from herstelcheck.checklist import Checklist, Item
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.checklist import (
    share_text,
    weight_text,
    weights_differ,
)
from herstelcheck.formats.console import add_advice, ascii_only, draw, item_heading, marked_grid
from herstelcheck.i18n import t
from herstelcheck.textsafe import visible, visible_block


def render(checklist: Checklist, items: Sequence[Item], options: RenderOptions) -> str:
    return draw(options, lambda console: write(console, checklist, items, options.lang))


def write(console: Console, checklist: Checklist, items: Sequence[Item], lang: str) -> None:
    """Draw the heading of the checklist (for all items) and each item in full."""
    plain = ascii_only(console)
    if len(items) != 1:
        heading = Text(visible(checklist.name), style="bold")
        heading.append(f" ({visible(checklist.version)})", style="dim")
        console.print(heading)
        source = checklist.source.get(lang)
        if source:
            console.print(Text(f"{t('source', lang)}: {visible(source)}", style="dim"))
    show_weight = weights_differ(checklist)
    for index, item in enumerate(items):
        if index or len(items) != 1:
            console.print()
            console.rule(style="dim", characters="-" if plain else "─")
        console.print(item_view(item, lang, plain, show_weight))


def item_view(item: Item, lang: str, plain: bool, show_weight: bool) -> RenderableType:
    """One item: title, what the checklist asks, the criteria, the example."""
    head = item_heading(item, lang)
    head.append(f"  ({visible(item.slug)})", style="dim")
    parts: list[RenderableType] = [head]
    if show_weight:
        parts.append(Text(t("checklist.item_weight", lang, weight=weight_text(item.weight, lang))))
    parts += [
        Text(),
        Text(t("asks", lang), style="bold underline"),
        _indented(Text(visible_block(item.explanation.get(lang)))),
        Text(),
        Text(t("checklist.criteria", lang), style="bold underline"),
        _indented(criteria_grid(item, lang, plain)),
    ]
    if item.example is not None:
        text = item.example.text.get(lang) or item.example.text.nl
        parts += [
            Text(),
            Text(
                t("checklist.example", lang, gemeente=visible(item.example.gemeente)),
                style="bold underline",
            ),
            _indented(Text(visible_block(text))),
        ]
    return Group(*parts)


def criteria_grid(item: Item, lang: str, plain: bool) -> Table:
    total = sum(c.weight for c in item.criteria)
    bullet, arrow = ("*", "->") if plain else ("•", "→")
    grid = marked_grid()
    for criterion in item.criteria:
        title = Text(visible_block(criterion.title.get(lang)))
        weight = t(
            "checklist.weight",
            lang,
            weight=weight_text(criterion.weight, lang),
            share=share_text(criterion.weight, total, lang),
        )
        title.append(f"  ({weight})", style="dim")
        grid.add_row(Text(bullet), title)
        add_advice(grid, arrow, criterion.advice.get(lang))
    return grid


def _indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, 3))
