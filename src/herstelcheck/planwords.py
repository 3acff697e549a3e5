"""The plan's keys and values in words for people, in Dutch and English.

A finding says what is missing in words a reader knows ("naam en functie", "de
middellange termijn"), never as a plan key or a path: the key a finding is about is a
field of its own (`Criterion.key`). The criterion kinds take the words from here for the
details they fill in (`{missing}`, `{unknown}`, `{value}`).

Every field of the plan format has a name here (a test checks that), and a list of
entries has a name for one entry too ("actie 2"), so a checklist of one's own that
names any path gets words as well.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from herstelcheck.model import (
    Bron,
    Niveau,
    OrganisatieVorm,
    Plan,
    Term,
    field_types,
    unwrap_optional,
)


@dataclass(frozen=True, slots=True)
class Words:
    """A detail of a finding in words, in Dutch and English."""

    nl: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


Detail = str | Words
"""A detail of a finding: the same text in every language (a number, a value of the
plan), or words in each language."""


def detail_text(value: Detail, lang: str) -> str:
    """A detail in `lang`."""
    return value if isinstance(value, str) else value.get(lang)


def same(text: str) -> Words:
    """Text that reads the same in both languages (a value of the plan)."""
    return Words(text, text)


def quoted(text: str) -> Words:
    """A value of the plan as the plan writes it, in quotes."""
    return same(f"'{text}'")


def join(texts: Sequence[str], lang: str) -> str:
    """`a`, `a en b`, `a, b en c` (`and` in English)."""
    if len(texts) <= 1:
        return "".join(texts)
    last = " and " if lang == "en" else " en "
    return ", ".join(texts[:-1]) + last + texts[-1]


def listing(parts: Sequence[Words]) -> Words:
    """Several words as one list in each language: `naam en functie`, `name and role`."""
    return Words(join([p.nl for p in parts], "nl"), join([p.en for p in parts], "en"))


NOTHING = Words("niets", "nothing")
"""What a finding says where the plan gives no value."""


# --- the names ------------------------------------------------------------------------

_NAMES: dict[str, tuple[str, str]] = {
    "Plan.gemeente": ("gemeente", "municipality"),
    "Plan.titel": ("titel", "title"),
    "Plan.versie": ("versie", "version"),
    "Plan.vastgesteld": ("datum van vaststelling", "adoption date"),
    "Plan.organisatie": ("organisatie", "organisation"),
    "Plan.financiering": ("financiering", "funding"),
    "Plan.ondernemers": ("ondernemers", "entrepreneurs"),
    "Plan.netwerk": ("netwerk", "network"),
    "Plan.data": ("data", "data"),
    "Plan.trekker": ("trekker", "lead"),
    "Plan.crisislessen": ("lessen uit de crisis", "lessons from the crisis"),
    "Plan.dynamiek": ("dynamiek", "dynamics"),
    "Plan.regio": ("regio", "region"),
    "Plan.termijnen": ("termijnen", "terms"),
    "Plan.acties": ("acties", "actions"),
    "Plan.terugvalscenario": ("terugvalscenario", "fallback scenario"),
    "Plan.uitzonderingen": ("uitzonderingen", "waivers"),
    "Organisatie.vorm": ("vorm", "form"),
    "Organisatie.afdelingen": ("afdelingen", "departments"),
    "Organisatie.toelichting": ("toelichting", "explanation"),
    "Financiering.toelichting": ("toelichting", "explanation"),
    "Ondernemers.toelichting": ("toelichting", "explanation"),
    "Netwerk.toelichting": ("toelichting", "explanation"),
    "Data.toelichting": ("toelichting", "explanation"),
    "Trekker.toelichting": ("toelichting", "explanation"),
    "Crisislessen.toelichting": ("toelichting", "explanation"),
    "Dynamiek.toelichting": ("toelichting", "explanation"),
    "Regio.toelichting": ("toelichting", "explanation"),
    "Terugvalscenario.toelichting": ("toelichting", "explanation"),
    "Financiering.bestaande_budgetten": ("bestaande budgetten", "existing budgets"),
    "Financiering.extra_middelen": ("extra middelen", "additional money"),
    "Financiering.extra_middelen_termijn": (
        "termijn van de extra middelen",
        "term of the additional money",
    ),
    "Behoeftepeiling.methode": ("methode", "method"),
    "Behoeftepeiling.datum": ("datum", "date"),
    "Behoeftepeiling.bereik": ("bereik", "reach"),
    "Behoefte.id": ("korte naam", "short name"),
    "Behoefte.omschrijving": ("omschrijving", "description"),
    "Ondernemers.behoeftepeiling": ("behoeftepeiling", "needs survey"),
    "Ondernemers.betrokkenheid": ("betrokkenheid", "involvement"),
    "Ondernemers.behoeften": ("behoeften", "needs"),
    "Stakeholder.naam": ("naam", "name"),
    "Stakeholder.sector": ("sector", "sector"),
    "Netwerk.stakeholders": ("partijen", "parties"),
    "Netwerk.opgaven": ("opgaven", "tasks"),
    "Netwerk.communicatie": ("communicatie", "communication"),
    "Monitoring.beschrijving": ("beschrijving", "description"),
    "Monitoring.frequentie": ("frequentie", "frequency"),
    "Monitoring.niveau": ("niveau", "level"),
    "Monitoring.indicatoren": ("indicatoren", "indicators"),
    "Data.bronnen": ("databronnen", "data sources"),
    "Data.monitoring": ("monitoring", "monitoring"),
    "Persoon.naam": ("naam", "name"),
    "Persoon.functie": ("functie", "role"),
    "Persoon.vrijgemaakt": ("vrijstelling van regulier werk", "release from regular work"),
    "Persoon.uren_per_week": ("uren per week", "hours per week"),
    "Trekker.ambtelijk": ("ambtelijke trekker", "civil-service lead"),
    "Trekker.bestuurlijk": ("bestuurlijke trekker", "executive lead"),
    "Trekker.raad_informeren": ("informatie aan de raad", "informing the council"),
    "Les.les": ("les", "lesson"),
    "Les.borging": ("borging", "how it is kept"),
    "Crisislessen.lessen": ("lessen", "lessons"),
    "Crisislessen.dienstverlening": ("dienstverlening", "service"),
    "Crisislessen.participatie": ("participatie", "participation"),
    "Dynamiek.langetermijnvisie": ("langetermijnvisie", "long-term vision"),
    "Dynamiek.herijking": ("herijking", "revision"),
    "Dynamiek.budgetruimte": ("budgetruimte", "room in the budget"),
    "Samenwerking.partner": ("partner", "partner"),
    "Samenwerking.onderwerp": ("onderwerp", "subject"),
    "Regio.samenwerking": ("regionale samenwerking", "regional cooperation"),
    "Regio.provinciale_aanpak": ("provinciale aanpak", "provincial approach"),
    "TermijnDoel.horizon": ("horizon", "horizon"),
    "TermijnDoel.doel": ("doel", "goal"),
    "Actie.naam": ("naam", "name"),
    "Actie.termijn": ("termijn", "term"),
    "Actie.eigenaar": ("eigenaar", "owner"),
    "Actie.budget": ("budget", "budget"),
    "Actie.financiering": ("financiering", "funding"),
    "Actie.behoefte": ("behoefte", "need"),
    "Actie.indicator": ("indicator", "indicator"),
    "Actie.lijn": ("herstellijn", "recovery line"),
    "Terugvalscenario.beschrijving": ("beschrijving", "description"),
    "Terugvalscenario.triggers": ("triggers", "triggers"),
    "Terugvalscenario.draaiboek": ("draaiboek", "playbook"),
    "Terugvalscenario.crisisorganisatie": ("crisisorganisatie", "crisis organisation"),
    "Uitzondering.reden": ("reden", "reason"),
    "Uitzondering.geldig_tot": ("einddatum", "end date"),
}
"""`Class.field` -> the field's name in Dutch and English."""

