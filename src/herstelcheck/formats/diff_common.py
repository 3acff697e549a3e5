"""What the formats of `herstelcheck diff` share: their options and their words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herstelcheck.formats import RenderOptions

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist
    from herstelcheck.compare import ItemChange


@dataclass(frozen=True)
class DiffOptions(RenderOptions):
    """How to render a comparison: the report options, and what the run was."""

    checklist: Checklist | None = None
    """The checklist both versions were audited against (named in the JSON)."""
    today: dt.date = field(default_factory=dt.date.today)
    """The date of the audit (it decides which waivers have expired)."""


WORDS: dict[str, dict[str, str]] = {
    "title": {"nl": "Vergelijking", "en": "Comparison"},
    "before": {"nl": "Voor", "en": "Before"},
    "after": {"nl": "Na", "en": "After"},
    "better": {"nl": "beter", "en": "better"},
    "worse": {"nl": "slechter", "en": "worse"},
    "same": {"nl": "gelijk", "en": "same"},
    "changes": {"nl": "Wat is veranderd", "en": "What changed"},
    "newly_met": {"nl": "nu voldaan", "en": "now met"},
    "newly_failed": {"nl": "nu niet voldaan", "en": "now failed"},
    "now_waived": {"nl": "nu uitgezonderd", "en": "now waived"},
    "no_longer_waived": {"nl": "niet meer uitgezonderd", "en": "no longer waived"},
    "no_change": {
        "nl": "Geen verschil: elk item en de score zijn gelijk.",
        "en": "No change: every item and the score are the same.",
    },
    "summary": {
        "nl": "{better} beter, {worse} slechter, {same} gelijk. "
        "Score {old} {arrow} {new} ({delta}).",
        "en": "{better} better, {worse} worse, {same} same. Score {old} {arrow} {new} ({delta}).",
    },
}


def word(key: str, lang: str, **values: object) -> str:
    text = WORDS[key].get(lang) or WORDS[key]["nl"]
    return text.format(**values) if values else text


def waiver_note(change: ItemChange, lang: str) -> str | None:
    """What happened to the item's waiver, in words (None when nothing did); plain text
    from the plan is left to the caller to make safe."""
    from herstelcheck.i18n import t

    if change.now_waived and change.after.waiver is not None:
        return f"{word('now_waived', lang)}: {change.after.waiver.reason}"
    if change.no_longer_waived:
        waiver = change.after.waiver
        if waiver is not None and waiver.expired and waiver.until is not None:
            return t("waiver_expired", lang, date=waiver.until.text)
        return word("no_longer_waived", lang)
    return None


def signed(value: float, lang: str, decimals: int = 1) -> str:
    """A change with its sign: +7,5, -10,0 or ±0 (Dutch decimal comma)."""
    if value == 0:
        return "±0"
    text = f"{value:+.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text
