"""The JSON Schema of the plan format: valid, complete, and in step with the loader.

Every case file under `data/schema/valid/` must be accepted by both the loader and the
schema; every file under `data/schema/invalid/` must be an error to the loader (the one
its `# expect:` line names) and be rejected by the schema. The examples and the `init`
template must pass the schema too.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, Draft202012Validator

from conftest import DATA, EXAMPLES
from herstelcheck import schema, values
from herstelcheck.plan import PlanError, load_text
from herstelcheck.template import render
from modelwalk import model_keys

CASES = DATA / "schema"
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
TIMESTAMP = "tag:yaml.org,2002:timestamp"
BOOL = "tag:yaml.org,2002:bool"


class Yaml11(yaml.SafeLoader):
    """YAML 1.1 as PyYAML reads it, but dates stay text (JSON has no dates)."""


Yaml11.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Yaml12(Yaml11):
    """Closer to YAML 1.2, as editors read it: only true and false are yes/no values."""


Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != BOOL]
    for first, resolvers in Yaml11.yaml_implicit_resolvers.items()
}
Yaml12.add_implicit_resolver(
    BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def as_json(value: Any) -> Any:
    """A loaded YAML value as JSON data: keys as text, numbers JSON can hold."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def documents(text: str) -> list[Any]:
    """The plan as JSON data, read as YAML 1.1 and as YAML 1.2 would."""
    return [as_json(yaml.load(text, Loader=loader)) for loader in (Yaml11, Yaml12)]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(schema.build())


