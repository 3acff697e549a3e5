"""Find the signals in the passages of a document: hits, their negations, their quotes.

Every passage but a heading is read as words once (`wordmatch.tokens`) and searched for
every signal of the checklist's criteria at once (`signals.Compiled`). Of signals found
in the same words, the longest counts (`langetermijnvisie` is a long-term vision, not a
mention of the long term). A hit is negated when a negation stands near it in the same
clause: up to four words before it (`geen terugvalscenario`, `niet voorzien in een
draaiboek`) or six after it (`Een terugvalscenario is niet opgesteld`, `een draaiboek
ontbreekt`), a comma, a colon or a word such as `maar` or `als` ending the clause. A
negated hit counts against its criterion: the document says it is absent.

A hit is quoted with its sentence (and the next one when it is short), cut around the
signal when it is long, with the place of the signal in the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from herstelcheck.scan.passages import Passage
from herstelcheck.signals import Compiled, Signal
from herstelcheck.wordmatch import Token, tokens

NEGATIONS = frozenset(
    """
        geen niet nooit zonder noch nergens ontbreekt ontbreken ontbrak ontbraken
        """.split()
)
"""Words that make a signal near them count against its criterion."""
NOT_NEGATING = frozenset(["alleen", "enkel", "uitsluitend", "slechts"])
"""Words after `niet` that make it no negation (`niet alleen ... maar ook`)."""
CLAUSE_WORDS = frozenset(
    """
        maar echter als wanneer indien omdat zodat waardoor waarin waarbij waarmee terwijl
        doordat die dat wat want mits tenzij zodra
        """.split()
)
"""Words that start another clause: a negation beyond them is about something else."""
BEFORE, AFTER = 4, 6
"""How many words before and after a signal a negation may stand."""
QUOTE_LENGTH = 300
"""The longest quote; a longer sentence is cut around the signal."""
SHORT_SENTENCE = 60
"""A sentence shorter than this is quoted with the next one."""

_CLAUSE_MARK = re.compile(r"[,;:()\[\]–—]|\s-\s")
_ABBREVIATIONS = frozenset(
    """
        bijv bv o.a e.d i.s.m nr ca mr dhr mevr drs ir dr prof jl vs t.a.v m.b.t incl excl etc
        a.s resp evt m.n zgn d.w.z enz o.b.v i.v.m t.b.v t/m p blz art
        """.split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-ÖØ-Þ•])")


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence or two from a passage, with where the signal stands in it."""

    text: str
    mark: tuple[int, int] | None = None
    """(start, end) of the signal in `text`; None for a quote of a value's source."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A signal found in a passage."""

    signal: Signal
    passage: Passage
    start: int
    """Where the words of the signal start in the passage's text."""
    end: int
    sentence: tuple[int, int]
    """(start, end) of the sentence around it in the passage's text."""
    negation: str | None = None
    """The word that negates it, when one does."""
    phrase: str = ""
    """The phrase or variant of the signal that was found (the signal's phrase if empty)."""

    @property
    def found_as(self) -> str:
        """The phrase or variant of the signal that was found."""
        return self.phrase or self.signal.phrase

    @property
    def negated(self) -> bool:
        return self.negation is not None

    @property
    def criterion(self) -> str:
        return self.signal.criterion

    @property
    def found_text(self) -> str:
        """The words of the passage that matched."""
        return self.passage.text[self.start : self.end]

    @property
    def sentence_text(self) -> str:
        start, end = self.sentence
        return self.passage.text[start:end]


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of a passage; abbreviations (`bijv.`, `o.a.`) and
    initials (`J. de Wit`) do not end one. (Kept for the last passages asked: a passage
    is split once, however many hits and quotes it has.)"""
    return _sentences(text)


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        low = max(start, match.start() - 40)
        word = text[max(text.rfind(" ", low, match.start()) + 1, low) : match.start()]
        last = word.lower().rstrip(".")
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        end = match.start() + len(match.group().rstrip())
        bounds.append((start, end))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text.rstrip())))
    return tuple((a, b) for a, b in bounds if b > a)


def sentence_at(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the sentence of `text` that `position` stands in (the whole text
    when it stands in none)."""
    bounds = _sentences(text)
    index = bisect_right(bounds, (position, len(text) + 1)) - 1
    if index >= 0 and bounds[index][0] <= position < bounds[index][1]:
        return bounds[index]
    return (0, len(text))


