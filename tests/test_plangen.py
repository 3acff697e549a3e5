"""The plans the benchmark generates: valid, varied, the same for the same seed."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT
from herstelcheck import yamlload
from herstelcheck.plan import load_text

_spec = importlib.util.spec_from_file_location("plangen", ROOT / "bench" / "plangen.py")
assert _spec is not None and _spec.loader is not None
plangen = importlib.util.module_from_spec(_spec)
sys.modules["plangen"] = plangen
_spec.loader.exec_module(plangen)


@pytest.fixture(scope="module")
def plans():
    return list(plangen.generate(40, seed=3))


def test_every_generated_plan_reads_without_errors_or_warnings(plans):
    for index, text in enumerate(plans):
        loaded, warnings = load_text(text, f"plan-{index}.yaml")
        assert warnings == [], (index, warnings)
        assert loaded.plan.gemeente


def test_sizes_run_from_bare_to_full(plans):
    first, *_, last = (load_text(text, "p.yaml")[0].plan for text in plans)
    assert first.organisatie is None and first.acties == []
    assert last.terugvalscenario is not None and last.organisatie is not None
    sizes = sorted(len(text) for text in plans)
    assert sizes[-1] > 10 * sizes[0]


def test_the_same_seed_gives_the_same_plans(plans):
    assert list(plangen.generate(40, seed=3)) == plans
    assert list(plangen.generate(40, seed=4)) != plans


def test_scale_makes_the_lists_longer():
    small = sum(len(t) for t in plangen.generate(20, seed=5, scale=1))
    large = sum(len(t) for t in plangen.generate(20, seed=5, scale=4))
    assert large > 2 * small


@pytest.mark.skipif(not yamlload.LIBYAML, reason="PyYAML was built without libyaml")
def test_both_parsers_read_generated_plans_alike(plans):
    for text in plans[:10]:
        fast = yamlload.parse(text, "p.yaml").root
        pure = yamlload.parse(text, "p.yaml", pure=True).root
        assert _marks(fast) == _marks(pure)


def _marks(node):
    if isinstance(node, yamlload.Scalar):
        return (node.value, node.tag, node.mark)
    if isinstance(node, yamlload.Sequence):
        return [_marks(item) for item in node.items]
    return [(_marks(k), _marks(v)) for k, v in node.pairs]
