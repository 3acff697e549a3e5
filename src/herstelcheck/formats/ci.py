"""What the CI formats (SARIF, JUnit XML, GitHub annotations) share: the level of a
finding, and where a plan file lies relative to the current folder.

Level of a failed criterion, the same in SARIF and in GitHub annotations:

- it is **advice** (it does not keep its item from being met: the item is met, or the
  criterion is advisory): ``note``, whatever the item's status;
- otherwise it blocks, and its item is **missing** (no applicable criterion passes):
  ``error``;
- its item is **partial** (some pass, some fail, or only a toelichting speaks of it):
  ``warning``;
- its item is **waived**: the level the item would have had without the waiver
  (reported as suppressed in SARIF, and as one notice per item on GitHub).
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePath
from typing import Literal

from herstelcheck.audit import CriterionResult, ItemResult, Status

Level = Literal["error", "warning", "note"]

STDIN_NAME = "<stdin>"
"""The name under which a plan read from standard input is reported."""

INFORMATION_URI = "https://github.com/herstelcheck/herstelcheck"
"""Where herstelcheck is documented."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def level(item: ItemResult, result: CriterionResult | None = None) -> Level:
    """`note` for a failed criterion that is advice (`result.advisory`); for one that
    keeps its item from being met (or for the item itself, without `result`): `error`
    in a missing item, `warning` in a partial one."""
    if result is not None and result.advisory:
        return "note"
    return "error" if item.unwaived is Status.MISSING else "warning"


def relative_path(file: str, cwd: Path | None = None) -> str | None:
    """The plan file as a `/`-separated path relative to the current folder, or None when
    it lies outside that folder or is standard input."""
    if file == STDIN_NAME:
        return None
    base = str(cwd or Path.cwd())
    absolute = os.path.normpath(os.path.join(base, file))
    try:
        inside = os.path.commonpath([base, absolute]) == os.path.normpath(base)
    except ValueError:  # another drive on Windows
        return None
    if not inside:
        return None
    return PurePath(os.path.relpath(absolute, base)).as_posix()


def absolute_path(file: str, cwd: Path | None = None) -> Path:
    """The plan file as an absolute path (without resolving links)."""
    return Path(os.path.normpath(os.path.join(str(cwd or Path.cwd()), file)))


def without_surrogates(text: str) -> str:
    """Lone surrogates (a file name that is not UTF-8 holds them) replaced by U+FFFD, so
    that the text can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text)