_ENTRIES: dict[str, tuple[str, str]] = {
    "Plan.acties": ("actie", "action"),
    "Organisatie.afdelingen": ("afdeling", "department"),
    "Ondernemers.behoeften": ("behoefte", "need"),
    "Netwerk.stakeholders": ("partij", "party"),
    "Netwerk.opgaven": ("opgave", "task"),
    "Monitoring.indicatoren": ("indicator", "indicator"),
    "Data.bronnen": ("databron", "data source"),
    "Crisislessen.lessen": ("les", "lesson"),
    "Regio.samenwerking": ("samenwerking", "partnership"),
    "Terugvalscenario.triggers": ("trigger", "trigger"),
}
"""`Class.field` of a list -> the name of one entry, which a position follows (`actie 2`)."""

_VALUES: dict[Enum, tuple[str, str]] = {
    Term.KORT: ("de korte termijn", "the short term"),
    Term.MIDDELLANG: ("de middellange termijn", "the medium term"),
    Term.LANG: ("de lange termijn", "the long term"),
    OrganisatieVorm.BESTAANDE_ORGANISATIE: (
        "de bestaande organisatie",
        "the existing organisation",
    ),
    OrganisatieVorm.APARTE_HERSTELORGANISATIE: (
        "een aparte herstelorganisatie",
        "a separate recovery organisation",
    ),
    Bron.BESTAAND: ("bestaande budgetten", "existing budgets"),
    Bron.EXTRA: ("extra middelen", "additional money"),
    Niveau.OUTPUT: ("output", "output"),
    Niveau.OUTCOME: ("outcome", "outcome"),
}
"""The values the plan format knows, in words."""


