"""Normalise the values people write in plans: money, terms, dates, yes/no.

Each parser takes the text as it stands in the file and returns the value, or raises
ValueError with a message in plain words that shows what is accepted.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from herstelcheck.model import MoneyOrText, PlanDate, Term
from herstelcheck.textsafe import excerpt

MONEY_FORMS = '1200000, 2.5e6, "€ 1.200.000", "1.200.000", "€ 1,2 mln", "2 miljoen", "250.000,50"'
TERM_VALUES = "kort, middellang, lang"

_MULTIPLIERS = {
    "mln": 1e6,
    "mln.": 1e6,
    "miljoen": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "m": 1e6,
    "mld": 1e9,
    "mld.": 1e9,
    "miljard": 1e9,
    "billion": 1e9,
    "k": 1e3,
    "duizend": 1e3,
    "dzd": 1e3,
    "thousand": 1e3,
}
_CURRENCY = re.compile(r"^(€|eur\b|euro\b)\s*|\s*(€|eur|euro|euros)$", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3}){2,}$")
_SPACE_THOUSANDS = re.compile(r"^[+-]?\d{1,3}( \d{3})+([.,]\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_MAX_DIGITS = 30


def parse_money(text: str) -> float:
    """An amount in euros from the ways people write it.

    >>> parse_money("€ 1.200.000"), parse_money("€ 1,2 mln"), parse_money("250.000,50")
    (1200000.0, 1200000.0, 250000.5)
    """
    raw = text.strip()
    value = _CURRENCY.sub("", raw).strip()
    value = re.sub(r",-+$", "", value)  # "€ 250.000,-"
    multiplier = 1.0
    parts = value.rsplit(None, 1)
    if len(parts) == 2 and parts[1].lower() in _MULTIPLIERS:
        value, multiplier = parts[0], _MULTIPLIERS[parts[1].lower()]
    else:
        match = re.match(r"^(.*\d)\s*(mln\.?|mld\.?|k|m)$", value, re.IGNORECASE)
        if match:
            value, multiplier = match.group(1), _MULTIPLIERS[match.group(2).lower()]
    value = value.replace("_", "").strip()
    number = _number(value)
    if number is not None:
        number *= multiplier
    if number is None or not math.isfinite(number):
        raise ValueError(
            f"is not an amount of money (got '{excerpt(raw)}'); write it as one of {MONEY_FORMS}"
        )
    return number


def _number(value: str) -> float | None:
    if not value or sum(c.isdigit() for c in value) > _MAX_DIGITS:
        return None
    if _SCIENTIFIC.match(value):
        return float(value)
    if "." in value and "," in value:
        if value.rfind(",") > value.rfind("."):  # 1.200.000,50
            value = value.replace(".", "").replace(",", ".")
        else:  # 1,200,000.50
            value = value.replace(",", "")
        return float(value) if _PLAIN.match(value) else None
    if _DOT_THOUSANDS.match(value):
        return float(value.replace(".", ""))
    if _COMMA_THOUSANDS.match(value):
        return float(value.replace(",", ""))
    if _SPACE_THOUSANDS.match(value):
        return float(value.replace(" ", "").replace(",", "."))
    if _PLAIN.match(value):
        return float(value.replace(",", "."))
    return None


def parse_money_or_text(text: str) -> MoneyOrText:
    try:
        return MoneyOrText(text, parse_money(text))
    except ValueError:
        return MoneyOrText(text, None)


_TERMS = {
    "kort": Term.KORT,
    "korte": Term.KORT,
    "short": Term.KORT,
    "middellang": Term.MIDDELLANG,
    "middellange": Term.MIDDELLANG,
    "middel": Term.MIDDELLANG,
    "medium": Term.MIDDELLANG,
    "mid": Term.MIDDELLANG,
    "middle": Term.MIDDELLANG,
    "lang": Term.LANG,
    "lange": Term.LANG,
    "long": Term.LANG,
}


def parse_term(text: str) -> Term:
    """A term from `kort`, `korte termijn`, `Short`, `long-term` and the like."""
    words = re.sub(r"[-_\s]+", " ", text.strip().lower())
    words = re.sub(r"\s*(termijn|term)$", "", words)
    words = re.sub(r"^(middel)\s?(lang|lange)$", "middellang", words)
    term = _TERMS.get(words.strip())
    if term is None:
        raise ValueError(f"must be one of {TERM_VALUES} (got '{excerpt(text)}')")
    return term


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("maart", "mrt", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augustus", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ].*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DUTCH = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_WORDS = re.compile(r"^(?:(\d{1,2})\s+)?([a-z]+)\.?\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_date(text: str) -> PlanDate:
    """A date, month or year from ISO forms, `24-06-2021`, `mei 2021`, `12 mei 2021`.

    Text that reads as no date is kept as text (the format allows any string);
    a date that does not exist (`2021-02-30`) raises ValueError.
    """
    raw = text.strip()
    lower = raw.lower()
    year = month = day = None
    if match := _ISO.match(lower):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DUTCH.match(lower):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_MONTH.match(lower):
        year, month = int(match.group(1)), int(match.group(2))
    elif (match := _WORDS.match(lower)) and match.group(2) in _MONTHS:
        day = int(match.group(1)) if match.group(1) else None
        month, year = _MONTHS[match.group(2)], int(match.group(3))
    elif match := _YEAR.match(lower):
        year = int(match.group(1))
    else:
        return PlanDate(raw)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"is not a date that exists (got '{excerpt(raw)}')") from None
    return PlanDate(raw, year, month, day)


_YES = {"true", "yes", "ja", "y", "j", "on", "waar"}
_NO = {"false", "no", "nee", "n", "off", "onwaar"}


def parse_bool(text: str) -> bool:
    lower = text.strip().lower()
    if lower in _YES:
        return True
    if lower in _NO:
        return False
    raise ValueError(f"must be yes or no (ja/nee, true/false) (got '{excerpt(text)}')")


def parse_number(text: str) -> float:
    value = text.strip().replace("_", "")
    number = _number(value)
    if number is None or not math.isfinite(number):
        raise ValueError(f"must be a number (got '{excerpt(text)}')")
    return number
