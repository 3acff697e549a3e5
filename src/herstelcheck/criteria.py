"""The registry of criterion kinds: small pure functions over a loaded plan.

A checklist names a kind and gives its parameters; the kind decides whether the plan
passes (True), fails (False) or gives it nothing to judge (None: not applicable), and
where in the file the evidence is. Paths use the plan's keys with dots; `[]` walks
every entry of a list (`acties[].termijn`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any

from herstelcheck import planwords
from herstelcheck.errors import Diagnostic, Mark
from herstelcheck.model import Bron, LoadedPlan, MoneyOrText, Plan, Term
from herstelcheck.planwords import Detail, Words
from herstelcheck.textsafe import excerpt
from herstelcheck.wordmatch import Vocabulary

Params = dict[str, Any]


@dataclass(frozen=True, slots=True, eq=False)
class Outcome:
    """What one criterion found in one plan."""

    passed: bool | None
    """True or False, or None when the plan gives the criterion nothing to judge."""
    mark: Mark | None = None
    """Where the evidence is, or the nearest enclosing key; None when nowhere."""
    details: dict[str, Detail] = field(default_factory=dict)
    """Values for the placeholders of the criterion's message ({found}, {missing}, ...):
    a number or a value of the plan as text, or words in each language (never a plan
    key: `planwords` names the plan's keys and values for people)."""
    warnings: tuple[Diagnostic, ...] = ()
    """What the plan should look at although it is no finding (a sector of no class)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a kind may need of the checklist besides its params."""

    sectors: Vocabulary
    """The sector classes (`sectoren` of the checklist file)."""


@dataclass(frozen=True, slots=True, eq=False)
class Kind:
    """A criterion kind: its function and the parameters it takes."""

    name: str
    check: Callable[..., Outcome]
    """(plan, params) -> Outcome; with `context`, (plan, params, context) -> Outcome."""
    params: dict[str, type]
    """Parameter name -> the type it must have (all are required)."""
    doc: str
    fills: frozenset[str] = frozenset()
    """The placeholders its details fill in when it fails (`found`, `missing`, ...);
    `any_of` fills what each of its nested criteria fills."""
    context: bool = False
    """Whether it takes the checklist's `Context` as a third argument."""


KINDS: dict[str, Kind] = {}


def kind(
    name: str, fills: tuple[str, ...] = (), context: bool = False, **params: type
) -> Callable[[Callable[..., Outcome]], Callable[..., Outcome]]:
    """Register a criterion kind under `name`, taking `params`, whose details fill the
    placeholders `fills`; with `context`, it also takes the checklist's `Context`."""

    def register(func: Callable[..., Outcome]) -> Callable[..., Outcome]:
        doc = (func.__doc__ or "").strip()
        KINDS[name] = Kind(name, func, params, doc, frozenset(fills), context)
        return func

    return register


# --- paths ---------------------------------------------------------------------------


def lookup(loaded: LoadedPlan, path: str) -> list[tuple[str, Any]]:
    """Every (concrete path, value) that `path` reaches and that is present."""
    return find(loaded.plan, path)


def find(plan: Plan, path: str) -> list[tuple[str, Any]]:
    """Every (concrete path, value) that `path` reaches in `plan` and that is present."""
    segments = _segments(path)
    if "[]" not in path:  # one value at most: no need to build paths on the way
        value: Any = plan
        for name, _ in segments:
            value = _child(value, name)
            if value is None:
                return []
        return [(path, value)] if present(value) else []
    results: list[tuple[str, Any]] = []
    _walk(plan, segments, 0, "", results)
    return [(p, v) for p, v in results if present(v)]


@cache
def _segments(path: str) -> tuple[tuple[str, bool], ...]:
    """`acties[].termijn` -> (('acties', True), ('termijn', False)): name, fans out."""
    return tuple((s[:-2], True) if s.endswith("[]") else (s, False) for s in path.split("."))


def _walk(
    obj: Any,
    segments: tuple[tuple[str, bool], ...],
    at: int,
    prefix: str,
    out: list[tuple[str, Any]],
) -> None:
    if at == len(segments):
        out.append((prefix, obj))
        return
    name, fan_out = segments[at]
    value = _child(obj, name)
    if value is None:
        return
    here = f"{prefix}.{name}" if prefix else name
    if fan_out:
        if isinstance(value, list):
            for index, item in enumerate(value, start=1):
                _walk(item, segments, at + 1, f"{here}[{index}]", out)
        return
    _walk(value, segments, at + 1, here, out)


def _child(obj: Any, name: str) -> Any:
    if hasattr(type(obj), "__dataclass_fields__"):  # a section of the plan (not a class)
        return getattr(obj, name, None)
    if isinstance(obj, dict):
        for key, value in obj.items():
            if (key.value if isinstance(key, Enum) else str(key)) == name:
                return value
    return None


def present(value: Any) -> bool:
    """Whether a value counts as given: not None, not blank, not an empty list.

    A list, a mapping or a section counts only when something in it is given, so an
    entry whose keys are all left empty (`- naam:` / `sector:`, as a template has it)
    counts as nothing.
    """
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, MoneyOrText):
        return bool(value.text.strip())
    if isinstance(value, list):
        return any(present(v) for v in value)
    if isinstance(value, dict):
        return any(present(v) for v in value.values())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(present(getattr(value, f.name)) for f in dataclasses.fields(value))
    return True


