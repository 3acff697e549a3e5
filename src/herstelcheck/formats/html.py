"""The HTML report: the council memo as one web page, with a chart.

`render` writes the same content as the Markdown memo (the header, the summary, the
items, the next steps and the appendix, from `memo.Memo`) as a single self-contained
HTML file: the CSS is inline, the chart is inline SVG, and there is no JavaScript at
all. A Content-Security-Policy in the page forbids scripts and every request, so even a
page that someone changed cannot fetch or run anything. Print CSS gives clean A4 pages
when a reader prints it to PDF from a browser.

The templates are package data (`templates/report.html.j2`, `templates/chart.svg.j2`),
read with Jinja2's `PackageLoader`, with HTML autoescaping on for every value: a plan's
`<script>` or `<img onerror=...>` shows as text. Before it is escaped, every value is
put on one line with its control and invisible characters made visible (as in every
other format), so no value can hide or reorder what a reader sees.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from herstelcheck import chart, memo
from herstelcheck.audit import AuditRun
from herstelcheck.formats import RenderOptions, written
from herstelcheck.formats.memo_writer import MemoWriter
from herstelcheck.mdescape import one_line

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist

REPORT_TEMPLATE = "report.html.j2"
PARTS_TEMPLATE = "report-parts.html.j2"
CHART_TEMPLATE = "chart.svg.j2"
HTML_LANG = {"nl": "nl", "en": "en"}
"""The `lang` of the page for each language of the report."""
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""No scripts, no requests: only the inline style and images in the page itself."""


def shown(value: Any) -> Any:
    """Every value a template writes: on one line, with control and invisible characters
    made visible; markup the templates made (the chart) as it is."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return one_line(str(value))


@functools.cache
def environment() -> Environment:
    """The environment of the HTML report and the chart: bundled templates only, every
    value escaped for HTML (and so for SVG)."""
    return Environment(
        loader=PackageLoader("herstelcheck", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def render(run: AuditRun, options: RenderOptions) -> str:
    """The HTML report of the run."""
    return written(Writer(run.checklist, run.today, options), run)


class Writer(MemoWriter):
    """The HTML report, written plan by plan (`memo_writer`): a plan's section, with its
    chart, as soon as it is audited (the macro `plan_section` of `report-parts.html.j2`);
    the page around the sections at the end (`report.html.j2`)."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        super().__init__(checklist, today, options)
        # The parts as a module, made once: its macros write every plan's section.
        parts = environment().get_template(PARTS_TEMPLATE)
        self._parts: Any = parts.make_module({"words": self.words})

    def section(self, plan: memo.PlanView, number: int) -> Iterable[str]:
        drawn = chart.bar_chart(plan, self.options.lang, f"chart-{number}")
        return (self._parts.plan_section(plan, drawn),)

    def page(self, data: memo.Memo, sections: Iterator[str]) -> Iterable[str]:
        lang = self.options.lang
        charts = []
        if len(data.plans) == 1 and isinstance(data.plans[0], memo.PlanView):
            charts.append(chart.bar_chart(data.plans[0], lang, "chart-1"))
        template = environment().get_template(REPORT_TEMPLATE)
        return template.generate(
            data.variables(),
            sections=(Markup(chunk) for chunk in sections),  # HTML the templates made
            charts=charts,
            colours=chart.COLOURS,
            tints=chart.TINTS,
            html_lang=HTML_LANG.get(lang, "nl"),
            csp=Markup(CONTENT_SECURITY_POLICY),  # our own constant, written as it is
        )


class ChartWriter(MemoWriter):
    """The chart beside a memo (`--chart`), written as the memo is: the bars of one plan,
    or the heat map of the rows of several (of none: an empty heat map)."""

    def section(self, plan: memo.PlanView, number: int) -> Iterable[str]:
        return ()  # a chart has no sections

    def page(self, data: memo.Memo, sections: Iterator[str]) -> Iterable[str]:
        drawn: chart.BarChart | chart.HeatMap
        first = data.plans[0] if len(data.plans) == 1 else None
        if isinstance(first, memo.PlanView):
            drawn = chart.bar_chart(first, self.options.lang)
        else:
            drawn = chart.heat_map(data.plans, data.checklist, self.options.lang)
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield from environment().get_template(CHART_TEMPLATE).generate(chart=drawn)
