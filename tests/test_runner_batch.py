"""Running many plans: the garbage collector is tuned for the batch and restored after."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from conftest import EXAMPLES
from herstelcheck import checklist, runner


def test_the_collector_threshold_is_restored_after_a_run():
    before = gc.get_threshold()
    seen = []
    run = runner.run(
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
        runner.run(
            [str(EXAMPLES)],
            checklist.load(),
            today=dt.date(2021, 7, 1),
            sink=lambda d: None,
            on_report=fail,
        )
    assert gc.get_threshold() == before
