"""Read a plan file into a typed `Plan`, with the place of every value, or errors.

The reader walks the dataclasses of `model.py`: their fields say which keys exist and
what type each value has. Every problem is collected, so a user sees all of a file's
errors at once; unknown keys are warnings with a "did you mean" suggestion.
"""

from __future__ import annotations

import dataclasses
import typing
from enum import Enum
from functools import cache
from typing import Any

from herstelcheck import values
from herstelcheck.errors import Diagnostic, HerstelcheckError, Mark
from herstelcheck.files import PLAN, read, read_stdin, too_large
from herstelcheck.model import (
    SECTIONS,
    LoadedPlan,
    Money,
    MoneyOrText,
    Plan,
    PlanDate,
    Term,
    Uitzondering,
    field_types,
    unwrap_optional,
)
from herstelcheck.suggest import hint
from herstelcheck.textsafe import excerpt
from herstelcheck.yamlload import (
    NULL,
    Mapping,
    Node,
    Scalar,
    Sequence,
    describe,
    parse,
    read_bytes,
)

STDIN = "-"


class PlanError(HerstelcheckError):
    """A plan that could not be read; `diagnostics` holds every error (and warning)."""


class NotAPlan(PlanError):
    """A YAML file that is no plan at all: none of the plan's keys stands at its top (a
    CI workflow, a list). Where non-plans are skipped, it is a note, not an error."""


PLAN_KEYS = frozenset(f.name for f in dataclasses.fields(Plan))
"""The keys a plan may have at its top."""


def _looks_like_a_plan(root: Node | None) -> bool:
    return isinstance(root, Mapping) and any(
        isinstance(key, Scalar) and key.value.strip() in PLAN_KEYS for key, _ in root.pairs
    )


def load_file(path: str) -> tuple[LoadedPlan, list[Diagnostic]]:
    """Read and check one plan file; `-` reads standard input."""
    name = "<stdin>" if path == STDIN else path
    data = _read(path, name)
    return load_bytes(data, name)


def load_bytes(data: bytes, name: str) -> tuple[LoadedPlan, list[Diagnostic]]:
    """Read a plan from bytes; returns the plan and its warnings, or raises PlanError."""
    if len(data) > PLAN.limit:
        raise PlanError([Diagnostic(name, 1, 1, "error", too_large(PLAN))])
    try:
        text = read_bytes(data, name)
        return load_text(text, name)
    except PlanError:
        raise
    except HerstelcheckError as exc:
        raise PlanError(exc.diagnostics) from exc


def load_text(text: str, name: str) -> tuple[LoadedPlan, list[Diagnostic]]:
    document = parse(text, name)
    reader = _Reader(name)
    root = document.root
    failure = PlanError if _looks_like_a_plan(root) else NotAPlan
    if root is None or (isinstance(root, Scalar) and root.tag == NULL):
        reader.error(Mark(1, 1), "the file is empty; a plan needs at least 'gemeente' and 'titel'")
        raise failure(reader.diagnostics)
    if not isinstance(root, Mapping):
        reader.error(
            root.mark,
            f"a plan is a mapping of keys such as 'gemeente' and 'titel', not {describe(root)}",
        )
        raise failure(reader.diagnostics)
    plan = reader.dataclass(Plan, root, "")
    for required in ("gemeente", "titel"):
        if isinstance(plan, Plan) and not getattr(plan, required):
            place = reader.places.get(required, root.mark)
            reader.error(place, f"'{required}' is required and must not be empty")
    if reader.has_errors or not isinstance(plan, Plan):
        raise failure(reader.diagnostics)
    explanations: dict[str, str] = {}
    for section in SECTIONS:
        note = _explanation(plan, section, reader.term_notes)
        if note is not None:
            explanations[section] = note
    loaded = LoadedPlan(plan, name, reader.places, reader.key_places, explanations)
    return loaded, reader.diagnostics


def _explanation(plan: Plan, section: str, term_notes: str | None) -> str | None:
    """The `toelichting` of a section, when it says something."""
    if section == "termijnen":
        text = term_notes
    else:
        text = getattr(getattr(plan, section), "toelichting", None)
    return text if text is not None and text.strip() else None


