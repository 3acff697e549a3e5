"""Output formats: one module per format, each with one function.

Every format module defines::

    def render(run: AuditRun, options: RenderOptions) -> str

and is imported only when it is used, so a run pays for the format it asks for alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herstelcheck.audit import AuditRun


class OutputFormat(str, Enum):
    """The values of `--format`."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"


FORMAT_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TERMINAL: "herstelcheck.formats.terminal",
    OutputFormat.MARKDOWN: "herstelcheck.formats.markdown",
    OutputFormat.JSON: "herstelcheck.formats.json",
    OutputFormat.SARIF: "herstelcheck.formats.sarif",
    OutputFormat.JUNIT: "herstelcheck.formats.junit",
    OutputFormat.GITHUB: "herstelcheck.formats.github",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render a report."""

    lang: str = "nl"
    """Language of the report: nl or en."""
    color: str | None = None
    """The Rich colour system to draw with (`standard`, `256`, `truecolor`), or None for
    no colour (terminal views only)."""
    width: int | None = None
    """Width in columns for the terminal views; None: 80."""
    ascii_only: bool = False
    """Draw symbols, bars and boxes in ASCII (the output's encoding lacks ✔ and ─)."""
    template: str | None = None
    """A template file of the user's (markdown format only)."""


Renderer = Callable[["AuditRun", RenderOptions], str]


def renderer(fmt: OutputFormat) -> Renderer:
    """The render function of a format (its module is imported now)."""
    module = importlib.import_module(FORMAT_MODULES[fmt])
    render: Renderer = module.render
    return render
