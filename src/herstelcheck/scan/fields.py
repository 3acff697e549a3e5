"""What the draft takes from the text, field by field.

Values are read where the document speaks of their criterion, from the sentences of its
hits that are not negated: the amount in the sentence about existing budgets, the name
after `wethouder` in the sentence about the executive lead, the data sources that are
signals themselves (`CBS`), a sentence for a field of text (`raad_informeren`). Each
value keeps the passage and quote it came from. A section with evidence but no value
gets the evidence sentences as its `toelichting`. The municipality, the title and the
date of adoption come from the document as a whole (`meta`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from herstelcheck.model import Term
from herstelcheck.scan import textvalues
from herstelcheck.scan.actions import Action, actions
from herstelcheck.scan.evidence import Hit
from herstelcheck.scan.partners import departments, regional_partners, stakeholders
from herstelcheck.scan.passages import Passage
from herstelcheck.scan.people import people
from herstelcheck.scan.values import NOTE_SENTENCES, Found, Value, Values, section_of, sentence
from herstelcheck.wordmatch import Vocabulary, normalise


def extract(
    hits: Sequence[Hit],
    passages: Sequence[Passage],
    *,
    sectors: Vocabulary,
    gemeente: str | None = None,
) -> list[Found]:
    """Every value the draft gets from the text, section by section; a stakeholder's
    sector class from `sectors` (the checklist's `sectoren`)."""
    by: dict[str, list[Hit]] = {}
    for hit in hits:
        if not hit.negated:
            by.setdefault(hit.criterion, []).append(hit)
    found = Values()
    _organisation(found, by)
    _money(found, by)
    _entrepreneurs(found, by)
    _network(found, by, sectors)
    _data(found, by)
    _leads(found, by)
    _lessons(found, by)
    _dynamics(found, by)
    _region(found, by, gemeente)
    _terms(found, by)
    _actions(found, actions(passages))
    _fallback(found, by)
    _notes(found, by)
    return list(found.found.values())


def _of(by: dict[str, list[Hit]], *criteria: str) -> list[Hit]:
    return sorted(
        (h for c in criteria for h in by.get(c, ())), key=lambda h: (h.passage.index, h.start)
    )


def _best(by: dict[str, list[Hit]], criterion: str) -> list[Hit]:
    """The hit of a criterion whose sentence best fills a field of text: the one with
    the longest signal (`ondernemersdienstverlening` over `loket`), the first on a tie."""
    hits = _of(by, criterion)
    return sorted(hits, key=lambda h: -len(h.found_as))[:1]


def _in_sentence(
    hit: Hit, finder: Callable[[str], list[textvalues.Span[textvalues.T]]]
) -> list[textvalues.Span[textvalues.T]]:
    """What `finder` finds in the hit's sentence, placed in the passage's text."""
    start, end = hit.sentence
    return [
        textvalues.Span(s.text, s.start + start, s.end + start, s.value)
        for s in finder(hit.passage.text[start:end])
    ]


def _organisation(found: Values, by: dict[str, list[Hit]]) -> None:
    for hit in _of(by, "structuur-en-middelen.bestaande-organisatie"):
        found.put("organisatie.vorm", "bestaande-organisatie", hit)
    for hit in _of(by, "structuur-en-middelen.organisatie"):
        if re.search(r"\b(?:aparte|separate)\b", hit.found_text, re.IGNORECASE):
            found.put("organisatie.vorm", "aparte-herstelorganisatie", hit)
    for hit in _of(by, "structuur-en-middelen.afdelingen", "structuur-en-middelen.organisatie"):
        if found.full("organisatie.afdelingen"):
            break
        start, end = hit.sentence
        for name, a, b in departments(hit.passage.text[start:end]):
            found.append("organisatie.afdelingen", name, hit, (start + a, start + b))


def _money(found: Values, by: dict[str, list[Hit]]) -> None:
    """Amounts of existing and extra money: each amount goes to the signal nearest to it
    in its sentence; the first amount of each kind counts."""
    existing = _of(by, "structuur-en-middelen.bestaande-budgetten")
    extra = _of(by, "structuur-en-middelen.geen-extra-kort")
    of_existing = {id(hit) for hit in existing}
    sentences: dict[tuple[int, tuple[int, int]], list[Hit]] = {}
    for hit in sorted(existing + extra, key=lambda h: (h.passage.index, h.start)):
        sentences.setdefault((hit.passage.index, hit.sentence), []).append(hit)
    wanted = ("financiering.bestaande_budgetten", "financiering.extra_middelen")
    for rivals in sentences.values():
        if all(path in found.found for path in wanted):
            return
        for amount in _in_sentence(rivals[0], textvalues.money):
            hit = min(
                rivals, key=lambda h: min(abs(h.start - amount.end), abs(amount.start - h.end))
            )
            span = (amount.start, amount.end)
            if id(hit) in of_existing:
                found.put("financiering.bestaande_budgetten", amount.value, hit, span)
                continue
            found.put("financiering.extra_middelen", amount.value, hit, span)
            term = textvalues.nearest(_in_sentence(hit, textvalues.terms), amount.start)
            if term is not None:
                place = (term.start, term.end)
                found.put("financiering.extra_middelen_termijn", term.value.value, hit, place)


def _entrepreneurs(found: Values, by: dict[str, list[Hit]]) -> None:
    survey = _of(by, "ondernemer-centraal.behoeftepeiling")
    methods = [h for h in survey if h.signal.value]
    if methods:
        names = list(dict.fromkeys(h.signal.value for h in methods if h.signal.value))
        found.put("ondernemers.behoeftepeiling.methode", " en ".join(names[:3]), methods[0])
    elif survey:
        found.put("ondernemers.behoeftepeiling.methode", sentence(survey[0]), survey[0])
    for hit in survey:
        for date in _in_sentence(hit, textvalues.dates):
            found.put("ondernemers.behoeftepeiling.datum", date.value, hit, (date.start, date.end))
        for count in _in_sentence(hit, textvalues.counts):
            found.put(
                "ondernemers.behoeftepeiling.bereik", count.value, hit, (count.start, count.end)
            )
    involved = _of(by, "ondernemer-centraal.behoeften")
    if involved:
        found.put("ondernemers.betrokkenheid", sentence(involved[0]), involved[0])
    for hit in involved + survey:
        start, end = hit.sentence
        for match in re.finditer(r"\bbehoefte aan ([^.;:()]{3,120})", hit.passage.text[start:end]):
            for need in re.split(r",\s*|\s+en\s+|\s+of\s+", match.group(1)):
                words = re.sub(r"^(?:meer|de|het|een|extra)\s+", "", need.strip()).split()
                if not words or len(words) > 6:
                    continue
                ident = "-".join(normalise(w) for w in words[:2] if w.isalpha())
                if ident:
                    place = (start + match.start(1), start + match.end(1))
                    found.append(
                        "ondernemers.behoeften",
                        {"id": ident, "omschrijving": " ".join(words)},
                        hit,
                        place,
                    )


def _network(found: Values, by: dict[str, list[Hit]], sectors: Vocabulary) -> None:
    for hit in _of(by, "netwerk.stakeholders", "netwerk.sectoren"):
        if found.full("netwerk.stakeholders"):
            break
        start, end = hit.sentence
        for organisation in stakeholders(hit.passage.text[start:end], sectors):
            entry: dict[str, Value] = {"naam": organisation.name}
            if organisation.sector is not None:
                entry["sector"] = organisation.sector
            place = (start + organisation.start, start + organisation.end)
            found.append("netwerk.stakeholders", entry, hit, place)
    for hit in _of(by, "netwerk.opgaven"):
        if hit.signal.value:
            found.append("netwerk.opgaven", hit.signal.value, hit)
    for hit in _best(by, "netwerk.communicatie"):
        found.put("netwerk.communicatie", sentence(hit), hit)


def _data(found: Values, by: dict[str, list[Hit]]) -> None:
    for hit in _of(by, "data-monitoring.bronnen"):
        if hit.signal.value:
            found.append("data.bronnen", hit.signal.value, hit)
    monitoring = _of(by, "data-monitoring.monitoring")
    if monitoring:
        found.put("data.monitoring.beschrijving", sentence(monitoring[0]), monitoring[0])
    for hit in monitoring + _of(by, "data-monitoring.output"):
        for frequency in _in_sentence(hit, textvalues.frequencies):
            found.put(
                "data.monitoring.frequentie", frequency.value, hit, (frequency.start, frequency.end)
            )
    for hit in _of(by, "data-monitoring.output"):
        lowered = normalise(hit.sentence_text)
        if re.search(r"\boutput", lowered):
            found.put("data.monitoring.niveau", "output", hit)
        elif re.search(r"\boutcome|\beffectniveau", lowered):
            found.put("data.monitoring.niveau", "outcome", hit)
        start, end = hit.sentence
        for match in _INDICATOR.finditer(hit.passage.text[start:end]):
            text = f"{match.group(1)} {match.group(2).strip()}"
            if len(text.split()) <= 10:
                found.append(
                    "data.monitoring.indicatoren",
                    text,
                    hit,
                    (start + match.start(1), start + match.end(2)),
                )


_INDICATOR = re.compile(
    r"\b(?:het )?(aantal|percentage)\s+([^,.;:()]+?)"
    r"(?=,|\s+en\s+(?:het\s+)?(?:aantal|percentage)|[.;:()]|$)"
)
"""An indicator as plans name them: `het aantal ondersteunde ondernemers`."""


def _leads(found: Values, by: dict[str, list[Hit]]) -> None:
    for role, criterion in (
        ("bestuurlijk", "trekker.bestuurlijk"),
        ("ambtelijk", "trekker.ambtelijk"),
    ):
        for hit in _of(by, criterion):
            if f"trekker.{role}.naam" in found.found:
                break
            start, end = hit.sentence
            for person in people(hit.passage.text[start:end]):
                if person.role != role:
                    continue
                span = (start + person.start, start + person.end)
                found.put(f"trekker.{role}.naam", person.name, hit, span)
                found.put(f"trekker.{role}.functie", person.function, hit, span)
    for hit in _of(by, "trekker.vrijgemaakt"):
        if {"trekker.ambtelijk.uren_per_week", "trekker.ambtelijk.vrijgemaakt"} <= set(found.found):
            break
        hours = _in_sentence(hit, textvalues.hours_per_week)
        for amount in hours:
            found.put(
                "trekker.ambtelijk.uren_per_week", amount.value, hit, (amount.start, amount.end)
            )
        if re.search(r"vrij|ontlast|volledig", hit.found_text, re.IGNORECASE):
            found.put("trekker.ambtelijk.vrijgemaakt", True, hit)
    for hit in _best(by, "trekker.raad"):
        found.put("trekker.raad_informeren", sentence(hit), hit)


def _lessons(found: Values, by: dict[str, list[Hit]]) -> None:
    for hit in _of(by, "crisislessen.lessen")[:3]:
        found.append("crisislessen.lessen", {"les": sentence(hit)}, hit)
    for name in ("dienstverlening", "participatie"):
        for hit in _best(by, f"crisislessen.{name}"):
            found.put(f"crisislessen.{name}", sentence(hit), hit)


def _dynamics(found: Values, by: dict[str, list[Hit]]) -> None:
    for hit in _best(by, "dynamiek.visie"):
        found.put("dynamiek.langetermijnvisie", sentence(hit), hit)
    for hit in _of(by, "dynamiek.herijking"):
        frequency = textvalues.nearest(_in_sentence(hit, textvalues.frequencies), hit.start)
        if frequency is not None:
            found.put("dynamiek.herijking", frequency.value, hit, (frequency.start, frequency.end))
    for hit in _best(by, "dynamiek.herijking"):
        found.put("dynamiek.herijking", sentence(hit), hit)
    for hit in _of(by, "dynamiek.budgetruimte"):
        amount = textvalues.nearest(_in_sentence(hit, textvalues.money), hit.start)
        if amount is not None:
            found.put("dynamiek.budgetruimte", amount.value, hit, (amount.start, amount.end))
    for hit in _best(by, "dynamiek.budgetruimte"):
        found.put("dynamiek.budgetruimte", sentence(hit), hit)


def _region(found: Values, by: dict[str, list[Hit]], gemeente: str | None) -> None:
    for hit in _of(by, "regio.samenwerking"):
        if found.full("regio.samenwerking"):
            break
        start, end = hit.sentence
        text = hit.passage.text[start:end]
        topic = re.search(r"\bop het gebied van ([^,.;:()]{3,60})", text)
        for partner in regional_partners(text, gemeente):
            entry: dict[str, Value] = {"partner": partner.name}
            if topic is not None:
                entry["onderwerp"] = topic.group(1).strip()
            found.append(
                "regio.samenwerking", entry, hit, (start + partner.start, start + partner.end)
            )
    for hit in _best(by, "regio.provincie"):
        found.put("regio.provinciale_aanpak", sentence(hit), hit)


_GOAL = re.compile(
    r"\b(?:doel|richt|gericht|willen|streven|werken\s+aan|kiezen|zorgen|focus|uitgangspunt)",
    re.IGNORECASE,
)
_TERM_FIRST = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:korte|middellange|lange)\s+termijn", re.IGNORECASE
)


