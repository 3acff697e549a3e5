"""What the terminal views (`audit`, `checklist` and `diff`) share: how they are drawn
with Rich into a string at the width and with the colour of the render options, and
the parts they draw alike.

Text from plans and checklists always goes in as `rich.text.Text`, made visible first
(`textsafe.visible`), never as a markup string: `[bold red]` or `:smile:` in a plan is
shown as it is written.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from herstelcheck.i18n import t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from rich.console import ConsoleOptions, RenderResult

    from herstelcheck.audit import CriterionResult
    from herstelcheck.checklist import Item
    from herstelcheck.formats import RenderOptions

ColorSystem = Literal["standard", "256", "truecolor"]
_COLOR_SYSTEMS: dict[str, ColorSystem] = {
    "standard": "standard",
    "256": "256",
    "truecolor": "truecolor",
}
INDENT = 3
"""How far the lines under a heading are indented."""
_CODE = re.compile(r"\x1b\[[0-9;]*m")
"""A colour code (SGR), the only escape sequence Rich writes here."""


def draw(options: RenderOptions, renderables: Iterable[RenderableType]) -> str:
    """The renderables drawn one below the other at the options' width (80 by default)
    and in their colour system, as a string that ends in a line break unless there is
    nothing to draw. Lines do not end in spaces. Without a colour system (or with one
    other than standard, 256 and truecolor) there are no escape codes at all."""
    buffer = io.StringIO()
    system = _COLOR_SYSTEMS.get(options.color) if options.color is not None else None
    console = Console(
        file=buffer,
        width=options.width or 80,
        height=25,  # sized, it asks the terminal nothing (nor takes TERM=dumb for 80 wide)
        color_system=system,
        force_terminal=system is not None,
        force_jupyter=False,
        force_interactive=False,
        no_color=system is None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        safe_box=True,
        tab_size=4,
    )
    # One print for all that comes between two `InPieces`: the same text as one print
    # each, with less of Rich's work per print.
    together: list[RenderableType] = []
    for renderable in renderables:
        if isinstance(renderable, InPieces):
            if together:
                console.print(Group(*together))
                together = []
            for piece in renderable.pieces(console):
                console.print(piece)
        else:
            together.append(renderable)
    if together:
        console.print(Group(*together))
    # Rich pads lines with spaces to the width of their table or padding, and a wrapped
    # line keeps the space where it was broken
    return "\n".join(map(_without_trailing_spaces, buffer.getvalue().split("\n")))


class InPieces:
    """A renderable that `draw` prints a few hundred lines at a time: the same text as
    `console.print(renderable)`, without the segments of all its lines in memory at
    once (printed whole, the summary table of 5,000 plans doubles the memory it takes
    to draw, 13 MB more).

    Rich still lays it out whole (a table measures every row for its column widths);
    only its segments are printed as they come, each piece ending at the end of a line."""

    LINES = 500
    """How many lines are printed at a time."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.renderable  # printed otherwise than by `draw`: whole

    def pieces(self, console: Console) -> Iterator[Segments]:
        """The renderable's segments, a few hundred lines at a time, each to be printed
        (`console.print`) before the next is drawn."""
        # the options of `console.print(renderable)`, which sets these to None
        options = console.options.update(
            justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None
        )
        piece: list[Segment] = []
        lines = 0
        for segment in console.render(self.renderable, options):
            piece.append(segment)
            if not segment.control and segment.text.endswith("\n"):
                lines += 1
                if lines == self.LINES:
                    yield Segments(piece)
                    piece, lines = [], 0
        if piece:
            yield Segments(piece)


def _without_trailing_spaces(line: str) -> str:
    """`line` without the spaces at its end, also where colour codes stand among them."""
    stripped, codes = line.rstrip(" "), ""
    while stripped.endswith("m"):
        start = stripped.rfind("\x1b[")
        if start < 0 or not _CODE.fullmatch(stripped, start):
            break
        stripped, codes = stripped[:start].rstrip(" "), stripped[start:] + codes
    return stripped + codes


class Trailed:
    """Text with a short trailer, such as `(regel 47)` or `◐ deels (6,0)`, that is never
    split over two lines: it follows the text, two spaces apart, on the text's last line.
    Where it does not fit there, the last word of the text goes with it to a line of
    their own (or, should that not fit either, the trailer alone).

    (Rich breaks lines at any space, a non-breaking one included.)
    """

    def __init__(self, text: Text, trailer: Text, gap: int = 2) -> None:
        self.text, self.trailer, self.gap = text.copy(), trailer, gap
        self.text.rstrip()  # a line break at the end would leave the trailer alone

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = list(self.text.wrap(console, width)) if self.text.plain else []
        room = width - self.gap - self.trailer.cell_len
        if not lines:
            yield self.trailer
            return
        last = lines.pop()
        last.rstrip()
        if last.cell_len <= room:
            # assembled, the style of the text (bold, say) stays off the trailer
            lines.append(Text.assemble(last, " " * self.gap, self.trailer))
        else:
            start = last.plain.rfind(" ") + 1  # of the last word
            if start and cell_len(last.plain[start:]) <= room:
                head, word = last.divide([start])
                head.rstrip()
                lines += [head, Text.assemble(word, " " * self.gap, self.trailer)]
            else:
                lines += [last, self.trailer]
        yield Text("\n").join(lines)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        whole = self.text.copy()
        whole.append(" " * self.gap)
        whole.append_text(self.trailer)
        measured = Measurement.get(console, options, whole)
        minimum = min(max(measured.minimum, self.trailer.cell_len), options.max_width)
        return Measurement(minimum, max(minimum, measured.maximum))


