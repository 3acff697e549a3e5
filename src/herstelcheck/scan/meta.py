"""The municipality, title, version and date of adoption of a plan document.

The title is the one in the document's properties when it reads as a title, else the
first heading. The municipality is the name most often written after `gemeente` (in
the title and headings first). The date of adoption is a date in a sentence that says
the plan was adopted (`vastgesteld`, `raadsbesluit`). What the document does not give,
the file name stands in for, with a warning: a draft must always load.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from herstelcheck.scan import textvalues
from herstelcheck.scan.evidence import Quote, cut, sentence_at
from herstelcheck.scan.passages import Passage, headings
from herstelcheck.scan.text import Document
from herstelcheck.scan.values import Found

_PARTICLES = r"(?:op|aan|den|de|der|en|bij|in|het)"
_GEMEENTE = re.compile(
    rf"\bgemeente\s+((?:'s-)?[A-Z][\w'’-]+(?:\s+(?:{_PARTICLES}|[A-Z][\w'’-]+)){{0,3}})"
)
_NOT_NAMES = frozenset({"De", "Het", "Een", "Deze", "Die", "Dit", "En", "Nederland"})
_BAD_TITLE = re.compile(
    r"^(?:microsoft\s+word|untitled|naamloos|document\d*|titel|title)\b|\.(?:docx?|pdf|odt)$",
    re.IGNORECASE,
)
_ADOPTED = re.compile(
    r"\b(?:vastgesteld|vaststelling|aangenomen|raadsbesluit|collegebesluit|besloten)\b(?!\s+dat)",
    re.IGNORECASE,
)
_VERSION = re.compile(r"\bversie\s*:?\s*(\d+(?:[.,]\d+){0,2}|concept|definitief)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Meta:
    """The head of the draft: what it is about, and what had to come from the file name."""

    gemeente: Found
    titel: Found
    others: tuple[Found, ...]
    """`versie` and `vastgesteld`, where the document gives them."""
    warnings: tuple[str, ...]


def find(document: Document, passages: Sequence[Passage]) -> Meta:
    """The municipality, title, version and date of adoption of `document`."""
    warnings: list[str] = []
    titles = _title(document, passages)
    if titles is None:
        stem = _file_stem(document.file)
        titles = Found("titel", stem, origin="file name")
        warnings.append(
            f"no title found in the document; the draft uses '{stem}' from the file name"
        )
    gemeente = _gemeente(titles, document, passages)
    if gemeente is None:
        stem = _file_stem(document.file)
        gemeente = Found("gemeente", stem, origin="file name")
        warnings.append(
            f"no 'gemeente ...' found in the document; the draft uses '{stem}' from the file name"
        )
    others = [f for f in (_version(passages), _adopted(passages)) if f is not None]
    return Meta(gemeente, titles, tuple(others), tuple(warnings))


def _title(document: Document, passages: Sequence[Passage]) -> Found | None:
    title = document.title
    if (
        title
        and len(title) >= 4
        and re.search(r"[^\W\d_]{3}", title)
        and not _BAD_TITLE.search(title)
    ):
        return Found("titel", title, quote=Quote(title), origin="properties")
    for heading in headings(document)[:1]:
        if 3 <= len(heading) <= 150:
            return Found(
                "titel", heading, _heading_passage(document, passages, heading), Quote(heading)
            )
    first = passages[0] if passages else None
    if first is not None and len(first.text) <= 120 and not first.text.endswith("."):
        return Found("titel", first.text, first, Quote(first.text))
    return None


def _heading_passage(document: Document, passages: Sequence[Passage], heading: str) -> Passage:
    """Where a heading stands: its page in a PDF, itself as the heading path otherwise."""
    for passage in passages:
        if passage.kind == "heading" and passage.text == heading:
            return passage
    page = 1 if document.kind == "pdf" else None
    return Passage(heading, "heading", page, None if page else heading, 0)


def _gemeente(titel: Found, document: Document, passages: Sequence[Passage]) -> Found | None:
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[Passage | None, int, int]] = {}
    texts: list[tuple[str, Passage | None]] = [(str(titel.value), titel.passage)]
    texts += [(heading, None) for heading in headings(document)]
    texts += [(p.text, p) for p in passages]
    for text, passage in texts:
        for match in _GEMEENTE.finditer(text):
            name = re.sub(rf"(?:\s+{_PARTICLES})+$", "", match.group(1))
            if name in _NOT_NAMES or name.split()[0] in _NOT_NAMES:
                continue
            counts[name] += 1
            first_seen.setdefault(name, (passage, match.start(1), match.start(1) + len(name)))
    if not counts:
        return None
    best = max(counts, key=lambda name: (counts[name], -list(first_seen).index(name)))
    passage, start, end = first_seen[best]
    quote = _quote(passage, start, end) if passage is not None else Quote(str(titel.value))
    origin = "text" if passage is not None or titel.origin == "text" else titel.origin
    return Found("gemeente", best, passage, quote, origin)


def _quote(passage: Passage, start: int, end: int) -> Quote:
    low, high = sentence_at(passage.text, start)
    return cut(passage.text, low, high, (start, end))


def _version(passages: Sequence[Passage]) -> Found | None:
    for passage in passages[:15]:
        match = _VERSION.search(passage.text)
        if match:
            return Found(
                "versie", match.group(1), passage, _quote(passage, match.start(), match.end())
            )
    return None


def _adopted(passages: Sequence[Passage]) -> Found | None:
    for passage in passages:
        for word in _ADOPTED.finditer(passage.text):
            low, high = sentence_at(passage.text, word.start())
            found = textvalues.dates(passage.text[low:high])
            date = textvalues.nearest(found, word.start() - low)
            if date is not None:
                mark = (low + date.start, low + date.end)
                return Found("vastgesteld", date.value, passage, cut(passage.text, low, high, mark))
    return None


def _file_stem(file: str) -> str:
    """A name from the file name: `herstelplan_breda-2021.pdf` -> `herstelplan breda 2021`."""
    stem = Path(file).stem if file not in ("-", "<stdin>") else "document"
    words = re.sub(r"[_\-.]+", " ", stem).split()
    return " ".join(words) or "document"
