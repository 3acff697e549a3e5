"""The words of the reports: every key in both languages, each word written once."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from herstelcheck import i18n
from herstelcheck.i18n import t

STATUSES = ("met", "partial", "missing", "waived")
KEYS = tuple(i18n._WORDS)


def _fields(key: str, lang: str) -> set[str]:
    text = i18n._WORDS[key][lang]
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", KEYS)
def test_every_word_has_both_languages_with_the_same_placeholders(key):
    assert i18n._WORDS[key]["nl"] and i18n._WORDS[key]["en"]
    values = {f for f in _fields(key, "nl") if not f.startswith(("word[", "symbol["))}
    assert values == {f for f in _fields(key, "en") if not f.startswith(("word[", "symbol["))}
    for lang in i18n.LANGUAGES:
        text = t(key, lang, **dict.fromkeys(values, "X"))
        assert "{" not in text and "}" not in text, text


@pytest.mark.parametrize("key", KEYS)
def test_a_word_names_only_words_that_exist(key):
    for lang in i18n.LANGUAGES:
        for field in _fields(key, lang):
            if field.startswith("word["):
                assert field[len("word[") : -1] in KEYS, (key, field)
            if field.startswith("symbol["):
                assert field[len("symbol[") : -1] in i18n.SYMBOLS, (key, field)


def test_status_names_come_from_one_place():
    assert [t(s, "nl") for s in STATUSES] == ["voldaan", "deels", "ontbreekt", "uitgezonderd"]
    assert [t(s, "en") for s in STATUSES] == ["met", "partial", "missing", "waived"]


def test_sentences_take_the_status_names_from_there():
    counts = {"met": 1, "partial": 2, "missing": 3, "waived": 4}
    assert t("summary", "nl", total=10, score="48,3", **counts) == (
        "10 items: 1 voldaan, 2 deels, 3 ontbreekt, 4 uitgezonderd. Score 48,3 van 100."
    )
    assert t("memo.counts", "nl", total=10, **counts) == (
        "Van de 10 items zijn er 1 voldaan, 2 deels voldaan, 3 ontbrekend en 4 uitgezonderd."
    )
    assert t("memo.legend", "en").startswith("Key: ✔ met, ◐ partial, ✘ missing, ⊘ waived;")
    assert t("diff.no_longer_waived", "nl") == "niet meer uitgezonderd"


def test_another_language_falls_back_to_dutch():
    assert t("waivers", "fr") == "Uitzonderingen"


def test_numbers_and_dates_as_the_language_writes_them():
    assert i18n.number(87.5, "nl") == "87,5"
    assert i18n.number(87.5, "en") == "87.5"
    assert i18n.decimal("+1.5", "nl") == "+1,5"
    assert i18n.long_date(dt.date(2021, 6, 30), "nl") == "30 juni 2021"
    assert i18n.long_date(dt.date(2021, 6, 30), "en") == "30 June 2021"
