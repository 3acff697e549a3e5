"""`herstelcheck checklist` on a terminal, laid out with `formats.layout`.

Checklist text may come from a user's `--checklist` file, so it is data: it goes in
with control characters made visible, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from herstelcheck.checklist import Checklist, Item
from herstelcheck.formats import RenderOptions, layout
from herstelcheck.formats.checklist import (
    share_text,
    weight_text,
    weights_differ,
)
from herstelcheck.formats.console import advice, draw, item_heading
from herstelcheck.formats.layout import Group, Indent, Marked, Rule, Text
from herstelcheck.i18n import t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from herstelcheck.formats.layout import Block


def render(checklist: Checklist, items: Sequence[Item], options: RenderOptions) -> str:
    return draw(options, blocks(checklist, items, options.lang, layout.ascii_only()))


def blocks(checklist: Checklist, items: Sequence[Item], lang: str, plain: bool) -> list[Block]:
    """The heading of the checklist (for all items) and each item in full."""
    out: list[Block] = []
    if len(items) != 1:
        heading = Text(visible(checklist.name), "bold")
        heading.append(f" ({visible(checklist.version)})", "dim")
        out.append(heading)
        source = checklist.source.get(lang)
        if source:
            out.append(Text(f"{t('source', lang)}: {visible(source)}", "dim"))
    show_weight = weights_differ(checklist)
    for index, item in enumerate(items):
        if index or len(items) != 1:
            out += [Text(), Rule("-" if plain else "─")]
        out.append(item_view(item, lang, plain, show_weight))
    return out


def item_view(item: Item, lang: str, plain: bool, show_weight: bool) -> Block:
    """One item: title, what the checklist asks, the criteria, the example."""
    head = item_heading(item, lang)
    head.append(f"  ({visible(item.slug)})", "dim")
    parts: list[Block] = [head]
    if show_weight:
        parts.append(Text(t("checklist.item_weight", lang, weight=weight_text(item.weight, lang))))
    parts += [
        Text(),
        Text(t("asks", lang), "bold underline"),
        Indent(Text(visible_block(item.explanation.get(lang)))),
        Text(),
        Text(t("checklist.criteria", lang), "bold underline"),
        Indent(criteria_grid(item, lang, plain)),
    ]
    if item.example is not None:
        text = item.example.text.get(lang) or item.example.text.nl
        parts += [
            Text(),
            Text(
                t("checklist.example", lang, gemeente=visible(item.example.gemeente)),
                "bold underline",
            ),
            Indent(Text(visible_block(text))),
        ]
    return Group(parts)


def criteria_grid(item: Item, lang: str, plain: bool) -> Marked:
    total = sum(c.weight for c in item.criteria)
    bullet, arrow = ("*", "->") if plain else ("•", "→")
    grid = Marked()
    for criterion in item.criteria:
        title = Text(visible_block(criterion.title.get(lang)))
        weight = t(
            "checklist.weight",
            lang,
            weight=weight_text(criterion.weight, lang),
            share=share_text(criterion.weight, total, lang),
        )
        title.append(f"  ({weight})", "dim")
        grid.add(Text(bullet), title)
        grid.add(Text(), advice(arrow, criterion.advice.get(lang)))
    return grid
