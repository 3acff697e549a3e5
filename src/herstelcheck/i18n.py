"""The words of the reports, in Dutch (the default) and English."""

from __future__ import annotations

LANGUAGES = ("nl", "en")

_WORDS: dict[str, dict[str, str]] = {
    "met": {"nl": "voldaan", "en": "met"},
    "partial": {"nl": "deels", "en": "partial"},
    "missing": {"nl": "ontbreekt", "en": "missing"},
    "waived": {"nl": "uitgezonderd", "en": "waived"},
    "not_applicable": {"nl": "n.v.t.", "en": "n/a"},
    "score": {"nl": "Score", "en": "Score"},
    "item": {"nl": "Item", "en": "Item"},
    "status": {"nl": "Status", "en": "Status"},
    "line": {"nl": "regel", "en": "line"},
    "advice": {"nl": "Advies", "en": "Advice"},
    "version": {"nl": "versie", "en": "version"},
    "adopted": {"nl": "vastgesteld", "en": "adopted"},
    "findings": {
        "nl": "Wat ontbreekt en wat u kunt toevoegen",
        "en": "What is missing and what to add",
    },
    "waivers": {"nl": "Uitzonderingen", "en": "Waivers"},
    "waiver_expired": {
        "nl": "verlopen op {date}; telt niet meer als uitzondering",
        "en": "expired on {date}; no longer counts as a waiver",
    },
    "waiver_until": {"nl": "geldig tot {date}", "en": "valid until {date}"},
    "item_failed": {
        "nl": "{status}, score {score} van 10: {failed} van de {applicable} criteria niet voldaan",
        "en": "{status}, score {score} of 10: {failed} of {applicable} criteria not met",
    },
    "read_plan": {"nl": "Plan inlezen", "en": "Read the plan"},
    "not_read": {"nl": "Niet gelezen", "en": "Could not be read"},
    "summary": {
        "nl": "{total} items: {met} voldaan, {partial} deels, {missing} ontbreekt, "
        "{waived} uitgezonderd. Score {score} van 100.",
        "en": "{total} items: {met} met, {partial} partial, {missing} missing, "
        "{waived} waived. Score {score} out of 100.",
    },
    "all_met": {
        "nl": "Alle items zijn voldaan of uitgezonderd.",
        "en": "Every item is met or waived.",
    },
    "plans_summary": {"nl": "Overzicht", "en": "Summary"},
    "plan": {"nl": "Plan", "en": "Plan"},
    "gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "file": {"nl": "Bestand", "en": "File"},
    "checklist": {"nl": "Checklist", "en": "Checklist"},
    "unreadable": {
        "nl": "{count} plan(nen) konden niet worden gelezen (zie de fouten hierboven).",
        "en": "{count} plan(s) could not be read (see the errors above).",
    },
    "no_plans": {"nl": "Geen plannen geaudit.", "en": "No plans audited."},
}


def t(key: str, lang: str, **values: object) -> str:
    """The word or sentence `key` in `lang`, with {placeholders} filled in."""
    text = _WORDS[key].get(lang) or _WORDS[key]["nl"]
    return text.format(**values) if values else text


def number(value: float, lang: str) -> str:
    """A score with one decimal, written as the language writes it (87,5 in Dutch)."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "nl" else text
