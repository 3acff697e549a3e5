"""The signals: the bundled file covers every criterion and is valid; each criterion's
cases (tests/data/scan/signal-cases.yaml) match, miss and negate as they say; a broken
signals file is reported with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import DATA
from herstelcheck import checklist
from herstelcheck.scan import evidence, signals
from herstelcheck.scan.passages import Passage

CASES = yaml.safe_load((DATA / "scan" / "signal-cases.yaml").read_text(encoding="utf-8"))
INVALID = sorted((DATA / "scan" / "signals-invalid").glob("*.yaml"))
IDS = [c.id for item in checklist.load().items for c in item.criteria]


@pytest.fixture(scope="module")
def compiled() -> signals.Compiled:
    return signals.load(known=IDS).compiled


def _hits(text: str, compiled: signals.Compiled, criterion: str) -> list[evidence.Hit]:
    found = evidence.find([Passage(text, "paragraph", 1, None, 0)], compiled)
    return [hit for hit in found if hit.criterion == criterion]


def test_every_criterion_has_signals_and_cases():
    bundled = signals.load(known=IDS)
    assert set(bundled.criteria) == set(IDS)
    assert set(CASES) == set(IDS)
    for criterion, cases in CASES.items():
        assert cases.get("match") and cases.get("miss") and cases.get("negated"), criterion


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


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_a_broken_signals_file_is_reported_with_its_place(path: Path):
    text = path.read_text(encoding="utf-8")
    expected = [
        line.split("expect:", 1)[1].strip() for line in text.splitlines() if "expect:" in line
    ]
    with pytest.raises(signals.SignalsError) as caught:
        signals.parse_signals(path.read_bytes(), path.name, IDS)
    shown = [d.format() for d in caught.value.diagnostics]
    assert len(shown) == len(expected), shown
    for line, want in zip(shown, expected, strict=True):
        assert line == f"{path.name}:{want}"


def test_another_checklist_gets_the_bundled_signals():
    from herstelcheck.scan.run import load_signals

    bundled = checklist.load()
    assert load_signals(bundled, bundled=False).signals == signals.load(known=IDS).signals
