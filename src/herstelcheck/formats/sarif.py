"""The SARIF 2.1.0 report, for GitHub code scanning and other SARIF viewers.

One log with one run:

- ``tool.driver.rules``: one rule per criterion of the checklist, in checklist order.
  Its id is the criterion id (``trekker.vrijgemaakt``); it has the criterion's title,
  the item's explanation, the advice as help, and the item, the plan key the criterion
  is about (``key``: ``trekker.ambtelijk.vrijgemaakt``) and its ``role`` (``vereist`` or
  ``aanvullend``) in its properties.
- ``results``: one result per failed criterion of each plan, at the line and column of
  the criterion's place in the plan (line 1 where the plan has no place for it). The
  plan file is a URI relative to the current folder, with ``uriBaseId`` ``%SRCROOT%``
  (a plan outside that folder gets an absolute ``file:`` URI). Its properties give the
  plan key too. ``results`` is present, and empty, when nothing failed.
- Level: a failed criterion that keeps its item from being met is an ``error`` in a
  **missing** item and a ``warning`` in a **partial** one; a failed criterion that does
  not (advice: its item is met, or it is advisory) is a ``note``, in an item of any
  status, a met one too (`ci.level`). An item that only its ``toelichting`` makes
  partial gets no result of its own (as on GitHub): its failed criteria say what is
  missing. Each result's properties give the criterion's ``role`` and ``blocks``.
- A **waived** item's failed criteria are results too, with the level the item would
  have had, each with a suppression of kind ``inSource`` (the waiver is written in the
  plan itself, under ``uitzonderingen``), status ``accepted``, the justification, and the
  waiver's place. Viewers list them as suppressed; no waiver is hidden.
- ``invocations[0]``: ``executionSuccessful`` is false when a plan could not be read;
  each error is a ``toolExecutionNotifications`` entry at its place in the file, and so
  is each warning about a plan that could be read.

Text from the plan and the checklist is plain text with its control characters made
visible; the one Markdown field (``help.markdown``) escapes it for Markdown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from herstelcheck import __version__
from herstelcheck.audit import AuditRun, CriterionResult, ItemResult, PlanReport, Status
from herstelcheck.checklist import Checklist, Criterion, Item
from herstelcheck.errors import Diagnostic
from herstelcheck.formats import RenderOptions, ci, written
from herstelcheck.formats.json import dumps
from herstelcheck.formats.spool import Spool
from herstelcheck.i18n import t
from herstelcheck.mdescape import escape
from herstelcheck.textsafe import has_unsafe, visible
from herstelcheck.thresholds import Thresholds, shortfalls

md = partial(escape, gfm=True)
"""Text as literal Markdown for GitHub, which makes links of bare addresses otherwise."""

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
README_RULES = f"{ci.INFORMATION_URI}#what-it-checks"
"""The help of every rule when the checklist gives no web address of its own."""
PLAN_ERROR = "plan-error"
PLAN_WARNING = "plan-warning"


def render(run: AuditRun, options: RenderOptions) -> str:
    return written(Writer(run.checklist, run.today, options), run)


class Writer:
    """The SARIF log written piece by piece while the plans are audited: `start()`, then
    `plan(report)` for each plan as soon as it is audited, then `end(...)` with the
    errors and warnings of the run. The pieces joined are the text of `render`, which is
    built on them: `dumps` of the log with a line break after it. File URIs are relative
    to `cwd` (the current folder).

    The log names the errors and warnings of the run (`invocations`) before its results,
    so each plan's results (and, with thresholds set, its threshold result, which come
    after every other result) and its row of `properties.plans` wait in a `Spool`, as
    the text they will be, until `end` gives them after the invocations.
    """

    def __init__(
        self,
        checklist: Checklist,
        today: dt.date,
        options: RenderOptions,
        cwd: Path | None = None,
    ) -> None:
        self._checklist = checklist
        self._today = today
        self._lang = options.lang
        self._thresholds = options.thresholds
        self._base = cwd or Path.cwd()
        self._rules = rule_index(checklist)
        self._tool = driver(checklist, self._lang)
        if self._thresholds.any:
            self._rules[THRESHOLD_RULE] = len(self._tool["rules"])
            self._tool["rules"].append(threshold_rule(self._lang))
        self._results = _Items(_RESULT)
        self._short = _Items(_RESULT)
        """The threshold results: in the list of results after all the others."""
        self._plans = _Items(_PLAN)

    def start(self) -> str:
        """The log up to the run's invocations: its tool, with every rule."""
        head = dumps(
            {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [{"tool": {"driver": self._tool}}]}
        )
        return ci.without_surrogates(head[: -len(_RUN_END)]) + ","

    def plan(self, report: PlanReport) -> str:
        """Nothing yet: the plan's results are set aside for `end`."""
        self._results.add(plan_results(report, self._rules, self._lang, self._base))
        reasons = shortfalls(report, self._thresholds, self._lang)
        if reasons:
            self._short.add([threshold_result(report, reasons, self._rules, self._base)])
        self._plans.add([plan_summary(report, self._thresholds)])
        return ""

    def end(self, errors: Iterable[Diagnostic], warnings: Iterable[Diagnostic]) -> Iterator[str]:
        """The rest of the log, in chunks: the invocations, with the `errors` of plans that
        could not be read (`AuditRun.errors`) and the `warnings` of the plans
        (`PlanReport.warnings`, plan by plan); the results; the properties of the run."""
        errors = list(errors)
        notifications = [notification(d, self._base) for d in errors if d.severity == "error"]
        notifications += [notification(d, self._base) for d in warnings]
        root = self._base.as_uri()
        middle = {
            "invocations": [
                {
                    "executionSuccessful": not any(d.severity == "error" for d in errors),
                    "toolExecutionNotifications": notifications,
                }
            ],
            "originalUriBaseIds": {SRCROOT: {"uri": root if root.endswith("/") else root + "/"}},
            "language": self._lang,
            "columnKind": "unicodeCodePoints",
        }
        properties = {
            "checklist": {
                "name": visible(self._checklist.name),
                "version": visible(self._checklist.version),
            },
            "date": self._today.isoformat(),
        }
        yield _members(middle, _RUN) + "," + _RUN + '"results": '
        yield from _joined([self._results, self._short], _RUN)
        yield "," + _RUN + '"properties": {' + _members(properties, _RESULT) + ","
        yield _RESULT + '"plans": '
        yield from _joined([self._plans], _RESULT)
        yield _RUN + "}" + _RUN_END + "\n"


