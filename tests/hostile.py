"""Helpers for the tests of broken and hostile input (imported by several test modules)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from herstelcheck import checklist
from herstelcheck.textsafe import UNSAFE_CHARS

DIAGNOSTIC = re.compile(r"^.+:\d+:\d+: (error|warning|note): .+$")
"""A diagnostic line: `file:line:col: error: message` (or warning, or note)."""
VERDICT = re.compile(r"^.+: error: (score .+ is under .+ \(--fail-under\)|item \d+ .+)$")
"""A plan that falls short of a threshold: `file: error: score 48,3 is under 60 ...`."""
USAGE_ERROR = re.compile(r"^herstelcheck: error: .+$")
"""A usage error: the command line could not be carried out."""

SENTINEL_CALLS: list[tuple[object, ...]] = []
"""Every call of `touch`: a YAML tag that would run code names it (it must never run)."""


def touch(*args: object) -> str:
    """A function with a side effect for `!!python/object/apply:hostile.touch` to call."""
    SENTINEL_CALLS.append(args)
    return "touched"


def assert_clean_stderr(stderr: str) -> None:
    """Every line of stderr is a diagnostic or a usage error, made safe for a terminal;
    no traceback and no internal error anywhere."""
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    for line in stderr.splitlines():
        assert DIAGNOSTIC.match(line) or USAGE_ERROR.match(line) or VERDICT.match(line), line
        assert not UNSAFE_CHARS.search(line), line


_LOAD_CHECKLIST = checklist.load


@functools.cache
def bundled_checklist() -> checklist.Checklist:
    return _LOAD_CHECKLIST(None)


def read_bundled_checklist_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make `checklist.load()` of the bundled checklist return one copy read once: the
    tests of plans run the command line hundreds of times, some with PyYAML's slow
    pure-Python parser, and the bundled checklist is not what they test."""

    def load(path: str | Path | None = None) -> checklist.Checklist:
        return bundled_checklist() if path is None else _LOAD_CHECKLIST(path)

    monkeypatch.setattr(checklist, "load", load)
