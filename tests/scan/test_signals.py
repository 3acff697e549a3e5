"""The signals: every criterion of the bundled checklist has them (its `signalen`) and
cases; each criterion's cases (tests/data/scan/signal-cases.yaml) match, miss and negate
as they say; a checklist brings its own signals. Broken signals are checklist errors
(tests/data/checklists/broken.yaml)."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA, ROOT
from herstelcheck import checklist
from herstelcheck.scan import evidence
from herstelcheck.scan.passages import Passage
from herstelcheck.scan.run import compile_signals
from herstelcheck.signals import Compiled

CASES = yaml.safe_load((DATA / "scan" / "signal-cases.yaml").read_text(encoding="utf-8"))
CRITERIA = [c for item in checklist.load().items for c in item.criteria]


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_signals(checklist.load())


def _hits(text: str, compiled: Compiled, criterion: str) -> list[evidence.Hit]:
    found = evidence.find([Passage(text, "paragraph", 1, None, 0)], compiled)
    return [hit for hit in found if hit.criterion == criterion]


def test_every_criterion_has_signals_and_cases():
    for criterion in CRITERIA:
        assert criterion.signals, criterion.id
        assert all(signal.criterion == criterion.id for signal in criterion.signals)
    assert set(CASES) == {criterion.id for criterion in CRITERIA}
    for criterion, cases in CASES.items():
        assert cases.get("match") and cases.get("miss") and cases.get("negated"), criterion


def test_the_bundled_signals_are_valid_as_the_scan_reads_them():
    read = checklist.load(stems=True)  # forms of one word given twice are refused too
    assert [c.signals for item in read.items for c in item.criteria] == [
        c.signals for c in CRITERIA
    ]


def _each(kind: str) -> list[tuple[str, str]]:
    return [(c, text) for c, cases in CASES.items() for text in cases.get(kind, [])]


@pytest.mark.parametrize(("criterion", "text"), _each("match"))
def test_a_signal_is_found(compiled, criterion, text):
    hits = _hits(text, compiled, criterion)
    assert any(not hit.negated for hit in hits), [h.signal.phrase for h in hits]


@pytest.mark.parametrize(("criterion", "text"), _each("miss"))
def test_a_near_miss_is_not(compiled, criterion, text):
    hits = _hits(text, compiled, criterion)
    assert not [hit for hit in hits if not hit.negated], [h.signal.phrase for h in hits]


@pytest.mark.parametrize(("criterion", "text"), _each("negated"))
def test_a_negation_counts_against(compiled, criterion, text):
    hits = _hits(text, compiled, criterion)
    assert hits and all(hit.negated for hit in hits), [(h.signal.phrase, h.negation) for h in hits]


def test_a_checklist_brings_its_own_signals():
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    playbook = "        signalen:\n          - draaiboek\n          - noodplan\n"
    team = "          - herstelteam\n"
    assert playbook in text and team in text
    text = text.replace(playbook, "        signalen:\n          - noodplan\n")
    text = text.replace(team, team + "          - wederopbouwteam\n")
    custom = checklist.parse_checklist(text.encode("utf-8"), "eigen.yaml")
    compiled = compile_signals(custom)
    assert not _hits("Er ligt een draaiboek klaar.", compiled, "terugvalscenario.draaiboek")
    assert _hits("Er ligt een noodplan klaar.", compiled, "terugvalscenario.draaiboek")
    found = _hits("Een wederopbouwteam pakt het op.", compiled, "structuur-en-middelen.organisatie")
    assert [hit.signal.phrase for hit in found] == ["wederopbouwteam"]


def test_a_criterion_without_signals_has_no_evidence():
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    start = text.index("        signalen:\n", text.index("id: terugvalscenario.draaiboek"))
    end = text.index("      - id: ", start)
    custom = checklist.parse_checklist((text[:start] + text[end:]).encode("utf-8"), "eigen.yaml")
    item = custom.item("terugvalscenario")
    assert item is not None
    assert [c.id for c in item.criteria if not c.signals] == ["terugvalscenario.draaiboek"]
    compiled = compile_signals(custom)
    assert not _hits("Er ligt een draaiboek klaar.", compiled, "terugvalscenario.draaiboek")