_RUN = "\n      "
"""A line break and the indentation of the keys of the run."""
_RESULT = _RUN + "  "
"""A line break and the indentation of a result (and of a key of the run's properties)."""
_PLAN = _RESULT + "  "
"""A line break and the indentation of a plan in the run's properties."""
_RUN_END = "\n    }\n  ]\n}"
"""The end of the log after the run's last key."""


def _indented(text: str, indent: str) -> str:
    """JSON text (with line breaks of the layout only) placed after `indent`."""
    return ci.without_surrogates(text).replace("\n", indent)


def _members(data: dict[str, Any], indent: str) -> str:
    """The members of an object as `dumps` writes them, without the braces, each after
    `indent` (a line break and the indentation of a member)."""
    return _indented(dumps(data)[len("{") : -len("\n}")], indent[: -len("  ")])


class _Items:
    """The items of a list of the log, spooled as the text they will be."""

    def __init__(self, indent: str) -> None:
        self.indent = indent
        self.count = 0
        self.spool = Spool()

    def add(self, items: list[dict[str, Any]]) -> None:
        """Items of the list, in order. They are written as one list (a list of a plan),
        not one by one: `dumps` with indentation leaves garbage that only the cyclic
        collector takes away, which runs seldom while plans are audited."""
        if not items:
            return
        text = _indented(dumps(items)[len("[") : -len("\n]")], self.indent[: -len("  ")])
        self.spool.write(("," if self.count else "") + text)
        self.count += len(items)


def _joined(parts: list[_Items], indent: str) -> Iterator[str]:
    """A list of the log, after its key: the items of `parts`, in turn, and its closing
    bracket after `indent` (the line break and indentation of the key)."""
    if not any(part.count for part in parts):
        yield "[]"
        return
    yield "["
    first = True
    for part in parts:
        if part.count:
            if not first:
                yield ","
            first = False
            yield from part.spool.read()
    yield indent + "]"