def place(loaded: LoadedPlan, path: str) -> Mark | None:
    """Where `path` stands, or the key of its nearest enclosing value that does."""
    concrete = path.replace("[]", "")
    if concrete in loaded.places:
        return loaded.places[concrete]
    parts = concrete.split(".")
    while parts:
        parts.pop()
        prefix = ".".join(parts)
        if prefix in loaded.key_places:
            return loaded.key_places[prefix]
    return None


def _values(loaded: LoadedPlan, path: str) -> list[tuple[str, Any]]:
    """Present values at `path`; a list at the end of the path gives its entries."""
    found = lookup(loaded, path)
    if len(found) == 1 and isinstance(found[0][1], (list, dict)) and not path.endswith("[]"):
        concrete, value = found[0]
        if isinstance(value, dict):
            entries = [(f"{concrete}.{_text(k)}", v) for k, v in value.items()]
        else:
            entries = [(f"{concrete}[{i}]", v) for i, v in enumerate(value, start=1)]
        return [(p, v) for p, v in entries if present(v)]
    return found


def _text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


# --- kinds ---------------------------------------------------------------------------


@kind("present", path=str)
def check_present(loaded: LoadedPlan, params: Params) -> Outcome:
    """The value at `path` is given and not empty.

    Passes: `netwerk: {communicatie: nieuwsbrief}`; fails: `netwerk: {}`.
    """
    path = params["path"]
    found = lookup(loaded, path)
    return Outcome(bool(found), place(loaded, path))


@kind("any_present", paths=list)
def check_any_present(loaded: LoadedPlan, params: Params) -> Outcome:
    """At least one of `paths` is given.

    Passes: `organisatie: {toelichting: ...}` for [organisatie.vorm, organisatie.toelichting].
    """
    for path in params["paths"]:
        if lookup(loaded, path):
            return Outcome(True, place(loaded, path))
    return Outcome(False, _first_place(loaded, params["paths"]))


@kind("all_present", fills=("missing",), paths=list)
def check_all_present(loaded: LoadedPlan, params: Params) -> Outcome:
    """Every one of `paths` is given; the message lists the missing ones as {missing}.

    Passes: `trekker: {ambtelijk: {naam: A, functie: B}}`; fails without `functie`.
    {missing} names each in words, by the part where the paths differ: `functie`;
    `de middellange termijn` for `termijnen.middellang.doel`.
    """
    paths = params["paths"]
    missing = [i for i, p in enumerate(paths) if not lookup(loaded, p)]
    if not missing:
        return Outcome(True, place(loaded, paths[0]))
    words = planwords.names(tuple(paths))
    details: dict[str, Detail] = {"missing": planwords.listing([words[i] for i in missing])}
    return Outcome(False, place(loaded, paths[missing[0]]), details)


