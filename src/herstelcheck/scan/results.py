"""What a scan found: plain frozen data that every format of `herstelcheck scan` reads."""

from __future__ import annotations

from dataclasses import dataclass

from herstelcheck.audit import PlanReport, Status
from herstelcheck.checklist import Checklist, Criterion, Item
from herstelcheck.errors import Diagnostic
from herstelcheck.scan.evidence import Quote
from herstelcheck.scan.values import Found


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage where the document speaks of a criterion (or says it is absent)."""

    criterion: str
    signal: str
    """The signal found: its phrase, or the variant of it that was found, as the signals
    file writes it."""
    page: int | None
    """The page of a PDF (from 1); None for the other formats."""
    heading: str | None
    """The heading path of the other formats; None for PDF."""
    quote: Quote
    """A sentence or two, with the place of the signal in it."""
    negation: str | None = None
    """The word that negates the signal, for evidence that the document says the
    criterion is absent."""


@dataclass(frozen=True, slots=True, eq=False)
class CriterionScan:
    """Whether the document speaks of one criterion."""

    criterion: Criterion
    found: bool
    """The document speaks of it (a signal that is not negated)."""
    absent: bool
    """The document mentions it only to say it is absent."""


@dataclass(frozen=True, slots=True, eq=False)
class ItemScan:
    """What the document says about one item, and the provisional status of the draft."""

    item: Item
    status: Status
    """Provisional: the audit of the draft made from the document."""
    score: float
    criteria: tuple[CriterionScan, ...]
    evidence: tuple[Evidence, ...]
    """The passages that speak of the item, a few per criterion, in document order."""
    absent: tuple[Evidence, ...] = ()
    """The passages that say the item (or one of its criteria) is absent."""

    @property
    def found(self) -> bool:
        """Whether the document speaks of the item at all."""
        return bool(self.evidence)


def merged(evidence: tuple[Evidence, ...]) -> list[tuple[Evidence, tuple[str, ...]]]:
    """The evidence with each quote once, with every signal found in it: a sentence
    that shows two criteria is shown once."""
    out: list[tuple[Evidence, list[str]]] = []
    for given in evidence:
        for first, signals in out:
            if (first.page, first.heading, first.quote.text) == (
                given.page,
                given.heading,
                given.quote.text,
            ):
                if given.signal not in signals:
                    signals.append(given.signal)
                break
        else:
            out.append((given, [given.signal]))
    return [(first, tuple(signals)) for first, signals in out]


@dataclass(frozen=True, slots=True, eq=False)
class DocumentScan:
    """One document scanned: its evidence item by item, its values and its draft."""

    file: str
    kind: str
    """pdf, docx, odt, html, markdown or text."""
    pages: int | None
    """The number of pages of a PDF; None for formats without pages."""
    passages: int
    """How many passages were read."""
    gemeente: str
    titel: str
    items: tuple[ItemScan, ...]
    values: tuple[Found, ...]
    """What the draft fills in, in the draft's order, each with its source."""
    draft: str
    """The text of the draft plan file."""
    report: PlanReport
    """The audit of the draft: the provisional statuses and score."""
    warnings: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class ScanRun:
    """Everything one run of `herstelcheck scan` found."""

    checklist: Checklist
    documents: tuple[DocumentScan, ...]
    errors: tuple[Diagnostic, ...] = ()
    """The documents that could not be read, one error each."""
