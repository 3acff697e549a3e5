"""The machine-readable, Markdown and HTML reports of the bundled examples, compared with
golden files, so that a change to the house that is meant to change nothing shows that
it changed nothing.

Regenerate on purpose with `HERSTELCHECK_UPDATE_GOLDEN=1 pytest tests/test_golden.py`,
then read the diff before committing it.
"""

from __future__ import annotations

import os

import pytest

from conftest import DATA, EXAMPLES
from herstelcheck import __version__

GOLDEN = DATA / "golden"
UPDATE = os.environ.get("HERSTELCHECK_UPDATE_GOLDEN") == "1"
DATE = "2026-01-01"
CHECKOUT = EXAMPLES.parent.as_uri() + "/"
FORMATS = {
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "github": "txt",
    "markdown": "md",
    "html": "html",
}
PLANS = {
    "bergakker": ["bergakker.yaml"],
    "lindewaard": ["lindewaard.yaml"],
    "zeeveen": ["zeeveen.yaml"],
    "all": ["bergakker.yaml", "lindewaard.yaml", "zeeveen.yaml"],
}
CASES = [
    (name, fmt, lang)
    for name in PLANS
    for fmt in FORMATS
    for lang in (("nl",) if name == "all" else ("nl", "en"))
]


@pytest.mark.parametrize(("name", "fmt", "lang"), CASES)
def test_report_equals_its_golden_file(cli, monkeypatch, name, fmt, lang):
    monkeypatch.chdir(EXAMPLES.parent)
    files = [f"examples/{plan}" for plan in PLANS[name]]
    result = cli("audit", *files, "--format", fmt, "--lang", lang, "--date", DATE, "--no-config")
    assert result.exit_code == 0, result
    # The SARIF log names the folder it ran in: the checkout, wherever that is.
    text = result.stdout.replace(__version__, "VERSION").replace(CHECKOUT, "file:///CHECKOUT/")
    golden = GOLDEN / f"{name}.{lang}.{FORMATS[fmt]}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
