"""`herstelcheck diff --format json`: the comparison as one JSON document.

Text is escaped as in the JSON report (`formats.json.dumps`).
"""

from __future__ import annotations

from typing import Any

from herstelcheck import __version__
from herstelcheck.audit import CriterionResult, ItemResult
from herstelcheck.compare import ItemChange, PlanComparison
from herstelcheck.formats.diff_common import DiffOptions
from herstelcheck.formats.json import dumps, plan_head, waiver


def render(comparison: PlanComparison, options: DiffOptions) -> str:
    return dumps(document(comparison, options)) + "\n"


def document(comparison: PlanComparison, options: DiffOptions) -> dict[str, Any]:
    checklist = options.checklist
    return {
        "tool": {"name": "herstelcheck", "version": __version__},
        "checklist": None
        if checklist is None
        else {"name": checklist.name, "version": checklist.version},
        "date": options.today.isoformat(),
        "old": plan_head(comparison.old),
        "new": plan_head(comparison.new),
        "score_change": comparison.score_change,
        "changed": comparison.changed,
        "regression": bool(comparison.regressions),
        "items": [item(change, options.lang) for change in comparison.items],
    }


def item(change: ItemChange, lang: str) -> dict[str, Any]:
    return {
        "id": change.item.id,
        "slug": change.item.slug,
        "title": change.item.title.get(lang),
        "change": change.change.value,
        "before": state(change.before),
        "after": state(change.after),
        "score_change": change.score_change,
        "newly_met": [criterion(c, lang) for c in change.newly_met],
        "newly_failed": [criterion(c, lang, advice=True) for c in change.newly_failed],
    }


def state(result: ItemResult) -> dict[str, Any]:
    given = result.waiver
    return {
        "status": result.status.value,
        "score": result.score,
        "waiver": None if given is None else waiver(given),
    }


def criterion(result: CriterionResult, lang: str, *, advice: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.criterion.id,
        "key": result.key,
        "message": result.message(lang),
        "line": result.line,
    }
    if advice:
        data["advice"] = result.advice(lang)
        data["blocks"] = result.blocks
    return data
