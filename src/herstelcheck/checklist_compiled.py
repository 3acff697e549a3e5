"""The bundled checklist, compiled: read in a fraction of the time of its YAML.

Reading `checklist.yaml` with line numbers and validating it takes longer than the rest
of a single audit. `checklist.json`, beside this module, holds the checklist that file
validates to, with a fingerprint of the YAML's bytes. `checklist.load` uses it for any
checklist file whose bytes have that fingerprint (the bundled one, or a copy of it), and
reads and validates the YAML as usual for every other file, so the compiled form can
never give a different checklist: when it is stale or unreadable it is simply not used.
A test checks that the committed file is up to date; after editing `checklist.yaml`,
compile it again with:

    python -m herstelcheck.checklist_compiled
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from herstelcheck.checklist import Checklist, Criterion, Example, Item, Text

COMPILED = Path(__file__).with_name("checklist.json")
FORMAT = 1
"""The layout of checklist.json; a file of another layout is not used."""


def fingerprint(data: bytes) -> str:
    """Size and CRC-32 of a checklist file's bytes: any edit changes them."""
    return f"{len(data)}:{zlib.crc32(data):08x}"


def read(data: bytes, name: str, compiled: Path = COMPILED) -> Checklist | None:
    """The checklist of the file `name` with the bytes `data`, from the compiled form;
    None when that form is not of these bytes or cannot be read."""
    try:
        document = json.loads(compiled.read_bytes())
        if document.get("format") != FORMAT or document.get("source") != fingerprint(data):
            return None
        return from_data(document["checklist"], name)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def compile_text(data: bytes) -> str:
    """checklist.json for the checklist file with the bytes `data`."""
    from herstelcheck.checklist import parse_checklist

    checklist = parse_checklist(data, "checklist.yaml")
    document = {"format": FORMAT, "source": fingerprint(data), "checklist": to_data(checklist)}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_data(checklist: Checklist) -> dict[str, Any]:
    """A checklist as JSON values (its file name left out: it is the reader's)."""
    return {
        "name": checklist.name,
        "version": checklist.version,
        "source": _text(checklist.source),
        "url": checklist.url,
        "items": [
            {
                "id": item.id,
                "slug": item.slug,
                "title": _text(item.title),
                "explanation": _text(item.explanation),
                "weight": item.weight,
                "criteria": [
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "params": c.params,
                        "weight": c.weight,
                        "title": _text(c.title),
                        "message": _text(c.message),
                        "advice": _text(c.advice),
                    }
                    for c in item.criteria
                ],
                "example": (
                    {"gemeente": item.example.gemeente, "text": _text(item.example.text)}
                    if item.example is not None
                    else None
                ),
            }
            for item in checklist.items
        ],
    }


def from_data(data: dict[str, Any], file: str) -> Checklist:
    """The checklist that `to_data` gave, read from the file `file`."""
    items = []
    for item in data["items"]:
        example = item["example"]
        items.append(
            Item(
                id=item["id"],
                slug=item["slug"],
                title=Text(*item["title"]),
                explanation=Text(*item["explanation"]),
                weight=item["weight"],
                criteria=tuple(
                    Criterion(
                        id=c["id"],
                        kind=c["kind"],
                        params=c["params"],
                        weight=c["weight"],
                        title=Text(*c["title"]),
                        message=Text(*c["message"]),
                        advice=Text(*c["advice"]),
                    )
                    for c in item["criteria"]
                ),
                example=(
                    Example(example["gemeente"], Text(*example["text"]))
                    if example is not None
                    else None
                ),
            )
        )
    return Checklist(
        data["name"], data["version"], Text(*data["source"]), data["url"], tuple(items), file
    )


def _text(text: Text) -> list[str]:
    return [text.nl, text.en]


if __name__ == "__main__":
    from herstelcheck.checklist import default_path

    COMPILED.write_text(compile_text(default_path().read_bytes()), encoding="utf-8")
    print(f"wrote {COMPILED}")
