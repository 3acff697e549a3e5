"""Money, terms, dates and yes/no as people write them."""

from __future__ import annotations

import datetime as dt
import doctest

import pytest
import yaml

from conftest import DATA
from herstelcheck import scoring, values
from herstelcheck.model import PlanDate, Term


def _table(name: str) -> list[tuple[str, object]]:
    data = yaml.safe_load((DATA / "values" / name).read_text(encoding="utf-8"))
    return list(data.items())


@pytest.mark.parametrize(("text", "expected"), _table("money.yaml"))
def test_money(text: str, expected: float | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="write it as one of"):
            values.parse_money(text)
    else:
        assert values.parse_money(text) == pytest.approx(expected)


def test_money_error_shows_value_and_forms() -> None:
    with pytest.raises(ValueError) as info:
        values.parse_money("veel geld")
    assert "'veel geld'" in str(info.value)
    assert "€ 1.200.000" in str(info.value)


@pytest.mark.parametrize(("text", "expected"), _table("terms.yaml"))
def test_terms(text: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="must be one of kort, middellang, lang"):
            values.parse_term(text)
    else:
        assert values.parse_term(text) is Term(expected)


@pytest.mark.parametrize(("text", "shown"), _table("dates-shown.yaml"))
def test_a_date_is_shown_in_the_readers_language(text: str, shown: dict[str, str]) -> None:
    date = values.parse_date(text)
    assert {lang: date.show(lang) for lang in ("nl", "en")} == shown
    assert date.text == text  # what the plan wrote is kept (the JSON report gives it)


@pytest.mark.parametrize(("text", "expected"), _table("dates.yaml"))
def test_dates(text: str, expected: list[int | None] | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="not a date that exists"):
            values.parse_date(text)
        return
    date = values.parse_date(text)
    assert date.text == text
    if expected:
        assert [date.year, date.month, date.day] == expected
    else:
        assert date.year is None


@pytest.mark.parametrize(
    ("date", "last"),
    [
        (PlanDate("2022-12", 2022, 12), dt.date(2022, 12, 31)),
        (PlanDate("2024-02", 2024, 2), dt.date(2024, 2, 29)),
        (PlanDate("2022", 2022), dt.date(2022, 12, 31)),
        (PlanDate("2022-06-15", 2022, 6, 15), dt.date(2022, 6, 15)),
        (PlanDate("voorjaar"), None),
    ],
)
def test_last_day_of_a_date(date: PlanDate, last: dt.date | None) -> None:
    assert date.last_day() == last


@pytest.mark.parametrize("text", ["ja", "Yes", "true", "J", "waar"])
def test_yes(text: str) -> None:
    assert values.parse_bool(text) is True


@pytest.mark.parametrize("text", ["nee", "No", "false", "onwaar"])
def test_no(text: str) -> None:
    assert values.parse_bool(text) is False


def test_neither_yes_nor_no() -> None:
    with pytest.raises(ValueError, match="must be yes or no"):
        values.parse_bool("misschien")


@pytest.mark.parametrize("module", [values, scoring])
def test_doctests(module: object) -> None:
    failures, tried = doctest.testmod(module)  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0
