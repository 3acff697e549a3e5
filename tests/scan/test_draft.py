"""The draft: whatever a document holds, the draft loads, audits and keeps document text
inside its values (YAML double-quoted strings) and comments (one line each)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herstelcheck import checklist
from herstelcheck.audit import audit_plan
from herstelcheck.plan import load_text
from herstelcheck.scan.draft import comment_text
from herstelcheck.scan.run import compile_signals, scan_read
from herstelcheck.scan.text import Block, Document
from herstelcheck.textsafe import UNSAFE_CHARS

CHECKLIST = checklist.load()
COMPILED = compile_signals(CHECKLIST)
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"


def test_a_comment_is_one_line_whatever_the_text():
    text = "een" + BREAKS + "twee # drie \x1b[2J \u202e"
    shown = comment_text(text)
    assert not any(char in shown for char in BREAKS + "\x1b\u202e")
    assert shown.startswith("een twee # drie")
    assert len(comment_text("x" * 500)) == 200


TEMPLATES = [
    "Wethouder Economie {0} is bestuurlijk trekker van de gemeente {0}.",
    "De ambtelijk trekker is projectleider {0}, vrijgemaakt voor 24 uur per week.",
    "Samen met de {0}, het ROC {0} en de GGD werken we aan herstel.",
    "We gebruiken cijfers van het CBS en {0}; elk kwartaal volgt een dashboard.",
    "Een draaiboek {0} ligt klaar voor een nieuwe lockdown.",
    "We zetten € 1,2 miljoen uit bestaande budgetten in voor {0}.",
    "Op korte termijn, de komende vier weken, richten we ons op {0}.",
    "- {0} (korte termijn): € 250.000",
    "Ondernemers hebben behoefte aan {0} en scholing.",
]
WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(BREAKS + '"#:\\|'),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TEMPLATES), WORDS), min_size=1, max_size=8), WORDS)
def test_any_document_gives_a_draft_that_loads_and_audits(parts, title):
    blocks = [Block(template.format(words), "paragraph") for template, words in parts]
    document = Document("plan.txt", "text", title or None, tuple(blocks))
    try:
        result = scan_read(document, CHECKLIST, COMPILED, draft_name="d.yaml")
    except Exception as exc:  # noqa: BLE001 - only "no text" may stop a scan
        assert "holds no text" in str(exc)
        return
    loaded, warnings = load_text(result.draft, "d.yaml")
    assert warnings == []
    assert loaded.plan.gemeente and loaded.plan.titel
    audit_plan(loaded, CHECKLIST)
    for line in result.draft.splitlines():
        assert not UNSAFE_CHARS.search(line), line


def test_a_draft_says_where_it_came_from_and_what_to_do():
    blocks = (Block("Een draaiboek van de gemeente Testdam ligt klaar.", "paragraph"),)
    result = scan_read(Document("plan.pdf", "text", "Plan", blocks), CHECKLIST, COMPILED)
    lines = result.draft.splitlines()
    assert lines[0].startswith("# Concept van een plan")
    assert lines[1] == "#   plan.pdf"
    assert '  draaiboek: "Een draaiboek van de gemeente Testdam ligt klaar."' in lines
    assert any(line.startswith("# organisatie:") and "TODO" in line for line in lines)


def test_the_draft_in_english():
    blocks = (Block("Een draaiboek van de gemeente Testdam ligt klaar.", "paragraph"),)
    document = Document("plan.md", "markdown", "Plan", blocks)
    result = scan_read(document, CHECKLIST, COMPILED, lang="en")
    assert result.draft.startswith("# Draft of a plan (plan format 1.1)")
    assert "TODO: not found in the document" in result.draft
    assert set(string.ascii_letters) & set(result.draft)
