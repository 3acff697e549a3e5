"""`herstelcheck checklist` on a terminal, drawn with Rich.

Checklist text may come from a user's `--checklist` file, so it is data: it goes in as
`rich.text.Text` with control characters made visible, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from herstelcheck.checklist import Checklist, Item
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.checklist import (
    alternatives_text,
    sections_text,
    weight_note,
    weight_text,
    weights_differ,
)
from herstelcheck.formats.console import (
    Trailed,
    advice,
    draw,
    indented,
    item_heading,
    marked,
)
from herstelcheck.i18n import t
from herstelcheck.textsafe import visible, visible_block


def render(checklist: Checklist, items: Sequence[Item], options: RenderOptions) -> str:
    return draw(options, renderables(checklist, items, options.lang, options.ascii_only))


def renderables(
    checklist: Checklist, items: Sequence[Item], lang: str, plain: bool
) -> list[RenderableType]:
    """The heading of the checklist (for all items) and each item in full."""
    out: list[RenderableType] = []
    if len(items) != 1:
        out.append(
            Trailed(
                Text(visible(checklist.name), style="bold"),
                Text(f"({visible(checklist.version)})", style="dim"),
                gap=1,
            )
        )
        source = checklist.source.get(lang)
        if source:
            out.append(Text(f"{t('source', lang)}: {visible(source)}", style="dim"))
    show_weight = weights_differ(checklist)
    for index, item in enumerate(items):
        if index or len(items) != 1:
            out += [Text(), Rule(characters="-" if plain else "─", style="dim")]
        out.append(item_view(item, lang, plain, show_weight))
    return out


def item_view(item: Item, lang: str, plain: bool, show_weight: bool) -> RenderableType:
    """One item: title, what the checklist asks, the criteria, the example."""
    slug = Text(f"({visible(item.slug)})", style="dim")
    parts: list[RenderableType] = [item_heading(item, lang, slug)]
    if show_weight:
        parts.append(Text(t("checklist.item_weight", lang, weight=weight_text(item.weight, lang))))
    parts += [
        Text(),
        Text(t("asks", lang), style="bold underline"),
        indented(Text(visible_block(item.explanation.get(lang)))),
        Text(),
        Text(t("checklist.criteria", lang), style="bold underline"),
        indented(criteria(item, lang, plain)),
    ]
    if item.example is not None:
        text = item.example.text.get(lang) or item.example.text.nl
        parts += [
            Text(),
            Text(
                t("checklist.example", lang, gemeente=visible(item.example.gemeente)),
                style="bold underline",
            ),
            indented(Text(visible_block(text))),
        ]
    return Group(*parts)


def criteria(item: Item, lang: str, plain: bool) -> Group:
    """Each criterion with its role and weight, and under it the advice when it is not
    met; then the item's alternatives for being met and its plan sections."""
    total = sum(c.weight for c in item.criteria)
    bullet, arrow = ("*", "->") if plain else ("•", "→")
    rows: list[RenderableType] = []
    for criterion in item.criteria:
        note = weight_note(criterion, total, lang)
        title = Trailed(
            Text(visible_block(criterion.title.get(lang))), Text(f"({note})", style="dim")
        )
        rows.append(
            marked(Text(bullet), title, advice(arrow, criterion.advice.get(lang), criterion.key))
        )
    for line in (alternatives_text(item, lang, str), sections_text(item, lang, str)):
        if line is not None:
            rows.append(Text(visible(line)))
    return Group(*rows)