def value_words(value: Any) -> Words:
    """A value of the plan in words: a known value (`kort`) by its words, any other
    as the plan writes it, in quotes."""
    if isinstance(value, Enum) and value in _VALUES:
        return Words(*_VALUES[value])
    text = value.value if isinstance(value, Enum) else value
    return quoted(str(text))


def field_value_words(path: str, text: str) -> Words:
    """The value `text` of the field at `path` in words (`kort` of `acties[].termijn`
    is `de korte termijn`)."""
    kind = _steps(path)[-1].type
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return value_words(kind(text))
        except ValueError:
            pass
    return quoted(text)


# --- paths ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Step:
    """One segment of a path through the plan format."""

    segment: str
    """The key, without `[]` or `[n]`."""
    owner: str | None
    """`Class.field` when the segment is a field of a section, else None."""
    term: Term | None
    """The term when the segment is a key under `termijnen`."""
    type: Any
    """The type of the value the segment reaches (None when the format does not say)."""


@cache
def _steps(path: str) -> tuple[_Step, ...]:
    """The segments of a path (`acties[].termijn`, `acties[2].behoefte`), each with what
    the plan format says about it."""
    steps: list[_Step] = []
    current: Any = Plan
    for raw in path.split("."):
        segment = raw.split("[", 1)[0]
        listed = "[" in raw
        current = unwrap_optional(current)
        owner: str | None = None
        term: Term | None = None
        if typing.get_origin(current) is dict:
            key_type, value_type = typing.get_args(current)
            if key_type is Term and segment in {t.value for t in Term}:
                term = Term(segment)
            current = value_type
        elif isinstance(current, type) and dataclasses.is_dataclass(current):
            types_ = field_types(current)
            if segment in types_:
                owner = f"{current.__name__}.{segment}"
                current = types_[segment]
            else:
                current = None
        else:
            current = None
        if listed:
            current = unwrap_optional(current)
            current = typing.get_args(current)[0] if typing.get_origin(current) is list else None
        steps.append(_Step(segment, owner, term, unwrap_optional(current)))
    return tuple(steps)


def _step_words(step: _Step) -> Words:
    if step.term is not None:
        return Words(*_VALUES[step.term])
    if step.owner is not None and step.owner in _NAMES:
        return Words(*_NAMES[step.owner])
    return same(step.segment.replace("_", " "))


def name(path: str) -> Words:
    """What the value at `path` is called: `trekker.ambtelijk.functie` is `functie`,
    `termijnen.lang` is `de lange termijn`."""
    steps = _steps(path)
    return _step_words(steps[-1]) if steps else same(path)


@cache
def names(paths: tuple[str, ...]) -> tuple[Words, ...]:
    """Words that tell the values at `paths` apart, one for each: what the paths share
    before and after the part where they differ is left out, so
    `termijnen.kort.doel, termijnen.lang.doel` are `de korte termijn, de lange termijn`
    and `trekker.ambtelijk.naam, trekker.ambtelijk.functie` are `naam, functie`."""
    split = [p.split(".") for p in paths]
    shortest = min((len(s) for s in split), default=0)
    head = 0
    while head < shortest and len({s[head] for s in split}) == 1:
        head += 1
    tail = 0
    while tail < shortest - head and len({s[-1 - tail] for s in split}) == 1:
        tail += 1
    result = []
    for path, segments in zip(paths, split, strict=True):
        steps = _steps(path)
        differing = steps[head : len(segments) - tail] or steps[-1:]
        words = _step_words(differing[-1])
        terms = [s for s in differing[:-1] if s.term is not None]
        if terms:
            of = _step_words(terms[0])
            words = Words(f"{words.nl} van {of.nl}", f"{words.en} of {of.en}")
        result.append(words)
    return tuple(result)


def place(concrete: str) -> Words:
    """Where a value stands, for a reader: the entry of the list it is in
    (`acties[2].behoefte` is `actie 2`), else what the value is called."""
    segments = concrete.split(".")
    for index in range(len(segments) - 1, -1, -1):
        raw = segments[index]
        if raw.endswith("]") and "[" in raw:
            number = raw[raw.index("[") + 1 : -1]
            step = _steps(_INDEX.sub("[]", ".".join(segments[: index + 1])))[-1]
            entry = Words(*_ENTRIES[step.owner]) if step.owner in _ENTRIES else _step_words(step)
            return Words(f"{entry.nl} {number}", f"{entry.en} {number}")
    return name(_INDEX.sub("[]", concrete))


_INDEX = re.compile(r"\[\d+\]")
"""The position in a concrete path (`acties[2]`), which words leave to `place`."""