def trailed(text: Text, trailer: Text | None) -> RenderableType:
    """`text`, followed by `trailer` (kept whole) when there is one."""
    return text if trailer is None else Trailed(text, trailer)


def indented(renderable: RenderableType, by: int = INDENT) -> Padding:
    """`renderable` moved `by` cells to the right."""
    return Padding(renderable, (0, 0, 0, by))


class Hanging:
    """`mark`, a space and beside it `body`, which wraps under itself rather than under
    the mark: `✘ finding`, `→ advice`, `5. title`.

    (Drawn line by line rather than as a two-column grid: in a long report, Rich
    measuring nested grids cell by cell would take most of the time.)
    """

    def __init__(self, mark: Text, body: RenderableType) -> None:
        self.mark, self.body = mark, body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.mark.cell_len + 1
        width = max(options.max_width - indent, 1)
        lines = console.render_lines(self.body, options.update_width(width), pad=False)
        first = [*self.mark.render(console, end=""), Segment(" ")]
        blank = [Segment(" " * indent)]
        new_line = Segment.line()
        for index, line in enumerate(lines):
            yield from blank if index else first
            yield from line
            yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        indent = self.mark.cell_len + 1
        width = max(options.max_width - indent, 1)
        body = Measurement.get(console, options.update_width(width), self.body)
        return Measurement(body.minimum + indent, body.maximum + indent)


def item_heading(item: Item, lang: str, trailer: Text | None = None) -> Hanging:
    """An item's number and title, in bold: `5. Benoem een trekker`, then `trailer`
    (kept whole). A title that wraps goes on under itself, not under the number."""
    title = Text(visible(item.title.get(lang)), style="bold")
    return Hanging(Text(f"{item.id}.", style="bold"), trailed(title, trailer))


def advice(arrow: str, text: str, key: str | None = None, prefix: str | None = None) -> Hanging:
    """`→ advice`, the advice wrapping under itself, and after it, quieter, the plan key
    where the author writes it: `...  (trekker.raad_informeren)`. With a `prefix`, the
    advice starts with it: `→ Aanbevolen: ...` (advice that keeps no item from being met)."""
    note = Text(f"({visible(key)})", style="dim") if key else None
    body = Text(visible_block(text))
    if prefix:
        body = Text.assemble(f"{visible(prefix)}: ", body)
    return Hanging(Text(arrow, style="cyan"), trailed(body, note))


def marked(mark: Text, body: RenderableType, below: RenderableType | None = None) -> Hanging:
    """`✘ body`, and under the body, lined up with it, what goes `below` (advice)."""
    return Hanging(mark, body if below is None else Group(body, below))


COLUMN_GAP = 3
"""The cells between two columns of a `table`."""


def table(ascii_only: bool, title: str | None = None) -> Table:
    """A table that takes the whole width, its columns three cells apart (` | ` in
    ASCII), a rule under the bold header and, above it all, an optional title."""
    return Table(
        title=title,
        title_justify="left",
        title_style="italic",
        header_style="bold",
        box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=True,
    )


def minimum_width(drawn: Table, console: Console, options: ConsoleOptions) -> int:
    """The narrowest a `table` can be drawn without cutting a word or a cell that may
    not wrap. (Rich's own measure takes a cell that may not wrap to be as narrow as its
    longest word.)"""
    total = COLUMN_GAP * (len(drawn.columns) - 1)
    for column in drawn.columns:
        measures = [Measurement.get(console, options, cell) for cell in column.cells]
        measures.append(Measurement.get(console, options, Text(str(column.header))))
        total += max(m.maximum if column.no_wrap else m.minimum for m in measures)
    return total


class Narrowing:
    """A table that, where the width cannot hold its columns without cutting words, is
    drawn in a narrower form instead: `build(False)` is the table, `build(True)` the
    narrower one (say, with status symbols but no status words)."""

    def __init__(self, build: Callable[[bool], Table]) -> None:
        self.build = build

    def _choose(self, console: Console, options: ConsoleOptions) -> Table:
        wide = self.build(False)
        return (
            wide if minimum_width(wide, console, options) <= options.max_width else self.build(True)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._choose(console, options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self._choose(console, options))


def line_note(line: int | None, lang: str, key: str | None = None) -> Text | None:
    """`(regel 12)`, or with the plan key a finding is about `(regel 12, trekker.raad)`,
    dim; None without either."""
    parts = [f"{t('line', lang)} {line}"] if line is not None else []
    if key:
        parts.append(visible(key))
    return Text(f"({', '.join(parts)})", style="dim") if parts else None


def finding(result: CriterionResult, lang: str) -> RenderableType:
    """What a criterion found, with the line of the plan it is about: `...  (regel 12)`."""
    return trailed(Text(visible_block(result.message(lang))), line_note(result.line, lang))
