"""Validators for the specifications in `tests/data/specs/` (see its README for their
sources): the official SARIF 2.1.0 JSON Schema and the JUnit XML schema junit-10.xsd.

Nothing is fetched from the network: the SARIF schema's references are all internal, and
a retrieval of any other reference fails loudly instead of going online.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
import xmlschema
from referencing import Registry, Resource

from conftest import DATA

SPECS = DATA / "specs"
SARIF_SCHEMA = SPECS / "sarif-schema-2.1.0.json"
JUNIT_XSD = SPECS / "junit-10.xsd"


def _refuse(uri: str) -> Resource[Any]:
    raise AssertionError(f"the schema tried to fetch {uri!r}; tests never go online")


@functools.cache
def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    validator_class = jsonschema.validators.validator_for(schema)
    assert validator_class is jsonschema.Draft4Validator
    validator_class.check_schema(schema)
    return validator_class(schema, registry=Registry(retrieve=_refuse))


def sarif_errors(document: Any) -> list[str]:
    """Every way `document` breaks the SARIF schema, as readable lines (empty: valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in sarif_validator().iter_errors(document)
    ]


@functools.cache
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(JUNIT_XSD))


@functools.cache
def junit_schema_with_error_element() -> xmlschema.XMLSchema:
    """junit-10.xsd with its `errors` element declared as `error`, as JUnit writes it."""
    text = JUNIT_XSD.read_text(encoding="utf-8")
    fixed = text.replace('name="errors">', 'name="error">').replace(
        'ref="errors"/>', 'ref="error"/>'
    )
    assert fixed.count('"error"') == 2 and fixed.count('"errors"') == text.count('"errors"') - 2
    return xmlschema.XMLSchema(fixed)


def junit_errors(xml: str, schema: xmlschema.XMLSchema | None = None) -> list[str]:
    """Every way `xml` breaks junit-10.xsd (empty: valid)."""
    schema = schema or junit_schema()
    return [f"{error.path}: {error.reason}" for error in schema.iter_errors(xml)]
