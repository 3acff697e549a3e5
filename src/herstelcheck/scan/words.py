"""The words of the scan report and the draft, in Dutch (the default) and English.

Kept apart from `i18n` while the scan is new; `say(key, lang, **values)` works as
`i18n.t` does for the other reports.
"""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    # --- the report
    "scan": {"nl": "Scan", "en": "Scan"},
    "pages": {"nl": "{count} pagina's", "en": "{count} pages"},
    "pages_one": {"nl": "1 pagina", "en": "1 page"},
    "page": {"nl": "p. {page}", "en": "p. {page}"},
    "passages": {"nl": "{count} passages gelezen", "en": "{count} passages read"},
    "passages_one": {"nl": "1 passage gelezen", "en": "1 passage read"},
    "provisional": {"nl": "voorlopig, uit de tekst", "en": "provisional, from the text"},
    "status_line": {
        "nl": "Status: {status} ({provisional})",
        "en": "Status: {status} ({provisional})",
    },
    "found": {"nl": "gevonden", "en": "found"},
    "not_found": {"nl": "niet gevonden", "en": "not found"},
    "said_absent": {"nl": "volgens de tekst afwezig", "en": "absent, says the text"},
    "criteria": {"nl": "Criteria", "en": "Criteria"},
    "evidence": {"nl": "Waar het document erover spreekt", "en": "Where the document speaks of it"},
    "absent": {
        "nl": "Waar het document zegt dat het ontbreekt",
        "en": "Where the document says it is absent",
    },
    "values": {"nl": "Gevonden waarden", "en": "Values found"},
    "no_evidence": {
        "nl": "Het document zegt hier niets over: geen enkel signaal gevonden.",
        "en": "The document says nothing about this: no signal found.",
    },
    "only_absent": {
        "nl": "Het document noemt dit alleen om te zeggen dat het ontbreekt.",
        "en": "The document mentions this only to say it is absent.",
    },
    "summary": {
        "nl": "{found} van de {total} items gevonden in de tekst. Een scan doet voorstellen: "
        "controleer de bronnen en verbeter het concept voordat u het toetst.",
        "en": "{found} of {total} items found in the text. A scan suggests: check the "
        "sources and correct the draft before you audit it.",
    },
    "draft_written": {"nl": "concept geschreven: {file}", "en": "draft written: {file}"},
    "item": {"nl": "Item", "en": "Item"},
    "status": {"nl": "Status", "en": "Status"},
    "signals": {"nl": "Signalen", "en": "Signals"},
    "field": {"nl": "Veld", "en": "Field"},
    "value": {"nl": "Waarde", "en": "Value"},
    "source": {"nl": "Bron", "en": "Source"},
    "signal": {"nl": "signaal", "en": "signal"},
    "not_read": {"nl": "Niet gelezen", "en": "Could not be read"},
    "properties": {"nl": "documenteigenschappen", "en": "document properties"},
    "file_name": {"nl": "bestandsnaam", "en": "file name"},
    # --- the draft
    "draft.head": {
        "nl": "Concept van een plan (planformaat 1.1), opgesteld door herstelcheck scan uit:",
        "en": "Draft of a plan (plan format 1.1), drafted by herstelcheck scan from:",
    },
    "draft.check": {
        "nl": "Dit is een eerste opzet, geen oordeel: controleer en verbeter elke waarde. Bij\n"
        "elke waarde staat waar die in het document staat (pagina of kop) en het citaat;\n"
        "wat niet is gevonden, staat als commentaar met TODO. Zegt het document iets dat\n"
        "in geen veld past, zet het dan in de 'toelichting' van de sectie.",
        "en": "This is a first draft, not a verdict: check and correct every value. Each\n"
        "value says where it stands in the document (page or heading) and quotes it;\n"
        "what was not found is a comment with TODO. Where the document says something\n"
        "that fits no field, put it in the section's 'toelichting'.",
    },
    "draft.audit": {
        "nl": "Toets het daarna met:  herstelcheck audit {file}",
        "en": "Then audit it with:  herstelcheck audit {file}",
    },
    "draft.todo": {
        "nl": "TODO: niet gevonden in het document",
        "en": "TODO: not found in the document",
    },
    "draft.todo_list": {
        "nl": "TODO: niet gevonden in het document (een lijst)",
        "en": "TODO: not found in the document (a list)",
    },
    "draft.from_file": {
        "nl": "TODO: niet gevonden in het document; genomen uit de bestandsnaam",
        "en": "TODO: not found in the document; taken from the file name",
    },
    "draft.from_properties": {
        "nl": "uit de documenteigenschappen",
        "en": "from the document properties",
    },
    "draft.item": {"nl": "Item {number}: {title}", "en": "Item {number}: {title}"},
    "draft.nothing": {
        "nl": "Niets over gevonden in het document.",
        "en": "Nothing found about this in the document.",
    },
    "draft.absent": {
        "nl": 'Het document zegt dat dit ontbreekt ({place}): "{quote}"',
        "en": 'The document says this is absent ({place}): "{quote}"',
    },
    "draft.exceptions": {
        "nl": "TODO: items die u bewust anders aanpakt, met de reden (zie herstelcheck init)",
        "en": "TODO: items you handle otherwise on purpose, with why (see herstelcheck init)",
    },
}

STATUS = {
    "met": {"nl": "voldaan", "en": "met"},
    "partial": {"nl": "deels", "en": "partial"},
    "missing": {"nl": "ontbreekt", "en": "missing"},
    "waived": {"nl": "uitgezonderd", "en": "waived"},
}
"""The statuses of an item, as the audit's reports name them."""


def say(key: str, lang: str, **values: object) -> str:
    """The words of `key` in `lang` (nl or en), with `{name}` filled in from `values`."""
    text = _WORDS[key]["en" if lang == "en" else "nl"]
    return text.format(**values) if values else text


def counted(key: str, count: int, lang: str) -> str:
    """`key` for a number: its `_one` form for 1 (`1 pagina`, `3 pagina's`)."""
    return say(f"{key}_one", lang) if count == 1 else say(key, lang, count=count)


def shown(value: object, lang: str) -> str:
    """A value of the draft as a report shows it: `1.200.000` (`1,200,000` in English),
    `ja`/`nee`, text as it is."""
    if isinstance(value, bool):
        yes, no = ("yes", "no") if lang == "en" else ("ja", "nee")
        return yes if value else no
    if isinstance(value, float):
        if value.is_integer():
            grouped = f"{value:,.0f}"
            return grouped if lang == "en" else grouped.replace(",", ".")
        return str(value) if lang == "en" else str(value).replace(".", ",")
    return str(value)


def status(value: str, lang: str) -> str:
    """A status word: `voldaan`, `deels`, `ontbreekt`."""
    return STATUS[value]["en" if lang == "en" else "nl"]
