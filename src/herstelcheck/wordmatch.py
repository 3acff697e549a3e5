r"""Match Dutch words and phrases in free text: the sector vocabulary of the checklist.

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

Documents (`herstelcheck scan`) need more of the same matcher: their words are
inflected (`draaiboeken`, `bestuurlijke`), compounded both ways
(`ondernemersdienstverlening` ends with `dienstverlening`, `kortetermijnacties` starts
with `korte termijn` written as one word) and hyphenated at the ends of lines. `tokens`
reads a text as words that keep their place in it, each with its Dutch stem (Snowball);
`Phrases` finds phrases among them. A word of a phrase matches a word of the text when
their normalised forms or their stems are equal, or by the compound rule above: an
entry that is one word may be the start or the end of a longer word, the first word of
a phrase the end, its last word the start; a phrase of several words also matches when
written as one word (`kortetermijn...`). `whole` phrases match whole words only.

>>> phrases = Phrases([Phrase.of("dienstverlening"), Phrase.of("korte termijn")])
>>> text = "De ondernemersdienstverlening en de kortetermijnacties."
>>> [(phrases[i].text, text[s:e]) for i, s, e in phrases.find_in(text)]
[('dienstverlening', 'ondernemersdienstverlening'), ('korte termijn', 'kortetermijnacties')]
>>> join_hyphenated("onder-\nnemers in Noord-\nBrabant, korte-\nen lange termijn")
'ondernemers in Noord-Brabant, korte- en lange termijn'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
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


# --- documents: words with their place and stem, phrases, hyphenation ----------------

_TOKEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
"""A word of a document: letters and digits, with any combining marks among them."""


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a text, normalised, with its stem and its place in the text."""

    word: str
    """Lower case without diacritics (`normalise`)."""
    stem: str
    """The Dutch stem of `word` (`draaiboeken` -> `draaiboek`; see `stem`)."""
    start: int
    """Where the word starts in the text (a character offset)."""
    end: int
    """Where it ends (exclusive)."""


