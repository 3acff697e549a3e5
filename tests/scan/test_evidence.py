"""Hits, negations and quotes: sentences end where Dutch sentences end, a negation counts
within its clause only, and a quote is a sentence or two with the signal marked."""

from __future__ import annotations

import pytest

from herstelcheck import checklist
from herstelcheck.scan import evidence
from herstelcheck.scan.passages import Passage
from herstelcheck.scan.run import compile_signals
from herstelcheck.signals import Compiled


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_signals(checklist.load())


def _hits(text: str, compiled: Compiled) -> list[evidence.Hit]:
    return evidence.find([Passage(text, "paragraph", 2, None, 0)], compiled)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eén zin. Twee zinnen!", ["Eén zin.", "Twee zinnen!"]),
        ("Bijv. dit blijft één zin. En dit niet.", ["Bijv. dit blijft één zin.", "En dit niet."]),
        (
            "Wethouder J. de Wit en o.a. KHN doen mee.",
            ["Wethouder J. de Wit en o.a. KHN doen mee."],
        ),
        (
            "Zie blz. 12 voor meer. Daarna volgt 2022.",
            ["Zie blz. 12 voor meer.", "Daarna volgt 2022."],
        ),
        ("Geen punt aan het eind", ["Geen punt aan het eind"]),
    ],
)
def test_sentences(text, expected):
    assert [text[a:b] for a, b in evidence.sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "negation"),
    [
        ("Een terugvalscenario is niet opgesteld.", "niet"),
        ("Er is geen draaiboek.", "geen"),
        ("Een draaiboek ontbreekt.", "ontbreekt"),
        ("We werken zonder draaiboek.", "zonder"),
        ("Er is geen plan, maar wel een draaiboek.", None),  # a comma ends the clause
        ("Het draaiboek beschrijft wat we doen als winkels niet open mogen.", None),
        ("Niet alleen een draaiboek, ook een crisisteam.", None),  # niet alleen ... ook
        ("Een draaiboek hebben we zeker.", None),
    ],
)
def test_a_negation_counts_within_its_clause(compiled, text, negation):
    wanted = ("terugvalscenario.draaiboek", "terugvalscenario.beschrijving")
    hit = next(h for h in _hits(text, compiled) if h.criterion in wanted)
    assert hit.negation == negation


def test_a_signal_inside_a_longer_one_gives_way(compiled):
    criteria = {hit.criterion for hit in _hits("Onze langetermijnvisie is helder.", compiled)}
    assert criteria == {"dynamiek.visie"}
    hits = _hits("Wethouder X is bestuurlijk trekker.", compiled)
    assert {h.criterion for h in hits} == {"trekker.bestuurlijk"}


def test_a_quote_marks_the_signal_and_takes_a_short_sentence_with_the_next(compiled):
    text = "Inleiding van het plan. Een draaiboek ligt klaar. Het is van maart 2021. Meer."
    hit = next(h for h in _hits(text, compiled) if h.criterion == "terugvalscenario.draaiboek")
    quote = evidence.quote(hit)
    assert quote.text == "Een draaiboek ligt klaar. Het is van maart 2021."
    assert quote.mark is not None
    assert quote.text[quote.mark[0] : quote.mark[1]] == "draaiboek"


def test_a_long_sentence_is_cut_around_the_signal():
    text = " ".join(["woord"] * 200) + " draaiboek " + " ".join(["woord"] * 200) + "."
    start = text.index("draaiboek")
    quote = evidence.cut(text, 0, len(text), (start, start + 9))
    assert len(quote.text) <= evidence.QUOTE_LENGTH + 4
    assert quote.text.startswith("… ") and quote.text.endswith(" …")
    assert quote.mark is not None
    assert quote.text[quote.mark[0] : quote.mark[1]] == "draaiboek"


def test_headings_are_no_evidence(compiled):
    heading = Passage("Terugvalscenario", "heading", 1, None, 0)
    assert evidence.find([heading], compiled) == []
