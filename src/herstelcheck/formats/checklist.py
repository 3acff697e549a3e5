"""The formats of `herstelcheck checklist`: the items with their criteria and guidance.

Each format module defines::

    def render(checklist: Checklist, items: Sequence[Item], options: RenderOptions) -> str

and is imported only when it is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist, Item
    from herstelcheck.formats import RenderOptions


class ChecklistFormat(str, Enum):
    """The values of `checklist --format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"


MODULES: dict[ChecklistFormat, str] = {
    ChecklistFormat.TERMINAL: "herstelcheck.formats.checklist_terminal",
    ChecklistFormat.MARKDOWN: "herstelcheck.formats.checklist_markdown",
}

Renderer = Callable[["Checklist", "Sequence[Item]", "RenderOptions"], str]


def renderer(fmt: ChecklistFormat) -> Renderer:
    """The render function of a format (its module is imported now)."""
    render: Renderer = importlib.import_module(MODULES[fmt]).render
    return render


def weight_text(weight: float, lang: str) -> str:
    """A weight as people write it: 1, 1,5 (Dutch) or 1.5."""
    from herstelcheck.i18n import decimal

    return decimal(f"{weight:g}", lang)


def share_text(weight: float, total: float, lang: str) -> str:
    """A criterion's share of its item, as a percentage."""
    share = 100 * weight / total if total > 0 else 0
    return f"{share:.0f}%"


def weights_differ(checklist: Checklist) -> bool:
    return len({item.weight for item in checklist.items}) > 1
