"""Names of people with their function: `wethouder Economie Joost de Wit`,
`projectleider Fatima el Amrani`, `mw. A. Jansen, portefeuillehouder Werk`.

A function word (`wethouder`, `projectleider`, ...) says which lead it is: bestuurlijk
(the executive) or ambtelijk (the civil service). A name is a run of capitalised words
with the particles Dutch names take (`de`, `van der`, `el`), at least two words, or
initials and a surname; portfolio words after the function (`Economie`, `Werk en
Inkomen`) belong to the function, not to the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["bestuurlijk", "ambtelijk"]

FUNCTIONS: dict[str, Role] = {
    "wethouder": "bestuurlijk",
    "portefeuillehouder": "bestuurlijk",
    "burgemeester": "bestuurlijk",
    "projectleider": "ambtelijk",
    "kwartiermaker": "ambtelijk",
    "programmamanager": "ambtelijk",
    "programmaleider": "ambtelijk",
    "procesregisseur": "ambtelijk",
    "projectmanager": "ambtelijk",
    "coördinator": "ambtelijk",
    "coordinator": "ambtelijk",
    "ambtelijk trekker": "ambtelijk",
    "ambtelijke trekker": "ambtelijk",
}
"""Function words, and the lead each names."""

PORTFOLIOS = frozenset(
    """
        economie economische zaken financiën financien werk inkomen onderwijs cultuur sport
        wonen duurzaamheid binnenstad participatie zorg welzijn jeugd toerisme ondernemen
        werkgelegenheid arbeidsmarkt mobiliteit ruimtelijke ordening citymarketing recreatie
        evenementen vastgoed dienstverlening financiën erfgoed kunst communicatie
        dienstverlening bedrijvigheid detailhandel horeca ruimte verkeer milieu energie klimaat
        innovatie digitalisering openbare orde veiligheid sociaal domein herstelaanpak
        herstelplan herstel lokale
        """.split()
)
"""Words of a portfolio or task that may follow a function word (`wethouder Economie`)."""

_PARTICLES = (
    r"(?:van der|van den|van de|van 't|in 't|van|de|der|den|ter|ten|el|al|la|le|du|op|'t"
    r"|da|di|do|dos)"
)
_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
_NAME = re.compile(
    rf"(?:(?:dhr\.|mw\.|mevr\.|mevrouw|de heer|drs\.|ir\.|mr\.|dr\.)\s+)?"
    rf"(?P<name>{_INITIALS}(?:{_PARTICLES}\s+)*{_WORD}"
    rf"|{_WORD}(?:\s+{_WORD})?\s+(?:{_PARTICLES}\s+)*{_WORD}"
    rf"|{_WORD}\s+(?:{_PARTICLES}\s+)+{_WORD})"
)
_NOT_A_NAME = frozenset(
    """
        de het een in op voor deze die dit dat zij hij wij we ons onze gemeente college raad
        provincie regio herstelplan herstelaanpak plan team afdeling economische zaken stichting
        vereniging ondernemersvereniging
        """.split()
)
_FUNCTION = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, FUNCTIONS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Person:
    """A person the text names with a function."""

    name: str
    function: str
    """The function as the text gives it, with its portfolio: `wethouder Economie`."""
    role: Role
    start: int
    """Where the function or name starts in the text."""
    end: int


def people(text: str) -> list[Person]:
    """Every person named with a function in `text`."""
    found: list[Person] = []
    for match in _FUNCTION.finditer(text):
        keyword = match.group(1)
        role = FUNCTIONS[keyword.lower()]
        after = _after(text, match.end(), keyword)
        if after is not None:
            found.append(Person(after[0], after[1], role, match.start(), after[2]))
            continue
        before = _before(text, match.start())
        if before is not None:
            name, start = before
            function = _function_words(text, match.start(), keyword)
            found.append(Person(name, function[0], role, start, function[1]))
    return found


def _after(text: str, position: int, keyword: str) -> tuple[str, str, int] | None:
    """`wethouder [portfolio] NAME`: the name, the function and where the name ends."""
    function, cursor = _function_words(text, position - len(keyword), keyword)
    rest = text[cursor:]
    skipped = re.match(r"\s*(?:,\s*)?(?:is\s+|,\s*)?", rest)
    offset = cursor + (skipped.end() if skipped else 0)
    match = _NAME.match(text, offset)
    if match is None or not _is_name(match.group("name")):
        return None
    return match.group("name"), function, match.end()


def _function_words(text: str, start: int, keyword: str) -> tuple[str, int]:
    """The function word with the portfolio words after it (`wethouder Werk en
    Inkomen`), and where they end."""
    cursor = start + len(keyword)
    words = [text[start:cursor].lower()]
    joint = re.compile(r"(?:\s*(,)|\s+(en|&))(?=\s+[A-ZÀ-Ý])")
    word = re.compile(r"\s+(?:van\s+|voor\s+)?([A-Za-zÀ-ÿ]+)")
    while True:
        link = joint.match(text, cursor)
        if link is not None:
            following = re.match(r"\s+([A-Za-zÀ-ÿ]+)", text[link.end() :])
            if following is None or following.group(1).lower() not in PORTFOLIOS:
                break
            words.append(link.group(1) or link.group(2))
            cursor = link.end()
            continue
        match = word.match(text, cursor)
        if match is None or match.group(1).lower() not in PORTFOLIOS:
            break
        words.append(text[cursor : match.end()].strip())
        cursor = match.end()
    return " ".join(words).replace(" ,", ","), cursor


def _before(text: str, position: int) -> tuple[str, int] | None:
    """`NAME, wethouder ...` or `NAME (wethouder ...)`: the name and where it starts."""
    head = text[max(0, position - 60) : position]
    match = re.search(r"(" + _NAME.pattern + r")\s*(?:,|\()\s*$", head)
    if match is None or not _is_name(match.group("name")):
        return None
    return match.group("name"), position - len(head) + match.start("name")


def _is_name(name: str) -> bool:
    parts = name.replace(".", " ").split()
    if not parts or parts[0].lower() in _NOT_A_NAME:
        return False
    return not all(part.lower() in PORTFOLIOS or part.lower() in _NOT_A_NAME for part in parts)