# --- the rules ------------------------------------------------------------------------


def rule_index(checklist: Checklist) -> dict[str, int]:
    """Criterion id -> the index of its rule in `tool.driver.rules`."""
    ids = [criterion.id for item in checklist.items for criterion in item.criteria]
    return {criterion_id: index for index, criterion_id in enumerate(ids)}


def driver(checklist: Checklist, lang: str) -> dict[str, Any]:
    return {
        "name": "herstelcheck",
        "fullName": f"herstelcheck {__version__}: {visible(checklist.name)}",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": ci.INFORMATION_URI,
        "rules": [
            rule(item, criterion, checklist, lang)
            for item in checklist.items
            for criterion in item.criteria
        ],
        "notifications": [
            {
                "id": PLAN_ERROR,
                "name": "PlanError",
                "shortDescription": {"text": "A plan that could not be read"},
            },
            {
                "id": PLAN_WARNING,
                "name": "PlanWarning",
                "shortDescription": {"text": "A problem in a plan that could be read"},
            },
        ],
    }


def rule(item: Item, criterion: Criterion, checklist: Checklist, lang: str) -> dict[str, Any]:
    title = visible(criterion.title.get(lang))
    item_title = visible(item.title.get(lang))
    explanation = visible(item.explanation.get(lang))
    advice = visible(criterion.advice.get(lang))
    item_word = t("item", lang)
    return {
        "id": visible(criterion.id),
        "name": rule_name(criterion.id),
        "shortDescription": {"text": title},
        "fullDescription": {
            "text": " ".join(
                part
                for part in (f"{title}.", f"{item_word} {item.id}: {item_title}.", explanation)
                if part
            )
        },
        "help": {
            "text": advice,
            "markdown": f"**{md(t('advice', lang))}:** {md(advice)}\n\n"
            f"*{md(f'{item_word} {item.id}: {item_title}')}*"
            + (f"\n\n{md(explanation)}" if explanation else ""),
        },
        "helpUri": help_uri(checklist),
        "properties": {
            "item": item.id,
            "itemSlug": visible(item.slug),
            "itemTitle": item_title,
            "key": visible(criterion.key),
            "role": criterion.role.value,
            "weight": criterion.weight,
            "tags": ["herstelcheck", f"item-{item.id}", visible(item.slug)],
        },
    }


def rule_name(criterion_id: str) -> str:
    """`trekker.ambtelijk-vrijgemaakt` -> `TrekkerAmbtelijkVrijgemaakt`."""
    words = re.split(r"[^0-9A-Za-z]+", criterion_id)
    return "".join(word[:1].upper() + word[1:] for word in words if word) or "Criterion"


def help_uri(checklist: Checklist) -> str:
    """The checklist's own web address when it has a plain http(s) one, else the README."""
    url = checklist.url.strip()
    if url and not has_unsafe(url) and " " not in url:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url
    return README_RULES


# --- the results ----------------------------------------------------------------------


def plan_results(
    report: PlanReport, rules: dict[str, int], lang: str, base: Path
) -> list[dict[str, Any]]:
    return [
        result(report, item, failed, rules, lang, base)
        for item in report.items
        for failed in item.failed
    ]


