"""What a plan already has, in its own words: the values behind the criteria it passes.

The memo's "Wat het plan al heeft" shows the plan's own values, not the checklist's
sentences: for each passed criterion the values at the paths it looked at (its
parameters, else its `key`), each as text with the line where it stands, grouped by
what they are ("Ambtelijke trekker", "Partijen").

A value that is one field of a person, a party, a lesson, an action and the like is
shown as that whole entry (`Pieter Jansen, functie: beleidsadviseur economie`), so a
reader sees who or what it is; a list shows each of its entries. Nothing here escapes:
the values are text as the plan gives it, and each format escapes what it writes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from herstelcheck import planwords
from herstelcheck.checklist import Criterion
from herstelcheck.criteria import find, present
from herstelcheck.errors import Mark
from herstelcheck.i18n import decimal, money, t
from herstelcheck.model import (
    Actie,
    Behoefte,
    Behoeftepeiling,
    Les,
    Money,
    MoneyOrText,
    Monitoring,
    Persoon,
    Plan,
    PlanDate,
    Samenwerking,
    Stakeholder,
    TermijnDoel,
)
from herstelcheck.textsafe import excerpt

LONGEST = 300
"""The most characters of one value the memo quotes."""

ENTRIES = (Persoon, Stakeholder, Les, Samenwerking, Behoefte, Actie, TermijnDoel, Monitoring,
           Behoeftepeiling)  # fmt: skip
"""The parts of a plan that are one thing with several fields: a value in one of them is
shown as the whole entry."""

ALWAYS: dict[type, frozenset[str]] = {
    Persoon: frozenset({"naam", "functie"}),
    Actie: frozenset({"naam"}),
    Monitoring: frozenset({"beschrijving", "frequentie", "niveau"}),
}
"""The fields an entry of these kinds shows when a criterion looked at one of its fields
(with the fields looked at); an entry of another kind shows all its fields."""

MAIN_FIELDS = ("naam", "les", "partner", "id", "doel", "methode", "beschrijving")
"""The field that names an entry, first found first: the rest follow as `name: value`."""

LABELS: dict[str, tuple[str, str]] = {
    "organisatie.vorm": ("Organisatievorm", "Form of organisation"),
    "netwerk.communicatie": ("Communicatie met het netwerk", "Communication with the network"),
    "termijnen": ("Doelen per termijn", "Goals per term"),
    "terugvalscenario.beschrijving": ("Terugvalscenario", "Fallback scenario"),
    "dynamiek.herijking": ("Herijking van het plan", "Revision of the plan"),
    "crisislessen.dienstverlening": (
        "Dienstverlening aan ondernemers",
        "Service to entrepreneurs",
    ),
    "crisislessen.participatie": ("Participatie van partners", "Participation of partners"),
}
"""Names of groups of values that read better than the name of their field alone."""

_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class Value:
    text: str
    """The value as text, in the memo's language where the plan format knows its words
    (`de korte termijn`), else as the plan writes it."""
    line: int | None
    """The line of the plan where it stands, or None."""


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    """What the values are: `Ambtelijke trekker`, `Partijen`; for a passed criterion
    whose values cannot be shown, its title."""
    values: tuple[Value, ...]
    """The values, in the plan's order (empty for a criterion shown by its title)."""


def paths_of(criterion: Criterion) -> list[str]:
    """The plan paths a criterion looks at: the paths of its parameters (of nested
    criteria too), else its key."""
    paths: list[str] = []
    _collect_paths(criterion.params, paths)
    if not paths and criterion.key:
        paths.append(criterion.key)
    return paths


