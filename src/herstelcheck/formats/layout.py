"""A small layout engine for the terminal views: styled text, wrapping, tables.

Everything is measured in terminal cells: a wide (East Asian W/F) character takes two
cells, a combining mark or an invisible format character none, anything else one.
A view is a list of blocks (`Text`, `Table`, `Marked`, `Indent`, `Rule`, `Group`);
`render` lays them out at a width and turns them into a string, with ANSI SGR codes only
when colour is on. Lines never end in spaces.

Nothing here acts on the text it is given: no markup, no emoji codes. The callers make
plan text visible (`textsafe.visible`) before it gets here.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from typing import Protocol

_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}
"""The style words and their SGR parameters."""

_WIDTHS: dict[str, int] = {}
"""The cell width of each non-ASCII character seen so far."""


def char_width(char: str) -> int:
    """The cells one character takes in a terminal: 0, 1 or 2."""
    if char < "\u0300":  # ASCII, Latin-1 and Latin Extended: one cell, but a soft hyphen
        return 0 if char == "\u00ad" else 1
    width = _WIDTHS.get(char)
    if width is None:
        import unicodedata  # only once a character beyond Latin appears

        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            width = 0
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            width = 2
        else:
            width = 1
        _WIDTHS[char] = width
    return width


def cell_width(text: str) -> int:
    """The cells `text` (one line) takes in a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def chop(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` cells (a wide character wider than the
    width gets a piece of its own)."""
    pieces: list[str] = []
    start = used = 0
    for index, char in enumerate(text):
        cells = char_width(char)
        if used + cells > width and index > start:
            pieces.append(text[start:index])
            start, used = index, 0
        used += cells
    pieces.append(text[start:])
    return pieces


def _words(text: str) -> Iterable[tuple[int, str]]:
    """Each word with the spaces after it (the first also with those before it), and
    where it starts."""
    import re  # loaded already (textsafe); the pattern is compiled once, when first used

    for match in re.finditer(r"\s*\S+\s*", text):
        yield match.start(), match.group()


def breaks(text: str, width: int) -> list[int]:
    """Where to break one line of text so that each piece fits `width` cells: between
    words where possible; a word longer than the width is folded over several lines."""
    width = max(width, 1)
    if cell_width(text) <= width:
        return []
    positions: list[int] = []
    used = 0
    for start, word in _words(text):
        length = cell_width(word.rstrip())
        if width - used >= length:
            used += cell_width(word)
        elif length > width:
            pieces = chop(word, width)
            for piece in pieces[:-1]:
                if start:
                    positions.append(start)
                start += len(piece)
            if start:
                positions.append(start)
            used = cell_width(pieces[-1])
        elif used and start:
            positions.append(start)
            used = cell_width(word)
    return positions


class Text:
    """Text in pieces, each with a style such as "bold", "dim red" or "" (none)."""

    __slots__ = ("pieces",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.pieces: list[tuple[str, str]] = [(text, style)] if text else []

    def __repr__(self) -> str:
        return f"Text({self.pieces!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and other.pieces == self.pieces

    __hash__ = None  # type: ignore[assignment]

    def append(self, text: str, style: str = "") -> Text:
        if text:
            self.pieces.append((text, style))
        return self

    def append_text(self, other: Text) -> Text:
        self.pieces.extend(other.pieces)
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def __bool__(self) -> bool:
        return bool(self.pieces)

    def copy(self) -> Text:
        text = Text()
        text.pieces = list(self.pieces)
        return text

    def rstrip(self) -> Text:
        """Drop the spaces at the end (in place)."""
        while self.pieces:
            text, style = self.pieces[-1]
            stripped = text.rstrip()
            if stripped:
                self.pieces[-1] = (stripped, style)
                break
            self.pieces.pop()
        return self

    def divide(self, offsets: Sequence[int]) -> list[Text]:
        """The text cut at the character offsets (ascending) into len(offsets)+1 parts."""
        parts = [Text()]
        bounds = [*offsets, -1]
        bound = bounds[0]
        next_bound = 1
        position = 0
        for text, style in self.pieces:
            while bound >= 0 and position + len(text) > bound:
                cut = bound - position
                parts[-1].append(text[:cut], style)
                parts.append(Text())
                text, position = text[cut:], bound
                bound = bounds[next_bound]
                next_bound += 1
            parts[-1].append(text, style)
            position += len(text)
        while len(parts) < len(offsets) + 1:
            parts.append(Text())
        return parts

    def split_lines(self) -> list[Text]:
        """One Text per line of the text (at its line breaks)."""
        plain = self.plain
        if "\n" not in plain:
            return [self]
        offsets = [index for index, char in enumerate(plain) if char == "\n"]
        lines = self.divide(offsets)
        for line in lines[1:]:  # each but the first starts with the line break
            line.pieces = _drop_first_char(line.pieces)
        return lines

    def wrap(self, width: int) -> list[Text]:
        """The lines of the text, wrapped at `width` cells, without trailing spaces."""
        lines: list[Text] = []
        for line in self.split_lines():
            lines += (part.rstrip() for part in line.divide(breaks(line.plain, width)))
        return lines

    def crop(self, width: int) -> Text:
        """The text cut to `width` cells, with `…` at the end when it was longer."""
        if cell_width(self.plain) <= width:
            return self
        cropped, room = Text(), width - 1  # a cell for the ellipsis
        for text, style in self.pieces:
            for index, char in enumerate(text):
                room -= char_width(char)
                if room < 0:
                    return cropped.append(text[:index], style).append("…", style)
            cropped.append(text, style)
        return cropped  # not reached: the text is wider than `width`

    @property
    def width(self) -> int:
        """The cells of its widest line."""
        return max((cell_width(line) for line in self.plain.split("\n")), default=0)

    def lines(self, width: int) -> list[Text]:
        return self.wrap(width)


def _drop_first_char(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    for index, (text, style) in enumerate(pieces):
        if text:
            rest = text[1:]
            return ([(rest, style)] if rest else []) + pieces[index + 1 :]
    return pieces


if TYPE_CHECKING:

    class Block(Protocol):
        """Anything that can be laid out as lines of a given width."""

        def lines(self, width: int) -> list[Text]: ...


# Plain classes with slots rather than dataclasses: they cost nothing to define, which
# counts at start-up.


class Group:
    """Blocks one below the other."""

    __slots__ = ("blocks",)

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks

    def lines(self, width: int) -> list[Text]:
        return [line for block in self.blocks for line in block.lines(width)]


class Indent:
    """A block moved `by` cells to the right."""

    __slots__ = ("block", "by")

    def __init__(self, block: Block, by: int = 3) -> None:
        self.block, self.by = block, by

    def lines(self, width: int) -> list[Text]:
        pad = " " * self.by
        return [
            Text(pad).append_text(line) if line else line
            for line in self.block.lines(max(width - self.by, 1))
        ]


class Rule:
    """A line across the whole width."""

    __slots__ = ("char", "style")

    def __init__(self, char: str = "─", style: str = "dim") -> None:
        self.char, self.style = char, style

    def lines(self, width: int) -> list[Text]:
        return [Text(self.char * max(width, 1), self.style)]


class Marked:
    """Rows of a mark (✘, →, •) and beside it a block that wraps under itself.

    The marks share a column as wide as the widest mark, one space from the text.
    """

    __slots__ = ("rows",)

    def __init__(self) -> None:
        self.rows: list[tuple[Text, Block]] = []

    def add(self, mark: Text, body: Block) -> Marked:
        self.rows.append((mark, body))
        return self

    def lines(self, width: int) -> list[Text]:
        mark_width = max((mark.width for mark, _ in self.rows), default=0)
        body_width = max(width - mark_width - 1, 1)
        out: list[Text] = []
        blank = " " * (mark_width + 1)
        for mark, body in self.rows:
            for index, line in enumerate(body.lines(body_width)):
                if index == 0 and mark:
                    gap = " " * (mark_width - mark.width + 1)
                    head = mark.copy().append(gap)
                else:
                    head = Text(blank)
                out.append(head.append_text(line).rstrip())
        return out


class Column:
    """A table column: its header, how its cells line up (left or right), whether they
    may wrap, and whether it is `flexible`: as wide as its text, up to the width the other
    columns leave (its cells wrap at that width)."""

    __slots__ = ("flexible", "header", "justify", "no_wrap")

    def __init__(
        self,
        header: str = "",
        justify: Literal["left", "right"] = "left",
        no_wrap: bool = False,
        flexible: bool = False,
    ) -> None:
        self.header, self.justify, self.no_wrap, self.flexible = header, justify, no_wrap, flexible


class Table:
    """Columns of cells under a header row and a rule, optionally under a title.

    Columns are three cells apart (` | ` in ASCII, with `+` where the rule crosses).
    """

    __slots__ = ("ascii_only", "columns", "rows", "title")

    def __init__(self, columns: list[Column], title: str = "", ascii_only: bool = False) -> None:
        self.columns, self.title, self.ascii_only = columns, title, ascii_only
        self.rows: list[list[Text]] = []

    def add_row(self, *cells: Text) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(list(cells))

    def widths(self, width: int) -> list[int]:
        """The width of each column when the table is `width` cells wide at most."""
        columns = self.columns
        gaps = 3 * (len(columns) - 1)
        cells = [[Text(c.header)] + [row[i] for row in self.rows] for i, c in enumerate(columns)]
        widths = [max(max(cell.width for cell in column), 1) for column in cells]
        available = max(width - gaps, len(columns))
        flexible = [i for i, column in enumerate(columns) if column.flexible]
        if flexible:
            fixed = sum(w for i, w in enumerate(widths) if i not in flexible)
            for i in flexible:
                widths[i] = max(min(widths[i], (available - fixed) // len(flexible)), 1)
        wrapable = [not column.no_wrap for column in columns]
        while sum(widths) > available and any(wrapable):
            # Narrow the widest columns that wrap, at most to the next widest.
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(
                (w for w, ok in zip(widths, wrapable, strict=True) if ok and w != widest), default=0
            )
            targets = [i for i, w in enumerate(widths) if wrapable[i] and w == widest]
            excess = sum(widths) - available
            cut = min(widest - max(second, 1), -(-excess // len(targets)))
            if cut <= 0:
                break
            for i in targets:
                widths[i] -= cut
        while sum(widths) > available and max(widths) > 1:  # last resort: all of them
            widths[widths.index(max(widths))] -= 1
        return widths

    def lines(self, width: int) -> list[Text]:
        widths = self.widths(width)
        gap = " | " if self.ascii_only else "   "
        out: list[Text] = []
        if self.title:
            out += Text(self.title, "italic").wrap(width)
        header = [Text(column.header, "bold") for column in self.columns]
        out += self._row_lines(header, widths, gap)
        line, cross = ("-", "+") if self.ascii_only else ("─", "─")
        last = len(widths) - 1
        parts = [line * (w + (i > 0) + (i < last)) for i, w in enumerate(widths)]
        out.append(Text(cross.join(parts)))
        for row in self.rows:
            out += self._row_lines(row, widths, gap)
        return out

    def _row_lines(self, row: list[Text], widths: list[int], gap: str) -> list[Text]:
        cells: list[list[Text]] = []
        for cell, column, width in zip(row, self.columns, widths, strict=True):
            if column.no_wrap:
                cells.append([line.crop(width) for line in cell.split_lines()])
            else:
                cells.append(cell.wrap(width))
        height = max(len(lines) for lines in cells)
        out = []
        for index in range(height):
            line = Text()
            for number, (lines, column, width) in enumerate(
                zip(cells, self.columns, widths, strict=True)
            ):
                if number:
                    line.append(gap)
                cell = lines[index] if index < len(lines) else Text()
                pad = " " * (width - cell_width(cell.plain))
                if column.justify == "right":
                    line.append(pad).append_text(cell)
                else:
                    line.append_text(cell).append(pad)
            out.append(line.rstrip())
        return out


def render(blocks: Sequence[Block], width: int, color: bool) -> str:
    """The blocks laid out at `width` cells, one below the other, as a string ending in
    a line break (ANSI SGR codes for the styles when `color`)."""
    out: list[str] = []
    for block in blocks:
        for line in block.lines(width):
            out.append(_paint(line.rstrip()) if color else line.plain.rstrip())
    return "".join(line + "\n" for line in out)


def _paint(line: Text) -> str:
    pieces: list[tuple[str, str]] = []
    for text, style in line.pieces:  # join pieces of one style: fewer codes
        if pieces and pieces[-1][1] == style:
            pieces[-1] = (pieces[-1][0] + text, style)
        else:
            pieces.append((text, style))
    parts = []
    for text, style in pieces:
        codes = ";".join(_SGR[word] for word in style.split() if word in _SGR)
        parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
    return "".join(parts)


def ascii_only(stream: TextIO | None = None) -> bool:
    """Whether `stream` (standard output) cannot take symbols such as ✔ ✘ → and box
    lines: its encoding is not a UTF one. A stream without an encoding (a buffer) can."""
    stream = stream if stream is not None else sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return not encoding.lower().replace("_", "-").startswith("utf")