def find(passages: Iterable[Passage], compiled: Compiled) -> list[Hit]:
    """Every hit of every signal in the passages, in document order."""
    hits: list[Hit] = []
    for passage in passages:
        if passage.kind != "heading":
            hits += _passage_hits(passage, compiled)
    return hits


def _passage_hits(passage: Passage, compiled: Compiled) -> list[Hit]:
    words = tokens(passage.text)
    if not words:
        return []
    matches = _longest(list(compiled.phrases.find(words)), compiled.letters)
    if not matches:
        return []
    hits = []
    seen: set[tuple[str, int, int]] = set()
    for index, first, after in matches:
        signal = compiled.owners[index]
        key = (signal.criterion, first, after)
        if key in seen:
            continue
        seen.add(key)
        start, end = words[first].start, words[after - 1].end
        sentence = sentence_at(passage.text, start)
        negation = _negation(passage.text, words, first, after, sentence)
        phrase = compiled.phrases[index].text
        hits.append(Hit(signal, passage, start, end, sentence, negation, phrase))
    return hits


def _longest(
    matches: list[tuple[int, int, int]], letters: Sequence[int]
) -> list[tuple[int, int, int]]:
    """The matches without those inside the words of a longer match."""
    if len(matches) < 2:
        return matches
    by_first: dict[int, list[tuple[int, int, int]]] = {}
    widest = 0
    for match in matches:
        by_first.setdefault(match[1], []).append(match)
        widest = max(widest, match[2] - match[1])
    kept = []
    for match in matches:
        index, first, after = match
        shadowed = any(
            other[2] >= after and letters[other[0]] > letters[index]
            for begin in range(max(first - widest, 0), first + 1)
            for other in by_first.get(begin, ())
        )
        if not shadowed:
            kept.append(match)
    return kept


def _negation(
    text: str, words: Sequence[Token], first: int, after: int, sentence: tuple[int, int]
) -> str | None:
    """The negating word near the words `first` to `after` in the same clause, if any."""
    low, high = sentence
    position = first - 1
    while position >= 0 and first - position <= BEFORE:
        word = words[position]
        if word.start < low or _clause_break(text, word.end, words[position + 1].start):
            break
        if word.word in CLAUSE_WORDS:
            break
        following = words[position + 1].word if position + 1 < first else ""
        if word.word in NEGATIONS and not (word.word == "niet" and following in NOT_NEGATING):
            return word.word
        position -= 1
    position = after
    while position < len(words) and position - after < AFTER:
        word = words[position]
        if word.start >= high or _clause_break(text, words[position - 1].end, word.start):
            break
        if word.word in CLAUSE_WORDS:
            break
        following = words[position + 1].word if position + 1 < len(words) else ""
        if word.word in NEGATIONS and not (word.word == "niet" and following in NOT_NEGATING):
            return word.word
        position += 1
    return None


def _clause_break(text: str, start: int, end: int) -> bool:
    """Whether the text between two words ends a clause."""
    return bool(_CLAUSE_MARK.search(text, start, end))


def quote(hit: Hit) -> Quote:
    """The quote of a hit: its sentence (and the next when it is short), cut around the
    signal to at most QUOTE_LENGTH characters."""
    text = hit.passage.text
    start, end = hit.sentence
    if end - start < SHORT_SENTENCE:
        bounds = _sentences(text)
        after = bisect_left(bounds, (end, 0))
        if after < len(bounds):
            end = bounds[after][1]
    return cut(text, start, end, (hit.start, hit.end))


def cut(text: str, start: int, end: int, mark: tuple[int, int] | None) -> Quote:
    """`text[start:end]` as a quote, cut around `mark` to QUOTE_LENGTH characters at
    word boundaries, with `…` where it is cut."""
    if end - start > QUOTE_LENGTH:
        centre = mark[0] if mark is not None else start
        low = max(start, centre - QUOTE_LENGTH // 3)
        high = min(end, low + QUOTE_LENGTH)
        low = max(start, min(low, high - QUOTE_LENGTH))
        if low > start:
            space = text.find(" ", low, centre if mark is not None else high)
            low = space + 1 if space >= 0 else low
        if high < end:
            space = text.rfind(" ", mark[1] if mark is not None else low, high)
            high = space if space > low else high
        prefix = "… " if low > start else ""
        suffix = " …" if high < end else ""
        shown = prefix + text[low:high] + suffix
        shift = len(prefix) - low
    else:
        shown, shift = text[start:end], -start
    where = None
    if mark is not None:
        where = (max(mark[0] + shift, 0), min(mark[1] + shift, len(shown)))
    return Quote(shown, where)
