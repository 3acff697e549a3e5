"""Match Dutch words and phrases in free text: the sector vocabulary of the checklist.

A text is read as words: lower-cased, diacritics dropped (`geïnventariseerd` ->
`geinventariseerd`), split at every character that is not a letter or a digit. An entry
of the vocabulary matches a word when it equals it or, for entries of four letters or
more, when the word starts or ends with it, so that Dutch compounds match their parts
(`winkeliersvereniging` starts with `winkeliers`, `binnenstadsmanagement` with
`binnenstad`). An entry of several words (`werk en inkomen`) matches the same words in a
row. Of all matches in a text, the longest entry decides; on a tie, the class listed
first. So each text belongs to one class at most.

>>> sectors = Vocabulary((("ondernemers", ("ondernemers", "markt")),
...                       ("arbeidsmarkt", ("arbeidsmarktregio", "werk en inkomen")),
...                       ("overheid", ("regio",))))
>>> sectors.classify("Arbeidsmarktregio Midden-Brabant")
'arbeidsmarkt'
>>> sectors.classify("Ondernemersvereniging Binnenstad"), sectors.classify("Werk en Inkomen")
('ondernemers', 'arbeidsmarkt')
>>> sectors.classify("Kerk") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

COMPOUND_MIN = 4
"""The fewest letters an entry needs to match as the start or end of a longer word."""

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case without diacritics: `Geïnventariseerd` -> `geinventariseerd`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of `text`, normalised, split at every character that is not a letter or
    a digit."""
    return _WORD.findall(normalise(text))


def _matches(word: str, entry: str) -> bool:
    if word == entry:
        return True
    return len(entry) >= COMPOUND_MIN and (word.startswith(entry) or word.endswith(entry))


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a class, as written and as words."""

    text: str
    """The entry as the vocabulary gives it."""
    words: tuple[str, ...]
    """The entry read as words (one word for most entries)."""

    @property
    def length(self) -> int:
        """How long the entry is, in letters and digits: the longest match decides."""
        return sum(len(word) for word in self.words)

    def found_in(self, text_words: Sequence[str]) -> bool:
        """Whether the entry occurs in a text read as `text_words`."""
        if len(self.words) == 1:
            return any(_matches(word, self.words[0]) for word in text_words)
        size = len(self.words)
        return any(
            tuple(text_words[start : start + size]) == self.words
            for start in range(len(text_words) - size + 1)
        )


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Classes of words, in order; each text belongs to the class of its longest match."""

    classes: tuple[tuple[str, tuple[str, ...]], ...]
    """(class, its entries), in the order of the checklist file."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.classes)

    def classify(self, text: str) -> str | None:
        """The class of `text`, or None when no entry matches."""
        return _classify(self, text)

    def entries(self) -> Iterable[tuple[str, Entry]]:
        """Every entry with its class, in order."""
        for name, entries in self.classes:
            for entry in entries:
                yield name, _entry(entry)


@cache
def _entry(text: str) -> Entry:
    return Entry(text, tuple(words(text)))


@lru_cache(maxsize=4096)
def _classify(vocabulary: Vocabulary, text: str) -> str | None:
    text_words = words(text)
    best: tuple[int, str] | None = None
    for name, entry in vocabulary.entries():
        found = entry.words and entry.found_in(text_words)
        if found and (best is None or entry.length > best[0]):
            best = (entry.length, name)
    return best[1] if best is not None else None
