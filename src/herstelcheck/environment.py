"""What a run takes from its surroundings: the date of the audit, whether a stream may
show colour, and how wide the terminal is."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import TextIO

from herstelcheck.errors import UsageError


def audit_date(value: str | None) -> dt.date:
    """The date of the audit: `--date`, else SOURCE_DATE_EPOCH, else today."""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise UsageError(f"--date must be a date such as 2021-06-30 (got '{value}')") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH must be a number of seconds (got '{epoch}')"
            ) from None
    return dt.date.today()


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` goes to a terminal (False for a closed stream or one without
    `isatty`)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def color(stream: TextIO) -> bool:
    """Whether `stream` may show colour: NO_COLOR says no, FORCE_COLOR yes; otherwise a
    terminal that is not `dumb`."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def terminal_width(stream: TextIO | None = None) -> int | None:
    """The width of the terminal that `stream` (standard output) goes to, or None when
    it goes elsewhere or the terminal does not say."""
    stream = sys.stdout if stream is None else stream
    if not is_terminal(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except OSError:
        return None
