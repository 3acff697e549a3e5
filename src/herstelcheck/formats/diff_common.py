"""What the formats of `herstelcheck diff` share: their options and some wording."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herstelcheck.formats import RenderOptions
from herstelcheck.i18n import decimal, number, t

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist
    from herstelcheck.compare import ItemChange, PlanComparison


@dataclass(frozen=True, slots=True)
class DiffOptions(RenderOptions):
    """How to render a comparison: the report options, and what the run was."""

    checklist: Checklist | None = None
    """The checklist both versions were audited against (named in the JSON)."""
    today: dt.date = field(default_factory=dt.date.today)
    """The date of the audit (it decides which waivers have expired)."""


def waiver_note(change: ItemChange, lang: str) -> str | None:
    """What happened to the item's waiver, in words (None when nothing did); plain text
    from the plan is left to the caller to make safe."""
    if change.now_waived and change.after.waiver is not None:
        return f"{t('diff.now_waived', lang)}: {change.after.waiver.reason}"
    if change.no_longer_waived:
        waiver = change.after.waiver
        if waiver is not None and waiver.expired and waiver.until is not None:
            return t("waiver_expired", lang, date=waiver.until.text)
        return t("diff.no_longer_waived", lang)
    return None


def summary(comparison: PlanComparison, lang: str, arrow: str = "→") -> str:
    """The closing sentence: how many items got better, worse or stayed the same, and
    the score before and after (or that nothing changed)."""
    from herstelcheck.compare import Change

    if not comparison.changed:
        return t("diff.no_change", lang)
    counts = {c.value: sum(1 for i in comparison.items if i.change is c) for c in Change}
    return t(
        "diff.summary",
        lang,
        old=number(comparison.old.score, lang),
        new=number(comparison.new.score, lang),
        delta=signed(comparison.score_change, lang),
        arrow=arrow,
        **counts,
    )


def signed(value: float, lang: str, decimals: int = 1) -> str:
    """A change with its sign: +7,5, -10,0 or ±0 (Dutch decimal comma)."""
    if value == 0:
        return "±0"
    return decimal(f"{value:+.{decimals}f}", lang)
