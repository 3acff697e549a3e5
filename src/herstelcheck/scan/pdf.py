"""Read a PDF with pypdfium2 (PDFium): the lines of each page in reading order.

PDFium gives the text of a page as segments, each a run of text on one line with its
box. The segments are put in reading order here, so that two-column pages read column
by column whatever order the producer drew them in: the gutters between columns are
found as vertical strips that no narrow segment crosses, with text on both sides; a
segment across a gutter (a title over both columns) ends the columns above it. Within
a column, segments that overlap vertically form a line.

PDFium opens PDFs encrypted with an owner password only (the usual "protected" PDF:
no copying or printing) without asking; a PDF that needs a password to open is an
error, as is a damaged one and one without a text layer (a scan: no OCR here).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from herstelcheck.scan.text import MAX_CHARS, MAX_PAGES, Document, DocumentError, Line, Page

GUTTER_MIN = 8.0
"""The narrowest strip between columns, in points."""
COLUMN_MIN_SEGMENTS = 4
"""The fewest segments on each side of a gutter for it to separate columns."""
NARROW = 0.55
"""A segment narrower than this share of the text's width may stand in a column."""
_HYPHEN_MARKS = str.maketrans({"\x02": "\u00ad", "\ufffe": "\u00ad"})
"""PDFium's marks for a hyphen it takes for a break in a word at the end of a line, read
as a soft hyphen (see `wordmatch.join_hyphenated`)."""


@dataclass(slots=True)
class _Segment:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    size: float = 0.0
    column: int = 0

    @property
    def height(self) -> float:
        return self.bottom - self.top


