"""The HTML report and the chart as their source: one self-contained page with the memo's
content, no script and no request, plan text escaped by autoescape, in SVG too.

What a browser makes of them is tested in test_html_browser.py."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from conftest import DATA, ROOT
from herstelcheck import chart
from herstelcheck.formats import OutputFormat, renderer

DAY = "2021-06-30"
HOSTILE = DATA / "markdown" / "hostile.yaml"
SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """The elements of a page with their attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]


@pytest.fixture
def html(cli, monkeypatch):
    monkeypatch.chdir(ROOT)

    def make(*args: str, code: int = 0) -> str:
        result = cli("audit", *args, "-f", "html", "--date", DAY, "--no-config")
        assert result.exit_code == code, result
        return result.stdout

    return make


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_html_is_a_format():
    assert OutputFormat("html") is OutputFormat.HTML
    assert renderer(OutputFormat.HTML).__module__ == "herstelcheck.formats.html"


def test_one_page_with_the_memo_and_a_chart(html):
    text = html("examples/lindewaard.yaml")
    assert text.startswith('<!DOCTYPE html>\n<html lang="nl">\n')
    page = parse(text)
    assert [a["name"] for a in page.all("meta") if a.get("name")] == [
        "viewport",
        "referrer",
        "generator",
    ]
    assert (
        "<dt>Aan</dt><dd>de gemeenteraad</dd>\n<dt>Van</dt><dd></dd>\n"
        "<dt>Datum</dt><dd>30 juni 2021</dd>\n"
        "<dt>Onderwerp</dt><dd>Herstelagenda Lindewaard 2021</dd>\n"
    ) in text
    assert "Het sterkst is het plan op item 2" in page.text
    assert "Ambtelijke trekker: Pieter Jansen, functie: beleidsadviseur economie" in page.text
    assert "Voor de opsteller van het planbestand" in page.text
    bars = [a for a in page.all("rect") if a.get("class") == "bar"]
    assert len(bars) == 10
    assert len(page.all("svg")) == 1 and {"title", "desc"} <= page.tags
    steps = text.split("<h2>Volgende stappen</h2>", 1)[1].split("</ol>", 1)[0]
    assert steps.count("<li>") == 5


