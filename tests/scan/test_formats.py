"""The scan's formats: Markdown compared with the exact text expected, the terminal at a
given width with and without symbols, and every format of the same run agreeing."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from herstelcheck import checklist
from herstelcheck.formats import RenderOptions, ScanFormat, scan_renderer
from herstelcheck.scan.results import ScanRun
from herstelcheck.scan.run import compile_signals, scan_document

GOLDEN = DATA / "scan" / "golden"


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> ScanRun:
    loaded = checklist.load()
    compiled = compile_signals(loaded)
    path = GOLDEN / "herstelplan-zeedorp.md"
    folder = tmp_path_factory.mktemp("golden")
    copy = folder / path.name
    copy.write_bytes(path.read_bytes())
    import os

    here = os.getcwd()
    os.chdir(folder)  # the report names the file as it was given
    try:
        scanned = scan_document(path.name, loaded, compiled, draft_name="plan.yaml")
    finally:
        os.chdir(here)
    return ScanRun(loaded, (scanned,))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_is_as_expected(run, lang):
    text = scan_renderer(ScanFormat.MARKDOWN)(run, RenderOptions(lang=lang))
    expected = (GOLDEN / f"herstelplan-zeedorp.{lang}.md").read_text(encoding="utf-8")
    assert text == expected


@pytest.mark.parametrize("width", [60, 80, 120])
def test_the_terminal_fits_its_width(run, width):
    text = scan_renderer(ScanFormat.TERMINAL)(run, RenderOptions(width=width))
    assert max(len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text
    assert "“Een terugvalscenario is niet opgesteld.”" in text.replace("\n      ", " ")


def test_the_terminal_in_ascii(run):
    text = scan_renderer(ScanFormat.TERMINAL)(run, RenderOptions(width=100, ascii_only=True))
    symbols = set("✔✘◐⊘“”·─")
    assert not symbols & set(text)
    assert "x ontbreekt" in text and '"Een terugvalscenario is niet opgesteld."' in text


def test_the_terminal_in_colour_marks_the_signal(run):
    text = scan_renderer(ScanFormat.TERMINAL)(run, RenderOptions(width=100, color="standard"))
    assert "\x1b[1;4mterugvalscenario\x1b[0m" in text


def test_the_formats_agree(run):
    data = json.loads(scan_renderer(ScanFormat.JSON)(run, RenderOptions()))
    markdown = scan_renderer(ScanFormat.MARKDOWN)(run, RenderOptions())
    [document] = data["documents"]
    for item in document["items"]:
        assert f"| {item['id']} | " in markdown
    assert document["values"][0] == {
        "field": "gemeente",
        "value": "Zeedorp",
        "page": None,
        "heading": "Herstelplan lokale economie gemeente Zeedorp",
        "quote": "Herstelplan lokale economie gemeente Zeedorp",
        "origin": "text",
    }
