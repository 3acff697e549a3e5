"""The word matcher: normalised words, compounds by prefix or suffix, phrases of several
words, and the longest entry deciding a text's one class."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA
from herstelcheck.wordmatch import Vocabulary, normalise, words

SMALL = yaml.safe_load((DATA / "wordmatch" / "small.yaml").read_text(encoding="utf-8"))
VOCABULARY = Vocabulary(
    tuple((name, tuple(entries)) for name, entries in SMALL["vocabulary"].items())
)


@pytest.mark.parametrize(("text", "expected"), SMALL["cases"], ids=[c[0] for c in SMALL["cases"]])
def test_each_text_gets_one_class(text, expected):
    assert VOCABULARY.classify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geïnventariseerd", "geinventariseerd"),
        ("ÉÉN café", "een cafe"),
        ("Straße", "strasse"),
    ],
)
def test_normalise_drops_case_and_diacritics(text, expected):
    assert normalise(text) == expected


def test_words_split_at_everything_that_is_not_a_letter_or_digit():
    assert words("Ondernemers-vereniging (KHN), 2021/22!") == [
        "ondernemers",
        "vereniging",
        "khn",
        "2021",
        "22",
    ]
    assert words("a_b") == ["a", "b"]


def test_an_entry_with_diacritics_matches_text_without():
    vocabulary = Vocabulary((("cultuur", ("café",)),))
    assert vocabulary.classify("Cafe De Zwaan") == "cultuur"


BUNDLED = yaml.safe_load((DATA / "wordmatch" / "bundled.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "expected"), BUNDLED, ids=[c[0] or "empty" for c in BUNDLED])
def test_the_bundled_sector_classes(text, expected):
    from herstelcheck import checklist

    assert checklist.load().sectors.classify(text) == expected


def test_every_bundled_class_has_a_case():
    from herstelcheck import checklist

    assert set(checklist.load().sectors.names) <= {case[1] for case in BUNDLED}
