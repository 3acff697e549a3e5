"""The Markdown of `herstelcheck checklist`, compared with the exact expected text."""

from __future__ import annotations

import pytest

from conftest import DATA
from herstelcheck import checklist
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.checklist_markdown import render

CHECKLIST = checklist.load()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_item(lang):
    item = CHECKLIST.item("trekker")
    assert item is not None
    expected = DATA / "expected" / f"checklist-trekker.{lang}.md"
    assert render(CHECKLIST, [item], RenderOptions(lang=lang)) == expected.read_text(
        encoding="utf-8"
    )
