"""The memo's data: views in one language, the verdict, and the order of the next steps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

import pytest
import yaml

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck import checklist, memo, scoring
from herstelcheck import run as runner
from herstelcheck.audit import AuditRun

DAY = dt.date(2021, 6, 30)


def audit(*paths: object, today: dt.date = DAY) -> AuditRun:
    return runner.audit_paths(
        [str(p) for p in paths], checklist.load(), today=today, sink=lambda d: None
    )


@pytest.fixture(scope="module")
def examples() -> dict[str, memo.PlanView]:
    context = memo.context(audit(EXAMPLES), "nl")
    return {plan.gemeente: plan for plan in context.plans}


def test_next_steps_put_the_weightiest_first_and_ties_in_checklist_order(examples):
    steps = examples["Lindewaard"].next_steps
    gains = [round(s.criterion.gain, 6) for s in steps]
    assert gains == sorted(gains, reverse=True)
    for first, second in itertools.pairwise(steps):
        if round(first.criterion.gain, 6) == round(second.criterion.gain, 6):
            assert first.item_id <= second.item_id
    assert all(step.criterion.passed is False for step in steps)


def test_next_steps_leave_out_waived_items(examples):
    lindewaard = examples["Lindewaard"]
    waived = [i.id for i in lindewaard.items if i.status == "waived"]
    assert waived == [8]
    assert 8 not in {step.item_id for step in lindewaard.next_steps}


@pytest.mark.parametrize("gemeente", ["Bergakker", "Lindewaard", "Zeeveen"])
def test_the_gains_of_all_steps_add_up_to_what_the_score_lacks(examples, gemeente):
    """The next steps and the advice together are all the plan lacks; an item that only
    its toelichting makes partial holds its 1 of 10 without a criterion passing, so its
    criteria together are worth its whole share."""
    plan = examples[gemeente]
    total = sum(step.criterion.gain for step in plan.next_steps + plan.advice_steps)
    counted = sum(item.weight for item in plan.items if item.status != "waived")
    explained = sum(
        100 * item.weight / counted * scoring.EXPLAINED_SCORE / 10
        for item in plan.items
        if item.explained is not None
    )
    assert total == pytest.approx(100 - plan.score + explained, abs=0.2)


def test_next_steps_are_what_keeps_an_item_from_being_met_and_advice_comes_apart(examples):
    lindewaard = examples["Lindewaard"]
    assert all(step.criterion.blocks for step in lindewaard.next_steps)
    assert [(s.item_id, s.criterion.id) for s in lindewaard.advice_steps] == [
        (2, "ondernemer-centraal.verwijzingen")
    ]
    item = lindewaard.items[1]
    assert item.status == "met" and item.blocking == ()
    assert [c.id for c in item.advice] == ["ondernemer-centraal.verwijzingen"]
    (advice,) = item.advice
    assert advice.role == "aanvullend" and advice.role_text == "aanvullend"
    assert advice.blocks is False and advice.passed is False
    assert item.explained is None and item.alternative is None


def test_an_item_partial_through_its_toelichting_quotes_it(examples):
    item = examples["Bergakker"].items[9]
    assert item.status == "partial" and item.score == 1.0
    assert item.explained is not None
    assert item.explained.section == "terugvalscenario"
    assert item.explained.line == 30
    assert item.explained.quote.startswith("Komt er een nieuwe lockdown, dan zetten we")
    assert item.explained.sentence == (
        "Het plan licht dit toe in 'terugvalscenario', zonder de punten die de checklist "
        f"vraagt: '{item.explained.quote}'"
    )
    assert [c.id for c in item.blocking] == [c.id for c in item.failed]


def test_the_alternative_that_met_an_item(examples):
    item = examples["Zeeveen"].items[5]
    assert item.status == "met" and item.alternative == 0


def test_an_expired_waiver_is_shown_and_its_item_audited():
    context = memo.context(audit(DATA / "markdown" / "hostile.yaml"), "nl")
    (plan,) = context.plans
    by_id = {item.id: item for item in plan.items}
    assert by_id[8].status == "waived" and by_id[8].waiver is not None
    assert by_id[8].waiver.note == "geldig tot 31 december 2022"
    expired = by_id[10].waiver
    assert expired is not None and expired.expired
    assert by_id[10].status == "missing"
    assert expired.note == "verlopen op 31 januari 2020; telt niet meer als uitzondering"
    assert [i.id for i in plan.waivers] == [8, 10]
    assert 10 in {step.item_id for step in plan.next_steps}


@pytest.mark.parametrize(
    ("gemeente", "verdict"),
    [
        ("Zeeveen", "Het voldoet aan elk item van de checklist, of zondert het met reden uit."),
        ("Lindewaard", "Het plan is op weg, maar op meerdere items nog onvolledig."),
        ("Bergakker", "Het plan voldoet nog nauwelijks aan de checklist."),
    ],
)
def test_verdict_follows_the_score(examples, gemeente, verdict):
    assert examples[gemeente].verdict == verdict


def test_dates_are_written_out_in_the_language():
    assert memo.date_view(DAY, "nl") == memo.DateView("2021-06-30", "30 juni 2021")
    assert memo.date_view(DAY, "en") == memo.DateView("2021-06-30", "30 June 2021")


def test_english_views_use_english_words():
    context = memo.context(audit(EXAMPLES / "lindewaard.yaml"), "en")
    (plan,) = context.plans
    assert context.words["heading_steps"] == "Next steps"
    assert plan.items[0].status_line == "partial, score 6.0 out of 10"
    assert plan.score_sentence == "The plan scores 48.3 out of 100."


def test_words_are_the_same_in_both_languages():
    assert memo.labels("nl").keys() == memo.labels("en").keys()
    assert all(memo.labels("en").values())


def test_the_words_of_templates_stay_as_they_are():
    """`words` is what a template of one's own reads: each key and its text, in order."""
    expected = yaml.safe_load((DATA / "markdown" / "words.yaml").read_text(encoding="utf-8"))
    for lang in ("nl", "en"):
        assert list(memo.labels(lang).items()) == list(expected[lang].items())


def test_words_do_not_hide_behind_dict_attributes():
    """A template reads `words.item`; a key named like a dict method would be shadowed."""
    assert not set(memo.labels("nl")) & set(dir(dict))


def _views() -> list[type]:
    classes = [c for c in vars(memo).values() if isinstance(c, type)]
    return [c for c in classes if dataclasses.is_dataclass(c) and c.__module__ == memo.__name__]


def test_docs_describe_every_variable_and_field():
    docs = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    missing = [
        f"{cls.__name__}.{field.name}"
        for cls in _views()
        for field in dataclasses.fields(cls)
        if not re.search(rf"`(\w+\.)*{field.name}`", docs)
    ]
    assert missing == []
    words = [key for key in memo.labels("nl") if f"`{key}`" not in docs]
    assert words == []
