"""The values a draft takes from a document, each with where it came from, and the
collector that gathers them field by field (`fields` reads them from the text).

A value's field is the plan key path, list entries numbered from 1 (`data.bronnen[2]`,
`netwerk.stakeholders[1].naam`); the first value found for a field wins, and a list
leaves out repeats and stops at MAX_LIST entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from herstelcheck.scan.evidence import Hit, Quote, cut
from herstelcheck.scan.passages import Passage
from herstelcheck.wordmatch import normalise

Value = str | float | bool

SECTION_OF = {
    "structuur-en-middelen.organisatie": "organisatie",
    "structuur-en-middelen.bestaande-organisatie": "organisatie",
    "structuur-en-middelen.afdelingen": "organisatie",
    "structuur-en-middelen.bestaande-budgetten": "financiering",
    "structuur-en-middelen.geen-extra-kort": "financiering",
    "ondernemer-centraal": "ondernemers",
    "netwerk": "netwerk",
    "data-monitoring": "data",
    "trekker": "trekker",
    "crisislessen": "crisislessen",
    "dynamiek": "dynamiek",
    "regio": "regio",
    "termijnen": "termijnen",
    "terugvalscenario": "terugvalscenario",
}
"""The plan section each criterion's evidence belongs to (by id, else by item slug)."""

MAX_LIST = 12
"""The most entries a list of the draft gets from the text (sources, stakeholders, ...)."""
NOTE_SENTENCES = 2
"""How many evidence sentences a `toelichting` gets."""


def section_of(criterion: str) -> str | None:
    """The plan section of a criterion's evidence, or None for criteria of other
    checklists."""
    return SECTION_OF.get(criterion) or SECTION_OF.get(criterion.split(".", 1)[0])


@dataclass(frozen=True, slots=True)
class Found:
    """A value for the draft with where it came from."""

    field: str
    """The plan key path, list entries numbered from 1: `data.bronnen[2]`."""
    value: Value
    passage: Passage | None = None
    """The passage it was read from; None for the document's properties or file name."""
    quote: Quote | None = None
    origin: str = "text"
    """`text`, `properties` (the document's metadata) or `file name`."""
    criterion: str | None = None
    """The criterion whose evidence gave it."""


@dataclass
class Values:
    """The values found so far, by field; the first value of a field wins."""

    found: dict[str, Found] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    """The normalised primary values of each list, to leave out repeats."""

    def put(
        self, path: str, value: Value, hit: Hit | None, span: tuple[int, int] | None = None
    ) -> None:
        if path in self.found or value in ("", None):
            return
        self.found[path] = _found(path, value, hit, span)

    def append(
        self,
        path: str,
        entry: Value | dict[str, Value],
        hit: Hit | None,
        span: tuple[int, int] | None = None,
    ) -> None:
        """Add an entry to the list `path`: a value, or a mapping of keys to values (its
        first key names it)."""
        primary = next(iter(entry.values())) if isinstance(entry, dict) else entry
        keys = self.lists.setdefault(path, [])
        key = normalise(str(primary))
        if key in keys or len(keys) >= MAX_LIST:
            return
        keys.append(key)
        number = len(keys)
        if isinstance(entry, dict):
            for name, value in entry.items():
                if value not in ("", None):
                    self.found[f"{path}[{number}].{name}"] = _found(
                        f"{path}[{number}].{name}", value, hit, span
                    )
        else:
            self.found[f"{path}[{number}]"] = _found(f"{path}[{number}]", entry, hit, span)

    def full(self, path: str) -> bool:
        """Whether the list `path` has all the entries it may get."""
        return len(self.lists.get(path, ())) >= MAX_LIST

    def sections(self) -> set[str]:
        return {path.split(".", 1)[0].split("[", 1)[0] for path in self.found}


def _found(path: str, value: Value, hit: Hit | None, span: tuple[int, int] | None) -> Found:
    if hit is None:
        return Found(path, value)
    start, end = hit.sentence
    mark = span if span is not None else (hit.start, hit.end)
    return Found(
        path, value, hit.passage, cut(hit.passage.text, start, end, mark), "text", hit.criterion
    )


def sentence(hit: Hit) -> str:
    """The sentence of a hit as a value of text: one sentence, cut to the quote length."""
    start, end = hit.sentence
    return cut(hit.passage.text, start, end, (hit.start, hit.end)).text
