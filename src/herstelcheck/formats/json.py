"""The JSON report, exactly as the command-line contract describes it.

The text is what the standard library's `json.dumps(..., ensure_ascii=False, indent=2)`
writes, with one addition: besides what JSON requires, C1 controls, bidirectional
controls and line separators are written as \\uXXXX escapes too, so the raw output holds
no character that a terminal or an editor would act on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from herstelcheck import __version__
from herstelcheck.audit import AuditRun, ItemResult, PlanReport, Waiver
from herstelcheck.checklist import Checklist
from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions, written
from herstelcheck.textsafe import JSON_UNSAFE
from herstelcheck.thresholds import Thresholds, shortfalls


def render(run: AuditRun, options: RenderOptions) -> str:
    return written(Writer(run.checklist, run.today, options), run)


class Writer:
    """The report written piece by piece, while the plans are audited: `start()`, then
    `plan(report)` for each plan as soon as it is audited, then `end(...)` with the
    errors and warnings of the run. The pieces joined are the text of `render`, which
    is built on them, and equal `dumps(document(...))` with a line break after it.
    """

    def __init__(self, checklist: Checklist, today: dt.date, options: RenderOptions) -> None:
        self._checklist = checklist
        self._today = today
        self._lang = options.lang
        self._thresholds = options.thresholds
        self._plans = 0

    def start(self) -> str:
        """The document up to its list of plans."""
        head = dumps(_document_head(self._checklist, self._today, self._thresholds))
        return head[: -len("\n}")] + "," + _INNER + '"plans": '

    def plan(self, report: PlanReport) -> str:
        """One plan of the list."""
        self._plans += 1
        text = dumps(plan(report, self._lang, self._thresholds)).replace("\n", _PLAN)
        return ("[" if self._plans == 1 else ",") + _PLAN + text

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> str:
        """The rest: the end of the list of plans, the `errors` of plans that could not be
        read (`AuditRun.errors`) and the `warnings` of the plans (`PlanReport.warnings`,
        plan by plan)."""
        tail = dumps(_document_tail(errors, warnings))
        return (_INNER + "]" if self._plans else "[]") + "," + tail[len("{") :] + "\n"


_INNER = "\n  "
"""A line break and the indentation of the document's keys."""
_PLAN = _INNER + "  "
"""A line break and the indentation of a plan in the list."""


def dumps(data: Any) -> str:
    """`data` as JSON, as `json.dumps(data, ensure_ascii=False, indent=2)` writes it, with
    every unsafe character escaped too (`textsafe.JSON_UNSAFE`). An iterator is written
    as a list.

    A line break in the text is always one of the layout: JSON writes one in a string
    as `\\n`. So the text of a part can be indented by replacing its line breaks.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_iterate)
    if text.isascii() and "\x7f" not in text:  # isascii() reads a flag: no scan
        return text
    return JSON_UNSAFE.sub(_escape, text)


def _iterate(value: Any) -> Any:
    """What `json.dumps` writes for a value it does not know: an iterator as a list."""
    if isinstance(value, Iterator):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def document(run: AuditRun, lang: str, thresholds: Thresholds | None = None) -> dict[str, Any]:
    """The report as data (what `render` writes, all at once)."""
    thresholds = thresholds or Thresholds()
    return {
        **_document_head(run.checklist, run.today, thresholds),
        "plans": [plan(report, lang, thresholds) for report in run.reports],
        **_document_tail(run.errors, (d for report in run.reports for d in report.warnings)),
    }


def _document_head(checklist: Checklist, today: dt.date, thresholds: Thresholds) -> dict[str, Any]:
    """The keys before `plans`."""
    return {
        "tool": {"name": "herstelcheck", "version": __version__},
        "checklist": {"name": checklist.name, "version": checklist.version},
        "date": today.isoformat(),
        "threshold": thresholds.describe(),
    }


def _document_tail(errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> dict[str, Any]:
    """The keys after `plans`."""
    return {
        "errors": [error(d) for d in errors if d.severity == "error"],
        "warnings": [error(d) for d in warnings],
    }


def plan(report: PlanReport, lang: str, thresholds: Thresholds | None = None) -> dict[str, Any]:
    """A plan's report; `passed`: whether it meets the run's thresholds."""
    passed = not shortfalls(report, thresholds or Thresholds(), lang)
    items = [item(result, lang) for result in report.items]
    return {**plan_head(report), "passed": passed, "items": items}


def plan_head(report: PlanReport) -> dict[str, Any]:
    """The plan's file, its particulars and its score (the diff report shows these too)."""
    return {
        "file": report.file,
        "gemeente": report.plan.gemeente,
        "titel": report.plan.titel,
        "versie": report.plan.versie,
        "vastgesteld": report.plan.vastgesteld.text if report.plan.vastgesteld else None,
        "score": report.score,
    }


def waiver(given: Waiver) -> dict[str, Any]:
    """A waiver's reason, the date it runs until, and whether that date has passed."""
    return {
        "reason": given.reason,
        "until": given.until.text if given.until else None,
        "expired": given.expired,
    }


def item(result: ItemResult, lang: str) -> dict[str, Any]:
    """An item: its status, the alternative that met it (0-based, or null), the
    `toelichting` that alone makes it partial (or null), its waiver and its criteria,
    each with its role and whether its failure keeps the item from being met
    (`blocks`; false for advice and for a criterion that did not fail)."""
    given = result.waiver
    explained = result.explained
    return {
        "id": result.item.id,
        "slug": result.item.slug,
        "title": result.item.title.get(lang),
        "score": result.score,
        "status": result.status.value,
        "alternative": result.alternative,
        "toelichting": None
        if explained is None
        else {"section": explained.section, "text": explained.text, "line": explained.line},
        "waiver": None if given is None else {**waiver(given), "line": given.line},
        "criteria": [
            {
                "id": c.criterion.id,
                "key": c.key,
                "role": c.criterion.role.value,
                "passed": c.passed,
                "blocks": c.blocks,
                "message": c.message(lang),
                "advice": c.advice(lang),
                "line": c.line,
                "weight": c.criterion.weight,
            }
            for c in result.criteria
        ],
    }


def error(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "file": diagnostic.file,
        "line": diagnostic.line or None,
        "column": diagnostic.column or None,
        "message": diagnostic.message,
    }
