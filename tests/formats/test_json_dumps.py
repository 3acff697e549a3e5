"""The JSON encoder writes exactly what `json.dumps(..., indent=2)` writes, and more safely."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA, EXAMPLES
from herstelcheck import checklist
from herstelcheck import run as runner
from herstelcheck.formats import RenderOptions
from herstelcheck.formats import json as json_format
from herstelcheck.textsafe import JSON_UNSAFE


def _reference(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _run() -> runner.AuditRun:
    return runner.audit_paths(
        [str(EXAMPLES)], checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_report_of_the_examples_is_what_json_dumps_writes(lang):
    run = _run()
    document = json_format.document(run, lang)
    assert json_format.dumps(document) == _reference(document)
    rendered = json_format.render(run, RenderOptions(lang=lang))
    assert rendered == _reference(document) + "\n"
    assert json.loads(rendered) == document


RUNS = {
    "examples": [str(EXAMPLES)],
    "no plans": [],
    "only unreadable plans": [str(DATA / "plans" / "invalid"), "/geen/plan.yaml"],
    "plans, errors and warnings": [str(EXAMPLES), str(DATA / "plans"), "/geen/plan.yaml"],
}


@pytest.mark.parametrize("paths", RUNS.values(), ids=list(RUNS))
def test_the_writer_writes_the_document_plan_by_plan(paths):
    """The pieces of `Writer`, as a streamed run writes them, are `render`'s text and
    the text of `document`."""
    run = runner.audit_paths(
        paths, checklist.load(), today=dt.date(2021, 7, 1), sink=lambda d: None
    )
    writer = json_format.Writer(run.checklist, run.today, RenderOptions(lang="en"))
    start = writer.start()
    assert start.endswith('"plans": ')
    pieces = [start, *(writer.plan(report) for report in run.reports)]
    pieces.append(writer.end(run.errors, [d for r in run.reports for d in r.warnings]))
    text = "".join(pieces)
    assert text == _reference(json_format.document(run, "en")) + "\n"
    assert text == json_format.render(run, RenderOptions(lang="en"))


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(keys, inner, max_size=5)
        | st.tuples(inner, inner)
    ),
    max_leaves=40,
)


@given(documents)
def test_any_value_is_written_as_json_dumps_writes_it(data):
    assert json_format.dumps(data) == _reference(data)


@given(st.lists(scalars, max_size=5))
def test_an_iterator_is_written_as_a_list(items):
    assert json_format.dumps({"x": iter(items)}) == _reference({"x": items})


def test_subclasses_of_json_types_are_written_as_their_base():
    class Word(str):
        pass

    class Amount(float):
        pass

    data = {Word("k"): [Word("v"), Amount(2.5), True, math.inf]}
    assert json_format.dumps(data) == _reference(data)


def test_values_json_cannot_write_are_refused():
    with pytest.raises(TypeError):
        json_format.dumps({"date": dt.date(2021, 7, 1)})
    with pytest.raises(TypeError):
        json_format.dumps({(1, 2): "tuple key"})


def test_invisible_and_bidirectional_characters_are_escaped():
    text = json_format.dumps({"naam": "a\u202eb\x85c\u2028d\x7f"})
    assert "\\u202e" in text and "\\u0085" in text and "\\u2028" in text and "\\u007f" in text
    assert JSON_UNSAFE.search(text) is None
