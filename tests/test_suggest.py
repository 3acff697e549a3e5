"""The "did you mean" hint."""

from __future__ import annotations

from herstelcheck.suggest import hint


def test_the_closest_known_word_is_suggested():
    assert hint("fail_undr", ["lang", "fail_under"]) == "; did you mean 'fail_under'?"


def test_without_a_close_word_the_known_words_are_listed_when_named():
    assert hint("xyz", ["json", "sarif"], "formats") == " (formats: json, sarif)"


def test_without_a_close_word_or_a_listing_there_is_no_hint():
    assert hint("xyz", iter(["json", "sarif"])) == ""