_DOUBLE_VOWEL = re.compile(r"([aeou])\1")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Dutch stem of a normalised word (`projectleiders` -> `projectleider`): the
    Snowball stem, with doubled vowels made single and a final `t` after a consonant
    dropped, so that the forms of a verb or noun meet where Snowball leaves them apart
    (`maatregelen` and `maatregel`, `informeert`, `informeren` and `geïnformeerd`).

    Words with digits are their own stem.
    """
    if not word.isalpha():
        return word
    root: str = _stemmer().stemWord(word)  # type: ignore[attr-defined]
    root = _DOUBLE_VOWEL.sub(r"\1", root)
    if len(root) > 5 and root[-1] == "t" and root[-2] not in "aeiouy":
        root = root[:-1]
    return root


@cache
def _stemmer() -> object:
    import snowballstemmer  # only documents need it

    return snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=65536)
def _word_and_stem(text: str) -> tuple[str, str]:
    word = normalise(text)
    return word, stem(word)


def tokens(text: str) -> list[Token]:
    """The words of `text` with their stems and places."""
    out = []
    for match in _TOKEN.finditer(text):
        word, root = _word_and_stem(match.group())
        out.append(Token(word, root, match.start(), match.end()))
    return out


_LINE_END_HYPHEN = re.compile(r"([^\W\d_]+)([-\u00ad\u0002\ufffe])[ \t]*\r?\n[ \t]*([^\W\d_]+)")
_KEEP_AFTER = frozenset({"en", "of", "tot", "noch"})
"""Words after a hyphen at a line end that show the hyphen belongs: `korte- en lange`."""
_VOWEL_PAIRS = frozenset(
    ["aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu"]
)
"""Vowels on both sides of a hyphen that Dutch spelling keeps apart (`zee-egel`)."""
_ABBREVIATIONS = frozenset(
    ["ict", "uwv", "ggd", "roc", "mbo", "hbo", "vvv", "biz", "ozb", "woz", "kvk", "cao", "ov"]
)
"""Abbreviations that start compounds with a hyphen (those without vowels need no list)."""


def join_hyphenated(text: str) -> str:
    """`text` with the words that are hyphenated across a line end joined again:
    `onder-` + `nemers` becomes `ondernemers`. A hyphen that belongs to the word stays
    and only the line break goes: before a capital (`Noord-Brabant`), after an
    abbreviation (`mkb-bedrijven`), between vowels kept apart (`zee-egel`; not after a
    soft hyphen, U+00AD, or the marks PDF readers use for one), and before `en` or `of`
    (`korte- en lange termijn`, where a space takes the place of the line break)."""
    if "\n" not in text:
        return text
    return _LINE_END_HYPHEN.sub(_join, text)


def _join(match: re.Match[str]) -> str:
    head, hyphen, tail = match.groups()
    if tail in _KEEP_AFTER:
        return f"{head}- {tail}"
    if not tail[0].islower() or head.isupper() or _abbreviation(head):
        return f"{head}-{tail}"
    if hyphen == "-" and normalise(head[-1] + tail[0]) in _VOWEL_PAIRS:
        return f"{head}-{tail}"
    return head + tail


def _abbreviation(word: str) -> bool:
    """`mkb`, `zzp`, `ict`: a short word without vowels, or a known abbreviation."""
    lower = normalise(word)
    return lower in _ABBREVIATIONS or (len(lower) <= 4 and not set(lower) & set("aeiouy"))


@dataclass(frozen=True, slots=True)
class Phrase:
    """A word or phrase to find in documents, read as words and stems."""

    text: str
    """The phrase as written."""
    words: tuple[str, ...]
    """Its normalised words."""
    stems: tuple[str, ...]
    """The stem of each word."""
    whole: bool = False
    """Match whole words only: no compounds."""

    @classmethod
    def of(cls, text: str, whole: bool = False) -> Phrase:
        found = words(text)
        return cls(text, tuple(found), tuple(stem(word) for word in found), whole)

    @property
    def joined(self) -> str:
        """The words written as one (`korte termijn` -> `kortetermijn`)."""
        return "".join(self.words)


_SINGLE, _FIRST, _JOINED = 0, 1, 2
"""How a word of a text can start a match: as a phrase of one word, as the first word of
a longer phrase, or as a phrase of several words written as one."""


class Phrases:
    """A set of phrases compiled for finding them in many texts.

    Each distinct word of the texts is looked up once: its candidate phrases are kept,
    so a long document costs one dictionary look-up for most of its words.
    """

    def __init__(self, phrases: Sequence[Phrase]) -> None:
        self.phrases = tuple(phrases)
        self._exact: dict[str, list[tuple[int, int]]] = {}
        self._prefix: dict[str, list[tuple[int, int]]] = {}
        self._suffix: dict[str, list[tuple[int, int]]] = {}
        self._seen: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
        for index, phrase in enumerate(self.phrases):
            if not phrase.words:
                continue
            how = _SINGLE if len(phrase.words) == 1 else _FIRST
            for key in {phrase.words[0], phrase.stems[0]}:
                self._exact.setdefault(key, []).append((index, how))
            if phrase.whole:
                continue
            first = phrase.words[0]
            if len(first) >= COMPOUND_MIN:
                self._suffix.setdefault(first, []).append((index, how))
                if len(phrase.stems[0]) >= COMPOUND_MIN:
                    self._suffix.setdefault(phrase.stems[0], []).append((index, how))
                if how == _SINGLE:
                    self._prefix.setdefault(first, []).append((index, how))
            if how == _FIRST:
                joined = phrase.joined
                for table in (self._exact, self._prefix, self._suffix):
                    table.setdefault(joined, []).append((index, _JOINED))

    def __getitem__(self, index: int) -> Phrase:
        return self.phrases[index]

    def __len__(self) -> int:
        return len(self.phrases)

    def find_in(self, text: str) -> list[tuple[int, int, int]]:
        """(phrase index, start, end) of every match in `text`, by character offsets."""
        found = tokens(text)
        return [(i, found[a].start, found[b - 1].end) for i, a, b in self.find(found)]

    def find(self, text: Sequence[Token]) -> Iterator[tuple[int, int, int]]:
        """(phrase index, first token, token after the last) of every match."""
        for position, token in enumerate(text):
            for index, how in self._candidates(token):
                if how != _FIRST:
                    yield index, position, position + 1
                    continue
                end = self._rest(self.phrases[index], text, position)
                if end:
                    yield index, position, end

    def _candidates(self, token: Token) -> tuple[tuple[int, int], ...]:
        key = (token.word, token.stem)
        known = self._seen.get(key)
        if known is not None:
            return known
        word, root = key
        found: dict[tuple[int, int], None] = {}
        for hit in self._exact.get(word, ()):
            found[hit] = None
        for hit in self._exact.get(root, ()):
            found[hit] = None
        for size in range(COMPOUND_MIN, len(word)):
            for hit in self._prefix.get(word[:size], ()):
                found[hit] = None
            for hit in self._suffix.get(word[-size:], ()):
                found[hit] = None
        for size in range(COMPOUND_MIN, len(root)):
            for hit in self._suffix.get(root[-size:], ()):
                found[hit] = None
        result = tuple(found)
        self._seen[key] = result
        return result

    @staticmethod
    def _rest(phrase: Phrase, text: Sequence[Token], position: int) -> int:
        """Where a phrase of several words that starts at `position` ends, or 0."""
        last = len(phrase.words) - 1
        if position + last >= len(text):
            return 0
        for offset in range(1, last + 1):
            token = text[position + offset]
            expected, root = phrase.words[offset], phrase.stems[offset]
            if token.word == expected or token.stem == root:
                continue
            compound = not phrase.whole and offset == last and len(expected) >= COMPOUND_MIN
            if compound and token.word.startswith(expected):
                continue
            return 0
        return position + last + 1
