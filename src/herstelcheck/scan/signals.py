"""The signals of each criterion: read `signals.yaml`, check it, compile it for matching.

The file maps criterion ids to lists of signals (see the comment at its top). It is
checked like the checklist: every problem is reported with its line and column and
names the criterion and the key, with a "did you mean" for misspelt ones, and none is
ignored. Compiled, all signals of all criteria become one `wordmatch.Phrases`, built once
per run and used for every passage of every document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from herstelcheck import files
from herstelcheck.errors import Diagnostic, HerstelcheckError, Mark
from herstelcheck.suggest import hint
from herstelcheck.wordmatch import Phrase, Phrases, words
from herstelcheck.yamlload import (
    BOOL,
    NULL,
    Mapping,
    Node,
    Scalar,
    Sequence,
    describe,
    parse,
    read_bytes,
)

SIGNAL_KEYS = ("phrase", "variants", "value", "whole")
"""The keys of a signal written as a mapping."""


class SignalsError(HerstelcheckError):
    """The signals file could not be read or is not valid."""


@dataclass(frozen=True, slots=True)
class Signal:
    """A word or phrase that shows a document speaks of a criterion."""

    criterion: str
    """The criterion's id."""
    phrase: str
    """The phrase as the file writes it (shown in reports as the signal found)."""
    variants: tuple[str, ...] = ()
    """Other ways of writing it, found as the phrase."""
    value: str | None = None
    """What the signal fills in for its criterion (a data source, a trigger, ...)."""
    whole: bool = False
    """Whole words only: no compounds."""
    line: int = 0
    """Where the signal stands in the file."""


@dataclass(frozen=True, eq=False)
class Signals:
    """The signals of a file, in its order."""

    file: str
    signals: tuple[Signal, ...]

    def of(self, criterion: str) -> tuple[Signal, ...]:
        """The signals of one criterion."""
        return tuple(s for s in self.signals if s.criterion == criterion)

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criteria that have signals, in the file's order."""
        return tuple(dict.fromkeys(s.criterion for s in self.signals))

    @cached_property
    def compiled(self) -> Compiled:
        """All signals as one set of phrases (built on first use)."""
        return Compiled(self.signals)


class Compiled:
    """Every phrase and variant of every signal, compiled for `wordmatch.Phrases`; each
    phrase knows the signal it belongs to."""

    def __init__(self, signals: Iterable[Signal]) -> None:
        phrases: list[Phrase] = []
        owners: list[Signal] = []
        for signal in signals:
            for text in (signal.phrase, *signal.variants):
                phrases.append(Phrase.of(text, signal.whole))
                owners.append(signal)
        self.phrases = Phrases(phrases)
        self.owners = tuple(owners)
        self.letters = tuple(len(phrase.joined) for phrase in phrases)
        """How long each phrase is in letters: of phrases found in the same words, the
        longest counts."""


def default_path() -> Path:
    """The bundled signals file."""
    return Path(__file__).resolve().parent / "signals.yaml"


_CACHE: dict[tuple[str, bytes, frozenset[str] | None], Signals] = {}


def load(path: str | Path | None = None, known: Iterable[str] | None = None) -> Signals:
    """Read and check a signals file (the bundled one when `path` is None); with
    `known`, a criterion id outside it is an error."""
    file = Path(path) if path is not None else default_path()
    name = str(path) if path is not None else "signals.yaml"
    try:
        data = files.read(str(file), files.CHECKLIST, name)
    except HerstelcheckError as exc:
        raise SignalsError(exc.diagnostics) from None
    ids = frozenset(known) if known is not None else None
    key = (name, data, ids)
    cached = _CACHE.get(key)
    if cached is None:
        cached = parse_signals(data, name, ids)
        _CACHE.clear()
        _CACHE[key] = cached
    return cached


def parse_signals(data: bytes, name: str, known: Iterable[str] | None = None) -> Signals:
    """Check the signals file `name` with the bytes `data`; SignalsError lists every
    problem with its line and column."""
    try:
        document = parse(read_bytes(data, name), name)
    except HerstelcheckError as exc:
        raise SignalsError(exc.diagnostics) from None
    checker = _Checker(name, frozenset(known) if known is not None else None)
    signals = checker.file(document.root)
    if checker.diagnostics:
        raise SignalsError(checker.diagnostics)
    return Signals(name, tuple(signals))


