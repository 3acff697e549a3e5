"""Generate plan documents as PDF for the scan benchmark and the scan tests.

A document is a list of pages; a page holds blocks (headings, paragraphs, bullets) in one
column or two. The writer lays the text out itself, line by line, with ReportLab's canvas,
so a test decides exactly what a reader of the PDF meets: running headers and footers,
page numbers, a table of contents with dot leaders, words hyphenated at the end of a
line, and two columns drawn column by column or line by line across both.

    from docgen import Block, Page, filler_pages, write_pdf
    write_pdf("plan.pdf", filler_pages(60, seed=7), header="Herstelplan Lindewaard")

The same seed gives the same text, so runs on different days read the same document.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0  # A4 in points
MARGIN = 64.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEADING = 10.5, 14.0
GUTTER = 24.0

Kind = Literal["heading", "paragraph", "bullet"]


@dataclass
class Block:
    """A heading, a paragraph or a bullet point."""

    text: str
    kind: Kind = "paragraph"


@dataclass
class Page:
    """The blocks of one page, in one column or two."""

    blocks: list[Block] = field(default_factory=list)
    columns: int = 1


WORDS = """
    de gemeente ondernemers binnenstad herstel economie werkgelegenheid horeca winkels cultuur
    samenleving aanpak middelen begroting afdeling overleg onderzoek wijk voorzieningen
    ontwikkeling vestigingsklimaat bereikbaarheid kwaliteit openbare ruimte leegstand
    evenementen bezoekers toerisme vakmensen scholing jongeren werkzoekenden bedrijventerrein
    vernieuwing investeringen subsidie regeling uitvoering programma projecten maatregelen
    ondersteuning verbinding inwoners verenigingen aantrekkelijk duurzaam sterk lokaal
    gezamenlijk zichtbaar bestaande nieuwe komende belangrijke versterken stimuleren ontwikkelen
    verbeteren benutten organiseren uitvoeren bieden
    """.split()
"""Plain words of a municipal document that speak of none of the checklist's subjects."""


def filler_sentence(rng: random.Random) -> str:
    """A sentence of ordinary words, 8 to 18 of them."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def filler_paragraph(rng: random.Random, sentences: int | None = None) -> str:
    return " ".join(filler_sentence(rng) for _ in range(sentences or rng.randint(3, 6)))


def filler_pages(count: int, seed: int = 7, chars: int = 3000) -> list[Page]:
    """`count` pages of ordinary text density (about `chars` characters each), a heading
    on every fifth page."""
    rng = random.Random(seed)
    pages = []
    for number in range(count):
        page = Page()
        if number % 5 == 0:
            page.blocks.append(Block(f"Hoofdstuk {number // 5 + 1}", "heading"))
        size = 0
        while size < chars:
            text = filler_paragraph(rng)
            page.blocks.append(Block(text))
            size += len(text)
        pages.append(page)
    return pages


def _hyphen_point(word: str, room: float, size: float) -> int:
    """Where to cut `word` so that its head and a hyphen fit `room`; 0 when nowhere."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for cut in range(len(word) - 3, 3, -1):
        if word[cut - 1] in "aeiou" and word[cut] in "aeiou":
            continue  # Dutch hyphenation does not part vowels of one sound
        if word[:cut].isalpha() and stringWidth(word[:cut] + "-", FONT, size) <= room:
            return cut
    return 0


