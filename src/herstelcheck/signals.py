"""The signals of a criterion: the Dutch words and phrases that show a plan document speaks
of it (`herstelcheck scan`), given in the checklist as the criterion's `signalen`.

`check` reads the `signalen` of one criterion for the checklist validator, which reports
every problem with its line and column, naming the item, the criterion and the key, with
a "did you mean" for misspelt keys; none is ignored. A signal given twice is an error;
forms of one word (`draaiboek`, `draaiboeken`) are the same signal only when `stems` is
asked for, since comparing them needs the Dutch stemmer, which the scan loads and an
audit does not. Compiled, the signals of all criteria become one `wordmatch.Phrases`
(`Compiled`), built once per scan and used for every passage of every document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from herstelcheck.suggest import hint
from herstelcheck.wordmatch import Phrase, Phrases, words
from herstelcheck.yamlload import BOOL, NULL, Mapping, Node, Scalar, Sequence

SIGNAL_KEYS = ("phrase", "variants", "value", "whole")
"""The keys of a signal written as a mapping."""


@dataclass(frozen=True, slots=True)
class Signal:
    """A word or phrase that shows a document speaks of a criterion."""

    criterion: str
    """The criterion's id."""
    phrase: str
    """The phrase as the checklist writes it (shown in reports as the signal found)."""
    variants: tuple[str, ...] = ()
    """Other ways of writing it, found as the phrase."""
    value: str | None = None
    """What the signal fills in for its criterion (a data source, a trigger, ...)."""
    whole: bool = False
    """Whole words only: no compounds."""
    line: int = 0
    """Where the signal stands in the checklist file."""


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


Report = Callable[[Node, str, str], None]
"""Where a problem goes: the node it is about, where in the file (`item 5 (trekker),
criterion 'trekker.raad', 'signalen', signal 2`) and what is wrong."""


def check(
    criterion: str, node: Node, where: str, error: Report, *, stems: bool = False
) -> tuple[Signal, ...]:
    """The signals of `criterion` in its `signalen` node: a non-empty list of words or
    phrases, or mappings with `phrase` and maybe `variants`, `value` and `whole`; each
    problem goes to `error`, and a signal that has one is left out. `where` names the
    key (`item 5 (trekker), criterion 'trekker.raad', 'signalen'`). A phrase or variant
    given twice is an error: the same words, case and diacritics aside, or with `stems`
    the same stems (`draaiboeken` after `draaiboek`)."""
    return _Checker(criterion, error, stems).signals(node, where)


class _Checker:
    def __init__(self, criterion: str, error: Report, stems: bool) -> None:
        self.criterion = criterion
        self.error = error
        self.stems = stems

    def same(self, text: str) -> tuple[str, ...]:
        """What two phrases that are the same signal have in common."""
        return Phrase.of(text).stems if self.stems else tuple(words(text))

    def signals(self, node: Node, where: str) -> tuple[Signal, ...]:
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, where, "must be a non-empty list of signals")
            return ()
        signals: list[Signal] = []
        seen: dict[tuple[str, ...], int] = {}
        for position, item in enumerate(node.items, start=1):
            signal = self.signal(item, f"{where}, signal {position}")
            if signal is None:
                continue
            for text in (signal.phrase, *signal.variants):
                found = self.same(text)
                if found in seen:
                    self.error(
                        item, where, f"'{text}' is given twice (first on line {seen[found]})"
                    )
                seen.setdefault(found, item.mark.line)
            signals.append(signal)
        return tuple(signals)

    def signal(self, node: Node, where: str) -> Signal | None:
        if isinstance(node, Scalar):
            phrase = self.phrase(node, where)
            return Signal(self.criterion, phrase, line=node.mark.line) if phrase else None
        if not isinstance(node, Mapping):
            self.error(node, where, "must be a word or phrase, or a mapping with 'phrase'")
            return None
        fields: dict[str, Node] = {}
        for key, value in node.pairs:
            name = key.value if isinstance(key, Scalar) else ""
            if name not in SIGNAL_KEYS:
                self.error(key, where, f"unknown key '{name}'{hint(name, SIGNAL_KEYS)}")
                continue
            fields[name] = value
        if "phrase" not in fields:
            self.error(node, where, "'phrase' is missing")
            return None
        phrase = self.phrase(fields["phrase"], where)
        variants = self.variants(fields.get("variants"), where)
        given = self.phrase(fields["value"], f"{where}, 'value'") if "value" in fields else None
        whole = self.flag(fields.get("whole"), where)
        if not phrase:
            return None
        return Signal(self.criterion, phrase, variants, given or None, whole, node.mark.line)

    def phrase(self, node: Node, where: str) -> str:
        if not isinstance(node, Scalar) or node.tag == NULL or not node.value.strip():
            self.error(node, where, "must be a non-empty word or phrase")
            return ""
        if not words(node.value):
            self.error(node, where, f"'{node.value}' has no letters or digits to find")
            return ""
        return node.value.strip()

    def variants(self, node: Node | None, where: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, Sequence):
            self.error(node, where, "'variants' must be a list of words or phrases")
            return ()
        found = (self.phrase(item, f"{where}, variant") for item in node.items)
        return tuple(text for text in found if text)

    def flag(self, node: Node | None, where: str) -> bool:
        if node is None:
            return False
        if not isinstance(node, Scalar) or node.tag != BOOL:
            self.error(node, where, "'whole' must be true or false")
            return False
        return node.value.strip().lower() in ("true", "yes", "on")