def result(
    report: PlanReport,
    item: ItemResult,
    failed: CriterionResult,
    rules: dict[str, int],
    lang: str,
    base: Path,
) -> dict[str, Any]:
    criterion_id = failed.criterion.id
    artifact = artifact_location(report.file, base)
    label = t("recommended" if failed.advisory else "advice", lang)
    message = f"{visible(failed.message(lang))} {label}: {visible(failed.advice(lang))}"
    data: dict[str, Any] = {
        "ruleId": visible(criterion_id),
        "ruleIndex": rules[criterion_id],
        "level": ci.level(item, failed),
        "message": {"text": message},
        "locations": [{"physicalLocation": physical(artifact, failed.line, failed.column)}],
        "partialFingerprints": {
            "herstelcheckCriterion/v1": fingerprint(artifact, criterion_id),
        },
        "properties": {
            "item": item.item.id,
            "key": visible(failed.key),
            "role": failed.criterion.role.value,
            "blocks": failed.blocks,
            "itemStatus": item.status.value,
            "gemeente": visible(report.plan.gemeente or ""),
        },
    }
    waiver = item.waiver
    if waiver is not None and item.status is Status.WAIVED:
        suppression: dict[str, Any] = {
            "kind": "inSource",
            "status": "accepted",
            "justification": visible(waiver.reason) or t("waived", lang),
        }
        if waiver.line is not None:
            suppression["location"] = {"physicalLocation": physical(artifact, waiver.line, None)}
        data["suppressions"] = [suppression]
    elif waiver is not None:  # expired: it no longer counts, but is not hidden either
        data["properties"]["expiredWaiver"] = {
            "reason": visible(waiver.reason),
            "until": visible(waiver.until.text) if waiver.until else None,
        }
    return data


THRESHOLD_RULE = "herstelcheck.threshold"
"""The rule of a plan that falls short of the run's thresholds."""


def threshold_rule(lang: str) -> dict[str, Any]:
    text = t("threshold_rule", lang)
    return {
        "id": THRESHOLD_RULE,
        "name": "Threshold",
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "defaultConfiguration": {"level": "error"},
        "helpUri": ci.INFORMATION_URI,
    }


def threshold_result(
    report: PlanReport, reasons: list[str], rules: dict[str, int], base: Path
) -> dict[str, Any]:
    """A plan that falls short: one result, at the top of the plan, with every reason."""
    artifact = artifact_location(report.file, base)
    return {
        "ruleId": THRESHOLD_RULE,
        "ruleIndex": rules[THRESHOLD_RULE],
        "level": "error",
        "message": {"text": visible("; ".join(reasons))},
        "locations": [{"physicalLocation": physical(artifact, 1, 1)}],
        "partialFingerprints": {
            "herstelcheckCriterion/v1": fingerprint(artifact, THRESHOLD_RULE),
        },
        "properties": {"gemeente": visible(report.plan.gemeente or ""), "score": report.score},
    }


def plan_summary(report: PlanReport, thresholds: Thresholds) -> dict[str, Any]:
    return {
        "file": visible(report.file),
        "gemeente": visible(report.plan.gemeente or ""),
        "titel": visible(report.plan.titel or ""),
        "score": report.score,
        "passed": not shortfalls(report, thresholds),
        "items": {str(item.item.id): item.status.value for item in report.items},
    }


def notification(diagnostic: Diagnostic, base: Path) -> dict[str, Any]:
    artifact = artifact_location(diagnostic.file, base)
    return {
        "level": diagnostic.severity,
        "message": {"text": visible(diagnostic.message)},
        "descriptor": {"id": PLAN_ERROR if diagnostic.severity == "error" else PLAN_WARNING},
        "locations": [
            {"physicalLocation": physical(artifact, diagnostic.line or None, diagnostic.column)}
        ],
    }


# --- locations ------------------------------------------------------------------------


def artifact_location(file: str, base: Path) -> dict[str, Any]:
    """The plan as a URI relative to %SRCROOT% (the current folder), an absolute `file:`
    URI when it lies outside that folder, or a description alone for standard input."""
    if file == ci.STDIN_NAME:
        return {"description": {"text": "standard input"}}
    relative = ci.relative_path(file, base)
    if relative is not None:
        # the file name's own bytes, percent-encoded (a name that is not UTF-8 included)
        return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}
    return {"uri": ci.absolute_path(file, base).as_uri()}


def physical(artifact: dict[str, Any], line: int | None, column: int | None) -> dict[str, Any]:
    """A physical location; line 1 where there is no line, column 1 where there is none."""
    return {
        "artifactLocation": artifact,
        "region": {"startLine": line or 1, "startColumn": (column or 1) if line else 1},
    }


def fingerprint(artifact: dict[str, Any], criterion_id: str) -> str:
    """Stable across runs and line moves: the same criterion in the same plan file."""
    where = artifact.get("uri", "")
    return hashlib.sha256(f"{where}\0{criterion_id}".encode()).hexdigest()[:32]
