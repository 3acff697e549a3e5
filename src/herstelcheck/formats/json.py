"""The JSON report, exactly as the command-line contract describes it.

Text is JSON-escaped; besides what JSON requires, C1 controls, bidirectional controls
and line separators are written as \\uXXXX escapes too, so the raw output holds no
character that a terminal or an editor would act on.
"""

from __future__ import annotations

import json
from typing import Any

from herstelcheck import __version__
from herstelcheck.audit import AuditRun, ItemResult, PlanReport, Waiver
from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions
from herstelcheck.textsafe import JSON_UNSAFE


def render(run: AuditRun, options: RenderOptions) -> str:
    return dumps(document(run, options.lang)) + "\n"


def dumps(data: Any) -> str:
    """JSON with every unsafe character escaped (the structure itself is ASCII)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def document(run: AuditRun, lang: str) -> dict[str, Any]:
    return {
        "tool": {"name": "herstelcheck", "version": __version__},
        "checklist": {"name": run.checklist.name, "version": run.checklist.version},
        "date": run.today.isoformat(),
        "plans": [plan(report, lang) for report in run.reports],
        "errors": [error(d) for d in run.errors if d.severity == "error"],
        "warnings": [error(d) for report in run.reports for d in report.warnings],
    }


def plan(report: PlanReport, lang: str) -> dict[str, Any]:
    return {**plan_head(report), "items": [item(result, lang) for result in report.items]}


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
    given = result.waiver
    return {
        "id": result.item.id,
        "slug": result.item.slug,
        "title": result.item.title.get(lang),
        "score": result.score,
        "status": result.status.value,
        "waiver": None if given is None else {**waiver(given), "line": given.line},
        "criteria": [
            {
                "id": c.criterion.id,
                "passed": c.passed,
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