def _collect_paths(params: Mapping[str, Any], paths: list[str]) -> None:
    """Add the paths of `params` (and of the criteria nested in them) to `paths`. (A
    function of the module, not one nested in `paths_of`: a nested function that calls
    itself is a reference cycle, left for the garbage collector with every call.)"""
    if isinstance(params.get("path"), str):
        paths.append(params["path"])
    paths.extend(p for p in params.get("paths") or () if isinstance(p, str))
    if isinstance(params.get("list"), str) and isinstance(params.get("field"), str):
        paths.append(f"{params['list']}[].{params['field']}")
    for sub in params.get("criteria") or ():
        if isinstance(sub, Mapping):
            _collect_paths(sub.get("params") or {}, paths)


def evidence(
    plan: Plan,
    places: Mapping[str, Mark],
    passed: Iterable[tuple[Criterion, str]],
    lang: str,
    some: Iterable[Criterion] = (),
) -> tuple[Group, ...]:
    """The values behind the criteria that passed, given with their titles in `lang`,
    grouped by what they are; each value once, in the order the criteria name them. A
    passed criterion none of whose values can be shown is a group of its title alone.
    The criteria of `some` failed, but the plan has part of what they count (two
    partners where three are asked): their values are shown too, never their titles."""
    units: dict[str, _Unit] = {}
    order: list[str] = []  # groups, and the titles of criteria without values
    titles: dict[str, str] = {}
    counted = [(criterion, None) for criterion in some]
    for criterion, title in [*passed, *counted]:
        shown = False
        for path in paths_of(criterion):
            for concrete, value in find(plan, path):
                for unit in _units(plan, concrete, value):
                    shown = True
                    known = units.get(unit.path)
                    if known is None:
                        units[unit.path] = unit
                        if unit.group not in order:
                            order.append(unit.group)
                    elif known.fields is not None:
                        known.fields = None if unit.fields is None else known.fields | unit.fields
        if not shown and title is not None:
            key = f"#{criterion.id}"
            order.append(key)
            titles[key] = title
    groups = []
    for key in order:
        if key in titles:
            groups.append(Group(titles[key], ()))
            continue
        values: list[Value] = []
        for unit in (u for u in units.values() if u.group == key):
            mark = places.get(unit.path)
            text = _show_unit(unit, lang)
            line = mark.line if mark else None
            if values and line is not None and values[-1].line == line and unit.simple:
                values[-1] = Value(f"{values[-1].text}, {text}", line)  # a flow list
            else:
                values.append(Value(text, line))
        groups.append(Group(label(key, lang), tuple(values)))
    return tuple(groups)


@dataclass(slots=True)
class _Unit:
    """One thing the memo shows: a value, or an entry with the fields looked at."""

    path: str
    """Its concrete path (`netwerk.stakeholders[2]`)."""
    group: str
    """The concrete path of what it is shown under (`netwerk.stakeholders`)."""
    value: Any
    term: str | None = None
    """The term (`kort`) when it is the goal of one under `termijnen`."""
    fields: frozenset[str] | None = None
    """For an entry: the fields looked at (None: all of them)."""

    @property
    def simple(self) -> bool:
        """A plain value, not an entry: several on one line are one flow list."""
        return self.term is None and not _is_entry(self.value)


def _show_unit(unit: _Unit, lang: str) -> str:
    path = _abstract(unit.path)
    if _is_entry(unit.value):
        text = _entry(unit.value, path, lang, unit.fields)
    else:
        text = show(unit.value, path, lang)
    if unit.term is not None:
        text = f"{planwords.name(f'termijnen.{unit.term}').get(lang)}: {text}"
    return text


def _units(plan: Plan, concrete: str, value: Any) -> list[_Unit]:
    """What a found value is shown as: the whole entry a field belongs to, each entry of
    a list or of `termijnen`, or the value itself."""
    parent_path, _, name = concrete.rpartition(".")
    if parent_path and "[" not in name:
        parent = _resolve(plan, parent_path)
        if isinstance(parent, ENTRIES):
            return [_unit(plan, parent_path, parent, frozenset({name}))]
    if isinstance(value, list):
        return [
            _Unit(f"{concrete}[{i}]", concrete, entry)
            for i, entry in enumerate(value, start=1)
            if present(entry)
        ]
    if isinstance(value, dict):
        return [
            _Unit(f"{concrete}.{_key(k)}", concrete, entry, _key(k))
            for k, entry in value.items()
            if present(entry)
        ]
    return [_unit(plan, concrete, value, None)]


