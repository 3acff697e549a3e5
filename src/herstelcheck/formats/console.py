"""What the terminal views (`audit`, `checklist` and `diff`) share: how they are drawn
into a string at the width and with the colour of the render options, and the parts
they draw alike. Text from plans and checklists goes in made visible, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from herstelcheck.formats import layout
from herstelcheck.formats.layout import Marked, Text
from herstelcheck.i18n import t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from collections.abc import Sequence

    from herstelcheck.audit import CriterionResult
    from herstelcheck.checklist import Item
    from herstelcheck.formats import RenderOptions
    from herstelcheck.formats.layout import Block


def draw(options: RenderOptions, blocks: Sequence[Block]) -> str:
    """The blocks laid out at the options' width (80 by default) and colour."""
    return layout.render(blocks, options.width or 80, options.color is not None)


def item_heading(item: Item, lang: str) -> Text:
    """An item's number and title, in bold: `5. Benoem een trekker`."""
    return Text(f"{item.id}. ", "bold").append(visible(item.title.get(lang)), "bold")


def advice(arrow: str, text: str) -> Marked:
    """`→ advice`, the advice wrapping under itself; meant for the text column of a
    `Marked` row, so that it lines up under the text of the row above."""
    return Marked().add(Text(arrow, "cyan"), Text(visible_block(text)))


def finding(result: CriterionResult, lang: str) -> Text:
    """What a criterion found, with the line of the plan it is about: `...  (regel 12)`."""
    message = Text(visible_block(result.message(lang)))
    if result.line is not None:
        message.append(f"  ({t('line', lang)} {result.line})", "dim")
    return message
