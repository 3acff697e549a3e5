"""GitHub Actions workflow commands, which the runner turns into annotations on the lines
of the plan files, and a Markdown job summary.

One command per finding, on one line each:

- ``::error`` for each failed criterion that keeps a **missing** item from being met,
  ``::warning`` for each that keeps a **partial** item from being met, at the file, line
  and column of the criterion's place (line 1 where the plan has no place for it),
  titled with the item;
- ``::notice`` for each failed criterion that is advice (its item is met, or it is
  advisory), in an item of any status but waived, its advice starting with
  ``Aanbevolen:``; an item that only its ``toelichting`` makes partial gets no
  annotation of its own (as in SARIF): its failed criteria say what is missing;
- ``::notice`` for each waiver, at its line under ``uitzonderingen``, with the
  justification (or with the date on which it expired);
- ``::warning`` for each warning about a plan that could be read, and ``::error`` for
  each error of a plan that could not be read, at its place in the file;
- one plain line per plan with its score and the counts of each status.

Values are escaped as the runner requires (``%``, CR and LF in the message; also ``:``
and ``,`` in the properties), after control characters have been made visible, so no
text from a plan can end a command or start another.

`step_summary` gives the Markdown that the command line appends to the file named by
``$GITHUB_STEP_SUMMARY``: a table with each plan's score and the status of each item,
the waivers, and the plans that could not be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import partial

from herstelcheck.audit import AuditRun, CriterionResult, ItemResult, PlanReport, Status
from herstelcheck.checklist import Checklist
from herstelcheck.errors import Diagnostic, UsageError
from herstelcheck.formats import RenderOptions, ci, written
from herstelcheck.formats.spool import Spool
from herstelcheck.i18n import SYMBOLS, number, t
from herstelcheck.mdescape import escape
from herstelcheck.textsafe import visible, visible_block
from herstelcheck.thresholds import Thresholds, shortfalls

md = partial(escape, gfm=True)
"""Text as literal Markdown for GitHub, which makes links of bare addresses otherwise."""


def escape_data(value: str) -> str:
    """The message of a command: `%`, CR and LF percent-encoded."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value: as the message, and `:` and `,` percent-encoded too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(
    kind: str,
    message: str,
    *,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
    title: str | None = None,
) -> str:
    """One workflow command; every value is made visible and escaped here."""
    properties = []
    if file is not None and file != ci.STDIN_NAME:
        properties.append(f"file={escape_property(visible(ci.relative_path(file) or file))}")
        properties.append(f"line={line or 1}")
        properties.append(f"col={column if line and column else 1}")
    if title:
        properties.append(f"title={escape_property(visible(title))}")
    head = f"::{kind} {','.join(properties)}" if properties else f"::{kind}"
    return f"{head}::{escape_data(visible_block(message))}"


def render(run: AuditRun, options: RenderOptions) -> str:
    return written(Writer(run.checklist, run.today, options), run)


class Writer:
    """The commands written piece by piece while the plans are audited: `start()`, then
    `plan(report)` for each plan as soon as it is audited (its commands), then
    `end(...)` with the errors of the run (a command for each, then the plain line of
    each plan, set aside in a `Spool` as the plans passed). The pieces joined are the
    text of `render`, which is built on them."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._lang = options.lang
        self._thresholds = options.thresholds
        self._lines = Spool()
        self._written = False

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        """The plan's commands; its plain line is set aside for `end`."""
        lines = plan_commands(report, self._lang)
        lines += threshold_commands(report, self._thresholds, self._lang)
        self._lines.write(_lines([plan_line(report, self._lang)]))
        self._written = True
        return _lines(lines)

    def end(
        self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()
    ) -> Iterator[str]:
        """An `::error` for each of the `errors` (`AuditRun.errors`), then the plain line
        of each plan."""
        errors = list(errors)
        title = f"herstelcheck: {t('not_read', self._lang)}"
        yield _lines([diagnostic_command(e, title) for e in errors if e.severity == "error"])
        yield from self._lines.read()
        if not self._written and not errors:
            yield f"herstelcheck: {t('no_plans', self._lang)}\n"
        elif not self._written and not any(e.severity == "error" for e in errors):
            yield "\n"  # no line at all: the line break that ends the text


def _lines(lines: list[str]) -> str:
    """Lines of the text, each with its line break, written as UTF-8 can."""
    return ci.without_surrogates("".join(f"{line}\n" for line in lines))


def plan_commands(report: PlanReport, lang: str) -> list[str]:
    lines = []
    for item in report.items:
        if item.status is not Status.WAIVED:
            lines += [finding(report, item, result, lang) for result in item.failed]
        if item.waiver is not None:
            lines.append(waiver_notice(report, item, lang))
    lines += [diagnostic_command(d, "herstelcheck") for d in report.warnings]
    return lines


def item_title(item: ItemResult, lang: str) -> str:
    status = t(item.status.value, lang)
    return f"{t('item', lang)} {item.item.id} ({status}): {item.item.title.get(lang)}"


_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}
"""The workflow command of each level (`ci.level`)."""


def finding(report: PlanReport, item: ItemResult, result: CriterionResult, lang: str) -> str:
    label = t("recommended" if result.advisory else "advice", lang)
    message = f"{result.message(lang)} [{result.criterion.id}]\n{label}: {result.advice(lang)}"
    if result.key:
        message += f" ({result.key})"
    return command(
        _COMMAND[ci.level(item, result)],
        message,
        file=report.file,
        line=result.line,
        column=result.column,
        title=item_title(item, lang),
    )


