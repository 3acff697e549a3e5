"""The one Rich console of the terminal formats (`audit`, `checklist` and `diff`): it
draws into a string at the width and with the colour of the render options."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from herstelcheck.formats import RenderOptions


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
