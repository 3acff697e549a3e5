"""A plan template to start from (`herstelcheck init`).

The template covers every section of the plan format. Each section has a comment that
names the checklist item it serves and says what to fill in, with examples; the
comments are Dutch or English, the keys stay Dutch. Values are left empty ("not filled
in yet"), so a fresh template loads without errors and audits to a score of 0 with every
item missing: the audit then tells what to add. Only the required values are filled in
with placeholders: the municipality, the title and the name of a first action.

The templates are package data (`templates/plan-template.<lang>.yaml.j2`), rendered with
Jinja2; the item titles in the section comments come from the bundled checklist.
"""

from __future__ import annotations

import json
from pathlib import Path

from herstelcheck.textsafe import JSON_UNSAFE, visible

DEFAULT_FILE = "plan.yaml"
"""The file name the template's comments use when it is printed."""

_PLACEHOLDERS = {
    "nl": {
        "gemeente": "(naam van de gemeente)",
        "titel": "Herstelaanpak lokale economie",
        "actie": "(naam van de actie)",
    },
    "en": {
        "gemeente": "(name of the municipality)",
        "titel": "Recovery approach for the local economy",
        "actie": "(name of the action)",
    },
}


def check_gemeente(name: str) -> str:
    """The municipality's name as given to `--gemeente`, or ValueError saying what is wrong."""
    text = name.strip()
    if not text:
        raise ValueError("--gemeente must not be empty")
    if not text.isprintable():
        raise ValueError(
            "--gemeente must be one line of plain text, without control or invisible "
            f"characters (got '{visible(text)}')"
        )
    return text


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON strings are valid YAML), every
    character that YAML or a terminal would act on escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def render(lang: str = "nl", gemeente: str | None = None, file: str | None = None) -> str:
    """The template in `lang` (nl or en), for `gemeente` when given.

    `file` is the name the comments use in the command that audits the plan.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from herstelcheck import checklist

    words = _PLACEHOLDERS["en" if lang == "en" else "nl"]
    bundled = checklist.load()

    def title(number: int) -> str:
        item = bundled.item(number)
        return visible(item.title.get(lang)) if item is not None else ""

    env = Environment(
        loader=PackageLoader("herstelcheck", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    template = env.get_template(f"plan-template.{'en' if lang == 'en' else 'nl'}.yaml.j2")
    name = gemeente.strip() if gemeente else None
    titel = f"{words['titel']} {name}" if name else words["titel"]
    return template.render(
        gemeente=yaml_string(name or words["gemeente"]),
        titel=yaml_string(titel),
        actie=yaml_string(words["actie"]),
        file=_shown_name(file),
        title=title,
    )


def _shown_name(file: str | None) -> str:
    """The file name for a comment: as given when it is plain text, else the default."""
    if not file or file == "-":
        return DEFAULT_FILE
    name = str(Path(file))
    if not name.isprintable() or " " in name or "#" in name:
        return DEFAULT_FILE
    return name
