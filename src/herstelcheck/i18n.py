"""The words of the reports, in Dutch (the default) and English.

Every report takes its words from here, with `t(key, lang)`. A word that several
reports use has one key; the words of one report have keys that start with its name
(`memo.`, `checklist.`, `diff.`, `scan.`; `scan.draft.` for the comments of the draft
plan a scan writes). A text names another word as `{word[key]}` and a status symbol as
`{symbol[status]}`, so each word, the status names above all, is written once.

Where a number goes with a noun, the word has plural forms in each language, `{"one":
..., "other": ...}`: `one` when the number is 1, `other` for any other number, as
gettext's plural rule for Dutch and English (n != 1) has it. The number is the value
`count`, or the one `COUNTED_BY` names for the word.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

LANGUAGES = ("nl", "en")

PLURAL_FORMS = ("one", "other")
"""The plural forms of Dutch and English: `one` for a count of 1, `other` for any other."""


def plural_form(count: object) -> Literal["one", "other"]:
    """The plural form for `count` (a number, or a number as text), by gettext's rule
    for Dutch and English: `one` for 1, `other` for 0, 2, 3, ..."""
    try:
        return "one" if int(str(count)) == 1 else "other"
    except ValueError:
        return "other"


SYMBOLS = {"met": "✔", "partial": "◐", "missing": "✘", "waived": "⊘"}
"""A symbol per status (by `Status.value`), for tables where a word does not fit."""

Forms = dict[str, str]
"""A word's plural forms in one language: `{"one": ..., "other": ...}`."""

