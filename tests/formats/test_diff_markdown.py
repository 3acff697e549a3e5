"""The Markdown of `herstelcheck diff`, compared with the exact expected text."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import DATA, EXAMPLES
from herstelcheck import checklist
from herstelcheck.audit import audit_plan
from herstelcheck.compare import compare
from herstelcheck.formats.diff_common import DiffOptions
from herstelcheck.formats.diff_markdown import render
from herstelcheck.plan import load_text

CHECKLIST = checklist.load()
TEXT = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")


def _report(text: str, name: str):
    loaded, _ = load_text(text, name)
    return audit_plan(loaded, CHECKLIST, today=dt.date(2022, 6, 1))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dropping_the_fallback_scenario(lang):
    old = _report(TEXT, "zeeveen-2021.yaml")
    new = _report(TEXT[: TEXT.index("# Item 10")], "zeeveen-2022.yaml")
    expected = DATA / "expected" / f"diff-zeeveen.{lang}.md"
    assert render(compare(old, new), DiffOptions(lang=lang)) == expected.read_text(encoding="utf-8")