def schema_errors(validator: Draft202012Validator, text: str) -> list[str]:
    found = []
    for document in documents(text):
        found += [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    return found


def rejected_by_both_readings(validator: Draft202012Validator, text: str) -> bool:
    return all(not validator.is_valid(document) for document in documents(text))


def test_the_schema_is_valid_draft_2020_12():
    built = schema.build()
    assert built["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(built)


def test_the_schema_keeps_to_keywords_draft_7_reads_the_same_way():
    built = schema.build()
    Draft7Validator.check_schema({**built, "$schema": "http://json-schema.org/draft-07/schema#"})
    text = json.dumps(built)
    for keyword in ("$ref", "$defs", "prefixItems", "unevaluated", "dependent", "$dynamic"):
        assert keyword not in text


def test_every_key_of_the_format_is_in_the_schema_with_a_dutch_description():
    described = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                assert sub.get("description"), name
                described.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema.build())
    assert {name for _, name in model_keys()} <= described


def test_descriptions_come_from_the_model():
    built = schema.build()
    vorm = built["properties"]["organisatie"]["properties"]["vorm"]
    assert vorm["description"].startswith("Hoe het herstel is georganiseerd")
    assert vorm["examples"] == ["bestaande-organisatie"]
    assert {"enum": ["bestaande-organisatie", "aparte-herstelorganisatie"]} in vorm["anyOf"]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_cases_pass_the_loader_and_the_schema(path: Path, validator):
    text = path.read_text(encoding="utf-8")
    _, warnings = load_text(text, path.name)
    assert warnings == []
    assert schema_errors(validator, text) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_cases_fail_the_loader_and_the_schema(path: Path, validator):
    text = path.read_text(encoding="utf-8")
    expected = re.match(r"# expect: (.+)\n", text)
    assert expected, "each invalid case says the error it expects on its first line"
    with pytest.raises(PlanError) as raised:
        load_text(text, path.name)
    messages = [d.message for d in raised.value.diagnostics if d.severity == "error"]
    assert any(expected.group(1) in m for m in messages), messages
    assert rejected_by_both_readings(validator, text)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_examples_pass_the_schema(path: Path, validator):
    assert schema_errors(validator, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("gemeente", [None, "'s-Hertogenbosch"])
def test_the_template_passes_the_schema(lang, gemeente, validator):
    assert schema_errors(validator, render(lang, gemeente)) == []


def test_an_unknown_key_is_a_loader_warning_and_a_schema_error(validator):
    text = "gemeente: X\ntitel: Y\nterugvalscenarion:\n  beschrijving: z\n"
    _, warnings = load_text(text, "plan.yaml")
    assert "did you mean 'terugvalscenario'" in warnings[0].message
    assert any("terugvalscenarion" in e for e in schema_errors(validator, text))


# --- the patterns agree with the loader's readers --------------------------------------

MONEY_PARTS = [*"0123456789" * 2, ".", ",", " ", "+", "-", "€", "eur", "EUR", "euro", "euros"]
MONEY_PARTS += ["mln", "mln.", "k", "M", "miljoen", "mld", ",-", "e", "x", "  ", "_"]


def _beyond_floats(text: str) -> bool:
    """A number in scientific notation too large for a float (`1e310`): of a form the
    pattern accepts, with a size that no pattern can check; the loader refuses it."""
    scientific = re.fullmatch(r"\s*[+-]?\d+(\.\d+)?[eE][+-]?\d+\s*", text)
    return scientific is not None and math.isinf(float(text))


def _accepts(reader: Any, text: str) -> bool:
    try:
        reader(text)
    except ValueError:
        return False
    return True


@settings(deadline=None)
@given(st.lists(st.sampled_from(MONEY_PARTS), min_size=1, max_size=9).map("".join))
@example("1e308")
@example("1e310")
def test_money_pattern_accepts_what_the_loader_accepts(text):
    loader = _accepts(values.parse_money, text)
    matches = re.search(schema.MONEY_PATTERN, text) is not None
    if loader:
        assert matches
    elif "_" not in text and not _beyond_floats(text):
        # the schema is lenient about '_' beside a multiplier or a space
        assert not matches


@settings(deadline=None)
@given(st.lists(st.sampled_from(MONEY_PARTS[:-10]), min_size=1, max_size=9).map("".join))
def test_number_pattern_matches_the_loader(text):
    assert (re.search(schema.NUMBER_PATTERN, text) is not None) == _accepts(
        values.parse_number, text
    )


TERM_PARTS = ["kort", "korte", "Short", "middel", "lang", "lange", "middellang", "long", "mid"]
TERM_PARTS += ["medium", "term", "termijn", " ", "-", "_", "x", "LANG", "e"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(TERM_PARTS), min_size=1, max_size=5).map("".join))
def test_term_pattern_matches_the_loader(text):
    assert (re.search(schema.TERM_PATTERN, text) is not None) == _accepts(values.parse_term, text)


@settings(deadline=None)
@given(st.sampled_from(sorted(values._YES | values._NO | {"misschien", "1", "0", "jaa"})))
def test_yes_no_pattern_matches_the_loader(word):
    for text in (word, word.upper(), f" {word.title()} "):
        assert (re.search(schema.BOOL_PATTERN, text) is not None) == _accepts(
            values.parse_bool, text
        )


DATE_PARTS = [*"0123456789" * 2, "-", " ", "mei", "Dec.", "T", "x", "2021", "12", "."]


@settings(deadline=None)
@given(st.lists(st.sampled_from(DATE_PARTS), min_size=1, max_size=7).map("".join))
def test_date_pattern_matches_the_dates_a_waiver_may_end_on(text):
    try:
        has_year = values.parse_date(text).year is not None
    except ValueError:
        return  # a date that does not exist: the loader's error, beyond a pattern
    assert (re.search(schema.DATE_PATTERN, text) is not None) == has_year


# --- the command -----------------------------------------------------------------------


def test_schema_command_prints_the_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    assert json.loads(result.stdout) == schema.build()


def test_schema_command_writes_a_file(cli, tmp_path):
    target = tmp_path / "herstelcheck-plan.schema.json"
    target.write_text("old", encoding="utf-8")
    result = cli("schema", "-o", str(target))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == schema.build()


def test_schema_command_reports_a_file_it_cannot_write(cli, tmp_path):
    result = cli("schema", "-o", str(tmp_path / "nee" / "schema.json"))
    assert result.exit_code == 2, result
    assert "cannot write" in result.stderr
    assert result.stdout == ""


# --- editors read the patterns as JavaScript (ECMA-262) regular expressions -------------

SAMPLES = [
    "€ 1.200.000", "1.200.000", "€ 1,2 mln", "2 miljoen", "250.000,50", "€ 250.000,-",
    "1,200,000.50", "1 200 000", "EUR 5000", "5000 euros", "1_000", "veel geld", "1.2.3",
    "kort", "korte termijn", "Middel-lange termijn", "LONG TERM", "binnenkort",
    "ja", "Nee", "true", "misschien", "bestaande organisatie", "Aparte-Herstelorganisatie",
    "2022-12-31", "2022-12", "12 mei 2022", "dec. 2022", "31-12-2022", "2022", "tot de zomer",
    "", " ", "x",
]  # fmt: skip


def _patterns(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                found.add(value)
            else:
                found |= _patterns(value)
    elif isinstance(node, list):
        for value in node:
            found |= _patterns(value)
    return found


@pytest.mark.slow
def test_patterns_work_the_same_in_javascript(tmp_path):
    import subprocess

    from external import program

    node = program("node")
    patterns = sorted(_patterns(schema.build()))
    script = tmp_path / "check.js"
    script.write_text(
        "const {patterns, samples} = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "console.log(JSON.stringify(patterns.map(p => {\n"
        "  const rx = new RegExp(p, 'u');\n"
        "  return samples.map(s => rx.test(s));\n"
        "})));\n",
        encoding="utf-8",
    )
    request = json.dumps({"patterns": patterns, "samples": SAMPLES})
    done = subprocess.run(
        [node, str(script)], input=request, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    in_javascript = json.loads(done.stdout)
    in_python = [[re.search(p, s) is not None for s in SAMPLES] for p in patterns]
    assert in_javascript == in_python
    assert any(any(row) for row in in_python)
