"""The HTML report and pandoc's HTML of the memo as a person sees them: in a real browser.

Each page is opened in headless Chromium. `--dump-dom` (after `--virtual-time-budget`,
so the page has loaded) gives the document as the browser holds it: there the chart
must have ten bars, their widths in the order of the scores and their colours by
status, and a plan whose texts hold `<script>`, `<img onerror=...>` and `javascript:`
links must have left the title and the elements of the page as the templates wrote
them. `--screenshot` at 800 by 1200 pixels is written to a folder the test prints, for a
person to look at after a local run (set HERSTELCHECK_SCREENSHOTS to choose it).

Whether anything is wider than the page cannot be read from the DOM of a page without
script, and the reports have none. So the width is measured in a copy of the page: the
same markup and CSS, with the Content-Security-Policy taken out and a small script put
in at the end that, once the page has loaded, writes what the browser laid out into the
DOM (the page's scroll width, every element that reaches past the 800 pixel window, the
painted colour and width of every bar, whether the chart image decoded, the title and
the elements present), where `--dump-dom` reads it. The script changes no layout; the
copy without the policy also shows that no plan text runs even when nothing forbids it.

`--print-to-pdf` shows that the print CSS makes A4 pages.

pandoc's Word file is read as XML: its language, and the widths of its table columns.
"""

from __future__ import annotations

import base64
import json
import os
import re
import struct
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES

pytestmark = pytest.mark.slow

DAY = "2021-06-30"
XSS = DATA / "html" / "xss.yaml"
READER = "markdown-raw_html-raw_tex-raw_attribute"
SVG = "{http://www.w3.org/2000/svg}"
WINDOW = (800, 1200)
COLOURS = {"met": "#1a7f37", "partial": "#d4a72c", "missing": "#cf222e", "waived": "#8c959f"}
TRACK = 440

MEASURE = """
<pre id="measure"></pre>
<script>
window.addEventListener("load", () => {
  const page = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll("body *")) {
    if (element.closest("svg") && element.tagName.toLowerCase() !== "svg") continue;
    if (element.id === "measure") continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > page + 0.5 || box.left < -0.5) {
      const name = element.tagName.toLowerCase();
      wide.push(`${name} ${Math.round(box.left)}-${Math.round(box.right)}`);
    }
  }
  const bars = [...document.querySelectorAll("rect.bar")].map((bar) => ({
    item: bar.dataset.item,
    status: bar.dataset.status,
    score: parseFloat(bar.dataset.score),
    fill: getComputedStyle(bar).fill,
    width: bar.getBoundingClientRect().width,
  }));
  const count = (tag) => document.getElementsByTagName(tag).length;
  document.getElementById("measure").textContent = JSON.stringify({
    page,
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    wide,
    bars,
    title: document.title,
    images: [...document.images].map((img) => [img.complete, img.naturalWidth]),
    elements: {script: count("script"), img: count("img"), a: count("a"),
               iframe: count("iframe"), object: count("object"), form: count("form"),
               link: count("link"), base: count("base")},
  });
});
</script>
"""
"""What the measuring copy of a page appends to its body."""


# --- the browser --------------------------------------------------------------------------


def chromium_path() -> str:
    import shutil

    from external import need

    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    need("chromium", False)
    raise AssertionError("unreachable")


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium on its own profile, with nothing that phones home; its
    standard output."""
    command = [
        chromium_path(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(profile: Path, page: Path) -> str:
    """The document as the browser holds it once the page has loaded."""
    return chromium(
        profile,
        "--virtual-time-budget=2000",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--dump-dom",
        page.as_uri(),
    )


def screenshot(profile: Path, page: Path, target: Path) -> Path:
    chromium(
        profile,
        f"--screenshot={target}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--virtual-time-budget=2000",
        page.as_uri(),
    )
    assert target.is_file()
    return target


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def measure(profile: Path, page: Path) -> dict:
    """The layout of `page` as the browser made it, from its measuring copy."""
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    assert "</body>" in html
    copy = page.with_name(page.stem + ".measure.html")
    copy.write_text(html.replace("</body>", MEASURE + "</body>", 1), encoding="utf-8")
    dom = dump_dom(profile, copy)
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.DOTALL)
    assert found and found.group(1), "the measuring script did not run"
    import html as entities

    return json.loads(entities.unescape(found.group(1)))


class Dom(HTMLParser):
    """Elements (with attributes and the text of each `title`) of a dumped document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.titles: list[str] = []
        self._in_title = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "title":
            self._in_title += 1
            self.titles.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.titles[-1] += data

    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]

    def all(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(k) == v for k, v in wanted.items())
        ]


