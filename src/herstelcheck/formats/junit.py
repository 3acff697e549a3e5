"""The JUnit XML report, for GitLab, Jenkins and other CI systems that show test results.

- ``<testsuites>`` holds one ``<testsuite>`` per plan: its name is the plan file, its
  timestamp the date of the audit, its properties the municipality, title and score.
- Each suite has a ``<testcase>`` for every item of the checklist, always all of them,
  named ``01 Organiseer herstel ...`` with classname ``herstelcheck.<gemeente>`` (with
  the plan file's stem added when two plans of the run have the same gemeente).
- An item that is not met (partial or missing) has a ``<failure>``: the status, the
  score and the count of findings that keep it from being met in its message, and in its
  text each of those findings with its line and advice (after, for an item that only its
  ``toelichting`` makes partial, the start of that text with its line).
- Advice, a failed criterion that does not keep its item from being met (the item is met,
  or the criterion is advisory), is no failure: it goes to the test case's
  ``<system-out>``, each with its line and its advice starting with ``Aanbevolen:``.
- A waived item is ``<skipped>``, with the justification as its message.
- A plan that could not be read is a suite with one testcase holding an ``<error>``
  with every error of that file, each with its line and column.
- Warnings about a plan that could be read are in its suite's ``<system-err>``.

The XML is built with ElementTree, which escapes markup; on top of that, characters
that XML 1.0 does not allow (most C0 controls, surrogates, U+FFFE and U+FFFF) and other
control characters are replaced by visible stand-ins, so the file always parses.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import PurePath

from herstelcheck.audit import AuditRun, CriterionResult, ItemResult, PlanReport, Status
from herstelcheck.checklist import Checklist
from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions, written
from herstelcheck.formats.spool import Spool
from herstelcheck.i18n import number, t
from herstelcheck.textsafe import visible, visible_block
from herstelcheck.thresholds import Thresholds, shortfalls

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 forbids that `visible` leaves: surrogates and the two non-characters."""


def text(value: str) -> str:
    """Text for an element: line breaks kept, everything else made safe for XML 1.0."""
    return _NOT_XML.sub("\ufffd", visible_block(value))


def attr(value: str) -> str:
    """Text for an attribute: one line, made safe for XML 1.0."""
    return _NOT_XML.sub("\ufffd", visible(value))


def render(run: AuditRun, options: RenderOptions) -> str:
    return written(Writer(run.checklist, run.today, options), run)


class Writer:
    """The JUnit XML written piece by piece while the plans are audited: `start()`, then
    `plan(report)` for each plan as soon as it is audited, then `end(...)` with the
    errors of the run. The pieces joined are the text of `render`, which is built on
    them: ElementTree's text of the whole document, indented (`ET.indent`).

    The first tag holds the totals of the run, and a plan's class name depends on the
    plans after it (two plans of one gemeente both get their file name in it), so each
    plan's suite is set aside in a `Spool`, as the text it will be with a mark where
    the file name may go (`_mark`), until `end` knows both. What is kept meanwhile is
    the totals and, for each gemeente, how many plans it has.
    """

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._checklist = checklist
        self._today = today
        self._lang = options.lang
        self._thresholds = options.thresholds
        self._timestamp = f"{today.isoformat()}T00:00:00"
        self._totals = dict.fromkeys(_TOTALS, 0)
        self._gemeenten: dict[str, list[int]] = {}
        """Each gemeente: its number in the marks and how many plans it has so far."""
        self._suites = Spool()

    def start(self) -> str:
        return ""

    def plan(self, report: PlanReport) -> str:
        """Nothing yet: the plan's suite is set aside for `end`."""
        classname = self._mark(report)
        suite = plan_suite(
            self._checklist, self._today, report, classname, self._timestamp, self._lang
        )
        if self._thresholds.any:
            add_threshold_case(suite, report, classname, self._thresholds, self._lang)
        self._suites.write(self._text(suite))
        return ""

    def end(
        self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()
    ) -> Iterator[str]:
        """The document, in chunks: the totals, each plan's suite and a suite for each
        file that could not be read, with its `errors` (`AuditRun.errors`)."""
        unread = [
            self._text(error_suite(file, found, self._timestamp, self._lang))
            for file, found in errors_by_file(errors).items()
        ]
        root = ET.Element("testsuites", name="herstelcheck")
        for name, total in self._totals.items():
            root.set(name, str(total))
        if self._suites.empty and not unread:
            yield DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
            return
        start = ET.tostring(root, encoding="unicode", short_empty_elements=False)
        yield DECLARATION + start.removesuffix("</testsuites>")
        yield from _unmarked(self._suites.read(), self._shared())
        yield "".join(unread) + "\n</testsuites>\n"

    def _text(self, suite: ET.Element) -> str:
        """A suite as the document holds it, after the line break before it; its counts
        added to the totals."""
        for name in _TOTALS:
            self._totals[name] += int(suite.get(name, "0"))
        ET.indent(suite, level=1)
        return "\n  " + ET.tostring(suite, encoding="unicode")

    def _mark(self, report: PlanReport) -> str:
        """The plan's class name (`class_name`), with its file name between marks when
        its gemeente may be shared: `_unmarked` keeps or drops it at the end."""
        gemeente = report.plan.gemeente
        file = PurePath(report.file)
        if not gemeente:
            return class_name(f"{file.stem} ({file.name})")
        number, _ = self._gemeenten.setdefault(gemeente, [len(self._gemeenten), 0])
        self._gemeenten[gemeente][1] += 1
        with_file = class_name(f"{gemeente} ({file.name})")
        short = class_name(gemeente)
        return f"{short}\x00{number}\x01{with_file[len(short) :]}\x00"

    def _shared(self) -> set[int]:
        """The numbers of the gemeenten that more than one plan has."""
        return {number for number, count in self._gemeenten.values() if count > 1}


