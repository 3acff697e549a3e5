"""The formats of `herstelcheck diff`: two versions of a plan, item by item.

Each format module defines::

    def render(comparison: PlanComparison, options: DiffOptions) -> str

and is imported only when it is used; what they share is in `diff_common`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herstelcheck.compare import PlanComparison
    from herstelcheck.formats.diff_common import DiffOptions


class DiffFormat(str, Enum):
    """The values of `diff --format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


MODULES: dict[DiffFormat, str] = {
    DiffFormat.TERMINAL: "herstelcheck.formats.diff_terminal",
    DiffFormat.MARKDOWN: "herstelcheck.formats.diff_markdown",
    DiffFormat.JSON: "herstelcheck.formats.diff_json",
}

Renderer = Callable[["PlanComparison", "DiffOptions"], str]


def renderer(fmt: DiffFormat) -> Renderer:
    """The render function of a format (its module is imported now)."""
    render: Renderer = importlib.import_module(MODULES[fmt]).render
    return render