def test_no_script_no_request_and_a_policy_that_forbids_them(html):
    text = html("examples/")
    page = parse(text)
    assert not page.tags & {"script", "link", "iframe", "object", "embed", "img", "a", "base"}
    assert not any(name.startswith("on") for _, attrs in page.elements for name in attrs)
    (policy,) = [a for a in page.all("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert policy["content"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    assert text.index("Content-Security-Policy") < text.index("<title>")
    for attrs in (a for _, a in page.elements):
        for name in ("src", "href", "action", "srcset", "poster"):
            assert name not in attrs
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", text)


def test_the_language_follows_lang(html):
    assert html("examples/lindewaard.yaml", "--lang", "en").startswith(
        '<!DOCTYPE html>\n<html lang="en">'
    )
    assert "<dt>To</dt><dd>the municipal council</dd>" in html(
        "examples/lindewaard.yaml", "--lang", "en"
    )


def test_several_plans_get_a_heat_map_and_a_chart_each(html):
    page = parse(html("examples/"))
    cells = [a for a in page.all("td") if a.get("data-status")]
    assert len(cells) == 30
    assert [a["class"] for a in cells[:3]] == ["status-partial", "status-missing", "status-missing"]
    assert len([a for a in page.all("rect") if a.get("class") == "bar"]) == 30
    ids = [a["id"] for a in page.all("title") if a.get("id")]
    assert len(ids) == len(set(ids)) == 3


def test_the_memo_options_reach_the_html_report(html):
    text = html("examples/zeeveen.yaml", "--memo-to", "De raad", "--memo-from", "<EZ>")
    assert "<dt>Aan</dt><dd>De raad</dd>\n<dt>Van</dt><dd>&lt;EZ&gt;</dd>" in text


# --- plan text is text ------------------------------------------------------------------


HOSTILE_TEXTS = (
    "Kwaadorp | <script>alert(1)</script>",
    "# kop [x](javascript:alert(1)) `code` $x$",
    "<img src=x onerror=alert(1)>",
    "<script>|x",
)


def test_hostile_plan_text_is_escaped_by_autoescape(html):
    text = html(str(HOSTILE.relative_to(ROOT)))
    page = parse(text)
    assert not page.tags & {"script", "img", "a", "iframe"}
    for value in HOSTILE_TEXTS:
        assert value in page.text, value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<title>Kwaadorp | &lt;script&gt;alert(1)&lt;/script&gt;: # kop" in text
    assert "{{ 7*7 }}" in page.text and "49" not in page.text


TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1",
    "h2", "h3", "h4", "h5", "dl", "dt", "dd", "p", "ul", "ol", "li", "strong", "em", "span",
    "code", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "figure",
    "svg", "desc", "rect", "text", "g", "line",
}  # fmt: skip
"""Every element the report's templates write."""


def test_every_element_of_a_hostile_report_is_one_the_templates_write(html):
    text = html(str(HOSTILE.relative_to(ROOT)))
    page = parse(text)
    assert page.tags <= TEMPLATE_TAGS
    assert not re.search(r"<(script|img|a|iframe|object|svg:script)[\s>]", text, re.I)
    attributes = {name for _, attrs in page.elements for name in attrs}
    assert not {a for a in attributes if a.startswith("on")}


def test_the_svg_escapes_text_and_is_well_formed_xml(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "memo.md"
    result = cli(
        "audit", str(HOSTILE), "-f", "markdown", "-o", str(target), "--chart", "--date", DAY
    )
    assert result.exit_code == 0, result
    svg = (tmp_path / "memo.svg").read_text(encoding="utf-8")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.startswith("Score per item: Kwaadorp | <script>alert(1)</script>, # kop")
    assert "&lt;script&gt;" in svg and "<script" not in svg
    assert not [e for e in root.iter() if e.tag in (f"{SVG}script", f"{SVG}a", f"{SVG}image")]
    assert not [e for e in root.iter() for name in e.attrib if name.startswith("on")]


def test_a_hostile_checklist_title_is_escaped_in_the_svg(tmp_path):
    from herstelcheck.formats.html import environment
    from herstelcheck.memo import ChecklistItemView, ChecklistView, Memo  # noqa: F401

    drawn = chart.HeatMap(
        id='x" onload="alert(1)',
        title="</title><script>alert(1)</script>",
        desc="]]><x/>",
        width=100,
        height=100,
        cell=10,
        row=10,
        name_column=10,
        score_x=90,
        columns=(chart.Column(5, "<b>1</b>"),),
        score_heading="Score",
        rows=(),
        legend=(),
        legend_y=50,
    )
    svg = environment().get_template("chart.svg.j2").render(chart=drawn)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "</title><script>alert(1)</script>"  # type: ignore[union-attr]
    assert "onload" not in root.attrib
    assert [e.tag for e in root.iter() if e.tag.endswith(("script", "b", "x"))] == []


# --- the chart's data ---------------------------------------------------------------------


def test_bars_are_as_long_as_the_scores_and_coloured_by_status():
    import datetime as dt

    from herstelcheck import checklist, memo
    from herstelcheck import run as runner

    run = runner.audit_paths(
        [str(ROOT / "examples" / "lindewaard.yaml")],
        checklist.load(),
        today=dt.date(2021, 6, 30),
        sink=lambda d: None,
    )
    (plan,) = memo.context(run, "nl").plans
    drawn = chart.bar_chart(plan, "nl")
    assert [b.width for b in drawn.bars] == [
        0.0 if i.status == "waived" else chart.TRACK * i.score / 10 for i in plan.items
    ]
    assert [b.colour for b in drawn.bars] == [chart.COLOURS[i.status] for i in plan.items]
    assert drawn.bars[7].text == "uitgezonderd (telt niet mee)"
    assert drawn.bars[0].text == "6,0 · deels"
    assert "Item 8, Regionale samenwerking versterkt: uitgezonderd" in drawn.desc
