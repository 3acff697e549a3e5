"""Organisations a document names: stakeholders with their sector class, regional
partners, and the municipality's own departments.

A stakeholder is an organisation named in a sentence that speaks of partners (`samen
met`, `in samenwerking met`, `partners`, `stakeholders`): each part of the list after
such words that starts with a capital or an abbreviation (`Ondernemersvereniging
Binnenstad`, `KHN Lindewaard`, `het ROC`), or that the sector vocabulary knows (`de
woningcorporaties`). Its sector class comes from the checklist's sector vocabulary
(`sectoren`, a `wordmatch.Vocabulary`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from herstelcheck.wordmatch import Phrase, Phrases, Vocabulary, normalise

DEPARTMENTS = (
    "Economische Zaken",
    "Economie",
    "Onderwijs",
    "Jeugd",
    "Duurzaamheid",
    "Werk en Inkomen",
    "Sociaal Domein",
    "Cultuur",
    "Sport",
    "Welzijn",
    "Zorg",
    "Financiën",
    "Communicatie",
    "Ruimtelijke Ordening",
    "Ruimte",
    "Wonen",
    "Vergunningen",
    "Handhaving",
    "Openbare Ruimte",
    "Mobiliteit",
    "Toerisme",
    "Citymarketing",
    "Gezondheid",
    "Veiligheid",
)
"""Departments a municipality's organisation has, as a document names them."""

_DEPARTMENT_PHRASES = Phrases([Phrase.of(name, whole=True) for name in DEPARTMENTS])

_LEAD_IN = re.compile(
    r"\b(?:samen\s+met|in\s+samenwerking\s+met|samenwerking\s+met|met\s+onder\s+andere|"
    r"met\s+o\.a\.|partners|partijen|stakeholders|belanghebbenden|waaronder|zoals|"
    r"betrokken\s+zijn|werken\s+samen)\b"
    r"(?:\s+(?:zijn|waren|als|onder\s+meer|onder\s+andere|o\.a\.|hierbij|daarbij))*\s*:?",
    re.IGNORECASE,
)
_PIECES = re.compile(r"\s*(?:,|;|\ben\b|&|\bals ook\b|\bevenals\b)\s*")
_DETERMINERS = re.compile(
    r"^(?:de|het|een|onze|ons|lokale|lokaal|alle|diverse|verschillende|o\.a\.|onder andere)\s+",
    re.IGNORECASE,
)
_ORG_WORD = r"(?:[A-ZÀ-Ý][\w'’&.-]*|\d[\w-]*)"
_ORGANISATION = re.compile(
    rf"{_ORG_WORD}(?:\s+(?:(?:van|voor|de|der|den|en|op|aan|in|het|'t)\s+){{0,2}}{_ORG_WORD})*"
)
_NOT_ORGANISATIONS = frozenset(
    """
        de het een wij we zij ook daarnaast samen in op met bij voor deze dit die ook gemeente
        college raad
        """.split()
)


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation named in a text, with its sector class (None: none matched)."""

    name: str
    sector: str | None
    start: int
    end: int


def stakeholders(text: str, sectors: Vocabulary) -> list[Organisation]:
    """The organisations named in the lists after partner words in `text`, each with its
    class in `sectors`."""
    found: list[Organisation] = []
    for lead in _LEAD_IN.finditer(text):
        stop = _clause_end(text, lead.end())
        position = lead.end()
        for piece in _PIECES.split(text[lead.end() : stop]):
            start = text.find(piece, position) if piece else -1
            if start < 0:
                continue
            position = start + len(piece)
            organisation = _organisation(piece, start, sectors)
            if organisation is None:
                break  # the list has ended
            if not any(normalise(o.name) == normalise(organisation.name) for o in found):
                found.append(organisation)
            if text[organisation.end : start + len(piece)].strip(" .,;:"):
                break  # the sentence goes on after this name: the list has ended
    return found


def _clause_end(text: str, start: int) -> int:
    match = re.search(r"[.;:!?](?:\s|$)|\s[-–]\s", text[start:])
    return start + match.start() if match else len(text)


def _organisation(piece: str, start: int, sectors: Vocabulary) -> Organisation | None:
    stripped = _DETERMINERS.sub("", piece.strip())
    offset = start + piece.find(stripped) if stripped else start
    match = _ORGANISATION.match(stripped)
    if match is not None:
        name = re.sub(r"\s+(?:van|voor|de|der|en|op|aan|in|het)$", "", match.group())
        name = name.rstrip(".")
        first = name.split()[0].lower() if name.split() else ""
        if len(name) >= 2 and first not in _NOT_ORGANISATIONS:
            return Organisation(name, sectors.classify(name), offset, offset + len(name))
    words = stripped.split()
    if not words or words[0].lower() in _NOT_ORGANISATIONS:
        return None
    sector = sectors.classify(words[0])
    if sector is None:
        return None
    size = 1  # `provincie Waardland`: the word the vocabulary knows and the name after it
    while size < len(words) and size < 4 and words[size][:1].isupper():
        size += 1
    name = " ".join(words[:size]).rstrip(".,")
    return Organisation(name, sectors.classify(name) or sector, offset, offset + len(name))


_REGIONAL = re.compile(
    r"\b(?:(?:metropool|arbeidsmarkt|sub)?regio|board|samenwerkingsverband|buurgemeenten|"
    r"regiogemeenten|gemeenten|convenant|regiodeal)\b",
    re.IGNORECASE,
)


def regional_partners(text: str, own: str | None = None) -> list[Organisation]:
    """The regional partners named in a sentence about regional cooperation: the
    organisations in it that are regions, boards or groups of municipalities (`Regio
    Waardland`, `Economic Board Utrecht`, `de buurgemeenten`); the municipality itself
    and the province left out."""
    found: list[Organisation] = []
    for match in _ORGANISATION.finditer(text):
        name = re.sub(r"\s+(?:van|voor|de|der|en|op|aan|in|het)$", "", match.group())
        name = re.sub(r"^(?:De|Het|Een)\s+", "", name)
        start = match.start() + match.group().find(name)
        lowered = normalise(name)
        if lowered.split()[0] in _NOT_ORGANISATIONS or lowered.startswith("provincie"):
            continue
        if own is not None and lowered == normalise(own):
            continue
        if _REGIONAL.search(name) and len(name.split()) >= 2:
            found.append(Organisation(name, "overheid", start, start + len(name)))
    for match in re.finditer(
        r"\b(?:de\s+)?(buurgemeenten|regiogemeenten|omliggende gemeenten)\b", text, re.IGNORECASE
    ):
        if not any(o.start <= match.start() < o.end for o in found):
            found.append(Organisation(match.group(1), "overheid", match.start(1), match.end(1)))
    return found


def departments(text: str) -> list[tuple[str, int, int]]:
    """The departments named in `text`: (name as listed in DEPARTMENTS, start, end)."""
    from herstelcheck.wordmatch import tokens

    words = tokens(text)
    found: list[tuple[str, int, int]] = []
    for index, first, after in _DEPARTMENT_PHRASES.find(words):
        name = DEPARTMENTS[index]
        start, end = words[first].start, words[after - 1].end
        if not text[start].isupper():
            continue  # `onderwijs` as a word, not the department `Onderwijs`
        before = text[:start].split()
        if before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
            continue  # part of a longer name: `Stichting Cultuur`
        if any(a <= start < b for _, a, b in found) or any(n == name for n, _, _ in found):
            continue
        found.append((name, start, end))
    return found
