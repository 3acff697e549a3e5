"""Walk the plan format's dataclasses, for tests that check coverage of the format."""

from __future__ import annotations

import dataclasses
import re
import typing
from typing import Any

from herstelcheck.model import Plan, field_types, unwrap_optional


def model_keys() -> set[tuple[str, str]]:
    """Every (dataclass name, field name) reachable from `Plan`."""
    keys: set[tuple[str, str]] = set()
    todo: list[Any] = [Plan]
    seen: set[Any] = set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, tp in field_types(cls).items():
            keys.add((cls.__name__, name))
            inner = _inner(tp)
            if dataclasses.is_dataclass(inner) and inner.__name__ not in (
                "PlanDate",
                "MoneyOrText",
            ):
                todo.append(inner)
    return keys


def _inner(tp: Any) -> Any:
    tp = unwrap_optional(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        return _inner(typing.get_args(tp)[0])
    if origin is dict:
        return _inner(typing.get_args(tp)[1])
    return tp


def key_of(path: str) -> tuple[str, str] | None:
    """The (dataclass name, field name) a loaded plan's key path stands for."""
    current: Any = Plan
    owner: tuple[str, str] | None = None
    for segment in re.sub(r"\[\d+\]", "", path).split("."):
        current = unwrap_optional(current)
        while typing.get_origin(current) is list:
            current = unwrap_optional(typing.get_args(current)[0])
        if typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
            owner = None
            continue
        types = field_types(current)
        owner = (current.__name__, segment)
        current = types[segment]
    return owner
