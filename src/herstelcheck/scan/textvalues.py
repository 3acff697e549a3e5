"""Values as documents write them: amounts, dates, terms, frequencies, horizons, counts.

Each finder takes a text and returns what it finds with where it stands, so that a
caller can tell which of several amounts in a sentence stands nearest to "bestaande
budgetten". Amounts and dates are read with the plan format's own parsers
(`herstelcheck.values`), so whatever is found here is a value a plan file accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from herstelcheck import values
from herstelcheck.model import Term

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span(Generic[T]):
    """A value found in a text: its text, where it stands, and what it means."""

    text: str
    start: int
    end: int
    value: T


_NUMBER = r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"miljoen|mln\.?|miljard|mld\.?|duizend"
_MONEY = re.compile(
    rf"(?:€|EUR\b)\s?(?:{_NUMBER})(?:\s?(?:{_SCALE}))?(?:,-+)?"
    rf"|(?:{_NUMBER})\s?(?:{_SCALE})?\s?(?:euro|EUR)\b",
    re.IGNORECASE,
)


def money(text: str) -> list[Span[float]]:
    """The amounts of money in `text` (`€ 1,2 miljoen`, `1.200.000 euro`), in euros."""
    found = []
    for match in _MONEY.finditer(text):
        raw = match.group().strip()
        cleaned = re.sub(r"\s?(?:euro|EUR)$", "", raw, flags=re.IGNORECASE)
        try:
            amount = values.parse_money(cleaned)
        except ValueError:
            continue
        if amount > 0:
            found.append(Span(raw, match.start(), match.start() + len(raw), amount))
    return found


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{4}}"
    r"|\d{1,2}-\d{1,2}-\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)


def dates(text: str) -> list[Span[str]]:
    """The dates and months in `text` (`24 juni 2021`, `maart 2021`, `24-06-2021`), each
    with the text a plan file takes."""
    found = []
    for match in _DATE.finditer(text):
        try:
            date = values.parse_date(match.group())
        except ValueError:  # a date that does not exist
            continue
        if date.year is not None:
            found.append(Span(match.group(), match.start(), match.end(), date.text.lower()))
    return found


_TERM = re.compile(
    r"\b(korte|middellange|lange|langere)(?:[- ]?termijn\w*|-(?=,|\s+(?:en|of|tot)\b))",
    re.IGNORECASE,
)
_TERMS = {"korte": Term.KORT, "middellange": Term.MIDDELLANG, "lange": Term.LANG}


def terms(text: str) -> list[Span[Term]]:
    """The terms named in `text`: `korte termijn`, `kortetermijnacties`, the `korte-` of
    `korte- en lange termijn`; `langere termijn` counts as long."""
    found = []
    for match in _TERM.finditer(text):
        word = match.group(1).lower()
        term = _TERMS.get(word, Term.LANG)
        found.append(Span(match.group(), match.start(), match.end(), term))
    return found


_FREQUENCY = re.compile(
    r"\b(?:dagelijks|wekelijks|tweewekelijks|maandelijks|driemaandelijks|halfjaarlijks|"
    r"jaarlijks|tweejaarlijks|per (?:week|maand|kwartaal|half jaar|jaar)|"
    r"(?:elk|ieder|elke|iedere) (?:week|maand|kwartaal|half jaar|jaar)|"
    r"(?:een|twee|drie|vier) ?(?:keer|maal) per (?:jaar|maand|kwartaal))\b",
    re.IGNORECASE,
)


def frequencies(text: str) -> list[Span[str]]:
    """How often something happens: `per kwartaal`, `jaarlijks`, `twee keer per jaar`."""
    return [
        Span(m.group(), m.start(), m.end(), m.group().lower()) for m in _FREQUENCY.finditer(text)
    ]


_NUMBER_WORDS = "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|achttien|\\d{1,2}"
_HORIZON = re.compile(
    rf"\b(?:(?:{_NUMBER_WORDS})\s+(?:weken|week|maanden|maand|jaar)"
    r"|tot (?:aan )?(?:de |het )?"
    r"(?:zomer|najaar|voorjaar|jaarwisseling|einde? (?:van )?(?:het jaar|\d{4})|\d{4})"
    r"|(?:20\d\d)\s?[-–/]\s?(?:20\d\d)|(?:vanaf|na) (?:20\d\d|de zomer))\b",
    re.IGNORECASE,
)


def horizons(text: str) -> list[Span[str]]:
    """How far a term reaches: `vier weken`, `tot de zomer`, `2021-2024`, `vanaf 2023`."""
    return [Span(m.group(), m.start(), m.end(), m.group()) for m in _HORIZON.finditer(text)]


_COUNT = re.compile(
    r"\b(\d{1,3}(?:\.\d{3})+|\d+)\s+(ondernemers|ondernemingen|bedrijven|respondenten|"
    r"deelnemers|winkeliers|horecaondernemers)\b",
    re.IGNORECASE,
)


def counts(text: str) -> list[Span[str]]:
    """How many were reached: `450 ondernemers`, `1.200 respondenten`."""
    return [Span(m.group(), m.start(), m.end(), m.group()) for m in _COUNT.finditer(text)]


_HOURS = re.compile(r"\b(\d{1,2}(?:,\d)?)\s+(?:uur|uren)\s+(?:per|in de|per\s+)?\s*week\b")


def hours_per_week(text: str) -> list[Span[float]]:
    """Hours a week: `24 uur per week`."""
    found = []
    for match in _HOURS.finditer(text):
        number = float(match.group(1).replace(",", "."))
        if 0 < number <= 80:
            found.append(Span(match.group(), match.start(), match.end(), number))
    return found


def nearest(spans: list[Span[T]], position: int) -> Span[T] | None:
    """The span nearest to `position`."""
    if not spans:
        return None
    return min(spans, key=lambda s: min(abs(s.start - position), abs(s.end - position)))
