"""What a document is read into: blocks of text with their place (formats with headings)
or pages of lines (PDF), and the limits every reader keeps.

The readers (`pdf`, `office`, `markup`) build these; `documents` picks the reader, and
`passages` splits what they read into passages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from herstelcheck.errors import Diagnostic, HerstelcheckError

MAX_PAGES = 1000
"""A PDF with more pages is refused: recovery plans have 20 to 60."""
MAX_CHARS = 10_000_000
"""The most characters of text a document may hold once read."""

Kind = Literal["pdf", "docx", "odt", "html", "markdown", "text"]
BlockKind = Literal["heading", "paragraph", "item", "cell"]


class DocumentError(HerstelcheckError):
    """A document that could not be read, with the reason in one message."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__([Diagnostic(file, 0, 0, "error", message)])


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, paragraph, list item or table cell of a document with headings."""

    text: str
    kind: BlockKind
    level: int = 0
    """The level of a heading (1 at the top); 0 for other blocks."""
    row: tuple[int, int] | None = None
    """(table, row) of a table cell, counted from 0 in the document."""
    skip: bool = False
    """Part of a table of contents or another block that is no evidence."""


@dataclass(frozen=True, slots=True)
class Line:
    """A line of text on a PDF page, in reading order, with its box (points from the top
    left of the page)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    column: int = 0
    """The column the line stands in (0 for the first, or for a line across columns)."""
    size: float = 0.0
    """The font size of its first character, in points (0 where unknown)."""

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Page:
    """A PDF page: its number (from 1), size and lines in reading order."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read: its blocks (formats with headings) or its pages (PDF)."""

    file: str
    """The file as the user named it (`<stdin>` for standard input)."""
    kind: Kind
    title: str | None = None
    """The title in the document's properties, if it has one."""
    blocks: tuple[Block, ...] = ()
    pages: tuple[Page, ...] = ()
    page_count: int | None = None
    """The number of pages of a PDF; None for formats without pages."""
    notes: tuple[str, ...] = ()
    """What the reader could not read of a document it did read (pages that are
    images, say), for warnings."""
