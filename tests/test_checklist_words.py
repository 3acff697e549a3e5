"""The words of the bundled checklist: plural forms that agree with the number, and
sentences for people that name no plan key (the key is a field of its own)."""

from __future__ import annotations

import dataclasses
import re
import typing

import pytest
import yaml

from conftest import DATA
from herstelcheck import checklist, planwords
from herstelcheck.audit import CriterionResult
from herstelcheck.checklist import Criterion, Text, check_plan_path, key_of
from herstelcheck.i18n import LANGUAGES
from herstelcheck.model import (
    Bron,
    MoneyOrText,
    Niveau,
    OrganisatieVorm,
    Plan,
    PlanDate,
    Term,
    field_types,
    unwrap_optional,
)
from herstelcheck.planwords import Words

CHECKLIST = checklist.load()
CRITERIA = [c for item in CHECKLIST.items for c in item.criteria]
PLURALS = yaml.safe_load((DATA / "checklists" / "plurals.yaml").read_text(encoding="utf-8"))


def _format_fields() -> dict[str, bool]:
    """`Class.field` of every field of the plan format -> whether it holds a list: the
    dataclasses reachable from `Plan`, but not the values written as one scalar (a date,
    an amount or a text)."""
    found: dict[str, bool] = {}
    todo: list[typing.Any] = [Plan]
    done: set[typing.Any] = set()
    while todo:
        cls = todo.pop()
        if cls in done:
            continue
        done.add(cls)
        for field, tp in field_types(cls).items():
            tp = unwrap_optional(tp)
            found[f"{cls.__name__}.{field}"] = typing.get_origin(tp) is list
            for inner in typing.get_args(tp) or (tp,):
                inner = unwrap_optional(inner)
                if (
                    isinstance(inner, type)
                    and dataclasses.is_dataclass(inner)
                    and inner not in (PlanDate, MoneyOrText)
                ):
                    todo.append(inner)
    return found


FIELDS = _format_fields()
KEY_NAMES = {owner.split(".", 1)[1] for owner in FIELDS}
"""Every key of the plan format (`afdelingen`, `raad_informeren`, ...)."""
VALUES = {str(v.value) for kind in (Term, OrganisatieVorm, Bron, Niveau) for v in kind}
"""Every value the plan format knows (`middellang`, `bestaande-organisatie`, ...)."""

SAMPLE = {
    "min": "3",
    "total": "3",
    "missing": Words("naam en functie", "name and role"),
    "unknown": Words("'ruimte' (actie 2)", "'ruimte' (action 2)"),
    "value": Words("een aparte herstelorganisatie", "a separate recovery organisation"),
}
"""Details as the kinds give them, for every placeholder but {found}."""

PARENTHESISED_PLURAL = re.compile(r"\((en|s|nen|y/ies|ies|e?n)\)")
DOTTED_PATH = re.compile(r"[a-z_]+(\[\])?\.[a-z_]")
QUOTED_WORD = re.compile(r"'([^' ]+)'")
KEY_IN_PARENTHESES = re.compile(r"\((\w+)[:)]")


def _texts(criterion: Criterion, found: int, lang: str) -> dict[str, str]:
    """The criterion's title, message and advice as a report shows them, for a plan in
    which it found `found`."""
    details = {**SAMPLE, "found": str(found)}
    failed = CriterionResult(criterion, False, None, None, details)
    passed = CriterionResult(criterion, True, None, None, details)
    return {
        "title": passed.message(lang),
        "message": failed.message(lang),
        "advice": failed.advice(lang),
    }