@kind("equals", fills=("value",), path=str, value=str)
def check_equals(loaded: LoadedPlan, params: Params) -> Outcome:
    """The value at `path` equals `value`; {value} is what the plan has, in words.

    Passes: `vorm: bestaande-organisatie`; fails: `vorm: aparte-herstelorganisatie`
    ({value} is `een aparte herstelorganisatie`), and without a value (`niets`).
    """
    path = params["path"]
    found = lookup(loaded, path)
    if not found:
        return Outcome(False, place(loaded, path), {"value": planwords.NOTHING})
    value = found[0][1]
    passed = _text(value) == params["value"]
    return Outcome(passed, place(loaded, path), {"value": planwords.value_words(value)})


@kind("min_count", fills=("found", "min"), path=str, min=int)
def check_min_count(loaded: LoadedPlan, params: Params) -> Outcome:
    """At least `min` values at `path` (a list counts its entries); {found} and {min}.

    Passes with `min: 2`: `afdelingen: [EZ, Onderwijs]`; fails: `afdelingen: [EZ]`.
    """
    path = params["path"]
    count = len(_values(loaded, path))
    details: dict[str, Detail] = {"found": str(count), "min": str(params["min"])}
    return Outcome(count >= params["min"], place(loaded, path), details)


@kind("distinct_count", fills=("found", "min"), path=str, min=int)
def check_distinct_count(loaded: LoadedPlan, params: Params) -> Outcome:
    """At least `min` different values at `path`, ignoring case and spaces.

    Passes with `min: 2`: sectors `ondernemers`, `onderwijs`; fails: `zorg`, `Zorg`.
    """
    path = params["path"]
    found = _values(loaded, path)
    distinct = {" ".join(_text(v).casefold().split()) for _, v in found}
    details: dict[str, Detail] = {"found": str(len(distinct)), "min": str(params["min"])}
    mark = place(loaded, found[0][0]) if found else place(loaded, path)
    return Outcome(len(distinct) >= params["min"], mark, details)


OTHER_SECTOR = "overig"
"""The class of every sector text that matches no class of the vocabulary."""


@kind("distinct_sectors", fills=("found", "min"), context=True, path=str, min=int)
def check_distinct_sectors(loaded: LoadedPlan, params: Params, context: Context) -> Outcome:
    """At least `min` different sector classes at `path`, each text read through the
    checklist's sector vocabulary (`sectoren`); texts of no class count together as one
    class, "overig", and each gets a warning that names the classes.

    Passes with `min: 3`: `horeca`, `Winkeliersvereniging`, `mbo-school`, `GGD` (three
    classes); fails: `horeca`, `retail`, `binnenstad` (all *ondernemers*).
    """
    path = params["path"]
    found = _values(loaded, path)
    classes: set[str] = set()
    warnings: list[Diagnostic] = []
    names = ", ".join(context.sectors.names)
    for where, value in found:
        text = _text(value)
        sector = context.sectors.classify(text)
        if sector is None:
            sector = OTHER_SECTOR
            at = place(loaded, where) or Mark(1, 1)
            warnings.append(
                Diagnostic(
                    loaded.file,
                    at.line,
                    at.column,
                    "warning",
                    f"'{where}' ('{excerpt(text, 60)}') matches no sector class, so it "
                    f"counts as '{OTHER_SECTOR}'; the classes are: {names}",
                )
            )
        classes.add(sector)
    details: dict[str, Detail] = {"found": str(len(classes)), "min": str(params["min"])}
    mark = place(loaded, found[0][0]) if found else place(loaded, path)
    return Outcome(len(classes) >= params["min"], mark, details, tuple(warnings))