_WORDS: dict[str, dict[str, str | Forms]] = {
    # --- the statuses of an item
    "met": {"nl": "voldaan", "en": "met"},
    "partial": {"nl": "deels", "en": "partial"},
    "missing": {"nl": "ontbreekt", "en": "missing"},
    "waived": {"nl": "uitgezonderd", "en": "waived"},
    # --- words of several reports
    "score": {"nl": "Score", "en": "Score"},
    "item": {"nl": "Item", "en": "Item"},
    "status": {"nl": "Status", "en": "Status"},
    "line": {"nl": "regel", "en": "line"},
    "advice": {"nl": "Advies", "en": "Advice"},
    "version": {"nl": "versie", "en": "version"},
    "adopted": {"nl": "vastgesteld", "en": "adopted"},
    "gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "file": {"nl": "Bestand", "en": "File"},
    "checklist": {"nl": "Checklist", "en": "Checklist"},
    "source": {"nl": "Bron", "en": "Source"},
    "asks": {"nl": "Wat de checklist vraagt", "en": "What the checklist asks"},
    "comparison": {"nl": "Vergelijking", "en": "Comparison"},
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
        "nl": {
            "one": "{status}, score {score} van 10: {failed} van {applicable} criterium "
            "vereist en niet voldaan",
            "other": "{status}, score {score} van 10: {failed} van de {applicable} criteria "
            "vereist en niet voldaan",
        },
        "en": {
            "one": "{status}, score {score} of 10: {failed} of {applicable} criterion "
            "required and not met",
            "other": "{status}, score {score} of 10: {failed} of {applicable} criteria "
            "required and not met",
        },
    },
    # --- findings that do not keep an item from being met, and the toelichting
    "recommended": {"nl": "Aanbevolen", "en": "Recommended"},
    "advice_count": {
        "nl": {
            "one": "{count} aanbeveling; die houdt het item niet tegen:",
            "other": "{count} aanbevelingen; die houden het item niet tegen:",
        },
        "en": {
            "one": "{count} recommendation; it does not keep the item from being met:",
            "other": "{count} recommendations; they do not keep the item from being met:",
        },
    },
    "explained": {
        "nl": "Het plan licht dit toe in '{section}', zonder de punten die de checklist "
        "vraagt: '{quote}'",
        "en": "The plan explains this in '{section}', without the points the checklist "
        "asks for: '{quote}'",
    },
    "role.vereist": {"nl": "vereist", "en": "required"},
    "role.aanvullend": {"nl": "aanvullend", "en": "advisory"},
    "read_plan": {"nl": "Plan inlezen", "en": "Read the plan"},
    "not_read": {"nl": "Niet gelezen", "en": "Could not be read"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
    "summary": {
        "nl": {
            "one": "{total} item: {met} {word[met]}, {partial} {word[partial]}, "
            "{missing} {word[missing]}, {waived} {word[waived]}. Score {score} van 100.",
            "other": "{total} items: {met} {word[met]}, {partial} {word[partial]}, "
            "{missing} {word[missing]}, {waived} {word[waived]}. Score {score} van 100.",
        },
        "en": {
            "one": "{total} item: {met} {word[met]}, {partial} {word[partial]}, "
            "{missing} {word[missing]}, {waived} {word[waived]}. Score {score} out of 100.",
            "other": "{total} items: {met} {word[met]}, {partial} {word[partial]}, "
            "{missing} {word[missing]}, {waived} {word[waived]}. Score {score} out of 100.",
        },
    },
    "plans_summary": {"nl": "Overzicht", "en": "Summary"},
    "threshold": {"nl": "Drempel", "en": "Threshold"},
    "passed": {"nl": "gehaald", "en": "passed"},
    "failed": {"nl": "niet gehaald", "en": "failed"},
    "threshold_rule": {
        "nl": "Het plan haalt een drempel van de run niet (--fail-under, --fail-on, --require).",
        "en": "The plan falls short of a threshold of the run "
        "(--fail-under, --fail-on, --require).",
    },
    "unreadable": {
        "nl": {
            "one": "{count} plan kon niet worden gelezen (zie de fouten hierboven).",
            "other": "{count} plannen konden niet worden gelezen (zie de fouten hierboven).",
        },
        "en": {
            "one": "{count} plan could not be read (see the errors above).",
            "other": "{count} plans could not be read (see the errors above).",
        },
    },
    "no_plans": {"nl": "Geen plannen geaudit.", "en": "No plans audited."},
    # --- the council memo (`memo.labels` gives templates these by their own names)
    "memo.title_several": {
        "nl": "Herstelplannen getoetst aan de checklist",
        "en": "Recovery plans checked against the checklist",
    },
    "memo.intro_single": {
        "nl": "Deze memo toetst het herstelplan item voor item aan de checklist.",
        "en": "This memo checks the recovery plan against the checklist, item by item.",
    },
    "memo.intro_several": {
        "nl": {
            "one": "Deze memo toetst {count} herstelplan aan de checklist.",
            "other": "Deze memo toetst {count} herstelplannen aan de checklist en vergelijkt ze.",
        },
        "en": {
            "one": "This memo checks {count} recovery plan against the checklist.",
            "other": "This memo checks {count} recovery plans against the checklist and "
            "compares them.",
        },
    },
    "memo.version": {"nl": "Versie van het plan", "en": "Version of the plan"},
    "memo.audit_date": {"nl": "Datum van de toets", "en": "Date of the audit"},
    "memo.verdict": {"nl": "Oordeel", "en": "Verdict"},
    "memo.item_by_item": {"nl": "Per item", "en": "Item by item"},
    "memo.next_steps": {"nl": "Volgende stappen", "en": "Next steps"},
    "memo.not_read": {"nl": "Niet gelezen", "en": "Not read"},
    "memo.number": {"nl": "Nr.", "en": "No."},
    "memo.has": {"nl": "Wat het plan al heeft", "en": "What the plan already has"},
    "memo.lacks": {"nl": "Wat ontbreekt", "en": "What is missing"},
    "memo.no_waivers": {
        "nl": "Het plan zondert geen items uit.",
        "en": "The plan waives no items.",
    },
    "memo.steps_intro": {
        "nl": "Wat het plan nog mist, met wat het meest aan de score bijdraagt eerst:",
        "en": "What the plan still lacks, with what adds most to the score first:",
    },
    "memo.no_steps": {
        "nl": "Geen: elk item is {word[met]} of {word[waived]}.",
        "en": "None: every item is {word[met]} or {word[waived]}.",
    },
    "memo.legend": {
        "nl": "Legenda: {symbol[met]} {word[met]}, {symbol[partial]} {word[partial]}, "
        "{symbol[missing]} {word[missing]}, {symbol[waived]} {word[waived]}; "
        "het getal is de score van het item (0-10).",
        "en": "Key: {symbol[met]} {word[met]}, {symbol[partial]} {word[partial]}, "
        "{symbol[missing]} {word[missing]}, {symbol[waived]} {word[waived]}; "
        "the number is the item's score (0-10).",
    },
    "memo.columns_are_items": {
        "nl": "De genummerde kolommen zijn de items van de checklist:",
        "en": "The numbered columns are the items of the checklist:",
    },
    "memo.unread_intro": {
        "nl": "Deze plannen konden niet worden gelezen en zijn niet getoetst:",
        "en": "These plans could not be read and were not audited:",
    },
    "memo.no_plans": {"nl": "Er zijn geen plannen getoetst.", "en": "No plans were audited."},
    "memo.score": {
        "nl": "Het plan scoort {score} van de 100 punten.",
        "en": "The plan scores {score} out of 100.",
    },
    "memo.counts": {
        "nl": {
            "one": "De checklist heeft {total} item: {met} {word[met]}, {partial} "
            "{word[partial]} {word[met]}, {missing} ontbrekend en {waived} {word[waived]}.",
            "other": "Van de {total} items: {met} {word[met]}, {partial} "
            "{word[partial]} {word[met]}, {missing} ontbrekend en {waived} {word[waived]}.",
        },
        "en": {
            "one": "The checklist has {total} item: {met} {word[met]}, {partial} "
            "{word[partial]}, {missing} {word[missing]} and {waived} {word[waived]}.",
            "other": "Of the {total} items: {met} {word[met]}, {partial} {word[partial]}, "
            "{missing} {word[missing]} and {waived} {word[waived]}.",
        },
    },
    "memo.verdict_done": {
        "nl": "Het voldoet aan elk item van de checklist, of zondert het met reden uit.",
        "en": "It meets every item of the checklist, or waives it with a reason.",
    },
    "memo.verdict_strong": {
        "nl": "Het plan is sterk en vraagt nog op enkele punten aanvulling.",
        "en": "The plan is strong and needs additions on a few points only.",
    },
    "memo.verdict_underway": {
        "nl": "Het plan is op weg, maar op meerdere items nog onvolledig.",
        "en": "The plan is on its way, but still incomplete on several items.",
    },
    "memo.verdict_start": {
        "nl": "Het plan is een begin; op de meeste items ontbreekt nog veel.",
        "en": "The plan is a start; much is still missing on most items.",
    },
    "memo.verdict_weak": {
        "nl": "Het plan voldoet nog nauwelijks aan de checklist.",
        "en": "The plan hardly meets the checklist yet.",
    },
    "memo.status_line": {
        "nl": "{status}, score {score} van 10",
        "en": "{status}, score {score} out of 10",
    },
    "memo.gain": {"nl": "tot {points} punten", "en": "up to {points} points"},
    "memo.could_improve": {"nl": "Wat nog beter kan", "en": "What could still improve"},
    "memo.explained": {"nl": "Toelichting in het plan", "en": "Explanation in the plan"},
    "memo.advice_intro": {
        "nl": "Verder aanbevolen; dit houdt geen item tegen:",
        "en": "Also recommended; none of this keeps an item from being met:",
    },
    # --- the council memo for the council: its header, summary, steps and appendix
    "memo.to": {"nl": "Aan", "en": "To"},
    "memo.sender": {"nl": "Van", "en": "From"},
    "memo.date": {"nl": "Datum", "en": "Date"},
    "memo.subject": {"nl": "Onderwerp", "en": "Subject"},
    "memo.default_to": {"nl": "de gemeenteraad", "en": "the municipal council"},
    "memo.subject_several": {
        "nl": {
            "one": "Toetsing van {count} herstelplan",
            "other": "Vergelijking van {count} herstelplannen",
        },
        "en": {
            "one": "Audit of {count} recovery plan",
            "other": "Comparison of {count} recovery plans",
        },
    },
    "memo.summary": {"nl": "Samenvatting", "en": "Summary"},
    "memo.summary_several": {
        "nl": "De plannen op een rij, elk met zijn score en oordeel:",
        "en": "The plans at a glance, each with its score and verdict:",
    },
    "memo.summary_line": {
        "nl": "{score} van de 100 punten. {verdict}",
        "en": "{score} out of 100 points. {verdict}",
    },
    "memo.strongest": {
        "nl": "Het sterkst is het plan op {items}.",
        "en": "The plan is strongest on {items}.",
    },
    "memo.gaps": {
        "nl": "Het meest ontbreekt nog bij {items}.",
        "en": "The main gaps are {items}.",
    },
    "memo.item_ref": {
        "nl": "item {number}, {title} ({detail})",
        "en": "item {number}, {title} ({detail})",
    },
    "memo.steps_per_item": {
        "nl": "Per item het belangrijkste dat ontbreekt: eerst de items die ontbreken, dan "
        "wat het meest aan de score bijdraagt.",
        "en": "For each item the most important thing it lacks: missing items first, then "
        "what adds most to the score.",
    },
    "memo.step_more": {
        "nl": {
            "one": "Daarnaast nog {count} aandachtspunt bij dit item.",
            "other": "Daarnaast nog {count} aandachtspunten bij dit item.",
        },
        "en": {
            "one": "Besides, {count} more thing to add for this item.",
            "other": "Besides, {count} more things to add for this item.",
        },
    },
    "memo.steps_rest": {
        "nl": {
            "one": "Nog {count} item mist iets; dat staat in de bijlage.",
            "other": "Nog {count} items missen iets; die staan in de bijlage.",
        },
        "en": {
            "one": "{count} more item lacks something; it is in the appendix.",
            "other": "{count} more items lack something; they are in the appendix.",
        },
    },
    "memo.appendix": {
        "nl": "Voor de opsteller van het planbestand",
        "en": "For the author of the plan file",
    },
    "memo.appendix_intro": {
        "nl": "Deze bijlage is voor wie het planbestand bijhoudt: de stappen waarvoor "
        "hierboven geen plaats was, de aanbevelingen, en waar elke bevinding in het "
        "bestand thuishoort.",
        "en": "This appendix is for whoever keeps the plan file: the steps there was no "
        "room for above, the recommendations, and where each finding belongs in the file.",
    },
    "memo.later_steps": {"nl": "Verdere stappen", "en": "Further steps"},
    "memo.recommendations": {"nl": "Aanbevelingen", "en": "Recommendations"},
    "memo.keys": {"nl": "Bevindingen in het planbestand", "en": "Findings in the plan file"},
    "memo.finding": {"nl": "Bevinding", "en": "Finding"},
    "memo.key": {"nl": "Sleutel", "en": "Key"},
    "memo.line": {"nl": "Regel", "en": "Line"},
    "memo.chart_alt": {
        "nl": "Score per item van {gemeente}, van 0 tot 10, met de status in woorden",
        "en": "Score per item of {gemeente}, from 0 to 10, with the status in words",
    },
    "memo.chart_alt_several": {
        "nl": "Status en score per item van elk plan",
        "en": "Status and score per item of each plan",
    },
    # --- the chart (an SVG picture in the HTML report and beside the memo)
    "chart.title": {"nl": "Score per item: {plan}", "en": "Score per item: {plan}"},
    "chart.desc": {
        "nl": "Een horizontale balk per item van de checklist, van 0 tot 10 punten. Bij "
        "elke balk staan de score en de status in woorden; een uitgezonderd item telt "
        "niet mee. {items}",
        "en": "A horizontal bar per item of the checklist, from 0 to 10 points. Each bar "
        "carries its score and its status in words; a waived item does not count. {items}",
    },
    "chart.heatmap_title": {
        "nl": "Status en score per item, per plan",
        "en": "Status and score per item, per plan",
    },
    "chart.heatmap_desc": {
        "nl": "Een rij per plan en een kolom per item van de checklist. Elke cel geeft de "
        "status als symbool en de score van 0 tot 10: {symbol[met]} {word[met]}, "
        "{symbol[partial]} {word[partial]}, {symbol[missing]} {word[missing]}, "
        "{symbol[waived]} {word[waived]}.",
        "en": "A row per plan and a column per item of the checklist. Each cell gives the "
        "status as a symbol and the score from 0 to 10: {symbol[met]} {word[met]}, "
        "{symbol[partial]} {word[partial]}, {symbol[missing]} {word[missing]}, "
        "{symbol[waived]} {word[waived]}.",
    },
    "chart.not_counted": {"nl": "telt niet mee", "en": "does not count"},
    "chart.scale": {"nl": "score van 0 tot 10", "en": "score from 0 to 10"},
    # --- herstelcheck checklist
    "checklist.criteria": {"nl": "Waar herstelcheck op let", "en": "What herstelcheck checks"},
    "checklist.weight": {
        "nl": "{role}, gewicht {weight}, {share}",
        "en": "{role}, weight {weight}, {share}",
    },
    "checklist.sections": {
        "nl": "In het plan onder: {sections} (een toelichting daar telt ook mee)",
        "en": "In the plan under: {sections} (a toelichting there counts too)",
    },
    "checklist.alternatives": {
        "nl": "Voldaan met één van: {alternatives}",
        "en": "Met with one of: {alternatives}",
    },
    "checklist.item_weight": {
        "nl": "Gewicht in de totaalscore: {weight}",
        "en": "Weight in the total score: {weight}",
    },
    "checklist.example": {
        "nl": "Voorbeeld uit de praktijk: {gemeente}",
        "en": "Example from practice: {gemeente}",
    },
    # --- herstelcheck diff
    "diff.before": {"nl": "Voor", "en": "Before"},
    "diff.after": {"nl": "Na", "en": "After"},
    "diff.better": {"nl": "beter", "en": "better"},
    "diff.worse": {"nl": "slechter", "en": "worse"},
    "diff.same": {"nl": "gelijk", "en": "same"},
    "diff.changes": {"nl": "Wat is veranderd", "en": "What changed"},
    "diff.newly_met": {"nl": "nu {word[met]}", "en": "now {word[met]}"},
    "diff.newly_failed": {"nl": "nu niet {word[met]}", "en": "now failed"},
    "diff.newly_advised": {"nl": "nieuw advies", "en": "new advice"},
    "diff.now_waived": {"nl": "nu {word[waived]}", "en": "now {word[waived]}"},
    "diff.no_longer_waived": {"nl": "niet meer {word[waived]}", "en": "no longer {word[waived]}"},
    "diff.no_change": {
        "nl": "Geen verschil: elk item en de score zijn gelijk.",
        "en": "No change: every item and the score are the same.",
    },
    "diff.summary": {
        "nl": "{better} {word[diff.better]}, {worse} {word[diff.worse]}, "
        "{same} {word[diff.same]}. Score {old} {arrow} {new} ({delta}).",
        "en": "{better} {word[diff.better]}, {worse} {word[diff.worse]}, "
        "{same} {word[diff.same]}. Score {old} {arrow} {new} ({delta}).",
    },
    # --- herstelcheck scan: the report (its statuses are the audit's, its column heads
    # `item`, `status` and `source` the words of several reports)
    "scan.title": {"nl": "Scan", "en": "Scan"},
    "scan.pages": {
        "nl": {"one": "{count} pagina", "other": "{count} pagina's"},
        "en": {"one": "{count} page", "other": "{count} pages"},
    },
    "scan.page": {"nl": "p. {page}", "en": "p. {page}"},
    "scan.passages": {
        "nl": {"one": "{count} passage gelezen", "other": "{count} passages gelezen"},
        "en": {"one": "{count} passage read", "other": "{count} passages read"},
    },
    "scan.provisional": {"nl": "voorlopig, uit de tekst", "en": "provisional, from the text"},
    "scan.status_line": {
        "nl": "{word[status]}: {status} ({word[scan.provisional]})",
        "en": "{word[status]}: {status} ({word[scan.provisional]})",
    },
    "scan.found": {"nl": "gevonden", "en": "found"},
    "scan.not_found": {"nl": "niet gevonden", "en": "not found"},
    "scan.said_absent": {"nl": "volgens de tekst afwezig", "en": "absent, says the text"},
    "scan.evidence": {
        "nl": "Waar het document erover spreekt",
        "en": "Where the document speaks of it",
    },
    "scan.absent": {
        "nl": "Waar het document zegt dat het ontbreekt",
        "en": "Where the document says it is absent",
    },
    "scan.values": {"nl": "Gevonden waarden", "en": "Values found"},
    "scan.no_evidence": {
        "nl": "Het document zegt hier niets over: geen enkel signaal gevonden.",
        "en": "The document says nothing about this: no signal found.",
    },
    "scan.only_absent": {
        "nl": "Het document noemt dit alleen om te zeggen dat het ontbreekt.",
        "en": "The document mentions this only to say it is absent.",
    },
    "scan.summary": {
        "nl": {
            "one": "{found} van {total} item gevonden in de tekst. Een scan doet voorstellen: "
            "controleer de bronnen en verbeter het concept voordat u het toetst.",
            "other": "{found} van de {total} items gevonden in de tekst. Een scan doet "
            "voorstellen: controleer de bronnen en verbeter het concept voordat u het toetst.",
        },
        "en": {
            "one": "{found} of {total} item found in the text. A scan suggests: check the "
            "sources and correct the draft before you audit it.",
            "other": "{found} of {total} items found in the text. A scan suggests: check the "
            "sources and correct the draft before you audit it.",
        },
    },
    "scan.signals": {"nl": "Signalen", "en": "Signals"},
    "scan.field": {"nl": "Veld", "en": "Field"},
    "scan.value": {"nl": "Waarde", "en": "Value"},
    "scan.signal": {"nl": "signaal", "en": "signal"},
    # --- herstelcheck scan: the comments of the draft plan
    "scan.draft.head": {
        "nl": "Concept van een plan (planformaat 1.1), opgesteld door herstelcheck scan uit:",
        "en": "Draft of a plan (plan format 1.1), drafted by herstelcheck scan from:",
    },
    "scan.draft.check": {
        "nl": "Dit is een eerste opzet, geen oordeel: controleer en verbeter elke waarde. Bij\n"
        "elke waarde staat waar die in het document staat (pagina of kop) en het citaat;\n"
        "wat niet is gevonden, staat als commentaar met TODO. Zegt het document iets dat\n"
        "in geen veld past, zet het dan in de 'toelichting' van de sectie.",
        "en": "This is a first draft, not a verdict: check and correct every value. Each\n"
        "value says where it stands in the document (page or heading) and quotes it;\n"
        "what was not found is a comment with TODO. Where the document says something\n"
        "that fits no field, put it in the section's 'toelichting'.",
    },
    "scan.draft.audit": {
        "nl": "Toets het daarna met:  herstelcheck audit {file}",
        "en": "Then audit it with:  herstelcheck audit {file}",
    },
    "scan.draft.todo": {
        "nl": "TODO: niet gevonden in het document",
        "en": "TODO: not found in the document",
    },
    "scan.draft.todo_list": {
        "nl": "TODO: niet gevonden in het document (een lijst)",
        "en": "TODO: not found in the document (a list)",
    },
    "scan.draft.from_file": {
        "nl": "TODO: niet gevonden in het document; genomen uit de bestandsnaam",
        "en": "TODO: not found in the document; taken from the file name",
    },
    "scan.draft.from_properties": {
        "nl": "uit de documenteigenschappen",
        "en": "from the document properties",
    },
    "scan.draft.item": {"nl": "Item {number}: {title}", "en": "Item {number}: {title}"},
    "scan.draft.nothing": {
        "nl": "Niets over gevonden in het document.",
        "en": "Nothing found about this in the document.",
    },
    "scan.draft.absent": {
        "nl": 'Het document zegt dat dit ontbreekt ({place}): "{quote}"',
        "en": 'The document says this is absent ({place}): "{quote}"',
    },
    "scan.draft.exceptions": {
        "nl": "TODO: items die u bewust anders aanpakt, met de reden (zie herstelcheck init)",
        "en": "TODO: items you handle otherwise on purpose, with why (see herstelcheck init)",
    },
}

