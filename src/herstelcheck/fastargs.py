"""Read an ordinary `herstelcheck audit` command line without loading Typer.

Importing Typer takes about as long as a whole audit of one plan, and an audit is what
pre-commit hooks and CI jobs run on every change. So the entry point first offers the
command line to `parse`, which understands the plain forms of the audit's options and
returns the same `AuditArgs` the Typer command would build. Anything else (help, the
version, another command, an unknown or misspelt option, a value that is not valid, a
form it does not read such as `-fjson`) gets None, and Typer reads the command line as
always, with its own help and error messages. A test keeps this table and the Typer
command in step, and compares both readings of many command lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from herstelcheck.audit_command import AuditArgs
from herstelcheck.formats import OutputFormat
from herstelcheck.i18n import LANGUAGES


class _Unsure(Exception):
    """The command line is left to Typer."""


def _text(value: str) -> str:
    return value


def _path(value: str) -> Path:
    if not value or "\0" in value:
        raise _Unsure
    return Path(value)


def _choice(kind: type[Enum] | Sequence[str]) -> Callable[[str], Any]:
    values = {str(getattr(c, "value", c)).casefold(): c for c in kind}

    def convert(value: str) -> Any:
        try:
            return values[value.casefold()]
        except KeyError:
            raise _Unsure from None

    return convert


_SCORE = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _score(value: str) -> float:
    if not _SCORE.fullmatch(value) or not 0 <= float(value) <= 100:
        raise _Unsure
    return float(value)


FLAG = None
"""The converter of an option that takes no value."""

OPTIONS: dict[str, tuple[str, Callable[[str], Any] | None, bool]] = {
    # option: (field of AuditArgs, converter of its value or FLAG, repeatable)
    "--format": ("format", _choice(OutputFormat), False),
    "-f": ("format", _choice(OutputFormat), False),
    "--output": ("output", _path, False),
    "-o": ("output", _path, False),
    "--report": ("report", _text, True),
    "--lang": ("lang", _choice(LANGUAGES), False),
    "--checklist": ("checklist", _path, False),
    "--fail-under": ("fail_under", _score, False),
    "--require": ("require", _text, True),
    "--config": ("config", _path, False),
    "--no-config": ("no_config", FLAG, False),
    "--date": ("date", _text, False),
    "--template": ("template", _path, False),
}
"""Every option of `audit`, as the Typer command declares it."""

ROOT_FLAGS = ("--debug",)
"""Options of `herstelcheck` itself that may come before `audit`."""


def parse(args: Sequence[str]) -> AuditArgs | None:
    """The audit command line `args` (without the program name) read, or None when it
    is not an audit command line, or not one this reader is sure of."""
    index = 0
    while index < len(args) and args[index] in ROOT_FLAGS:
        index += 1
    if index == len(args) or args[index] != "audit":
        return None
    try:
        return _audit(args[index + 1 :])
    except _Unsure:
        return None


def _audit(args: Sequence[str]) -> AuditArgs:
    values: dict[str, Any] = {}
    lists: dict[str, list[Any]] = {"paths": [], "report": [], "require": []}
    rest = iter(args)
    for token in rest:
        if token == "--":
            lists["paths"].extend(rest)
            break
        if not token.startswith("-") or token == "-":
            lists["paths"].append(token)
            continue
        name, equals, attached = token.partition("=")
        if not name.startswith("--"):
            name, equals, attached = token, "", ""
        try:
            field, convert, repeatable = OPTIONS[name]
        except KeyError:
            raise _Unsure from None  # help, an unknown option, or `-fjson`
        if convert is FLAG:
            if equals:
                raise _Unsure
            values[field] = True
            continue
        value = attached if equals else next(rest, None)
        if value is None or (not equals and value.startswith("-") and value != "-"):
            raise _Unsure  # no value, or an option where the value should be
        if repeatable:
            lists[field].append(convert(value))
        else:
            values[field] = convert(value)
    values.update((name, tuple(items)) for name, items in lists.items())
    return AuditArgs(**values)
