"""Diagnostics and the exceptions that carry them.

Every layer raises a subclass of HerstelcheckError; only the command line catches
them, prints their diagnostics on standard error and picks the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
"""The exit codes: done; a plan failed a check the user asked for; could not be done."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem with an input file, in the form compilers use."""

    file: str
    """The file as the user named it ('-' for standard input is shown as '<stdin>')."""
    line: int
    """1-based line, or 0 when the problem has no place in the file."""
    column: int
    """1-based column, or 0 when the problem has no place in the file."""
    severity: Severity
    message: str

    def format(self) -> str:
        """`file:line:col: severity: message` (`file: severity: message` for a problem
        with no place in the file), every part made safe for a terminal, and the message
        cut at MESSAGE_LIMIT characters so that one line stays one line."""
        from herstelcheck.textsafe import excerpt, visible

        place = visible(self.file)
        if self.line:
            place += f":{self.line}:{self.column}"
        return f"{place}: {self.severity}: {visible(excerpt(self.message, MESSAGE_LIMIT))}"


MESSAGE_LIMIT = 1000
"""The most characters of a message that a diagnostic line shows."""


class HerstelcheckError(Exception):
    """Base of the errors that the command line reports without a traceback."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


class UsageError(Exception):
    """A command line that cannot be carried out (exit code 2)."""