def _terms(found: Values, by: dict[str, list[Hit]]) -> None:
    """A goal and horizon for each term, from the sentence about that one term that
    says best what it is for: one that starts with the term (`Op korte termijn ...`)
    and names a goal (`richten we ons op`) comes first."""
    best: dict[Term, tuple[int, Hit, list[textvalues.Span[Term]]]] = {}
    for hit in _of(by, *(c for c in by if c.startswith("termijnen."))):
        spans = _in_sentence(hit, textvalues.terms)
        named = {span.value for span in spans}
        if len(named) != 1:
            continue  # a sentence about several terms says what none of them is for
        text = hit.sentence_text
        weight = 2 * bool(_TERM_FIRST.search(text)) + bool(_GOAL.search(text))
        term = spans[0].value
        if term not in best or weight > best[term][0]:
            best[term] = (weight, hit, spans)
    for term in Term:
        if term not in best:
            continue
        _, hit, spans = best[term]
        found.put(f"termijnen.{term.value}.doel", sentence(hit), hit)
        horizons = _in_sentence(hit, textvalues.horizons)
        horizon = textvalues.nearest(horizons, spans[0].end)
        if horizon is not None:
            found.put(
                f"termijnen.{term.value}.horizon", horizon.value, hit, (horizon.start, horizon.end)
            )


