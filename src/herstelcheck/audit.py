"""Audit a plan against a checklist: plan + checklist -> results, then scores.

The results are plain frozen data that every output format reads; nothing here
prints or formats for a medium. They are frozen dataclasses, compared by identity.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from herstelcheck import criteria, scoring
from herstelcheck.checklist import Checklist, Criterion, Item, Text
from herstelcheck.errors import Diagnostic, Mark
from herstelcheck.model import LoadedPlan, Plan, PlanDate
from herstelcheck.planwords import Detail, detail_text
from herstelcheck.textsafe import excerpt


class Status(str, Enum):
    """How well a plan meets an item."""

    MET = "met"
    PARTIAL = "partial"
    MISSING = "missing"
    WAIVED = "waived"


@dataclass(frozen=True, slots=True, eq=False)
class CriterionResult:
    """What one criterion found in a plan."""

    criterion: Criterion
    passed: bool | None
    """True, False, or None when the criterion is not applicable to this plan."""
    line: int | None
    """The plan line of the evidence or of the nearest enclosing key; None when nowhere."""
    column: int | None
    details: dict[str, Detail] = field(default_factory=dict)
    """The values of the placeholders ({found}, {missing}, ...), as the kind gave them."""
    blocks: bool = False
    """It failed and keeps its item from being met; a failure that does not is advice."""

    @property
    def advisory(self) -> bool:
        """It failed, but its item is met without it (or it is advisory): advice."""
        return self.passed is False and not self.blocks

    @property
    def key(self) -> str:
        """The plan key path the finding is about (`organisatie.afdelingen`)."""
        return self.criterion.key

    @property
    def count(self) -> int | None:
        """The count that chooses the plural form of the texts: the `found` detail."""
        found = self.details.get("found")
        if isinstance(found, str) and found.isdecimal():
            return int(found)
        return None

    def message(self, lang: str) -> str:
        """What the criterion found, in `lang`: its title when it passed or did not apply,
        its message with the details filled in when it failed."""
        if self.passed is False:
            return self.text(self.criterion.message, lang)
        return self.text(self.criterion.title, lang)

    def advice(self, lang: str) -> str:
        return self.text(self.criterion.advice, lang)

    def text(self, text: Text, lang: str) -> str:
        """One of the criterion's texts in `lang`: the plural form for the count, with
        the details filled in."""
        template = text.for_count(lang, self.count)
        if "{" not in template:
            return template
        return fill(template, {k: detail_text(v, lang) for k, v in self.details.items()})


@dataclass(frozen=True, slots=True, eq=False)
class Waiver:
    """An exception for an item that the plan gives under `uitzonderingen`."""

    reason: str
    until: PlanDate | None
    expired: bool
    """The date `geldig_tot` has passed: the waiver no longer counts."""
    line: int | None


@dataclass(frozen=True, slots=True, eq=False)
class Explanation:
    """What a section's `toelichting` says of an item that no criterion credits."""

    section: str
    text: str
    line: int | None

    def quote(self, limit: int = 80) -> str:
        """The start of the text, on one line."""
        text = " ".join(self.text.split())
        if len(text) <= limit:
            return text
        return text[: limit - 1].rstrip() + "\u2026"


@dataclass(frozen=True, slots=True, eq=False)
class ItemResult:
    """An item's status and score in a plan, with the results of its criteria."""

    item: Item
    status: Status
    score: float
    """0-10: the weighted share of applicable criteria that passed."""
    criteria: tuple[CriterionResult, ...]
    waiver: Waiver | None = None
    """The plan's waiver for this item, active or expired (see `Waiver.expired`)."""
    verdict: Status | None = None
    """The status the criteria give, a waiver left out (None: as `status`)."""
    alternative: int | None = None
    """The index of the alternative (in the checklist's list) that met the item."""
    explained: Explanation | None = None
    """The `toelichting` that makes the item partial where no criterion passes."""

    @property
    def unwaived(self) -> Status:
        """The item's status as its criteria alone decide it, a waiver left out."""
        return self.verdict or self.status

    @property
    def failed(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.passed is False)

    @property
    def blocking(self) -> tuple[CriterionResult, ...]:
        """The failures that keep the item from being met."""
        return tuple(c for c in self.criteria if c.blocks)

    @property
    def advice(self) -> tuple[CriterionResult, ...]:
        """The failures that do not: advice."""
        return tuple(c for c in self.criteria if c.advisory)

    @property
    def passed(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.passed)


@dataclass(frozen=True, eq=False)  # no slots: a report can be weakly referenced
class PlanReport:
    """The audit of one plan."""

    file: str
    plan: Plan
    score: float
    """0-100: the weighted mean of the item scores, waived items left out."""
    items: tuple[ItemResult, ...]
    warnings: tuple[Diagnostic, ...] = ()
    places: Mapping[str, Mark] = field(default_factory=dict)
    """Where each value of the plan stands (`LoadedPlan.places`, shared, not copied): the
    memo shows the plan's own values with their lines."""

    def count(self, status: Status) -> int:
        return sum(1 for item in self.items if item.status is status)


