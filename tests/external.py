"""External programs for the slow tests: skipped when missing, unless CI requires them."""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRE_SLOW = os.environ.get("HERSTELCHECK_REQUIRE_SLOW") == "1"


def need(what: str, available: bool) -> None:
    """Skip the test when `what` is not available, or fail it when
    HERSTELCHECK_REQUIRE_SLOW=1."""
    if available:
        return
    message = f"'{what}' is not installed"
    if REQUIRE_SLOW:
        pytest.fail(f"{message}, and HERSTELCHECK_REQUIRE_SLOW=1 requires it")
    pytest.skip(message)


def program(name: str) -> str:
    """The path of `name`; a missing program skips the test, or fails it when
    HERSTELCHECK_REQUIRE_SLOW=1."""
    path = shutil.which(name)
    need(name, path is not None)
    assert path is not None
    return path
