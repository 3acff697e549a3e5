"""The JSON Schema of plan format version 1, for editors (`herstelcheck schema`).

The schema is generated from the dataclasses of `model.py`, walked with the same functions
the loader uses (`plan.field_types`, `plan.unwrap_optional`), and its patterns are built
from the loader's own tables of accepted spellings (`values.py`), so the schema and the
loader cannot drift apart. Descriptions are the Dutch texts of the fields.

Choices, documented in the README:

- The schema accepts every file the loader accepts: text may also be written as a number
  or yes/no (the loader reads `versie: 2021.2` as the text "2021.2"), money as a number or
  as text in one of the accepted forms, terms in every spelling the loader takes
  (`korte termijn`, `Short`), and any value may be left empty.
- A key the format does not know is rejected (`additionalProperties: false`): the loader
  warns about it with a "did you mean", and an editor flags it while you type.
- It uses only keywords that mean the same in draft 7 and in draft 2020-12, and no
  `$ref`: the YAML support of most editors implements draft 7, and in draft 7 a
  description beside a `$ref` is ignored.
- Some checks need the whole plan or the calendar and are left to the loader and the
  audit: whether a date exists (`2021-02-30`), the same term written twice in two
  spellings, and whether an action's `behoefte` names a listed need.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from enum import Enum
from typing import Any

from herstelcheck import values
from herstelcheck.model import (
    Money,
    MoneyOrText,
    Plan,
    PlanDate,
    Term,
    Uitzondering,
    explanation_spec,
    field_types,
    unwrap_optional,
)
from herstelcheck.plan import EXPLANATION

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "herstelcheck-plan.schema.json"
"""The file name the README and the template suggest."""

_SPECIAL = set("\\^$.|?*+()[]{}/")


def _ci(word: str) -> str:
    """A pattern for `word` in any case (ECMA-262 patterns have no inline flags)."""
    out = []
    for char in word:
        lower, upper = char.lower(), char.upper()
        if lower != upper and len(lower) == 1 and len(upper) == 1:
            out.append(f"[{lower}{upper}]")
        elif char in _SPECIAL:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _one_of(words: typing.Iterable[str]) -> str:
    """An alternation of words in any case, longest first."""
    return "(?:" + "|".join(_ci(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _whole(pattern: str) -> str:
    """Anchor a pattern to the whole value, with the surrounding spaces the loader strips."""
    return f"^\\s*{pattern}\\s*$"


# --- numbers and money, as values._number and values.parse_money read them ------------
# Underscores may stand anywhere between the digits (the loader removes them).


def _digits(low: int, high: int) -> str:
    """From `low` to `high` digits."""
    count = f"{{{low}}}" if low == high else f"{{{low},{high}}}"
    return f"(?:_*\\d){count}_*"


_SIGN = "_*[+-]?"
_MANY = "(?:_*\\d)+_*"
_NUMBER = (
    "(?:"
    + "|".join(
        [
            # 1.5e6
            f"{_SIGN}{_MANY}(?:\\.{_MANY})?[eE]_*[+-]?{_MANY}",
            # both separators, the comma last: 1.200.000,50
            "(?=[^,]*\\.)[._]*[+-]?[\\d._]*\\d[\\d._]*,[\\d_]*\\d[\\d_]*",
            # both separators, the dot last: 1,200,000.50
            "(?=[^.]*,)[,_]*[+-]?[\\d,_]*\\d[\\d,_]*\\.[\\d_]*\\d[\\d_]*",
            # 1.200.000
            f"{_SIGN}{_digits(1, 3)}(?:\\.{_digits(3, 3)})+",
            # 1,200,000
            f"{_SIGN}{_digits(1, 3)}(?:,{_digits(3, 3)}){{2,}}",
            # 1 200 000,50
            f"{_SIGN}{_digits(1, 3)}(?: {_digits(3, 3)})+(?:[.,]{_MANY})?",
            # 1200000 and 2,5
            f"{_SIGN}{_MANY}(?:[.,]{_MANY})?",
        ]
    )
    + ")"
)
_SHORT_MULTIPLIERS = ("mln.", "mln", "mld.", "mld", "k", "m")
_MONEY = (
    f"(?:(?:€|{_ci('euro')}\\b|{_ci('eur')}\\b)\\s*)?[\\s_]*"
    + _NUMBER
    + "(?:"
    + f"[\\s_]*\\s+{_one_of(values._MULTIPLIERS)}(?:\\s*,-+)?"
    + f"|[\\s_]*{_one_of(_SHORT_MULTIPLIERS)}(?:,-+)?"
    + "|[\\s_]*,-+"
    + ")?"
    + f"(?:[\\s_]*(?:€|{_one_of(('eur', 'euro', 'euros'))}))?[\\s_]*"
)
MONEY_PATTERN = _whole(_MONEY)
NUMBER_PATTERN = _whole(_NUMBER)

# --- terms, yes/no, enums and dates --------------------------------------------------

_SEP = "[-_\\s]*"
_TERM_SUFFIX = _one_of(("termijn", "term"))
TERM_PATTERN = _whole(
    f"(?:{_SEP}{_one_of(values._TERMS)}(?:{_SEP}{_TERM_SUFFIX}|{_SEP})"
    f"|{_ci('middel')}{_SEP}{_ci('lang')}[eE]?(?:{_SEP}{_TERM_SUFFIX})?)"
)
BOOL_PATTERN = _whole(_one_of(values._YES | values._NO))


def _enum_pattern(enum: type[Enum]) -> str:
    forms = ["(?:-|\\s+)".join(_ci(part) for part in str(m.value).split("-")) for m in enum]
    return _whole("(?:" + "|".join(forms) + ")")


def _bare(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$")


DATE_PATTERN = _whole(
    "(?:"
    + "|".join(
        [
            _bare(values._ISO.pattern),
            _bare(values._DUTCH.pattern),
            _bare(values._ISO_MONTH.pattern),
            f"(?:\\d{{1,2}}\\s+)?{_one_of(values._MONTHS)}\\.?\\s+\\d{{4}}",
            _bare(values._YEAR.pattern),
        ]
    )
    + ")"
)
"""A date with at least a year, in a form the loader reads (`geldig_tot` needs one)."""

_EXPLANATION_TEXT: str = explanation_spec().metadata["nl"]
_TERM_WORDS = {Term.KORT: "korte", Term.MIDDELLANG: "middellange", Term.LANG: "lange"}

# --- schemas per type ------------------------------------------------------------------

_SCALAR = ["string", "number", "boolean"]


def _text(required: bool = False) -> dict[str, Any]:
    if required:
        return {"anyOf": [{"type": "string", "pattern": "\\S"}, {"type": _SCALAR[1:]}]}
    return {"type": _SCALAR}


def _choice(canonical: list[str], pattern: str) -> dict[str, Any]:
    """The canonical values (offered for completion) and every spelling the loader reads."""
    return {"anyOf": [{"enum": canonical}, {"type": "string", "pattern": pattern}]}


def _scalar_schema(tp: Any) -> dict[str, Any]:
    if tp is str:
        return _text()
    if tp is Money:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": MONEY_PATTERN}]}
    if tp in (MoneyOrText, PlanDate):
        return {"type": _SCALAR}
    if tp is bool:
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": BOOL_PATTERN}]}
    if tp is float:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_PATTERN}]}
    if tp is Term:
        return _choice([t.value for t in Term], TERM_PATTERN)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _choice([str(m.value) for m in tp], _enum_pattern(tp))
    raise TypeError(f"the schema has no rule for {tp!r}")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema, or an empty value (the loader reads an empty value as not given)."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    if isinstance(kind, list):
        return {**schema, "type": [*kind, "null"]}
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _describe(schema: dict[str, Any], spec: dataclasses.Field[Any]) -> dict[str, Any]:
    described: dict[str, Any] = {"description": spec.metadata["nl"]}
    described.update(schema)
    example = spec.metadata.get("example")
    if example is not None:
        described["examples"] = [example]
    return described


def _value_schema(tp: Any, *, required: bool = False) -> dict[str, Any]:
    """The schema of a field's value, empty allowed unless it is required."""
    tp = unwrap_optional(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        item = _value_schema(typing.get_args(tp)[0])
        return {"type": ["array", "null"], "items": item}
    if origin is dict:
        key_type, value_type = typing.get_args(tp)
        if value_type is Uitzondering:
            return {"type": ["object", "null"], "additionalProperties": _waiver_schema()}
        entry = _value_schema(value_type)
        schema: dict[str, Any] = {"type": ["object", "null"]}
        if key_type is Term:
            schema["properties"] = {
                **{
                    t.value: {"description": f"De {_TERM_WORDS[t]} termijn.", **entry} for t in Term
                },
                EXPLANATION: {"description": _EXPLANATION_TEXT, **_nullable(_text())},
            }
            schema["propertyNames"] = {"anyOf": [{"pattern": TERM_PATTERN}, {"const": EXPLANATION}]}
        schema["additionalProperties"] = entry
        return schema
    if dataclasses.is_dataclass(tp) and tp not in (PlanDate, MoneyOrText):
        assert isinstance(tp, type)
        return _nullable(_object_schema(tp))
    if tp is str:
        return _text(required) if required else _nullable(_text())
    schema = _scalar_schema(tp)
    return schema if required else _nullable(schema)


def _object_schema(cls: type, *, top: bool = False) -> dict[str, Any]:
    """A section: its keys, each with its Dutch description; no other keys."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in dataclasses.fields(cls):
        is_required = bool(spec.metadata.get("required"))
        tp = field_types(cls)[spec.name]
        if cls is Uitzondering and spec.name == "geldig_tot":
            schema = _nullable(_until_schema())
        elif top and is_required:
            # the loader only asks that a top-level required value is not empty
            schema = {
                "anyOf": [{"type": "string", "minLength": 1}, {"type": ["number", "boolean"]}]
            }
        else:
            schema = _value_schema(tp, required=is_required)
        properties[spec.name] = _describe(schema, spec)
        if is_required:
            required.append(spec.name)
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _until_schema() -> dict[str, Any]:
    return {
        "anyOf": [
            {"type": "string", "pattern": DATE_PATTERN},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]
    }


def _waiver_schema() -> dict[str, Any]:
    return {
        "description": (
            "Een bewuste uitzondering: de rechtvaardiging als tekst, of 'reden' met "
            "'geldig_tot' (een datum; daarna telt de uitzondering niet meer)."
        ),
        "anyOf": [
            {"type": "string", "pattern": "\\S"},
            {"type": ["number", "boolean"]},
            _object_schema(Uitzondering),
        ],
    }


def build() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of plan format version 1."""
    body = _object_schema(Plan, top=True)
    return {
        "$schema": DRAFT,
        "title": "herstelcheck-plan, formaat versie 1",
        "description": (
            "De herstelaanpak lokale economie van een gemeente, om te toetsen aan de VNG "
            "Top 10 checklist voor een effectieve herstelaanpak van de lokale economie "
            "(mei 2021) met herstelcheck. Alleen 'gemeente' en 'titel' zijn verplicht."
        ),
        **body,
    }


def dumps(schema: dict[str, Any] | None = None) -> str:
    """The schema as JSON text, ending in a newline."""
    return json.dumps(build() if schema is None else schema, ensure_ascii=False, indent=2) + "\n"