def read(data: bytes, name: str) -> Document:
    """The pages of the PDF `data`, each with its lines in reading order."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(name, _open_problem(str(exc))) from None
    try:
        count = len(document)
        if count == 0:
            raise DocumentError(name, "is a PDF without pages")
        if count > MAX_PAGES:
            raise DocumentError(
                name, f"has {count} pages; scan reads documents of at most {MAX_PAGES} pages"
            )
        title = _title(document)
        pages = []
        images: list[int] = []
        chars = 0
        for index in range(count):
            page, has_images = _page(document, index)
            if has_images:
                images.append(index + 1)
            chars += sum(len(line.text) for line in page.lines)
            if chars > MAX_CHARS:
                raise DocumentError(name, f"holds more than {MAX_CHARS:,} characters of text")
            pages.append(page)
    except pdfium.PdfiumError as exc:
        raise DocumentError(name, f"is a damaged PDF ({exc})") from None
    finally:
        document.close()
    if chars == 0:
        if images:
            raise DocumentError(
                name,
                "has no text layer: its pages are images (a scan?); scan does not read text "
                "from images (no OCR): run OCR first, or use the text version of the plan",
            )
        raise DocumentError(name, "holds no text")
    notes: tuple[str, ...] = ()
    if images:
        listed = ", ".join(map(str, images[:10])) + (", ..." if len(images) > 10 else "")
        which = f"page {listed} has" if len(images) == 1 else f"pages {listed} have"
        notes = (f"{which} no text layer (scanned?); scan does not read text from images (no OCR)",)
    return Document(name, "pdf", title, pages=tuple(pages), page_count=count, notes=notes)


def _open_problem(reason: str) -> str:
    lower = reason.lower()
    if "password" in lower:
        return (
            "is a PDF that needs a password to open; scan reads PDFs that only restrict "
            "copying or printing, not locked ones: ask for an unlocked copy"
        )
    if "format" in lower or "file" in lower or "parse" in lower:
        return "is not a readable PDF (damaged, cut off, or not a PDF)"
    return f"cannot be read as PDF ({reason})"


def _title(document: object) -> str | None:
    try:
        value = document.get_metadata_value("Title")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a broken info dictionary just has no title
        return None
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _page(document: object, index: int) -> tuple[Page, bool]:
    """One page with its lines, and whether it holds images."""
    import pypdfium2.raw as raw

    page = document[index]  # type: ignore[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            segments = list(_segments(textpage, height))
        finally:
            textpage.close()
        has_images = False
        if not segments:
            objects = page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2)
            has_images = next(iter(objects), None) is not None
    finally:
        page.close()
    lines = layout(segments, width)
    return Page(index + 1, float(width), float(height), tuple(lines)), has_images


def _segments(textpage: Any, height: float) -> Iterable[_Segment]:
    import pypdfium2.raw as raw

    count = textpage.count_rects()
    for number in range(count):
        left, bottom, right, top = textpage.get_rect(number)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = " ".join(text.translate(_HYPHEN_MARKS).split())
        if not text:
            continue
        first = textpage.get_index(left + 1, (top + bottom) / 2, 2, 2)
        size = float(raw.FPDFText_GetFontSize(textpage.raw, first)) if first >= 0 else 0.0
        yield _Segment(text, left, height - top, right, height - bottom, size)


def layout(segments: Sequence[_Segment], width: float) -> list[Line]:
    """The segments of a page as lines in reading order (see the module's docstring)."""
    if not segments:
        return []
    boundaries = _gutters(segments)
    for segment in segments:
        segment.column = _column(segment, boundaries)
    lines: list[Line] = []
    band: list[_Segment] = []
    for segment in sorted(segments, key=lambda s: (s.top, s.left)):
        if segment.column < 0:  # across the columns: it ends the band above it
            lines += _band_lines(band)
            band = []
            lines += _band_lines([segment])
        else:
            band.append(segment)
    lines += _band_lines(band)
    return lines


def _gutters(segments: Sequence[_Segment]) -> list[tuple[float, float]]:
    """The strips between columns: no narrow segment crosses them, and enough narrow
    segments stand on both sides."""
    left = min(s.left for s in segments)
    right = max(s.right for s in segments)
    narrow = [s for s in segments if s.right - s.left < NARROW * (right - left)]
    if len(narrow) < 2 * COLUMN_MIN_SEGMENTS:
        return []
    # A sweep across the page: where at most `allowed` narrow segments stand (a page
    # number or a caption centred over the gutter may cross it), there may be a gutter.
    allowed = max(1, len(narrow) // 20)
    events = sorted([(s.left, 1) for s in narrow] + [(s.right, -1) for s in narrow])
    gaps = []
    depth, opened = 0, None
    for x, step in events:
        depth += step
        if depth <= allowed and opened is None:
            opened = x
        elif depth > allowed and opened is not None:
            if x - opened >= GUTTER_MIN and opened > left:
                gaps.append((opened, x))
            opened = None
    gutters = []
    for start, end in gaps:
        before = sum(1 for s in narrow if s.right <= start)
        after = sum(1 for s in narrow if s.left >= end)
        if before >= COLUMN_MIN_SEGMENTS and after >= COLUMN_MIN_SEGMENTS:
            gutters.append((start, end))
    return gutters


def _column(segment: _Segment, gutters: Sequence[tuple[float, float]]) -> int:
    """The column of a segment: the number of gutters to its left; -1 when it crosses one."""
    column = 0
    for start, end in gutters:
        if segment.left >= end - 1:
            column += 1
        elif segment.right > start + 1:
            return -1
    return column


def _band_lines(band: Sequence[_Segment]) -> list[Line]:
    """The lines of a band between lines across the columns: column by column, top down."""
    lines: list[Line] = []
    for column in sorted({s.column for s in band}):
        current: list[_Segment] = []
        for segment in sorted((s for s in band if s.column == column), key=lambda s: s.top):
            if current and _same_line(current, segment):
                current.append(segment)
                continue
            if current:
                lines.append(_line(current))
            current = [segment]
        if current:
            lines.append(_line(current))
    return lines


def _same_line(current: Sequence[_Segment], segment: _Segment) -> bool:
    top = min(s.top for s in current)
    bottom = max(s.bottom for s in current)
    overlap = min(bottom, segment.bottom) - max(top, segment.top)
    return overlap > 0.5 * min(bottom - top, segment.height)


def _line(segments: Sequence[_Segment]) -> Line:
    ordered = sorted(segments, key=lambda s: s.left)
    text = ordered[0].text
    for before, after in pairwise(ordered):
        gap = after.left - before.right
        text += (" " if gap > 0.15 * max(after.height, 1.0) else "") + after.text
    return Line(
        text,
        ordered[0].left,
        min(s.top for s in ordered),
        max(s.right for s in ordered),
        max(s.bottom for s in ordered),
        ordered[0].column if ordered[0].column >= 0 else 0,
        ordered[0].size,
    )
