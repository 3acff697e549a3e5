"""Split a document into passages: paragraphs, list items and table cells, each with its
place (the page of a PDF, the heading path of the other formats).

What is no evidence is left out: a table of contents (a section headed "Inhoud" or
"Inhoudsopgave", Word's and ODF's generated ones, lines of dot leaders and page
numbers), and on PDF pages the running headers and footers (lines that stand at the top
or bottom of many pages, their numbers aside) and page numbers. Words hyphenated across
line ends are joined (`wordmatch.join_hyphenated`), and every passage is one line of
text with single spaces.

PDF pages have no headings to go by, so paragraphs are found from the lines: a larger
gap above a line, a bullet, a change of column or of font size starts a new one; a
paragraph that runs on to the next column or page (no full stop, a lower-case start)
is kept whole, at the page where it starts.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from herstelcheck.scan.text import Block, BlockKind, Document, Line, Page
from herstelcheck.wordmatch import join_hyphenated, normalise

HEADING_SEPARATOR = " > "
REPEATED_SHARE = 0.4
"""A line at the top or bottom of at least this share of the pages is a running header
or footer."""
MARGIN_SHARE = 0.12
"""How far from the top or bottom of a page a running header or footer stands."""

_TOC_TITLES = frozenset(
    {"inhoud", "inhoudsopgave", "inhoudstafel", "table of contents", "contents", "index"}
)
_DOT_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…+\s*\d{1,4}\s*$|_{4,}\s*\d{1,4}\s*$")
_TOC_ENTRY = re.compile(r"^\D.{1,90}?\s\d{1,4}$")
_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:pagina|page|blz\.?|pag\.?|p\.)?\s*\d{1,4}"
    r"(?:\s*(?:van|of|/|\|)\s*\d{1,4})?(?:\s*-)?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[•▪●◦■□➢►✓\-–—*·o]|\d{1,2}[.)]|[a-z][.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;…)\"'”’]$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph, list item or table cell, on one line, with its place."""

    text: str
    kind: BlockKind
    page: int | None
    """The page of a PDF (from 1); None for the other formats."""
    heading: str | None
    """The heading path (" > " between the levels) of the other formats; None for PDF
    and for text before the first heading."""
    index: int
    """The passage's position among the document's passages (from 0)."""
    section: str | None = None
    """The nearest heading above (also for PDF, where it is found from the layout), for
    context such as the term a list of actions belongs to."""
    row: tuple[int, int] | None = None
    """(table, row) of a table cell."""


def clean(text: str) -> str:
    """One line of text: hyphenated words joined, whitespace made single spaces."""
    return _SPACES.sub(" ", join_hyphenated(text)).strip()


def is_toc_title(text: str) -> bool:
    """Whether a heading or line is the title of a table of contents."""
    words = normalise(re.sub(r"[\d.\s]+$", "", text)).strip(" :")
    return words in _TOC_TITLES


def split(document: Document) -> list[Passage]:
    """The passages of a document, in order."""
    if document.kind == "pdf":
        return _numbered(_pdf_passages(document.pages))
    return _numbered(_block_passages(document.blocks))


def headings(document: Document) -> list[str]:
    """The document's headings in order (for PDF: the lines that look like headings),
    the title block first if it has one; at most the first twenty."""
    if document.kind == "pdf":
        found = [p.text for p in _pdf_passages(document.pages[:3]) if p.kind == "heading"]
        return found[:20]
    return [clean(b.text) for b in document.blocks if b.kind == "heading" and not b.skip][:20]


def _numbered(passages: Iterable[Passage]) -> list[Passage]:
    return [
        Passage(p.text, p.kind, p.page, p.heading, index, p.section, p.row)
        for index, p in enumerate(passages)
    ]


# --- formats with headings -----------------------------------------------------------


def _block_passages(blocks: Sequence[Block]) -> Iterable[Passage]:
    path: list[tuple[int, str]] = []
    toc_level: int | None = None
    title = _title_block(blocks)
    for block in blocks:
        text = clean(block.text)
        if not text or block.skip:
            continue
        if block.kind == "heading":
            if block.level == 0 or block is title:  # the document's title: not in the path
                continue
            if toc_level is not None and block.level <= toc_level:
                toc_level = None
            if is_toc_title(text):
                toc_level = block.level
                continue
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, text))
            continue
        if toc_level is not None or _DOT_LEADER.search(text) or _PAGE_NUMBER.match(text):
            continue
        heading = HEADING_SEPARATOR.join(name for _, name in path) or None
        section = path[-1][1] if path else None
        yield Passage(text, block.kind, None, heading, 0, section, block.row)


def _title_block(blocks: Sequence[Block]) -> Block | None:
    """The one top-level heading that opens a document (`# Title` over `## sections`),
    which is its title rather than a part of every heading path."""
    headings = [b for b in blocks if b.kind == "heading" and not b.skip]
    tops = [b for b in headings if b.level == 1]
    if len(tops) == 1 and headings and headings[0] is tops[0] and len(headings) > 1:
        return tops[0]
    return None


# --- PDF -----------------------------------------------------------------------------