@dataclass(frozen=True, slots=True, eq=False)
class AuditRun:
    """Everything one run found: the reports of readable plans, the errors of the rest."""

    checklist: Checklist
    reports: tuple[PlanReport, ...]
    errors: tuple[Diagnostic, ...] = ()
    """Errors of plans that could not be read (each plan's errors, in order)."""
    today: dt.date = field(default_factory=dt.date.today)
    """The date of the audit (it decides which waivers have expired)."""

    @property
    def failed_files(self) -> list[str]:
        return failed_files(self.errors)


def failed_files(errors: Iterable[Diagnostic]) -> list[str]:
    """The files with an error, each once, in order."""
    seen: list[str] = []
    for error in errors:
        if error.severity == "error" and error.file not in seen:
            seen.append(error.file)
    return seen


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, details: dict[str, str]) -> str:
    """Replace {name} placeholders by details; unknown ones are left as they are."""
    if "{" not in template:
        return template
    return _PLACEHOLDER.sub(lambda m: details.get(m.group(1), m.group(0)), template)


def audit_plan(
    loaded: LoadedPlan,
    checklist: Checklist,
    *,
    today: dt.date | None = None,
    warnings: tuple[Diagnostic, ...] = (),
) -> PlanReport:
    """Audit one loaded plan against the checklist."""
    today = today or dt.date.today()
    waivers, waiver_warnings = _waivers(loaded, checklist, today)
    context = criteria.Context(checklist.sectors)
    items = []
    found: list[Diagnostic] = []
    for item in checklist.items:
        outcomes = [criteria.run(c.kind, loaded, c.params, context) for c in item.criteria]
        marks = [
            scoring.Mark(c.weight, c.required, o.passed)
            for c, o in zip(item.criteria, outcomes, strict=True)
        ]
        explained = _explanation(loaded, item)
        verdict = scoring.item_verdict(marks, item.alternatives, explained=explained is not None)
        blocking = scoring.blocking(marks, verdict)
        results = tuple(
            _result(c, o, blocks)
            for c, o, blocks in zip(item.criteria, outcomes, blocking, strict=True)
        )
        for outcome in outcomes:
            found.extend(outcome.warnings)
        waiver = waivers.get(item.id)
        waived = waiver is not None and not waiver.expired
        status = Status(verdict.status)
        only_explained = status is Status.PARTIAL and not any(m.passed for m in marks)
        items.append(
            ItemResult(
                item,
                Status.WAIVED if waived else status,
                verdict.score,
                results,
                waiver,
                status,
                verdict.alternative,
                explained if only_explained else None,
            )
        )
    total = scoring.plan_score(
        [(i.item.weight, i.score) for i in items if i.status is not Status.WAIVED]
    )
    all_warnings = warnings + tuple(found) + tuple(waiver_warnings)
    return PlanReport(loaded.file, loaded.plan, total, tuple(items), all_warnings, loaded.places)


def _result(criterion: Criterion, outcome: criteria.Outcome, blocks: bool) -> CriterionResult:
    mark = outcome.mark
    return CriterionResult(
        criterion,
        outcome.passed,
        mark.line if mark else None,
        mark.column if mark else None,
        outcome.details,
        blocks,
    )


def _explanation(loaded: LoadedPlan, item: Item) -> Explanation | None:
    """The first `toelichting` among the item's sections, if the plan gives one."""
    for section in item.sections:
        text = loaded.explanations.get(section)
        if text is not None:
            mark = loaded.places.get(f"{section}.toelichting")
            return Explanation(section, text, mark.line if mark else None)
    return None


def _waivers(
    loaded: LoadedPlan, checklist: Checklist, today: dt.date
) -> tuple[dict[int, Waiver], list[Diagnostic]]:
    waivers: dict[int, Waiver] = {}
    warnings: list[Diagnostic] = []
    for key, entry in loaded.plan.uitzonderingen.items():
        mark = loaded.key_places.get(f"uitzonderingen.{key}")
        item = checklist.item(key)
        if item is None:
            line, col = (mark.line, mark.column) if mark else (1, 1)
            warnings.append(
                Diagnostic(
                    loaded.file,
                    line,
                    col,
                    "warning",
                    f"'uitzonderingen' names item '{excerpt(key)}', which the checklist does not "
                    "have (use an item number from 1 to 10 or its slug)",
                )
            )
            continue
        until = entry.geldig_tot
        last = until.last_day() if until is not None else None
        expired = last is not None and last < today
        waivers[item.id] = Waiver(entry.reden or "", until, expired, mark.line if mark else None)
    return waivers, warnings
