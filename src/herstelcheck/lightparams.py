"""Convert plain command-line values without loading Typer's validation layer.

Recent Typer releases convert every option value (even one left at its default) through
a pydantic `TypeAdapter`, built on first use. Importing pydantic and building the
adapters costs more than a whole audit of one plan. The options of herstelcheck are
plain: text, paths, choices, numbers within a range, lists of text. This module gives
each parameter a small converter for those that returns exactly what Typer would; any
value it does not recognise as valid (and any parameter of another type) is handed to
Typer's own conversion, so errors keep Typer's wording.

`LightGroup` and `LightCommand` are the Typer classes of the application's group and
commands; they install the converters when the command line is parsed. With a Typer
that has no such layer, they change nothing.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")

Convert = Callable[[Any, Any], Any]
"""(value, click context) -> the converted value; raises _Defer when unsure."""


class _Defer(Exception):
    """The value is left to Typer's own conversion."""


class _Light:
    """Gives the parameters of a command, its help option included, light converters."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            _install(param)
        return params


class LightGroup(_Light, TyperGroup):
    """The Typer group class of the application."""


class LightCommand(_Light, TyperCommand):
    """The Typer command class of each command (`@app.command(cls=LightCommand)`)."""


def _install(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or getattr(param, "_runtime_param", "absent") is not None:
        return  # a Typer without the layer, or a conversion already chosen
    convert = converter(descriptor.annotation, descriptor.parameter_info)
    if convert is not None:
        param._runtime_param = _LightConversion(convert)


class _LightConversion:
    """Stands in for Typer's runtime conversion of one parameter."""

    def __init__(self, convert: Convert) -> None:
        self.convert = convert

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multiple = param.multiple or param.nargs == -1
        if value is None:
            return () if multiple else None
        try:
            if multiple:
                if isinstance(value, str) or not isinstance(value, (list, tuple)):
                    raise _Defer
                return [self.convert(item, ctx) for item in value]
            return self.convert(value, ctx)
        except _Defer:
            param._runtime_param = None  # Typer builds its own conversion now
            return param.get_runtime_param().coerce(value, param=param, ctx=ctx)


def converter(annotation: Any, info: Any) -> Convert | None:
    """A light converter for values of `annotation`, or None to leave all to Typer."""
    if get_origin(annotation) is list:
        args = get_args(annotation)
        return converter(args[0], info) if len(args) == 1 else None
    if get_origin(annotation) is not None or getattr(info, "parser", None) is not None:
        return None
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(list(annotation), info.case_sensitive)
    if annotation in (int, float):
        return _number(annotation, info)
    if isinstance(annotation, type) and issubclass(annotation, Path):
        return _path(annotation, info)
    return None


def _text(value: Any, ctx: Any) -> str:
    if not isinstance(value, str):
        raise _Defer
    return value


def _flag(value: Any, ctx: Any) -> bool:
    if not isinstance(value, bool):
        raise _Defer
    return value


def _choice(choices: list[Enum], case_sensitive: bool) -> Convert:
    def convert(value: Any, ctx: Any) -> Enum:
        if isinstance(value, Enum) and value in choices:
            return value
        if not isinstance(value, str):
            raise _Defer
        wanted = _normal(value, case_sensitive, ctx)
        for choice in choices:
            if _normal(str(choice.value), case_sensitive, ctx) == wanted:
                return choice
        raise _Defer

    return convert


def _normal(text: str, case_sensitive: bool, ctx: Any) -> str:
    normalize = getattr(ctx, "token_normalize_func", None)
    if normalize is not None:
        text = normalize(text)
    return text if case_sensitive else text.casefold()


def _number(kind: type, info: Any) -> Convert:
    pattern = _INT if kind is int else _FLOAT

    def convert(value: Any, ctx: Any) -> Any:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise _Defer
        number = kind(value)
        if (info.min is not None and number < info.min) or (
            info.max is not None and number > info.max
        ):
            raise _Defer  # Typer says what the range is, or clamps
        return number

    return convert


def _path(kind: type, info: Any) -> Convert | None:
    if info.resolve_path or info.allow_dash or info.path_type not in (None, kind):
        return None

    def convert(value: Any, ctx: Any) -> Path:
        if not isinstance(value, str) or not value:
            raise _Defer
        try:
            mode = os.stat(value).st_mode
        except ValueError:  # a NUL in the name
            raise _Defer from None
        except OSError:
            if info.exists:
                raise _Defer from None
            return kind(value)  # type: ignore[no-any-return]
        if (
            (not info.file_okay and stat.S_ISREG(mode))
            or (not info.dir_okay and stat.S_ISDIR(mode))
            or (info.readable and not os.access(value, os.R_OK))
            or (info.writable and not os.access(value, os.W_OK))
        ):
            raise _Defer
        return kind(value)  # type: ignore[no-any-return]

    return convert