def _read(path: str, name: str) -> bytes:
    """The bytes of a plan: standard input or a regular file, within the limit of a plan."""
    try:
        return read_stdin(PLAN, name) if path == STDIN else read(path, PLAN, name)
    except HerstelcheckError as exc:
        raise PlanError(exc.diagnostics) from None


EXPLANATION = "toelichting"
"""The key of a section's free text (plan format 1.1)."""


def path_join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


@cache
def _shape(tp: Any) -> tuple[Any, Any, tuple[Any, ...], bool]:
    """What the reader needs to know of a field type, worked out once per type:
    the type without `| None`, its origin (list, dict) and arguments, and whether it
    is a section of the plan (a dataclass read key by key)."""
    tp = unwrap_optional(tp)
    section = (
        isinstance(tp, type) and dataclasses.is_dataclass(tp) and tp not in (PlanDate, MoneyOrText)
    )
    return tp, typing.get_origin(tp), typing.get_args(tp), section


@cache
def _required(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("required"))


@cache
def _text_fields(cls: type) -> frozenset[str]:
    """The fields of a section that hold plain text (`str | None`)."""
    return frozenset(k for k, tp in field_types(cls).items() if unwrap_optional(tp) is str)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.diagnostics: list[Diagnostic] = []
        self.places: dict[str, Mark] = {}
        self.key_places: dict[str, Mark] = {}
        self.has_errors = False
        self.term_notes: str | None = None
        """The `toelichting` under `termijnen`, which is no term."""

    def error(self, mark: Mark, message: str) -> None:
        self.has_errors = True
        self.diagnostics.append(Diagnostic(self.name, mark.line, mark.column, "error", message))

    def warning(self, mark: Mark, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.name, mark.line, mark.column, "warning", message))

    def value(self, tp: Any, node: Node, path: str) -> Any:
        """Convert a node to the type `tp`; None (and an error) when it cannot."""
        tp, origin, args, is_section = _shape(tp)
        self.places[path] = node.mark
        if isinstance(node, Scalar) and node.tag == NULL:
            return [] if origin is list else {} if origin is dict else None
        if origin is list:
            return self.sequence(args[0], node, path)
        if origin is dict:
            key_type, value_type = args
            return self.mapping(key_type, value_type, node, path)
        if is_section:
            return self.dataclass(tp, node, path)
        if not isinstance(node, Scalar):
            self.error(node.mark, f"'{path}' must be {_expected(tp)}, not {describe(node)}")
            return None
        try:
            return self.scalar(tp, node)
        except ValueError as exc:
            self.error(node.mark, f"'{path}' {exc}")
            return None

    def scalar(self, tp: Any, node: Scalar) -> Any:
        text = node.value
        if tp is str:
            return text
        if tp is Money:
            return Money(values.parse_money(text))
        if tp is MoneyOrText:
            return values.parse_money_or_text(text)
        if tp is PlanDate:
            return values.parse_date(text)
        if tp is bool:
            return values.parse_bool(text)
        if tp is float:
            return values.parse_number(text)
        if tp is Term:
            return values.parse_term(text)
        if isinstance(tp, type) and issubclass(tp, Enum):
            normal = "-".join(text.strip().lower().split())
            for member in tp:
                if member.value == normal:
                    return member
            allowed = ", ".join(m.value for m in tp)
            raise ValueError(f"must be one of {allowed} (got '{excerpt(text)}')")
        raise TypeError(f"no reader for {tp!r}")  # pragma: no cover - model error

    def sequence(self, item_type: Any, node: Node, path: str) -> list[Any]:
        if not isinstance(node, Sequence):
            self.error(
                node.mark,
                f"'{path}' must be a list ({_list_hint(item_type)}), not {describe(node)}",
            )
            return []
        result = []
        for index, item in enumerate(node.items, start=1):
            value = self.value(item_type, item, f"{path}[{index}]")
            if value is not None:
                result.append(value)
        return result

    def mapping(self, key_type: Any, value_type: Any, node: Node, path: str) -> dict[Any, Any]:
        if not isinstance(node, Mapping):
            self.error(node.mark, f"'{path}' must be a mapping, not {describe(node)}")
            return {}
        result: dict[Any, Any] = {}
        for key_node, value_node in node.pairs:
            if not isinstance(key_node, Scalar):
                self.error(key_node.mark, f"the keys of '{path}' must be plain text")
                continue
            if key_type is Term and key_node.value.strip() == EXPLANATION:
                self.term_notes = self.explanation(value_node, path_join(path, EXPLANATION))
                self.key_places[path_join(path, EXPLANATION)] = key_node.mark
                continue
            if key_type is Term:
                try:
                    key: Any = values.parse_term(key_node.value)
                except ValueError as exc:
                    self.error(key_node.mark, f"a key of '{path}' {exc}")
                    continue
                sub = path_join(path, key.value)
            else:
                key = key_node.value.strip()
                sub = path_join(path, key)
            if key in result:
                self.error(key_node.mark, f"'{sub}' is given twice")
                continue
            self.key_places[sub] = key_node.mark
            if value_type is Uitzondering:
                value = self.waiver(value_node, sub)
            else:
                value = self.value(value_type, value_node, sub)
            if value is not None:
                result[key] = value
        return result

    def explanation(self, node: Node, path: str) -> str | None:
        """A `toelichting` kept outside a section's fields (the one under `termijnen`)."""
        value = self.value(str, node, path)
        return value if isinstance(value, str) else None

    def waiver(self, node: Node, path: str) -> Uitzondering | None:
        """An exception: a justification string, or a mapping with `reden` and `geldig_tot`."""
        if isinstance(node, Scalar):
            self.places[path] = node.mark
            reason = node.value.strip() if node.tag != NULL else ""
            if not reason:
                self.error(node.mark, f"'{path}' needs a justification")
                return None
            return Uitzondering(reden=node.value)
        waiver = self.value(Uitzondering, node, path)
        if isinstance(waiver, Uitzondering):
            if not (waiver.reden or "").strip():
                self.error(node.mark, f"'{path}' needs a justification in 'reden'")
                return None
            if waiver.geldig_tot is not None and waiver.geldig_tot.year is None:
                mark = self.places.get(f"{path}.geldig_tot", node.mark)
                self.error(
                    mark,
                    f"'{path}.geldig_tot' must be a date such as 2022-12-31 "
                    f"(got '{excerpt(waiver.geldig_tot.text)}')",
                )
                return None
        return waiver if isinstance(waiver, Uitzondering) else None

    def dataclass(self, cls: type, node: Node, path: str) -> Any:
        if not isinstance(node, Mapping):
            keys = ", ".join(f.name for f in dataclasses.fields(cls))
            where = f"'{path}'" if path else "a plan"
            self.error(
                node.mark,
                f"{where} must be a mapping with keys such as {keys}, not {describe(node)}",
            )
            return None
        hints = field_types(cls)
        texts = _text_fields(cls)
        kwargs: dict[str, Any] = {}
        for key_node, value_node in node.pairs:
            if not isinstance(key_node, Scalar):
                self.error(key_node.mark, "keys must be plain text")
                continue
            key = key_node.value
            sub = path_join(path, key)
            if key not in hints:
                self.unknown_key(key, key_node.mark, path, list(hints))
                continue
            self.key_places[sub] = key_node.mark
            if key in texts and type(value_node) is Scalar and value_node.tag != NULL:
                self.places[sub] = value_node.mark  # text as it stands: the common case
                kwargs[key] = value_node.value
                continue
            value = self.value(hints[key], value_node, sub)
            if value is not None:
                kwargs[key] = value
        for name in _required(cls):
            if path and not _present(kwargs.get(name)):
                self.error(node.mark, f"'{path}' needs a '{name}'")
        return cls(**kwargs)

    def unknown_key(self, key: str, mark: Mark, path: str, known: list[str]) -> None:
        where = f"in '{path}'" if path else "in the plan"
        message = f"unknown key '{excerpt(key)}' {where}"
        self.warning(mark, message + hint(key.lower(), known, "known keys"))


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True


def _expected(tp: Any) -> str:
    if tp is str:
        return "text"
    if tp in (Money, MoneyOrText):
        return "an amount of money or text" if tp is MoneyOrText else "an amount of money"
    if tp is PlanDate:
        return "a date"
    if tp is bool:
        return "yes or no"
    if tp is float:
        return "a number"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of " + ", ".join(m.value for m in tp)
    return "a single value"


def _list_hint(item_type: Any) -> str:
    if dataclasses.is_dataclass(item_type):
        keys = ", ".join(f.name for f in dataclasses.fields(item_type))
        return f"each entry a mapping with {keys}"
    return f"each entry {_expected(item_type)}"