_TOTALS = ("tests", "failures", "errors")
"""The counts of the run in the first tag: the sums of those of the suites."""
_MARK = re.compile("\x00([0-9]+)\x01([^\x00]*)\x00")
"""A class name's file name (group 2) and the number of its gemeente (group 1). No other
text of the document holds U+0000 or U+0001: `attr` and `text` make them visible."""


def _unmarked(chunks: Iterable[str], shared: set[int]) -> Iterator[str]:
    """The suites' text with each mark replaced by its file name, for a gemeente in
    `shared`, or by nothing. A mark is on one line, so only whole lines are replaced."""

    def name(match: re.Match[str]) -> str:
        return match.group(2) if int(match.group(1)) in shared else ""

    rest = ""
    for chunk in chunks:
        text = rest + chunk
        end = text.rfind("\n") + 1
        text, rest = text[:end], text[end:]
        yield _MARK.sub(name, text)
    yield _MARK.sub(name, rest)


def class_name(name: str) -> str:
    """`herstelcheck.<name>`, with dots in the name replaced so that it stays one class."""
    return "herstelcheck." + attr(name).replace(".", "_")


def errors_by_file(errors: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    grouped: dict[str, list[Diagnostic]] = {}
    for error in errors:
        if error.severity == "error":
            grouped.setdefault(error.file, []).append(error)
    return grouped


def plan_suite(
    checklist: Checklist,
    today: dt.date,
    report: PlanReport,
    classname: str,
    timestamp: str,
    lang: str,
) -> ET.Element:
    failures = sum(1 for item in report.items if item.status in (Status.PARTIAL, Status.MISSING))
    suite = ET.Element(
        "testsuite",
        name=attr(report.file),
        tests=str(len(report.items)),
        failures=str(failures),
        errors="0",
        skipped=str(report.count(Status.WAIVED)),
        timestamp=timestamp,
        file=attr(report.file),
    )
    properties = ET.SubElement(suite, "properties")
    plan = report.plan
    values = {
        "gemeente": plan.gemeente,
        "titel": plan.titel,
        "versie": plan.versie,
        "vastgesteld": plan.vastgesteld.text if plan.vastgesteld else None,
        "score": f"{report.score:.1f}",
        "checklist": checklist.name,
        "checklist.version": checklist.version,
        "date": today.isoformat(),
    }
    for name, value in values.items():
        if value:
            ET.SubElement(properties, "property", name=name, value=attr(value))
    for item in report.items:
        suite.append(testcase(report, item, classname, lang))
    if report.warnings:
        err = ET.SubElement(suite, "system-err")
        err.text = text("\n".join(d.format() for d in report.warnings)) + "\n"
    return suite


def testcase(report: PlanReport, item: ItemResult, classname: str, lang: str) -> ET.Element:
    title = item.item.title.get(lang)
    case = ET.Element("testcase", name=attr(f"{item.item.id:02d} {title}"), classname=classname)
    if item.status is Status.WAIVED:
        case.append(skipped(report, item, lang))
        return case
    if item.status in (Status.PARTIAL, Status.MISSING):
        case.append(failure(report, item, lang))
    if item.advice:
        out = ET.SubElement(case, "system-out")
        lines = [t("advice_count", lang, count=len(item.advice))]
        for result in item.advice:
            lines += finding_lines(report, result, t("recommended", lang), lang)
        out.text = text("\n".join(lines)) + "\n"
    return case


def add_threshold_case(
    suite: ET.Element, report: PlanReport, classname: str, thresholds: Thresholds, lang: str
) -> None:
    """One test case more in the plan's suite: the run's thresholds, failing with the
    reasons when the plan falls short of them."""
    case = ET.Element("testcase", name=attr(t("threshold", lang)), classname=classname)
    reasons = shortfalls(report, thresholds, lang)
    if reasons:
        failure = ET.SubElement(case, "failure", message=attr("; ".join(reasons)), type="threshold")
        failure.text = text("\n".join(f"{visible(report.file)}: {r}" for r in reasons)) + "\n"
        suite.set("failures", str(int(suite.get("failures", "0")) + 1))
    suite.set("tests", str(int(suite.get("tests", "0")) + 1))
    properties = suite.find("properties")
    position = (
        list(suite).index(properties) + 1 + len(report.items)
        if properties is not None
        else len(report.items)
    )
    suite.insert(position, case)


def place(file: str, line: int | None, column: int | None) -> str:
    """`file:line:column`, as far as they are known, made visible."""
    where = file if line is None else f"{file}:{line}"
    if line is not None and column is not None:
        where += f":{column}"
    return visible(where)


def finding_lines(report: PlanReport, result: CriterionResult, label: str, lang: str) -> list[str]:
    """A failed criterion at its place, and under it what to add, after `label`."""
    where = place(report.file, result.line, result.column)
    advice = f"    {label}: {visible(result.advice(lang))}"
    return [
        f"{where}: {visible(result.message(lang))} [{result.criterion.id}]",
        advice + (f" ({visible(result.key)})" if result.key else ""),
    ]


def failure(report: PlanReport, item: ItemResult, lang: str) -> ET.Element:
    applicable = [c for c in item.criteria if c.passed is not None]
    message = t(
        "item_failed",
        lang,
        status=t(item.status.value, lang),
        score=number(item.score, lang),
        failed=len(item.blocking),
        applicable=len(applicable),
    )
    lines = []
    explained = item.explained
    if explained is not None:
        sentence = t("explained", lang, section=explained.section, quote=explained.quote())
        lines.append(f"{place(report.file, explained.line, None)}: {visible(sentence)}")
    for result in item.blocking:
        lines += finding_lines(report, result, t("advice", lang), lang)
    waiver = item.waiver
    if waiver is not None and waiver.expired and waiver.until is not None:
        note = t("waiver_expired", lang, date=visible(waiver.until.text))
        lines.append(f"{t('waivers', lang)}: {note}: {visible(waiver.reason)}")
    element = ET.Element("failure", message=attr(message), type=item.status.value)
    element.text = text("\n".join(lines)) + "\n"
    return element


def skipped(report: PlanReport, item: ItemResult, lang: str) -> ET.Element:
    waiver = item.waiver
    reason = waiver.reason if waiver is not None else ""
    element = ET.Element("skipped", message=attr(reason or t("waived", lang)), type="waived")
    lines = [reason] if reason else []
    if waiver is not None and waiver.until is not None:
        lines.append(t("waiver_until", lang, date=waiver.until.text))
    if waiver is not None and waiver.line is not None:
        lines.append(f"{report.file}:{waiver.line}")
    element.text = text("\n".join(lines)) + "\n"
    return element


def error_suite(file: str, errors: list[Diagnostic], timestamp: str, lang: str) -> ET.Element:
    suite = ET.Element(
        "testsuite",
        name=attr(file),
        tests="1",
        failures="0",
        errors="1",
        skipped="0",
        timestamp=timestamp,
        file=attr(file),
    )
    case = ET.SubElement(
        suite,
        "testcase",
        name=t("read_plan", lang),
        classname=class_name(PurePath(file).stem or file),
    )
    element = ET.SubElement(case, "error", message=attr(errors[0].message), type="plan-error")
    element.text = text("\n".join(d.format() for d in errors)) + "\n"
    return suite