_MONTHS = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


COUNTED_BY = {
    "summary": "total",
    "memo.counts": "total",
    "item_failed": "applicable",
    "scan.summary": "total",
}
"""Words with plural forms whose number is another value than `count`."""


class _Words:
    """The words of one language by key, for `{word[key]}` in a text."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        return t(key, self.lang)


def t(key: str, lang: str, **values: object) -> str:
    """The word or sentence `key` in `lang` (Dutch where `lang` has none), with its
    {placeholders} filled in from `values`, and {word[...]} and {symbol[...]} from here.

    A word with plural forms takes the form for its number: the value `count`, or the
    one `COUNTED_BY` names (`other` when the number is not given)."""
    word = _WORDS[key].get(lang) or _WORDS[key]["nl"]
    if isinstance(word, dict):
        count = values.get(COUNTED_BY.get(key, "count"))
        text = word[plural_form(count) if count is not None else "other"]
    else:
        text = word
    if "{" not in text:
        return text
    return text.format(**values, word=_Words(lang), symbol=SYMBOLS)


def number(value: float, lang: str) -> str:
    """A score with one decimal, written as the language writes it (87,5 in Dutch)."""
    return decimal(f"{value:.1f}", lang)


def decimal(text: str, lang: str) -> str:
    """A number written with `.` as the language writes it (a decimal comma in Dutch)."""
    return text.replace(".", ",") if lang == "nl" else text


def long_date(date: dt.date, lang: str) -> str:
    """The date written out: `30 juni 2021`, `30 June 2021`."""
    return f"{date.day} {month_name(date.month, lang)} {date.year}"


def month_name(month: int, lang: str) -> str:
    """The name of a month (1-12): `juni`, `June`."""
    return _MONTHS.get(lang, _MONTHS["nl"])[month - 1]


def value_text(value: object, lang: str) -> str:
    """A value found in a document as a report shows it: a whole number grouped by
    thousands (`1.200.000`, `1,200,000` in English), another with the language's
    decimal sign, yes or no in words (`ja`/`nee`), text as it is."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, float):
        if value.is_integer():
            grouped = f"{value:,.0f}"
            return grouped if lang == "en" else grouped.replace(",", ".")
        return str(value) if lang == "en" else str(value).replace(".", ",")
    return str(value)


def money(amount: float, lang: str) -> str:
    """An amount in euros as the language writes it: `€ 2.500.000` and `€ 250.000,50`
    in Dutch, `€2,500,000` and `€250,000.50` in English."""
    text = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    if lang == "en":
        return f"€{text}"
    return "€ " + text.translate(str.maketrans(",.", ".,"))