def dom_of(text: str) -> Dom:
    dom = Dom()
    dom.feed(text)
    dom.close()
    return dom


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The folder of the screenshots, said on the terminal whatever pytest captures."""
    chosen = os.environ.get("HERSTELCHECK_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            print(f"\nscreenshots of the reports: {folder}", flush=True)
    return folder


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "chromium-profile"


@pytest.fixture
def audit(cli, tmp_path, monkeypatch):
    """`audit(plan, fmt, name, *args)` writes a report into a folder of its own."""
    monkeypatch.chdir(EXAMPLES.parent)

    def run(plan: Path | str, fmt: str, name: str, *args: str) -> Path:
        target = tmp_path / "out" / name
        target.parent.mkdir(exist_ok=True)
        result = cli(
            "audit", str(plan), "-f", fmt, "-o", str(target), "--date", DAY, "--no-config", *args
        )
        assert result.exit_code == 0, result
        return target

    return run


def pandoc(memo: Path, target: str, *args: str) -> Path:
    """Convert as docs/memo.md says, in the folder of the memo (where its chart is)."""
    from external import program

    done = subprocess.run(
        [program("pandoc"), memo.name, "-f", READER, *args, "-o", target],
        capture_output=True,
        text=True,
        cwd=memo.parent,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return memo.parent / target


# --- the chart, as the browser holds and paints it ----------------------------------------


def expected_scores() -> list[tuple[str, float]]:
    import datetime as dt

    from herstelcheck import checklist, memo
    from herstelcheck import run as runner

    run = runner.audit_paths(
        [str(EXAMPLES / "lindewaard.yaml")],
        checklist.load(),
        today=dt.date(2021, 6, 30),
        sink=lambda d: None,
    )
    (plan,) = memo.context(run, "nl").plans
    return [(item.status, item.score) for item in plan.items]


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


def check_bars(bars: list[dict[str, str]]) -> None:
    """Ten bars, as long as their scores and coloured by their status (DOM attributes)."""
    assert len(bars) == 10
    expected = expected_scores()
    assert [b["data-status"] for b in bars] == [status for status, _ in expected]
    assert [b["fill"] for b in bars] == [COLOURS[b["data-status"]] for b in bars]
    counted = [(float(b["width"]), score) for b, (status, score) in zip(bars, expected, strict=True)
               if status != "waived"]  # fmt: skip
    assert [w for w, _ in sorted(counted, key=lambda p: p[1])] == sorted(w for w, _ in counted)
    for width, score in counted:
        assert width == pytest.approx(TRACK * score / 10)


def check_painted(measured: dict) -> None:
    """The bars as the browser painted them: their colours, their widths by score."""
    bars = measured["bars"]
    assert len(bars) == 10
    for bar in bars:
        assert bar["fill"] == rgb(COLOURS[bar["status"]])
    counted = [b for b in bars if b["status"] != "waived"]
    by_score = sorted(counted, key=lambda b: b["score"])
    widths = [b["width"] for b in by_score]
    assert widths == sorted(widths)
    longest = max(counted, key=lambda b: b["score"])
    for bar in counted:
        share = bar["score"] / longest["score"]
        assert bar["width"] == pytest.approx(longest["width"] * share, abs=1)


def check_fits(measured: dict) -> None:
    """Nothing reaches past the 800 pixel window: no sideways scrolling."""
    assert measured["innerWidth"] == WINDOW[0]
    assert measured["scrollWidth"] <= measured["page"], measured["wide"]
    assert measured["wide"] == []


# --- the HTML report --------------------------------------------------------------------------


def test_the_html_report_in_a_browser(audit, profile, shots):
    page = audit(EXAMPLES / "lindewaard.yaml", "html", "lindewaard.html")
    dom = dom_of(dump_dom(profile, page))
    assert dom.all("html")[0]["lang"] == "nl"
    assert dom.titles[0] == "Lindewaard: Herstelagenda Lindewaard 2021"
    check_bars(dom.all("rect", **{"class": "bar"}))
    assert "script" not in dom.tags()
    measured = measure(profile, page)
    check_painted(measured)
    check_fits(measured)
    assert measured["title"] == "Lindewaard: Herstelagenda Lindewaard 2021"
    shot = screenshot(profile, page, shots / "html-report-lindewaard.png")
    assert png_size(shot) == WINDOW


def test_the_html_report_of_several_plans_in_a_browser(audit, profile, shots):
    page = audit(EXAMPLES, "html", "plannen.html")
    dom = dom_of(dump_dom(profile, page))
    cells = [a for a in dom.all("td") if "data-status" in a]
    assert len(cells) == 30
    assert {a["class"] for a in cells} == {f"status-{a['data-status']}" for a in cells}
    assert len(dom.all("rect", **{"class": "bar"})) == 30
    check_fits(measure(profile, page))
    assert png_size(screenshot(profile, page, shots / "html-report-plannen.png")) == WINDOW


def test_the_language_of_the_page_follows_lang(audit, profile):
    page = audit(EXAMPLES / "lindewaard.yaml", "html", "english.html", "--lang", "en")
    dom = dom_of(dump_dom(profile, page))
    assert dom.all("html")[0]["lang"] == "en"
    assert "Summary" in "".join(dom.text)


def test_the_html_report_prints_on_a4(audit, profile, tmp_path):
    page = audit(EXAMPLES, "html", "afdruk.html")
    pdf = tmp_path / "afdruk.pdf"
    chromium(profile, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes, "no page sizes in the PDF"
    for width, height in boxes:  # A4 is 595 by 842 points
        assert float(width) == pytest.approx(595.3, abs=1.5)
        assert float(height) == pytest.approx(841.9, abs=1.5)
    assert len(boxes) >= 4


def test_plan_text_runs_nothing_in_the_html_report(audit, profile, shots):
    page = audit(XSS, "html", "xss.html")
    dom = dom_of(dump_dom(profile, page))
    title = (
        "Scriptdorp <script>document.title='pwned'</script>: <img src=x "
        "onerror=\"document.title='pwned'\"> [klik](javascript:document.title='pwned')"
    )
    assert dom.titles[0] == title
    tags = set(dom.tags())
    assert not tags & {"script", "img", "a", "iframe", "object", "form", "link", "base", "button"}
    assert not [attrs for _, attrs in dom.elements if any(k.startswith("on") for k in attrs)]
    assert len(dom.all("style")) == 1  # the report's own
    text = "".join(dom.text)
    assert "<script>document.title='pwned'</script>" in text
    assert "<img src=x onerror=\"document.title='pwned'\">" in text
    measured = measure(profile, page)  # without the policy: still nothing runs
    assert measured["title"] == title
    assert measured["elements"] == {
        "script": 1,  # the measuring script
        "img": 0,
        "a": 0,
        "iframe": 0,
        "object": 0,
        "form": 0,
        "link": 0,
        "base": 0,
    }
    check_fits(measured)
    screenshot(profile, page, shots / "html-report-xss.png")


# --- pandoc's HTML and Word file of the memo ------------------------------------------------


def test_pandoc_html_of_the_memo_in_a_browser(audit, profile, shots):
    memo = audit(EXAMPLES / "lindewaard.yaml", "markdown", "memo.md", "--chart")
    page = pandoc(memo, "memo.html", "--self-contained")
    dom = dom_of(dump_dom(profile, page))
    assert dom.all("html")[0]["lang"] == "nl-NL"
    assert dom.titles[0] == "Lindewaard: Herstelagenda Lindewaard 2021"
    (image,) = dom.all("img")
    assert image["src"].startswith("data:image/svg+xml;base64,")
    svg = ET.fromstring(base64.b64decode(image["src"].split(",", 1)[1]))
    bars = [dict(e.attrib) for e in svg.iter(f"{SVG}rect") if e.get("class") == "bar"]
    check_bars(bars)
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    measured = measure(profile, page)
    assert measured["images"] == [[True, 680]]  # the chart, decoded by the browser
    check_fits(measured)
    shot = screenshot(profile, page, shots / "pandoc-memo-lindewaard.png")
    assert png_size(shot) == WINDOW


def test_plan_text_runs_nothing_in_pandocs_html_of_the_memo(audit, profile):
    memo = audit(XSS, "markdown", "memo.md", "--chart")
    page = pandoc(memo, "memo.html", "--self-contained")
    dom = dom_of(dump_dom(profile, page))
    title = dom.titles[0]
    straight = title.translate(str.maketrans("‘’“”", "''\"\""))  # pandoc's smart quotes
    assert straight.startswith("Scriptdorp <script>document.title='pwned'</script>: <img ")
    assert [a["src"][:26] for a in dom.all("img")] == ["data:image/svg+xml;base64,"]  # the chart
    assert not set(dom.tags()) & {"script", "a", "iframe", "object", "form", "link", "base"}
    measured = measure(profile, page)
    assert measured["title"] == title
    assert measured["elements"]["script"] == 1 and measured["elements"]["a"] == 0


def test_pandoc_word_file_of_the_memo(audit):
    from external import program

    program("rsvg-convert")  # pandoc draws the SVG chart's picture for Word with it
    memo = audit(EXAMPLES / "lindewaard.yaml", "markdown", "memo.md", "--chart")
    docx = pandoc(memo, "memo.docx")
    with zipfile.ZipFile(docx) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
        media = sorted(Path(n).suffix for n in archive.namelist() if n.startswith("word/media/"))
    assert re.search(r'<w:lang [^>]*w:val="nl-NL"', styles)
    assert media == [".png", ".svg"]
    items = document.split("<w:tbl>", 1)[1].split("</w:tbl>", 1)[0]
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', items)]
    assert len(widths) == 4
    assert widths[1] == max(widths) and widths[1] > sum(widths) * 0.6  # the item's title


def test_pandoc_word_file_of_several_plans(audit):
    memo = audit(EXAMPLES, "markdown", "plannen.md")
    docx = pandoc(memo, "plannen.docx")
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    comparison = document.split("<w:tbl>", 1)[1].split("</w:tbl>", 1)[0]
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', comparison)]
    assert len(widths) == 12  # the municipality, ten items, the score
    assert widths[0] == max(widths)
    assert max(widths[1:11]) < widths[0] / 2  # the items narrow
    assert comparison.count("<w:tr>") + comparison.count("<w:tr ") == 4
