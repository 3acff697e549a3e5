"""Running many plans: the garbage collector is tuned for the batch and restored after."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist
from herstelcheck import run as runner


def test_the_collector_threshold_is_restored_after_a_run():
    before = gc.get_threshold()
    seen = []
    run = runner.audit_paths(
        [str(EXAMPLES)],
        checklist.load(),
        today=dt.date(2021, 7, 1),
        sink=lambda d: None,
        on_report=lambda report: seen.append(gc.get_threshold()),
    )
    assert len(run.reports) == len(seen) == 3
    assert all(threshold[0] >= 50_000 for threshold in seen)
    assert gc.get_threshold() == before


def test_the_collector_threshold_is_restored_when_a_run_fails():
    before = gc.get_threshold()

    def fail(report):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        runner.audit_paths(
            [str(EXAMPLES)],
            checklist.load(),
            today=dt.date(2021, 7, 1),
            sink=lambda d: None,
            on_report=fail,
        )
    assert gc.get_threshold() == before


def test_each_plan_is_let_go_before_the_next_is_read(monkeypatch, tmp_path):
    """`Audit` keeps no report: when a plan is read, no earlier plan or report is alive
    (as long as the caller does not keep it)."""
    from generated import write_plans

    write_plans(tmp_path, 5)
    alive: list[weakref.ref[object]] = []
    at_each_read: list[int] = []
    load_file = runner.load_file

    def reading(name):
        gc.collect()
        at_each_read.append(sum(ref() is not None for ref in alive))
        return load_file(name)

    monkeypatch.setattr(runner, "load_file", reading)
    with runner.start(
        [str(tmp_path)], checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    ) as plans:
        for report in plans:
            alive.append(weakref.ref(report))
            del report
    assert at_each_read == [0, 0, 0, 0, 0]
    assert len(alive) == 5


def test_a_run_keeps_what_its_end_needs(write_plan):
    bad = write_plan("gemeente: [\n", name="kapot.yaml")
    warned = write_plan(
        "gemeente: X\ntitel: Y\nuitzonderingen:\n  '99':\n    reden: geen\n",
        name="waarschuwing.yaml",
    )
    seen = []
    with runner.start(
        [str(bad), str(warned), "/geen/map/plan.yaml"],
        checklist.load(),
        today=dt.date(2021, 7, 1),
        sink=seen.append,
    ) as plans:
        files = [report.file for report in plans]
    assert files == [str(warned)]
    assert [d.file for d in plans.errors] == [str(bad), "/geen/map/plan.yaml"]
    assert [d.file for d in plans.warnings] == [str(warned)]
    assert seen == [plans.errors[0], plans.warnings[0], plans.errors[1]]
    run = runner.audit_paths(
        [str(bad), str(warned), "/geen/map/plan.yaml"],
        checklist.load(),
        today=dt.date(2021, 7, 1),
        sink=lambda d: None,
    )
    assert [d.format() for d in run.errors] == [d.format() for d in plans.errors]
