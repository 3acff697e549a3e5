"""Passages: a PDF that looks like a council document (a table of contents, running
headers, page numbers, words hyphenated at line ends, two columns on some pages) comes
out as the paragraphs that were written, whole and in order; the formats with headings
keep their heading paths and leave out their tables of contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import scandocs
from herstelcheck.scan import documents, passages, text

SPEC = scandocs.load("veenhaven")
PARAGRAPHS = [text for kind, text in scandocs._blocks(SPEC) if kind == "p"]
ITEMS = [text for kind, text in scandocs._blocks(SPEC) if kind == "li"]


@pytest.fixture(scope="module", params=["columns", "rows"])
def council_pdf(request, tmp_path_factory) -> Path:
    """The Veenhaven plan as a PDF, its two-column pages drawn column by column or line
    by line across both columns."""
    folder = tmp_path_factory.mktemp(request.param)
    return scandocs.build("veenhaven", "pdf", folder, order=request.param)


def test_the_pdf_has_what_makes_it_hard(council_pdf):
    document = documents.read(str(council_pdf))
    lines = [line.text for page in document.pages for line in page.lines]
    assert any(re.search(r"[a-z][-\u00ad]$", line) for line in lines)  # hyphenated words
    assert any("....." in line for line in lines)  # a table of contents with leaders
    assert sum(line == SPEC["running_header"] for line in lines) >= 4
    assert any(line.startswith("Pagina ") for line in lines)
    assert any(line.column == 1 for page in document.pages for line in page.lines)  # 2 columns


def test_every_paragraph_comes_out_whole_and_in_order(council_pdf):
    found = passages.split(documents.read(str(council_pdf)))
    texts = [p.text for p in found]
    positions = [texts.index(paragraph) for paragraph in PARAGRAPHS]
    assert positions == sorted(positions)
    for item in ITEMS:
        assert item in texts
    assert [p.kind for p in found if p.text in ITEMS] == ["item"] * len(ITEMS)


def test_headers_footers_page_numbers_and_contents_are_left_out(council_pdf):
    found = passages.split(documents.read(str(council_pdf)))
    for passage in found:
        assert passage.text != SPEC["running_header"]
        assert not passage.text.startswith("Pagina ")
        assert "....." not in passage.text
        assert not passages.is_toc_title(passage.text)
    assert {p.page for p in found} == {1, 3, 4, 5, 6}  # page 2 is the table of contents


def test_pdf_headings_are_no_evidence_but_context(council_pdf):
    found = passages.split(documents.read(str(council_pdf)))
    headings = [p.text for p in found if p.kind == "heading"]
    assert "10. Korte en lange termijn" in headings
    action = next(p for p in found if p.text.startswith("Noodfonds"))
    assert action.section == "10. Korte en lange termijn"
    assert action.heading is None and action.page == 6


@pytest.mark.parametrize("fmt", ["docx", "odt", "html", "md"])
def test_formats_with_headings_keep_their_paths(fmt, tmp_path):
    path = scandocs.build("veenhaven", fmt, tmp_path)
    found = passages.split(documents.read(str(path)))
    texts = [p.text for p in found]
    for paragraph in PARAGRAPHS[2:]:
        assert paragraph in texts
    first = next(p for p in found if p.text.startswith("Het herstel loopt via"))
    assert first.heading == "2. Organisatie en middelen"
    assert first.page is None
    assert not any("Inleiding" in t and ("...." in t or t.endswith("Inleiding")) for t in texts)
    assert all(not passages.is_toc_title(p.text) for p in found)


def test_hyphenation_and_whitespace_in_a_passage():
    assert (
        passages.clean("de onder-\nnemers in  Noord-\nBrabant\t")
        == "de ondernemers in Noord-Brabant"
    )


def test_a_table_of_contents_section_is_skipped():
    blocks = (
        text.Block("Plan", "heading", 1),
        text.Block("Inhoud", "heading", 2),
        text.Block("1. Inleiding 3", "paragraph"),
        text.Block("2. Aanpak 5", "item"),
        text.Block("Inleiding", "heading", 2),
        text.Block("De tekst.", "paragraph"),
    )
    found = passages.split(text.Document("x.md", "markdown", None, blocks))
    assert [(p.text, p.heading) for p in found] == [("De tekst.", "Inleiding")]
