"""The inputs of the YAML test suite (yaml/yaml-test-suite, MIT; see the README.md in
tests/data/yaml-test-suite/): every one is audited or answered with a clean error.

The suite holds the corners of YAML that parsers get wrong: tabs, odd indentation,
directives, anchors, complex keys, flow and block mixed, invalid documents. Whatever
PyYAML makes of them, herstelcheck must stay in control.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
import yaml

from conftest import DATA
from herstelcheck import yamlload
from herstelcheck.errors import HerstelcheckError
from herstelcheck.plan import PlanError, load_bytes
from hostile import assert_clean_stderr, read_bundled_checklist_once

SUITE = DATA / "yaml-test-suite"
INPUTS = sorted(SUITE.glob("*.yaml"))
REFUSED_TAGS = {"2XXW.yaml": "!!set", "565N.yaml": "!!binary", "J7PZ.yaml": "!!omap"}
"""Inputs PyYAML constructs but herstelcheck refuses: tags a plan has no use for."""
TEXT_BY_SPEC = {"S4JQ.yaml": ["12", 12, "12"]}
"""Inputs where herstelcheck follows the YAML spec and PyYAML does not: a scalar with the
non-specific tag `!` is text (`! 12` is "12"), with libyaml or without it."""


def test_the_suite_is_complete():
    rows = (SUITE / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert sorted(row.split("\t")[0] + ".yaml" for row in rows) == [p.name for p in INPUTS]
    assert len(INPUTS) == 406


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "python":
        monkeypatch.setattr(yamlload, "_Loader", yaml.SafeLoader)
    elif not yamlload.LIBYAML:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("PyYAML has no libyaml here")
    return str(request.param)


def test_every_input_loads_or_fails_cleanly(parser):
    """One test over all inputs (a test per input costs more than the loading)."""
    unclean = []
    for path in INPUTS:
        try:
            load_bytes(path.read_bytes(), path.name)
        except PlanError as exc:
            errors = [d for d in exc.diagnostics if d.severity == "error"]
            if not errors or not all(d.line >= 1 and d.column >= 1 for d in errors):
                unclean.append((path.name, exc.diagnostics))
        except Exception as exc:  # noqa: BLE001 - what the test looks for
            unclean.append((path.name, repr(exc)))
    assert unclean == []


def test_the_command_line_on_the_whole_suite(cli, monkeypatch):
    read_bundled_checklist_once(monkeypatch)
    names = [str(p) for p in INPUTS]
    result = cli("audit", "-f", "json", *names)
    assert result.exit_code == 2, result  # no input of the suite is a plan
    assert_clean_stderr(result.stderr)
    report = json.loads(result.stdout)
    audited = {p["file"] for p in report["plans"]}
    failed = {e["file"] for e in report["errors"]}
    assert audited | failed == set(names)
    assert not audited & failed


# --- the composer agrees with PyYAML's wherever both read an input ------------------

_DATE = "<date>"
_NAN = "<nan>"


def _ours(node: yamlload.Node) -> Any:
    if isinstance(node, yamlload.Mapping):
        return {_ours(k): _ours(v) for k, v in node.pairs}
    if isinstance(node, yamlload.Sequence):
        return [_ours(item) for item in node.items]
    if node.tag == yamlload.TIMESTAMP:
        return _DATE
    value = yamlload.scalar_value(node)
    return _NAN if isinstance(value, float) and math.isnan(value) else value


def _theirs(value: Any) -> Any:
    if isinstance(value, dict):
        return {_theirs(k): _theirs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_theirs(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return _DATE
    if isinstance(value, float) and math.isnan(value):
        return _NAN
    return value


def _constructed(path: Any) -> tuple[bool, Any]:
    """What PyYAML's safe loader (with libyaml, as herstelcheck uses) makes of an input."""
    loader = yaml.CSafeLoader if yamlload.LIBYAML else yaml.SafeLoader
    try:
        return True, yaml.load(path.read_bytes(), Loader=loader)
    except (yaml.YAMLError, ValueError, TypeError):
        return False, None


CONSTRUCTED = {path.name: _constructed(path) for path in INPUTS}
COMPARABLE = [path for path in INPUTS if CONSTRUCTED[path.name][0]]


def test_most_inputs_are_compared():
    assert len(COMPARABLE) > 200


def test_the_composer_agrees_with_pyyaml():
    """Aliases, merge keys, complex keys, block scalars and the YAML 1.1 types come out
    as PyYAML constructs them (dates left as text, which both sides mark alike)."""
    disagree = []
    for path in COMPARABLE:
        data = path.read_bytes()
        try:
            document = yamlload.parse(yamlload.read_bytes(data, path.name), path.name)
        except HerstelcheckError as exc:
            tag = REFUSED_TAGS.get(path.name)
            if not tag or f"the tag {tag} is not allowed" not in str(exc):
                disagree.append((path.name, str(exc)))
            continue
        ours = None if document.root is None else _ours(document.root)
        if path.name in TEXT_BY_SPEC:
            if ours != TEXT_BY_SPEC[path.name]:
                disagree.append((path.name, ours))
        elif ours != _theirs(CONSTRUCTED[path.name][1]):
            disagree.append((path.name, ours))
    assert disagree == []
