"""The word matcher as documents need it: words with their place and stem, phrases found
in a row or written as one compound, and words hyphenated across line ends joined
(cases: tests/data/wordmatch/documents.yaml)."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA
from herstelcheck.wordmatch import Phrase, Phrases, join_hyphenated, stem, tokens, words

CASES = yaml.safe_load((DATA / "wordmatch" / "documents.yaml").read_text(encoding="utf-8"))


def _phrase(entry: str | dict[str, object]) -> Phrase:
    if isinstance(entry, str):
        return Phrase.of(entry)
    return Phrase.of(str(entry["phrase"]), bool(entry.get("whole")))


PHRASES = Phrases([_phrase(entry) for entry in CASES["phrases"]])


@pytest.mark.parametrize(("text", "joined"), CASES["hyphenation"])
def test_words_hyphenated_at_a_line_end_are_joined(text, joined):
    assert join_hyphenated(text) == joined


@pytest.mark.parametrize(("one", "other"), CASES["same_stem"])
def test_forms_of_a_word_share_a_stem(one, other):
    assert stem(words(one)[0]) == stem(words(other)[0])


@pytest.mark.parametrize(("one", "other"), CASES["other_stem"])
def test_other_words_do_not(one, other):
    assert stem(words(one)[0]) != stem(words(other)[0])


@pytest.mark.parametrize(("text", "expected"), CASES["cases"], ids=[c[0] for c in CASES["cases"]])
def test_phrases_are_found_with_their_place(text, expected):
    found = [[PHRASES[i].text, text[start:end]] for i, start, end in PHRASES.find_in(text)]
    assert found == expected


def test_tokens_keep_their_place_in_the_text():
    text = "Wethouder  Ëlla's plan"
    found = tokens(text)
    assert [(t.word, text[t.start : t.end]) for t in found] == [
        ("wethouder", "Wethouder"),
        ("ella", "Ëlla"),
        ("s", "s"),
        ("plan", "plan"),
    ]


def test_a_combining_accent_stays_in_its_word():
    text = "gei\u0308nventariseerd beleid"
    assert [t.word for t in tokens(text)] == ["geinventariseerd", "beleid"]


def test_each_word_is_looked_up_once():
    phrases = Phrases([Phrase.of("draaiboek")])
    text = tokens("draaiboek " * 50)
    assert len(list(phrases.find(text))) == 50
    assert len(phrases._seen) == 1
