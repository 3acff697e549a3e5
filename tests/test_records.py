"""Records: frozen after construction, dataclasses in every other way."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from herstelcheck import (
    audit,
    audit_command,
    checklist,
    compare,
    config,
    criteria,
    errors,
    formats,
    memo,
    model,
    reports,
    require,
)
from herstelcheck.formats import diff_common
from herstelcheck.records import record


@record
class Point:
    """A record for the tests (module level, so that pickle finds it)."""

    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)


def test_a_record_is_built_like_a_dataclass():
    point = Point(1)
    assert (point.x, point.y, point.tags) == (1, 0, [])
    assert dataclasses.is_dataclass(point)
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "tags"]
    assert dataclasses.asdict(point) == {"x": 1, "y": 0, "tags": []}
    assert repr(point) == "Point(x=1, y=0, tags=[])"


@pytest.mark.parametrize(
    "change",
    [
        lambda p: setattr(p, "x", 2),
        lambda p: setattr(p, "unknown", 2),
        lambda p: delattr(p, "y"),
        lambda p: delattr(p, "unknown"),
    ],
)
def test_a_record_refuses_every_change(change):
    point = Point(1, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        change(point)
    assert (point.x, point.y) == (1, 2)


def test_replace_copy_and_pickle_make_new_records():
    point = Point(1, 2, ["a"])
    moved = dataclasses.replace(point, y=3)
    assert (moved.x, moved.y) == (1, 3)
    for twin in (copy.copy(point), copy.deepcopy(point), pickle.loads(pickle.dumps(point))):
        assert (twin.x, twin.y, twin.tags) == (1, 2, ["a"])
        with pytest.raises(dataclasses.FrozenInstanceError):
            twin.x = 5


@record(eq=True)
class Pair:
    """A record that compares by value."""

    left: str
    right: list[str] = dataclasses.field(default_factory=list, compare=False)


@record(eq=True)
class Other:
    left: str
    right: list[str] = dataclasses.field(default_factory=list, compare=False)


def test_a_record_with_eq_compares_and_hashes_by_its_compared_fields():
    assert Pair("a", ["x"]) == Pair("a", ["y"])
    assert Pair("a") != Pair("b")
    assert Pair("a") != Other("a")
    assert Pair("a") != ("a",)
    assert hash(Pair("a", ["x"])) == hash(Pair("a", ["y"]))
    assert len({Pair("a"), Pair("a"), Pair("b")}) == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        Pair("a").left = "b"


def test_records_compare_by_identity():
    point = Point(1)
    assert point == point
    assert point != Point(1)
    assert len({point, Point(1)}) == 2


MODULES = [
    model,
    audit,
    checklist,
    compare,
    criteria,
    errors,
    config,
    require,
    reports,
    formats,
    diff_common,
    memo,
    audit_command,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_every_dataclass_of_the_data_modules_is_frozen(module):
    """Plans, checklists and results never change once made: each class is a record or a
    frozen dataclass."""
    classes = [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
    ]
    assert classes
    for cls in classes:
        frozen = cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        assert frozen or cls.__setattr__ is Point.__setattr__, cls