def _unit(plan: Plan, concrete: str, value: Any, fields: frozenset[str] | None) -> _Unit:
    """A value with what it is shown under: the list it is an entry of, the `termijnen`
    it is the goal of, else itself."""
    if concrete.endswith("]"):
        return _Unit(concrete, concrete[: concrete.rindex("[")], value, None, fields)
    parent_path, _, key = concrete.rpartition(".")
    if parent_path and isinstance(_resolve(plan, parent_path), dict):
        return _Unit(concrete, parent_path, value, key, fields)
    return _Unit(concrete, concrete, value, None, fields)


def _resolve(plan: Plan, concrete: str) -> Any:
    """The value at a concrete path (`acties[2].termijn`, `termijnen.kort`), or None."""
    value: Any = plan
    for segment in concrete.split("."):
        name, _, rest = segment.partition("[")
        value = _child(value, name)
        if rest:
            index = int(rest.rstrip("]"))
            if not isinstance(value, list) or not 0 < index <= len(value):
                return None
            value = value[index - 1]
        if value is None:
            return None
    return value


def _child(obj: Any, name: str) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return getattr(obj, name, None)
    if isinstance(obj, dict):
        for key, value in obj.items():
            if _key(key) == name:
                return value
    return None


def _key(key: Any) -> str:
    return str(key.value) if isinstance(key, Enum) else str(key)


def _abstract(concrete: str) -> str:
    """`acties[2].termijn` -> `acties[].termijn`."""
    return _INDEX.sub("[]", concrete)


def label(group: str, lang: str) -> str:
    """What the values of a group are, capitalised: `Ambtelijke trekker`."""
    path = _abstract(group)
    if path in LABELS:
        nl, en = LABELS[path]
        return en if lang == "en" else nl
    words = planwords.name(path).get(lang)
    if path.endswith(".toelichting"):
        section = planwords.name(path.rpartition(".")[0]).get(lang)
        words = f"{words} ({section})"
    return words[:1].upper() + words[1:]


def show(value: Any, path: str, lang: str) -> str:
    """A value of the plan as text in `lang`; an entry as its name and its other fields."""
    if _is_entry(value):
        return _entry(value, path, lang, None)
    if isinstance(value, list):
        return ", ".join(show(v, f"{path}[]", lang) for v in value if present(v))
    return excerpt(_scalar(value, lang), LONGEST)


def _is_entry(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, (type, PlanDate, MoneyOrText))


def _entry(entry: Any, path: str, lang: str, looked_at: frozenset[str] | None) -> str:
    """An entry as its name, then `field: value` for each field it always shows
    (`ALWAYS`; all of them if it has none there) and each field looked at."""
    always = ALWAYS.get(type(entry))
    given = {
        f.name: getattr(entry, f.name)
        for f in dataclasses.fields(entry)
        if present(getattr(entry, f.name))
        and (looked_at is None or always is None or f.name in always or f.name in looked_at)
    }
    main = next((name for name in MAIN_FIELDS if name in given), None)
    parts = [show(given.pop(main), f"{path}.{main}", lang)] if main is not None else []
    for name, value in given.items():
        field = planwords.name(f"{path}.{name}").get(lang)
        parts.append(f"{field}: {show(value, f'{path}.{name}', lang)}")
    return ", ".join(parts)


def _scalar(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, Money):
        return money(float(value), lang)
    if isinstance(value, Enum):
        return planwords.value_words(value).get(lang)
    if isinstance(value, (int, float)):
        return decimal(str(int(value)) if float(value).is_integer() else str(value), lang)
    if isinstance(value, PlanDate):
        return value.show(lang)
    if isinstance(value, MoneyOrText):
        return value.text
    return str(value)