def _amount(value: Any) -> float | None:
    if isinstance(value, MoneyOrText):
        return value.amount
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


@kind("positive", path=str)
def check_positive(loaded: LoadedPlan, params: Params) -> Outcome:
    """The amount or number at `path` is above zero.

    Passes: `bestaande_budgetten: "€ 1,2 mln"`; fails: `bestaande_budgetten: 0`.
    """
    path = params["path"]
    found = lookup(loaded, path)
    amount = _amount(found[0][1]) if found else None
    return Outcome(amount is not None and amount > 0, place(loaded, path))


@kind("is_true", path=str)
def check_is_true(loaded: LoadedPlan, params: Params) -> Outcome:
    """The yes/no value at `path` is yes.

    Passes: `vrijgemaakt: ja`; fails: `vrijgemaakt: nee`.
    """
    path = params["path"]
    found = lookup(loaded, path)
    return Outcome(bool(found) and found[0][1] is True, place(loaded, path))


def _entries(loaded: LoadedPlan, list_path: str) -> tuple[str, list[Any]]:
    """The concrete path of the list at `list_path` and its entries (none when absent)."""
    found = lookup(loaded, list_path)
    if not found or not isinstance(found[0][1], list):
        return "", []
    return found[0]


@kind("share", fills=("found", "total"), list=str, field=str, min=float)
def check_share(loaded: LoadedPlan, params: Params) -> Outcome:
    """At least a share `min` (0-1) of the entries of `list` give `field`.

    Not applicable when the list is empty. Passes with `min: 0.5` when one of two
    actions has a `behoefte`; fails when none has. {found} and {total}.
    """
    concrete, entries = _entries(loaded, params["list"])
    if not entries:
        return Outcome(None, place(loaded, params["list"]))
    name = params["field"]
    without = [i for i, entry in enumerate(entries, start=1) if not present(_child(entry, name))]
    found = len(entries) - len(without)
    passed = found >= params["min"] * len(entries) - 1e-9
    mark = (
        loaded.places.get(f"{concrete}[{without[0]}]")
        if without and not passed
        else place(loaded, params["list"])
    )
    return Outcome(passed, mark, {"found": str(found), "total": str(len(entries))})


@kind("refs_valid", fills=("unknown",), path=str, targets=str)
def check_refs_valid(loaded: LoadedPlan, params: Params) -> Outcome:
    """Every value at `path` is one of the values at `targets`; {unknown} lists the rest.

    Not applicable when nothing refers. Passes: an action with `behoefte: liquiditeit`
    and a need with `id: liquiditeit`; fails when no need has that id. {unknown} gives
    each value with the entry it is in: `'ruimte' (actie 2)`.
    """
    refs = lookup(loaded, params["path"])
    if not refs:
        return Outcome(None, place(loaded, params["path"]))
    targets = {_text(v).strip() for _, v in lookup(loaded, params["targets"])}
    unknown = [(p, v) for p, v in refs if _text(v).strip() not in targets]
    if not unknown:
        return Outcome(True, loaded.places.get(refs[0][0]))
    shown = planwords.listing(
        [
            Words(f"'{text}' ({where.nl})", f"'{text}' ({where.en})")
            for text, where in ((_text(v), planwords.place(p)) for p, v in unknown)
        ]
    )
    return Outcome(False, loaded.places.get(unknown[0][0]), {"unknown": shown})


