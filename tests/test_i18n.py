"""The words of the reports: every key in both languages, each word written once."""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
import yaml

from conftest import DATA
from herstelcheck import i18n
from herstelcheck.i18n import t

STATUSES = ("met", "partial", "missing", "waived")
KEYS = tuple(i18n._WORDS)
PLURAL_KEYS = tuple(k for k in KEYS if any(isinstance(v, dict) for v in i18n._WORDS[k].values()))


def _texts(key: str, lang: str) -> list[str]:
    """The text of a word in `lang`, or each of its plural forms."""
    word = i18n._WORDS[key][lang]
    return list(word.values()) if isinstance(word, dict) else [word]


def _fields(key: str, lang: str) -> set[str]:
    return {
        field
        for text in _texts(key, lang)
        for _, field, _, _ in string.Formatter().parse(text)
        if field
    }


@pytest.mark.parametrize("key", KEYS)
def test_every_word_has_both_languages_with_the_same_placeholders(key):
    assert i18n._WORDS[key]["nl"] and i18n._WORDS[key]["en"]
    values = {f for f in _fields(key, "nl") if not f.startswith(("word[", "symbol["))}
    assert values == {f for f in _fields(key, "en") if not f.startswith(("word[", "symbol["))}
    for lang in i18n.LANGUAGES:
        text = t(key, lang, **dict.fromkeys(values, "X"))
        assert "{" not in text and "}" not in text, text


def test_no_word_writes_a_plural_in_parentheses():
    for key in KEYS:
        for lang in i18n.LANGUAGES:
            for text in _texts(key, lang):
                assert not re.search(r"\((en|s|nen|y/ies)\)", text), (key, lang, text)


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_a_plural_word_has_one_and_other_in_both_languages(key):
    for lang in i18n.LANGUAGES:
        forms = i18n._WORDS[key][lang]
        assert isinstance(forms, dict) and set(forms) == set(i18n.PLURAL_FORMS), (key, lang)
        assert forms["one"] != forms["other"]
        one = {f for _, f, _, _ in string.Formatter().parse(forms["one"]) if f}
        other = {f for _, f, _, _ in string.Formatter().parse(forms["other"]) if f}
        assert one == other, (key, lang)
        assert i18n.COUNTED_BY.get(key, "count") in one, (key, lang)


PLURALS = yaml.safe_load((DATA / "i18n" / "plurals.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", PLURAL_KEYS)
def test_each_plural_word_is_tested_with_0_1_and_2(key):
    assert key in PLURALS, f"tests/data/i18n/plurals.yaml has no cases for '{key}'"
    assert set(PLURALS[key]["expected"]) == {0, 1, 2}


@pytest.mark.parametrize(
    ("key", "count", "lang"),
    [(key, n, lang) for key in PLURALS for n in (0, 1, 2) for lang in i18n.LANGUAGES],
)
def test_plural_words_agree_with_their_number(key, count, lang):
    case = PLURALS[key]
    values = {**case.get("values", {}), i18n.COUNTED_BY.get(key, "count"): count}
    assert t(key, lang, **values) == case["expected"][count][lang]


def test_the_plural_rule_is_n_not_one():
    assert [i18n.plural_form(n) for n in (0, 1, 2, 11, 21)] == [
        "other",
        "one",
        "other",
        "other",
        "other",
    ]
    assert i18n.plural_form("1") == "one"
    assert i18n.plural_form("veel") == "other"


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
        "Van de 10 items: 1 voldaan, 2 deels voldaan, 3 ontbrekend en 4 uitgezonderd."
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


def test_values_found_by_a_scan_as_the_language_writes_them():
    assert i18n.value_text(1200000.0, "nl") == "1.200.000"
    assert i18n.value_text(1200000.0, "en") == "1,200,000"
    assert i18n.value_text(2.5, "nl") == "2,5"
    assert i18n.value_text(2.5, "en") == "2.5"
    assert [i18n.value_text(v, "nl") for v in (True, False)] == ["ja", "nee"]
    assert [i18n.value_text(v, "en") for v in (True, False)] == ["yes", "no"]
    assert i18n.value_text("wethouder", "en") == "wethouder"