def _pdf_passages(pages: Sequence[Page]) -> list[Passage]:
    repeated = _running_lines(pages)
    passages: list[Passage] = []
    section: str | None = None
    open_lines: list[Line] = []
    open_page = 0
    open_kind: BlockKind = "paragraph"

    def close() -> None:
        nonlocal open_lines, section
        if not open_lines:
            return
        text = clean("\n".join(line.text for line in open_lines))
        kind = open_kind
        if kind == "item":
            text = _BULLET.sub("", text, count=1)
        elif kind == "paragraph" and _looks_like_heading(open_lines, text):
            kind = "heading"
        if kind == "heading":
            section = text
        if text:
            passages.append(Passage(text, kind, open_page, None, 0, section))
        open_lines = []

    for page in pages:
        lines = [line for line in page.lines if not _boilerplate(line, page, repeated)]
        lines = _without_toc(lines)
        size = _body_size(lines)
        pitch = _pitch(lines)
        previous: Line | None = None
        for line in lines:
            big = size > 0 and line.size > 1.15 * size
            kind: BlockKind = (
                "heading" if big else "item" if _BULLET.match(line.text) else "paragraph"
            )
            if previous is None:
                starts = kind != open_kind or not (open_lines and _runs_on(open_lines[-1], line))
            else:
                starts = (
                    kind == "item"
                    or kind != open_kind
                    or _gap_before(previous, line, pitch)
                    or (line.column != previous.column and not _runs_on(previous, line))
                )
            if starts:
                close()
                open_page, open_kind = page.number, kind
            open_lines.append(line)
            previous = line
    close()
    return passages


def _body_size(lines: Sequence[Line]) -> float:
    """The font size of most of the text on a page (0 when the PDF does not say)."""
    sizes = Counter(round(line.size, 1) for line in lines for _ in range(len(line.text) // 10 + 1))
    size, _ = max(sizes.items(), key=lambda pair: pair[1], default=(0.0, 0))
    return float(size)


def _running_lines(pages: Sequence[Page]) -> set[str]:
    """The keys (`_key`) of lines that stand at the top or bottom of many pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(line.text) for line in page.lines if _in_margin(line, page)})
    least = max(2, REPEATED_SHARE * len(pages))
    return {key for key, count in counts.items() if count >= least}


def _key(text: str) -> str:
    """A line with its numbers as `#`: `Pagina 3 van 24` and `Pagina 4 van 24` are alike."""
    return re.sub(r"\d+", "#", normalise(text)).strip()


def _in_margin(line: Line, page: Page) -> bool:
    margin = MARGIN_SHARE * page.height
    return line.top < margin or line.bottom > page.height - margin


def _boilerplate(line: Line, page: Page, repeated: set[str]) -> bool:
    if not _in_margin(line, page):
        return False
    return _key(line.text) in repeated or bool(_PAGE_NUMBER.match(line.text.strip()))


def _without_toc(lines: list[Line]) -> list[Line]:
    """The lines of a page without its table of contents and dot leader lines."""
    kept = [line for line in lines if not _DOT_LEADER.search(line.text)]
    titled = any(is_toc_title(line.text) for line in kept[:4])
    entries = sum(1 for line in kept if _TOC_ENTRY.match(line.text))
    if not titled and (len(lines) < 4 or (len(lines) - len(kept)) + entries < 0.5 * len(lines)):
        return kept
    out = []
    for index, line in enumerate(kept):
        if is_toc_title(line.text) or _TOC_ENTRY.match(line.text):
            continue
        following = kept[index + 1] if index + 1 < len(kept) else None
        wrapped = following is not None and _TOC_ENTRY.match(following.text)
        if wrapped and len(line.text) < 90 and not _SENTENCE_END.search(line.text):
            continue
        out.append(line)
    return out


def _pitch(lines: Sequence[Line]) -> float:
    """The usual distance between the bottoms of two lines of a paragraph on this page."""
    steps = [
        after.bottom - before.bottom
        for before, after in pairwise(lines)
        if after.column == before.column and after.bottom > before.bottom
    ]
    return statistics.median(steps) if steps else 0.0


def _gap_before(previous: Line, line: Line, pitch: float) -> bool:
    """Whether more space than between the lines of a paragraph stands above `line`:
    more than the page's usual distance, or (on a page with few lines) than its font
    size allows."""
    if line.column != previous.column or line.bottom <= previous.bottom:
        return False
    step = line.bottom - previous.bottom
    limits = [1.35 * pitch] if pitch else []
    if line.size:
        limits.append(1.6 * line.size)
    if limits and step > min(limits):
        return True
    indented = line.left > previous.left + 12 and _SENTENCE_END.search(previous.text)
    return bool(indented)


def _runs_on(before: Line, after: Line) -> bool:
    """Whether `after` (at the top of the next column or page) goes on with the sentence
    that `before` leaves open."""
    text = after.text.lstrip()
    return bool(text) and text[0].islower() and not _SENTENCE_END.search(before.text.rstrip())


def _looks_like_heading(lines: Sequence[Line], text: str) -> bool:
    if len(lines) != 1 or not text or len(text.split()) > 10 or _SENTENCE_END.search(text):
        return False
    return text[0].isupper() or text[0].isdigit()
