"""The "did you mean" hint of every message about an unknown name."""

from __future__ import annotations

from collections.abc import Iterable


def hint(word: str, known: Iterable[str], listing: str | None = None) -> str:
    """`; did you mean 'x'?` for the closest of `known`; without a close one, ` (LISTING:
    a, b, c)` when `listing` names the known words, else nothing.

    difflib is imported here, on the rare run that misspells something.
    """
    import difflib

    names = list(known)
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" ({listing}: {', '.join(names)})" if listing else ""
