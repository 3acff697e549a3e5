"""The actions of a plan document: rows of a table of actions, and list items that name
a term or stand under a heading of actions.

A table whose first row names its columns (`Actie`, `Termijn`, `Budget`, `Indicator`,
`Eigenaar`, ...) is read column by column; a table without such a row counts the rows
that name a term in a cell. A list item is an action when it names a term itself
(`Noodfonds ondernemers (korte termijn)`), or stands under a heading that does (`Korte
termijn`) or that speaks of actions (`Acties`, `Maatregelen`). The action's name is the
item up to its first colon, dash or bracket, or its first sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from herstelcheck import values
from herstelcheck.model import Term
from herstelcheck.scan import textvalues
from herstelcheck.scan.passages import Passage
from herstelcheck.wordmatch import normalise

MAX_ACTIONS = 40
"""The most actions a draft gets (a longer list is left to the advisor)."""
NAME_LENGTH = 90

COLUMNS = {
    "actie": "naam",
    "acties": "naam",
    "maatregel": "naam",
    "maatregelen": "naam",
    "project": "naam",
    "projecten": "naam",
    "activiteit": "naam",
    "wat": "naam",
    "termijn": "termijn",
    "wanneer": "termijn",
    "periode": "termijn",
    "planning": "termijn",
    "budget": "budget",
    "kosten": "budget",
    "bedrag": "budget",
    "middelen": "budget",
    "financiering": "financiering",
    "dekking": "financiering",
    "bron": "financiering",
    "indicator": "indicator",
    "indicatoren": "indicator",
    "kpi": "indicator",
    "resultaat": "indicator",
    "eigenaar": "eigenaar",
    "trekker": "eigenaar",
    "wie": "eigenaar",
    "verantwoordelijk": "eigenaar",
    "uitvoerder": "eigenaar",
}
"""The words of a header cell, and the field of the action its column holds."""

_ACTION_SECTION = re.compile(
    r"\b(?:acties|actieplan|maatregelen|uitvoeringsprogramma|actieprogramma|projecten)\b",
    re.IGNORECASE,
)
_NAME_END = re.compile(r"\s*(?::|\s[-–—]\s|\(|;)|(?<=[a-z)])\.\s")
_INDICATOR = re.compile(r"\bindicator(?:en)?\s*:?\s*([^.;()]{3,80})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Action:
    """An action found in the document."""

    naam: str
    passage: Passage
    """The passage where it stands (its first cell, or the list item)."""
    termijn: Term | None = None
    budget: float | None = None
    financiering: str | None = None
    """`bestaand` or `extra`, where the text says which."""
    indicator: str | None = None
    eigenaar: str | None = None


def actions(passages: Sequence[Passage]) -> list[Action]:
    """The actions in the passages, in document order."""
    found = _table_actions(passages) + _item_actions(passages)
    found.sort(key=lambda action: action.passage.index)
    return found[:MAX_ACTIONS]


def _table_actions(passages: Sequence[Passage]) -> list[Action]:
    rows: dict[tuple[int, int], list[Passage]] = {}
    for passage in passages:
        if passage.kind == "cell" and passage.row is not None:
            rows.setdefault(passage.row, []).append(passage)
    found: list[Action] = []
    header: dict[int, str] = {}
    table = -1
    for (number, _), cells in sorted(rows.items()):
        if number != table:
            table, header = number, _header(cells)
            if header:
                continue
        action = _row_action(cells, header)
        if action is not None:
            found.append(action)
    return found


def _header(cells: Sequence[Passage]) -> dict[int, str]:
    fields = {}
    for column, cell in enumerate(cells):
        words = normalise(cell.text).split()
        field = COLUMNS.get(words[0]) if words and len(words) <= 3 else None
        if field is not None:
            fields[column] = field
    return fields if len(fields) >= 2 and "naam" in fields.values() else {}


def _row_action(cells: Sequence[Passage], header: dict[int, str]) -> Action | None:
    fields: dict[str, str] = {}
    if header:
        for column, cell in enumerate(cells):
            if column in header:
                fields.setdefault(header[column], cell.text)
    else:
        term_cells = [c for c in cells[1:] if _term(c.text) is not None]
        if not term_cells:
            return None
        fields["naam"], fields["termijn"] = cells[0].text, term_cells[0].text
        for cell in cells[1:]:
            if textvalues.money(cell.text):
                fields.setdefault("budget", cell.text)
    name = _name(fields.get("naam", ""))
    if not name:
        return None
    budget = textvalues.money(fields.get("budget", ""))
    return Action(
        name,
        cells[0],
        _term(fields.get("termijn", "")),
        budget[0].value if budget else _plain_amount(fields.get("budget", "")),
        _source(" ".join(fields.get(k, "") for k in ("financiering", "budget"))),
        (fields.get("indicator") or "").strip() or None,
        (fields.get("eigenaar") or "").strip() or None,
    )


def _item_actions(passages: Sequence[Passage]) -> list[Action]:
    found = []
    for passage in passages:
        if passage.kind != "item":
            continue
        own = _term(passage.text)
        section = passage.section or ""
        term = own or _term(section)
        if term is None and not _ACTION_SECTION.search(section):
            continue
        name = _name(passage.text)
        if not name:
            continue
        amounts = textvalues.money(passage.text)
        indicator = _INDICATOR.search(passage.text)
        found.append(
            Action(
                name,
                passage,
                term,
                amounts[0].value if amounts else None,
                _source(passage.text),
                indicator.group(1).strip() if indicator else None,
            )
        )
    return found


def _term(text: str) -> Term | None:
    """The term a text names: a cell such as `Kort` or `middellange termijn`, or the
    first term in a longer text."""
    stripped = text.strip()
    if len(stripped) <= 30:
        try:
            return values.parse_term(stripped)
        except ValueError:
            pass
    found = textvalues.terms(text)
    return found[0].value if found else None


def _name(text: str) -> str:
    """The name of an action: the text up to its first colon, dash, bracket or full
    stop, cut at a word to NAME_LENGTH characters."""
    text = text.strip().lstrip("-–•*· ").strip()
    match = _NAME_END.search(text)
    name = text[: match.start()] if match and match.start() >= 3 else text
    if len(name) > NAME_LENGTH:
        name = name[:NAME_LENGTH].rsplit(" ", 1)[0] + " …"
    return name.strip().rstrip(".,;:")


def _source(text: str) -> str | None:
    lowered = normalise(text)
    if re.search(r"\bextra\b|\baanvullend", lowered):
        return "extra"
    if re.search(r"\bbestaand|\bregulier|\bbinnen de begroting", lowered):
        return "bestaand"
    return None


def _plain_amount(text: str) -> float | None:
    """An amount in a budget column that is written without a currency sign."""
    stripped = text.strip()
    if not stripped or not re.search(r"\d", stripped):
        return None
    try:
        amount = values.parse_money(stripped)
    except ValueError:
        return None
    return amount if amount > 0 else None
