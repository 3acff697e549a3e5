"""Property-based tests: random documents and random damage to the example plans never
give a traceback; the exit code is 0, 1 or 2; every line on stderr is a diagnostic.

The settings are bounded and derandomized (and keep no example database), so the run is
fast and the same every time.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from conftest import EXAMPLES, run_cli
from herstelcheck.errors import HerstelcheckError
from herstelcheck.formats import OutputFormat
from herstelcheck.model import Plan
from herstelcheck.plan import PlanError, field_types, load_bytes, unwrap_optional
from hostile import VERDICT, assert_clean_stderr, read_bundled_checklist_once

# Hypothesis caches what it learns from the source; keep that out of the checkout too.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "herstelcheck-hypothesis")
BOUNDED = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _format_keys() -> list[str]:
    """Every key of the plan format, at any depth."""
    keys: set[str] = set()
    todo: list[Any] = [Plan]
    while todo:
        cls = todo.pop()
        for name, tp in field_types(cls).items():
            keys.add(name)
            tp = unwrap_optional(tp)
            for arg in (tp, *typing.get_args(tp)):
                if dataclasses.is_dataclass(arg) and arg not in todo:
                    todo.append(arg)
    return sorted(keys)


KEYS = _format_keys()
YAML_WORDS = [
    "no", "on", "off", "yes", "y", "n", "~", "null", "010", "0x1F", "0o17", "1:20",
    "2021-02-30", "2021-13-45", "2021-06-24", "2021-06-24T25:61:00", "9999-12", "0000-01",
    ".inf", "-.inf", ".nan",
    "1e400", "1.0e+400", "9" * 400, "kort", "middellang", "lang", "bestaande-organisatie",
    "extra", "output", "€ 1,2 mln", "250.000,50", "<<", "!!bool", "&a", "*a", "---", "...",
]  # fmt: skip
ODD_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            "\x00\x07\x08\x1b\x7f\x85\x9b\u2028\u202e\u2066\ufeff\t\r\n[]:{}#&*!|>'\"%@`"
        ),
    ),
    max_size=30,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(YAML_WORDS),
    ODD_TEXT,
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), ODD_TEXT), inner, max_size=5),
    ),
    max_leaves=15,
)
TOP_KEYS = [f.name for f in dataclasses.fields(Plan)]
PLANS = st.builds(
    lambda required, rest: {**required, **rest},
    st.fixed_dictionaries({"gemeente": SCALARS, "titel": SCALARS}),
    st.dictionaries(st.sampled_from(TOP_KEYS), DOCUMENTS, max_size=6),
)
YAMLISH_TOKENS = st.sampled_from(
    [*KEYS[:20], *YAML_WORDS, ": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "? ", "|", ">",
     "'", '"', "#", "%YAML 1.1", "%TAG ! tag:x,2000:", "&x ", "*x", "!!str ", "!x ",
     "!!python/object:os.system ",
     "\\", "\t", " ", "  ", "\n", "\n  ", "\n    ", "\r\n", "\x00", "\x1b[31m", "\ufeff"]
)  # fmt: skip
YAMLISH = st.lists(YAMLISH_TOKENS, max_size=60).map("".join)
EXAMPLE_BYTES = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]
CHECKLIST_BYTES = [(EXAMPLES.parent / "checklist.yaml").read_bytes()]


@st.composite
def damaged(draw: st.DrawFn, sources: list[bytes]) -> bytes:
    """One of `sources` with random damage: bytes flipped, lines deleted, duplicated or
    re-indented, random bytes inserted, the end cut off."""
    data = draw(st.sampled_from(sources))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        lines = data.split(b"\n")
        kind = draw(st.sampled_from(["flip", "delete", "duplicate", "indent", "insert", "cut"]))
        if kind == "flip" and data:
            at = draw(st.integers(min_value=0, max_value=len(data) - 1))
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
        elif kind == "delete":
            del lines[draw(st.integers(min_value=0, max_value=len(lines) - 1))]
            data = b"\n".join(lines)
        elif kind == "duplicate":
            at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines.insert(at, lines[at])
            data = b"\n".join(lines)
        elif kind == "indent":
            at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            shift = draw(st.sampled_from([b" ", b"  ", b"\t", b"   "]))
            if draw(st.booleans()):
                lines[at] = shift + lines[at]
            else:
                lines[at] = lines[at][len(shift) :]
            data = b"\n".join(lines)
        elif kind == "insert":
            at = draw(st.integers(min_value=0, max_value=len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        else:
            data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    return data


def _dump(document: Any) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode(
        "utf-8", "surrogatepass"
    )


# --- the loader: only its own errors, many examples --------------------------------


def _load(data: bytes) -> None:
    try:
        load_bytes(data, "plan.yaml")
    except PlanError as exc:
        assert exc.diagnostics
        assert all(d.line >= 1 and d.column >= 1 for d in exc.diagnostics)
        assert any(d.severity == "error" for d in exc.diagnostics)


@BOUNDED
@given(PLANS)
def test_random_plans_load_or_fail_cleanly(document):
    _load(_dump(document))


@BOUNDED
@given(YAMLISH)
def test_random_yamlish_text_loads_or_fails_cleanly(text):
    _load(text.encode("utf-8", "surrogatepass"))


@BOUNDED
@given(damaged(EXAMPLE_BYTES))
def test_damaged_examples_load_or_fail_cleanly(data):
    _load(data)


@BOUNDED
@given(st.binary(max_size=200))
def test_random_bytes_load_or_fail_cleanly(data):
    try:
        load_bytes(data, "plan.yaml")
    except HerstelcheckError as exc:
        assert exc.diagnostics


# --- the whole command line ----------------------------------------------------------


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    read_bundled_checklist_once(monkeypatch)


def _audit(data: bytes, fmt: OutputFormat, fail_under: int | None) -> None:
    args = ["audit", "-f", fmt.value, "--date", "2021-07-01", "-", str(EXAMPLES / "zeeveen.yaml")]
    if fail_under is not None:
        args += ["--fail-under", str(fail_under)]
    result = run_cli(args, stdin=data)
    assert result.exit_code in (0, 1, 2), result
    assert_clean_stderr(result.stderr)
    lines = result.stderr.splitlines()
    errors = [line for line in lines if ": error: " in line and not VERDICT.match(line)]
    assert bool(errors) or any(VERDICT.match(line) for line in lines) or result.exit_code != 1
    assert bool(errors) == (result.exit_code == 2), result
    assert all(line.startswith("<stdin>:") for line in errors), result
    if fmt is OutputFormat.JSON:
        report = json.loads(result.stdout)
        assert len(report["plans"]) == (1 if errors else 2)
    if fmt is not OutputFormat.CONCISE:  # zeeveen meets every item: no concise line
        assert "Zeeveen" in result.stdout  # the other plan is still audited


FORMATS = st.sampled_from(list(OutputFormat))
FAIL_UNDER = st.one_of(st.none(), st.integers(min_value=0, max_value=100))


@settings(BOUNDED, max_examples=60)
@given(document=PLANS, fmt=FORMATS, fail_under=FAIL_UNDER)
def test_cli_on_random_plans(quiet, document, fmt, fail_under):
    _audit(_dump(document), fmt, fail_under)


@settings(BOUNDED, max_examples=60)
@given(data=damaged(EXAMPLE_BYTES), fmt=FORMATS, fail_under=FAIL_UNDER)
def test_cli_on_damaged_examples(quiet, data, fmt, fail_under):
    _audit(data, fmt, fail_under)


@settings(BOUNDED, max_examples=40)
@given(text=YAMLISH, fmt=FORMATS)
def test_cli_on_random_yamlish_text(quiet, text, fmt):
    _audit(text.encode("utf-8", "surrogatepass"), fmt, None)


@settings(BOUNDED, max_examples=40)
@given(data=damaged(CHECKLIST_BYTES), fmt=FORMATS)
def test_cli_with_a_damaged_checklist(quiet, tmp_path_factory, data, fmt):
    checklist_file = tmp_path_factory.mktemp("checklist") / "checklist.yaml"
    checklist_file.write_bytes(data)
    args = ["audit", "-f", fmt.value, "--checklist", str(checklist_file)]
    result = run_cli([*args, str(EXAMPLES / "zeeveen.yaml")])
    assert result.exit_code in (0, 2), result
    assert_clean_stderr(result.stderr)
    if result.exit_code == 2:  # the checklist is refused before any plan is read
        assert result.stdout == ""
        assert all(line.startswith(str(checklist_file)) for line in result.stderr.splitlines())