class _Checker:
    def __init__(self, name: str, known: frozenset[str] | None) -> None:
        self.name = name
        self.known = known
        self.diagnostics: list[Diagnostic] = []

    def error(self, at: Node | Mark, message: str) -> None:
        mark = at if isinstance(at, Mark) else at.mark
        self.diagnostics.append(Diagnostic(self.name, mark.line, mark.column, "error", message))

    def file(self, root: Node | None) -> list[Signal]:
        if root is None or (isinstance(root, Scalar) and root.tag == NULL):
            self.error(Mark(1, 1), "the file is empty; it maps criterion ids to signals")
            return []
        if not isinstance(root, Mapping):
            self.error(root, f"the file must map criterion ids to signals, not {describe(root)}")
            return []
        signals: list[Signal] = []
        for key, value in root.pairs:
            if not isinstance(key, Scalar) or not key.value.strip():
                self.error(key, "a criterion id must be plain text")
                continue
            criterion = key.value.strip()
            if self.known is not None and criterion not in self.known:
                suggestion = hint(criterion, sorted(self.known))
                self.error(key, f"unknown criterion '{criterion}'{suggestion}")
                continue
            signals += self.criterion(criterion, value)
        return signals

    def criterion(self, criterion: str, node: Node) -> list[Signal]:
        where = f"criterion '{criterion}'"
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, f"{where}: must be a non-empty list of signals")
            return []
        signals: list[Signal] = []
        seen: dict[tuple[str, ...], int] = {}
        for position, item in enumerate(node.items, start=1):
            signal = self.signal(criterion, item, f"{where}, signal {position}")
            if signal is None:
                continue
            for text in (signal.phrase, *signal.variants):
                found = Phrase.of(text).stems  # forms of one word are the same signal
                if found in seen:
                    self.error(
                        item,
                        f"{where}: '{text}' is given twice (first on line {seen[found]})",
                    )
                seen.setdefault(found, item.mark.line)
            signals.append(signal)
        return signals

    def signal(self, criterion: str, node: Node, where: str) -> Signal | None:
        if isinstance(node, Scalar):
            phrase = self.phrase(node, where)
            return Signal(criterion, phrase, line=node.mark.line) if phrase else None
        if not isinstance(node, Mapping):
            self.error(node, f"{where}: must be a word or phrase, or a mapping with 'phrase'")
            return None
        fields: dict[str, Node] = {}
        for key, value in node.pairs:
            name = key.value if isinstance(key, Scalar) else ""
            if name not in SIGNAL_KEYS:
                self.error(key, f"{where}: unknown key '{name}'{hint(name, SIGNAL_KEYS)}")
                continue
            fields[name] = value
        if "phrase" not in fields:
            self.error(node, f"{where}: 'phrase' is missing")
            return None
        phrase = self.phrase(fields["phrase"], where)
        variants = self.variants(fields.get("variants"), where)
        given = self.phrase(fields["value"], f"{where}, 'value'") if "value" in fields else None
        whole = self.flag(fields.get("whole"), where)
        if not phrase:
            return None
        return Signal(criterion, phrase, variants, given or None, whole, node.mark.line)

    def phrase(self, node: Node, where: str) -> str:
        if not isinstance(node, Scalar) or node.tag == NULL or not node.value.strip():
            self.error(node, f"{where}: must be a non-empty word or phrase")
            return ""
        if not words(node.value):
            self.error(node, f"{where}: '{node.value}' has no letters or digits to find")
            return ""
        return node.value.strip()

    def variants(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence):
            self.error(node, f"{where}: 'variants' must be a list of words or phrases")
            return ()
        found = (self.phrase(item, f"{where}, variant") for item in node.items)
        return tuple(text for text in found if text)

    def flag(self, node: Node | None, where: str) -> bool:
        if node is None:
            return False
        if not isinstance(node, Scalar) or node.tag != BOOL:
            self.error(node, f"{where}: 'whole' must be true or false")
            return False
        return node.value.strip().lower() in ("true", "yes", "on")