def break_lines(text: str, width: float, size: float, hyphenate: bool) -> list[str]:
    """`text` broken into lines of at most `width` points; a long word that does not fit
    at the end of a line is hyphenated there when `hyphenate`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, FONT, size) <= width:
            line = candidate
            continue
        room = width - stringWidth(line + " ", FONT, size) if line else width
        cut = _hyphen_point(word, room, size) if hyphenate and len(word) >= 9 else 0
        if cut:
            lines.append(f"{line} {word[:cut]}-" if line else f"{word[:cut]}-")
            line = word[cut:]
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


@dataclass
class _Line:
    text: str
    font: str
    size: float
    indent: float = 0.0
    gap_before: float = 0.0


def _lines(blocks: Sequence[Block], width: float, hyphenate: bool) -> list[_Line]:
    out: list[_Line] = []
    for block in blocks:
        if block.kind == "heading":
            out += [
                _Line(t, BOLD, 13.0, gap_before=10.0)
                for t in break_lines(block.text, width, 13.0, False)
            ]
        elif block.kind == "bullet":
            texts = break_lines(block.text, width - 14, SIZE, hyphenate)
            for index, text in enumerate(texts):
                out.append(
                    _Line(
                        ("• " if index == 0 else "") + text,
                        FONT,
                        SIZE,
                        0 if index == 0 else 9.0,
                        3.0 if index == 0 else 0.0,
                    )
                )
        else:
            texts = break_lines(block.text, width, SIZE, hyphenate)
            out += [
                _Line(text, FONT, SIZE, gap_before=7.0 if index == 0 else 0.0)
                for index, text in enumerate(texts)
            ]
    return out


def write_pdf(
    path: str | Path,
    pages: Sequence[Page],
    *,
    title: str | None = None,
    header: str | None = None,
    footer: str | None = "Pagina {page}",
    toc: Sequence[tuple[str, int]] = (),
    hyphenate: bool = True,
    order: Literal["columns", "rows"] = "columns",
    owner_password: str | None = None,
    user_password: str | None = None,
) -> Path:
    """Write `pages` to the PDF `path`.

    `header` is drawn at the top of every page but the first, `footer` (with `{page}`) at
    the bottom of every page; `toc` puts a table of contents with dot leaders on a page of
    its own after the first. Two-column pages are drawn column by column, or, with
    `order="rows"`, line by line across both columns. With a password the file is
    encrypted (RC4 128 bit): an `owner_password` alone opens without asking.
    Text that overflows a page is cut (keep pages to what fits).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    encrypt = None
    if owner_password or user_password:
        from reportlab.lib.pdfencrypt import StandardEncryption

        encrypt = StandardEncryption(
            user_password or "", owner_password or user_password, strength=128
        )
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    if title:
        pdf.setTitle(title)
    all_pages = list(pages)
    if toc:
        entries = [Block(f"{name} {'.' * 40} {page}") for name, page in toc]
        all_pages.insert(1, Page([Block("Inhoudsopgave", "heading"), *entries]))
    for number, page in enumerate(all_pages, start=1):
        if header and number > 1:
            pdf.setFont(FONT, 8.5)
            pdf.drawString(MARGIN, PAGE_HEIGHT - 40, header)
        if footer:
            pdf.setFont(FONT, 8.5)
            pdf.drawCentredString(PAGE_WIDTH / 2, 30, footer.format(page=number))
        _draw_page(pdf, page, hyphenate, order)
        pdf.showPage()
    pdf.save()
    return Path(path)


def _draw_page(pdf: object, page: Page, hyphenate: bool, order: str) -> None:
    top, bottom = PAGE_HEIGHT - MARGIN - 10, MARGIN + 10
    full = PAGE_WIDTH - 2 * MARGIN
    if page.columns == 1:
        columns = [_lines(page.blocks, full, hyphenate)]
        lefts = [MARGIN]
    else:
        width = (full - GUTTER) / 2
        half = _split_blocks(page.blocks)
        columns = [_lines(half[0], width, hyphenate), _lines(half[1], width, hyphenate)]
        lefts = [MARGIN, MARGIN + width + GUTTER]
    placed: list[list[tuple[float, _Line]]] = []
    for lines in columns:
        y, spots = top, []
        for line in lines:
            y -= line.gap_before
            if y < bottom:
                break
            spots.append((y, line))
            y -= LEADING
        placed.append(spots)
    if order == "rows" and len(placed) == 2:
        sequence = []
        for index in range(max(len(p) for p in placed)):
            for column, spots in enumerate(placed):
                if index < len(spots):
                    sequence.append((column, spots[index]))
    else:
        sequence = [(column, spot) for column, spots in enumerate(placed) for spot in spots]
    for column, (y, line) in sequence:
        pdf.setFont(line.font, line.size)  # type: ignore[attr-defined]
        pdf.drawString(lefts[column] + line.indent, y, line.text)  # type: ignore[attr-defined]


def _split_blocks(blocks: Sequence[Block]) -> tuple[list[Block], list[Block]]:
    """The blocks in two halves of about the same length, for two columns."""
    total = sum(len(b.text) for b in blocks)
    first: list[Block] = []
    size = 0
    for index, block in enumerate(blocks):
        if size >= total / 2:
            return first, list(blocks[index:])
        first.append(block)
        size += len(block.text)
    return first, []
