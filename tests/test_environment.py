"""What a run takes from its surroundings: the audit date, colour, the terminal's width."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from herstelcheck import environment
from herstelcheck.environment import audit_date, color, terminal_width
from herstelcheck.errors import UsageError


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_date_option_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert audit_date("2021-06-30") == dt.date(2021, 6, 30)


def test_source_date_epoch_then_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625011200")
    assert audit_date(None) == dt.date(2021, 6, 30)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert audit_date(None) == dt.date.today()


@pytest.mark.parametrize(
    ("value", "epoch", "message"),
    [
        ("30-06-2021", None, "--date must be a date such as 2021-06-30 (got '30-06-2021')"),
        (None, "gisteren", "SOURCE_DATE_EPOCH must be a number of seconds (got 'gisteren')"),
        (None, "9" * 30, "SOURCE_DATE_EPOCH must be a number of seconds"),
    ],
)
def test_a_bad_date_is_a_usage_error(monkeypatch, value, epoch, message):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        audit_date(value)


@pytest.mark.parametrize(
    ("environ", "terminal", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"TERM": "dumb"}, True, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour(monkeypatch, environ, terminal, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    stream = Terminal() if terminal else io.StringIO()
    assert color(stream) is expected


def test_no_width_when_not_a_terminal_or_it_does_not_say():
    assert terminal_width(io.StringIO()) is None
    assert terminal_width(Terminal()) is None  # a terminal without a file descriptor


class _Screen(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_is_terminal_is_false_for_anything_but_a_terminal():
    closed = io.StringIO()
    closed.close()  # its isatty() raises ValueError
    assert environment.is_terminal(_Screen())
    assert not environment.is_terminal(io.StringIO())
    assert not environment.is_terminal(closed)
    assert not environment.is_terminal(object())  # type: ignore[arg-type]
