"""What the terminal formats (`audit`, `checklist` and `diff`) share: the one Rich
console, which draws into a string at the width and with the colour of the render
options, and the parts they draw alike."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from herstelcheck.formats import RenderOptions
from herstelcheck.i18n import t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from herstelcheck.audit import CriterionResult
    from herstelcheck.checklist import Item


def draw(options: RenderOptions, paint: Callable[[Console], None]) -> str:
    """Run `paint` on a console of the options' width and colour; return what it drew.

    Markup and emoji codes are off: text goes in as `rich.text.Text` only.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width or 80,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    paint(console)
    text = buffer.getvalue()
    if not options.color:  # Rich pads lines to the full width
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text


def ascii_only(console: Console) -> bool:
    """Whether the console's encoding lacks the symbols ✔ ✘ → (draw ASCII instead)."""
    return not (console.encoding or "").lower().startswith("utf")


def item_heading(item: Item, lang: str) -> Text:
    """An item's number and title, in bold: `5. Benoem een trekker`."""
    heading = Text()  # bold spans, so that what is appended keeps its own style
    heading.append(f"{item.id}. ", style="bold")
    heading.append(visible(item.title.get(lang)), style="bold")
    return heading


def marked_grid(width: int | None = None, mark: int = 1) -> Table:
    """Two columns: a mark (✘, →, •) and beside it a text that wraps under itself.

    With `width` (of the whole grid) the columns get fixed widths, the ones Rich would
    choose: measuring nested tables is the slowest part of a long report.
    """
    grid = Table.grid(padding=(0, 1))
    if width is None:
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
    else:
        grid.add_column(no_wrap=True, width=mark)
        grid.add_column(width=max(width - mark - 1, 1))
    return grid


def add_advice(grid: Table, arrow: str, advice: str, width: int | None = None) -> None:
    """A row of `grid` with `→ advice`, lined up under the text of the row above
    (`width`: that of the text column above, for fixed column widths)."""
    row = marked_grid(width, mark=len(arrow))
    row.add_row(Text(arrow, style="cyan"), Text(visible_block(advice)))
    grid.add_row(Text(""), row)


def finding(result: CriterionResult, lang: str) -> Text:
    """What a criterion found, with the line of the plan it is about: `...  (regel 12)`."""
    message = Text(visible_block(result.message(lang)))
    if result.line is not None:
        message.append(f"  ({t('line', lang)} {result.line})", style="dim")
    return message