@kind("covers", fills=("missing",), list=str, field=str, values=list)
def check_covers(loaded: LoadedPlan, params: Params) -> Outcome:
    """Each of `values` occurs in `field` of some entry of `list`; {missing} lists the rest.

    Not applicable when the list is empty. Passes when actions have the terms kort,
    middellang and lang; fails when no action is `lang` ({missing} is `de lange
    termijn`).
    """
    _, entries = _entries(loaded, params["list"])
    if not entries:
        return Outcome(None, place(loaded, params["list"]))
    seen = {_text(_child(e, params["field"])) for e in entries}
    missing = [str(v) for v in params["values"] if str(v) not in seen]
    if not missing:
        return Outcome(True, place(loaded, params["list"]))
    field_path = f"{params['list']}[].{params['field']}"
    words = planwords.listing([planwords.field_value_words(field_path, v) for v in missing])
    return Outcome(False, place(loaded, params["list"]), {"missing": words})


_EXTRA_ACTION = Words(
    "actie {number} staat op de korte termijn en wordt betaald uit extra middelen",
    "action {number} is in the short term and paid from additional money",
)
_EXTRA_SHORT = Words(
    "de extra middelen komen op de korte termijn beschikbaar",
    "the additional money is released in the short term",
)
_EXTRA_NO_TERM = Words(
    "de extra middelen hebben geen termijn",
    "the additional money has no term",
)


@kind("extra_money_not_short_term", fills=("value",))
def check_extra_money_not_short_term(loaded: LoadedPlan, params: Params) -> Outcome:
    """Extra money is not released in the short term.

    Fails when `extra_middelen_termijn` is kort, when extra money has no term, or when a
    `kort` action is financed `extra`. Not applicable when the plan mentions no money.
    """
    plan = loaded.plan
    fin = plan.financiering
    mentions_money = fin is not None and any(
        present(getattr(fin, f.name)) for f in dataclasses.fields(fin) if f.name != "toelichting"
    )
    mentions_money = mentions_money or any(
        a.budget is not None or a.financiering is not None for a in plan.acties
    )
    if not mentions_money:
        return Outcome(None, place(loaded, "financiering"))
    for index, action in enumerate(plan.acties, start=1):
        if action.termijn is Term.KORT and action.financiering is Bron.EXTRA:
            path = f"acties[{index}].financiering"
            words = Words(
                _EXTRA_ACTION.nl.format(number=index), _EXTRA_ACTION.en.format(number=index)
            )
            return Outcome(False, loaded.places.get(path), {"value": words})
    if fin is not None and fin.extra_middelen_termijn is Term.KORT:
        return Outcome(
            False, place(loaded, "financiering.extra_middelen_termijn"), {"value": _EXTRA_SHORT}
        )
    if fin is not None and fin.extra_middelen and fin.extra_middelen_termijn is None:
        return Outcome(
            False, place(loaded, "financiering.extra_middelen"), {"value": _EXTRA_NO_TERM}
        )
    return Outcome(True, place(loaded, "financiering.extra_middelen_termijn"))


@kind("any_of", context=True, criteria=list)
def check_any_of(loaded: LoadedPlan, params: Params, context: Context) -> Outcome:
    """Passes when one of the nested `criteria` (each a kind with params) passes.

    Not applicable when none of them applies. Passes for [is_true vrijgemaakt,
    positive uren_per_week] with `uren_per_week: 24`.
    """
    outcomes = [
        run(sub["kind"], loaded, sub.get("params") or {}, context) for sub in params["criteria"]
    ]
    for outcome in outcomes:
        if outcome.passed:
            return outcome
    applicable = [o for o in outcomes if o.passed is not None]
    if not applicable:
        return Outcome(None, _first_mark(outcomes))
    return Outcome(False, _first_mark(applicable), applicable[0].details)


def _first_mark(outcomes: list[Outcome]) -> Mark | None:
    return next((o.mark for o in outcomes if o.mark is not None), None)


def _first_place(loaded: LoadedPlan, paths: list[str]) -> Mark | None:
    return next((m for m in (place(loaded, p) for p in paths) if m is not None), None)


def run(name: str, loaded: LoadedPlan, params: Params, context: Context) -> Outcome:
    """Apply the kind `name` to a plan."""
    found = KINDS[name]
    if found.context:
        return found.check(loaded, params, context)
    return found.check(loaded, params)