def waiver_notice(report: PlanReport, item: ItemResult, lang: str) -> str:
    waiver = item.waiver
    assert waiver is not None
    message = waiver.reason or t("waived", lang)
    if waiver.until is not None:
        key = "waiver_expired" if waiver.expired else "waiver_until"
        message += f"\n{t(key, lang, date=waiver.until.text)}"
    return command(
        "notice",
        message,
        file=report.file,
        line=waiver.line,
        title=f"{t('waivers', lang)}: {item_title(item, lang)}",
    )


def diagnostic_command(diagnostic: Diagnostic, title: str) -> str:
    return command(
        diagnostic.severity,
        diagnostic.message,
        file=diagnostic.file,
        line=diagnostic.line or None,
        column=diagnostic.column or None,
        title=title,
    )


def threshold_commands(report: PlanReport, thresholds: Thresholds, lang: str) -> list[str]:
    """An `::error` for each way the plan falls short of the run's thresholds."""
    return [
        command(
            "error", reason, file=report.file, line=1, title=f"herstelcheck: {t('threshold', lang)}"
        )
        for reason in shortfalls(report, thresholds, lang)
    ]


def plan_line(report: PlanReport, lang: str) -> str:
    """A plain line (never a command: it starts with `herstelcheck:`)."""
    counts = {status.value: report.count(status) for status in Status}
    summary = t(
        "summary", lang, total=len(report.items), score=number(report.score, lang), **counts
    )
    name = visible(report.plan.gemeente or "")
    return f"herstelcheck: {visible(report.file)} ({name}): {summary}"


# --- the job summary ------------------------------------------------------------------


def step_summary(run: AuditRun, lang: str, thresholds: Thresholds | None = None) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`; every text from a plan is escaped. With
    thresholds set, a column says whether each plan passed them."""
    options = RenderOptions(lang=lang, thresholds=thresholds or Thresholds())
    summary = Summary(run.checklist, run.today, options)
    pieces = [summary.start(), *(summary.plan(report) for report in run.reports)]
    pieces += summary.end(run.errors)
    return "".join(pieces)


class Summary:
    """The job summary (`step_summary`) made piece by piece while the plans are audited,
    as `Writer` makes the commands: each plan's row of the table and its waivers are set
    aside in a `Spool` until `end` gives the whole summary."""

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._checklist = checklist
        self._lang = options.lang
        self._thresholds = options.thresholds
        self._plans = 0
        self._rows = Spool()
        self._waivers = Spool()

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        """Nothing yet: the plan's row and waivers are set aside for `end`."""
        lang = self._lang
        self._plans += 1
        cells = [md(report.plan.gemeente or ""), md(report.file), number(report.score, lang)]
        if self._thresholds.any:
            passed = not shortfalls(report, self._thresholds, lang)
            cells.append(
                f"{SYMBOLS['met']} {t('passed', lang)}"
                if passed
                else f"{SYMBOLS['missing']} {t('failed', lang)}"
            )
        cells += [SYMBOLS[item.status.value] for item in report.items]
        self._rows.write("| " + " | ".join(cells) + " |\n")
        for item in report.items:
            if item.status is Status.WAIVED:
                reason = item.waiver.reason if item.waiver is not None else ""
                where = f"{report.plan.gemeente} ({report.file})"
                what = f"{t('item', lang)} {item.item.id} ({item.item.title.get(lang)})"
                self._waivers.write(f"- {md(where)}, {md(what)}: {md(reason)}\n")
        return ""

    def end(
        self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()
    ) -> Iterator[str]:
        """The summary, in chunks: the table, the waivers and the `errors`
        (`AuditRun.errors`) of the plans that could not be read."""
        lang, items = self._lang, self._checklist.items
        yield f"### herstelcheck: {md(self._checklist.name)}\n"
        if self._plans:
            head = [t("gemeente", lang), t("file", lang), t("score", lang)]
            head += [t("threshold", lang)] if self._thresholds.any else []
            head += [str(item.id) for item in items]
            verdict = " :-: |" if self._thresholds.any else ""
            yield "\n| " + " | ".join(md(cell) for cell in head) + " |\n"
            yield "| --- | --- | ---: |" + verdict + " :-: |" * len(items) + "\n"
            yield from self._rows.read()
            yield "\n" + " · ".join(f"{SYMBOLS[s.value]} {t(s.value, lang)}" for s in Status)
            yield "\n"
        if not self._waivers.empty:
            yield f"\n**{md(t('waivers', lang))}**\n\n"
            yield from self._waivers.read()
        errors = [d for d in errors if d.severity == "error"]
        if errors:
            yield f"\n**{md(t('not_read', lang))}**\n\n"
            yield "".join(
                f"- {md(f'{d.file}:{d.line}:{d.column}')}: {md(d.message)}\n" for d in errors
            )
        if not self._plans and not errors:
            yield f"\n{md(t('no_plans', lang))}\n"
        yield "\n"


def write_step_summary(run: AuditRun, options: RenderOptions, path: str) -> str | None:
    """Append the job summary to `path`, as GitHub asks; a problem is returned, not raised."""
    return append_step_summary([step_summary(run, options.lang, options.thresholds)], path)


def append_step_summary(summary: Iterable[str], path: str) -> str | None:
    """Append the job summary, given in chunks (`step_summary`, or `Summary.end`), to
    `path`; a problem is returned, not raised."""
    try:
        with open(path, "a", encoding="utf-8", errors="replace", newline="\n") as stream:
            for chunk in summary:
                stream.write(chunk)
    except OSError as exc:
        return f"cannot write the job summary to '{path}': {exc.strerror or exc}"
    except UsageError as exc:  # its rows could not be kept on disk
        return f"cannot write the job summary to '{path}': {exc}"
    return None