def _key_words(text: str, lang: str = "nl") -> list[str]:
    """What in `text` reads as a plan key: a dotted path, `[]`, a key with an underscore,
    a key of the format in quotes or parentheses, or a value of the format in quotes (in
    English: a term as the plan writes it, `middellang`)."""
    found = [m.group() for m in DOTTED_PATH.finditer(text)]
    found += ["[]"] if "[]" in text else []
    found += [w for w in re.findall(r"\b\w+_\w+\b", text) if w in KEY_NAMES]
    found += [w for w in QUOTED_WORD.findall(text) if w in KEY_NAMES]
    found += [w for w in KEY_IN_PARENTHESES.findall(text) if w in KEY_NAMES]
    found += [w for w in QUOTED_WORD.findall(text) if w in VALUES]
    if lang == "en":
        found += [w for w in re.findall(r"\w+", text) if w in {t.value for t in Term}]
    return found


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
@pytest.mark.parametrize("found", [0, 1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_reads_as_words_for_people(criterion, found, lang):
    for name, text in _texts(criterion, found, lang).items():
        assert "{" not in text and "}" not in text, (name, text)
        assert not PARENTHESISED_PLURAL.search(text), (name, text)
        assert _key_words(text, lang) == [], (name, text)


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
def test_the_texts_without_a_count_name_no_plan_key_either(criterion):
    for text in (criterion.title, criterion.message, criterion.advice):
        for lang in LANGUAGES:
            for form in {text.get(lang), text.for_count(lang, 1)}:
                assert not PARENTHESISED_PLURAL.search(form), form
                assert _key_words(form, lang) == [], form


@pytest.mark.parametrize("ident", list(PLURALS))
@pytest.mark.parametrize("found", [0, 1, 2])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_noun_and_verb_agree_with_the_number(ident, found, lang):
    criterion = next(c for c in CRITERIA if c.id == ident)
    details = {**PLURALS[ident]["details"], "found": str(found)}
    result = CriterionResult(criterion, False, None, None, details)
    assert result.message(lang) == PLURALS[ident][found][lang]


def test_every_message_with_a_count_has_plural_forms_and_a_test():
    counted = {
        c.id for c in CRITERIA if "{found}" in c.message.nl or "{found}" in (c.message.nl_one or "")
    }
    assert counted == set(PLURALS)
    for criterion in CRITERIA:
        if criterion.id in counted:
            assert criterion.message.nl_one and criterion.message.en_one, criterion.id


@pytest.mark.parametrize("criterion", CRITERIA, ids=[c.id for c in CRITERIA])
def test_every_criterion_has_a_key_of_the_plan_format(criterion):
    assert criterion.key
    assert check_plan_path(criterion.key) is None
    result = CriterionResult(criterion, False, None, None)
    assert result.key == criterion.key


KEYS = yaml.safe_load((DATA / "checklists" / "keys.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", KEYS, ids=[case["name"] for case in KEYS])
def test_a_key_is_taken_from_the_params(case):
    assert key_of(case["params"]) == case["key"]


def test_a_text_picks_its_form_by_the_count():
    text = Text("{found} acties", "{found} actions", "{found} actie", None)
    assert [text.for_count("nl", n) for n in (0, 1, 2, None)] == [
        "{found} acties",
        "{found} actie",
        "{found} acties",
        "{found} acties",
    ]
    assert text.for_count("en", 1) == "{found} actions"  # English has a single form here
    assert text.get("nl") == "{found} acties"
    assert text.has_forms and not Text("a", "b").has_forms


def test_words_for_the_keys_of_the_plan_format():
    missing = [owner for owner in FIELDS if owner not in planwords._NAMES]
    assert missing == [], "give these fields a name in planwords._NAMES"
    lists = [owner for owner, listed in FIELDS.items() if listed and owner in planwords._NAMES]
    unnamed = [owner for owner in lists if owner not in planwords._ENTRIES]
    assert unnamed == [], "give the entries of these lists a name in planwords._ENTRIES"
    assert set(planwords._NAMES) <= set(FIELDS), "a name for a field the format lacks"


@pytest.mark.parametrize(
    ("paths", "nl", "en"),
    [
        (["trekker.ambtelijk.naam", "trekker.ambtelijk.functie"], ["naam", "functie"], None),
        (
            ["termijnen.kort.doel", "termijnen.middellang.doel"],
            ["de korte termijn", "de middellange termijn"],
            ["the short term", "the medium term"],
        ),
        (
            ["termijnen.kort.doel", "termijnen.lang.horizon"],
            ["doel van de korte termijn", "horizon van de lange termijn"],
            ["goal of the short term", "horizon of the long term"],
        ),
        (["dynamiek.herijking"], ["herijking"], ["revision"]),
        (["organisatie.vorm", "financiering.extra_middelen"], ["vorm", "extra middelen"], None),
    ],
)
def test_paths_are_told_apart_in_words(paths, nl, en):
    words = planwords.names(tuple(paths))
    assert [w.nl for w in words] == nl
    if en is not None:
        assert [w.en for w in words] == en


@pytest.mark.parametrize(
    ("path", "nl", "en"),
    [
        ("acties[2].behoefte", "actie 2", "action 2"),
        ("netwerk.stakeholders[3].sector", "partij 3", "party 3"),
        ("trekker.raad_informeren", "informatie aan de raad", "informing the council"),
    ],
)
def test_a_place_in_the_plan_in_words(path, nl, en):
    assert planwords.place(path) == Words(nl, en)


def test_lists_are_joined_with_commas_and_a_last_en():
    parts = [Words("a", "a"), Words("b", "b"), Words("c", "c")]
    assert planwords.listing(parts) == Words("a, b en c", "a, b and c")
    assert planwords.listing(parts[:2]) == Words("a en b", "a and b")
    assert planwords.listing(parts[:1]) == Words("a", "a")