def _actions(found: Values, listed: Sequence[Action]) -> None:
    for action in listed:
        entry: dict[str, Value] = {"naam": action.naam}
        if action.termijn is not None:
            entry["termijn"] = action.termijn.value
        if action.eigenaar:
            entry["eigenaar"] = action.eigenaar
        if action.budget is not None:
            entry["budget"] = action.budget
        if action.financiering:
            entry["financiering"] = action.financiering
        if action.indicator:
            entry["indicator"] = action.indicator
        passage = action.passage
        fake = _passage_hit(passage)
        found.append("acties", entry, fake, (0, min(len(passage.text), len(action.naam))))


def _passage_hit(passage: Passage) -> Hit:
    """A stand-in hit for a value read from a whole passage (an action)."""
    from herstelcheck.signals import Signal

    return Hit(Signal("acties", "actie"), passage, 0, 0, (0, len(passage.text)))


def _fallback(found: Values, by: dict[str, list[Hit]]) -> None:
    """Triggers, the playbook, the crisis organisation and the description of the
    fallback scenario."""
    for hit in _of(by, "terugvalscenario.triggers"):
        found.append(
            "terugvalscenario.triggers", hit.signal.value or normalise(hit.found_text), hit
        )
    for name, criterion in (
        ("beschrijving", "terugvalscenario.beschrijving"),
        ("draaiboek", "terugvalscenario.draaiboek"),
        ("crisisorganisatie", "terugvalscenario.crisisorganisatie"),
    ):
        for hit in _best(by, criterion):
            found.put(f"terugvalscenario.{name}", sentence(hit), hit)


def _notes(found: Values, by: dict[str, list[Hit]]) -> None:
    """The evidence sentences of a section that got no value, as its `toelichting`."""
    filled = found.sections()
    notes: dict[str, list[Hit]] = {}
    for criterion, hits in by.items():
        section = section_of(criterion)
        if section is not None and section not in filled:
            notes.setdefault(section, []).extend(hits)
    for section, hits in notes.items():
        chosen: list[Hit] = []
        for hit in sorted(hits, key=lambda h: (h.passage.index, h.start)):
            if all(hit.sentence_text != other.sentence_text for other in chosen):
                chosen.append(hit)
            if len(chosen) == NOTE_SENTENCES:
                break
        path = "termijnen.toelichting" if section == "termijnen" else f"{section}.toelichting"
        found.put(path, " ".join(sentence(hit) for hit in chosen), chosen[0])
