"""Write the draft: a plan file (format 1.1) with every value the scan found.

The draft follows the plan format's own fields (`model.Plan`), in their order, so that
it has the shape of the template of `herstelcheck init`. Every value found stands in its
field, with a comment above it that says where it stands in the document (page or
heading) and quotes it; every field not found is a commented line with a TODO. Values
are written as YAML double-quoted strings (`template.yaml_string`) or plain numbers;
comments are one line, every line break and control character taken out, so nothing
from the document can end a comment or reach a terminal. The draft always loads: its
`gemeente` and `titel` come from the document or, failing that, the file name.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Sequence
from enum import Enum
from typing import Any

from herstelcheck.checklist import Checklist
from herstelcheck.i18n import t
from herstelcheck.model import MoneyOrText, Plan, PlanDate, Term, field_types, unwrap_optional
from herstelcheck.scan.evidence import Hit, quote
from herstelcheck.scan.meta import Meta
from herstelcheck.scan.values import SECTION_OF, Found, section_of
from herstelcheck.template import yaml_string
from herstelcheck.textsafe import visible

INDENT = "  "
COMMENT_LENGTH = 200
"""The longest quote a comment shows (the report shows the whole quote)."""
_HEAD_FIELDS = ("gemeente", "titel", "versie", "vastgesteld")
NO_TODO = frozenset({"trekker.bestuurlijk.vrijgemaakt", "trekker.bestuurlijk.uren_per_week"})
"""Fields the checklist asks nothing of, left out of the draft when not found."""
_SCALARS = (str, float, bool, PlanDate, MoneyOrText, Term)


def comment_text(text: str, limit: int = COMMENT_LENGTH) -> str:
    """`text` as the body of a YAML comment: one line, whitespace runs made one space,
    control and invisible characters made visible, cut to `limit` characters."""
    line = visible(" ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def place(found_page: int | None, heading: str | None, lang: str) -> str:
    """Where a passage stands, for a comment: `p. 3`, or its heading path."""
    if found_page is not None:
        return t("scan.page", lang, page=found_page)
    return heading or "-"


class _Writer:
    def __init__(self, found: Sequence[Found], lang: str) -> None:
        self.found = {f.field: f for f in found}
        self.lang = lang
        self.lines: list[str] = []
        self._last_source = ""

    def source(self, found: Found, depth: int) -> None:
        """The comment above a value: where it came from (once for values in a row that
        come from the same sentence)."""
        pad = INDENT * depth
        if found.origin == "file name":
            text = t("scan.draft.from_file", self.lang)
        elif found.origin == "properties":
            text = t("scan.draft.from_properties", self.lang)
        elif found.passage is not None and found.quote is not None:
            where = comment_text(place(found.passage.page, found.passage.heading, self.lang), 80)
            text = f'{where}: "{comment_text(found.quote.text)}"'
        else:
            return
        if text != self._last_source:
            self.lines.append(f"{pad}# {text}")
        self._last_source = text

    def todo(self, key: str, depth: int, text: str = "", words: str = "scan.draft.todo") -> None:
        pad = INDENT * depth
        entry = f"{pad}# {key}: {text}".rstrip()
        self.lines.append(f"{entry:<32}  # {t(words, self.lang)}")
        self._last_source = ""

    def section(self, cls: type, path: str, depth: int) -> None:
        for key, tp in field_types(cls).items():
            self.field(key, tp, f"{path}.{key}" if path else key, depth)

    def has(self, path: str) -> bool:
        return any(name == path or name.startswith((path + ".", path + "[")) for name in self.found)

    def field(self, key: str, tp: Any, path: str, depth: int) -> None:
        tp = unwrap_optional(tp)
        origin = typing.get_origin(tp)
        pad = INDENT * depth
        if origin is list:
            self.sequence(key, typing.get_args(tp)[0], path, depth)
        elif origin is dict:
            self.terms(key, typing.get_args(tp)[1], path, depth)
        elif dataclasses.is_dataclass(tp) and tp not in (PlanDate, MoneyOrText):
            assert isinstance(tp, type)
            if self.has(path):
                self.lines.append(f"{pad}{key}:")
                self._last_source = ""
                self.section(tp, path, depth + 1)
            else:
                self.todo(key, depth)
                for sub in field_types(tp):
                    self.lines.append(f"{pad}#{INDENT}{sub}:")
        else:
            found = self.found.get(path)
            if found is None:
                if path not in NO_TODO:
                    self.todo(key, depth)
                return
            self.source(found, depth)
            self.lines.append(f"{pad}{key}: {scalar(found.value)}")

    def sequence(self, key: str, item: Any, path: str, depth: int) -> None:
        pad = INDENT * depth
        number = 1
        entries = []
        while self.has(f"{path}[{number}]"):
            entries.append(number)
            number += 1
        if not entries:
            self.todo(
                key,
                depth,
                "[]" if not dataclasses.is_dataclass(item) else "",
                "scan.draft.todo_list",
            )
            return
        self.lines.append(f"{pad}{key}:")
        for number in entries:
            entry = f"{path}[{number}]"
            if not dataclasses.is_dataclass(item):
                value = self.found[entry]
                self.source(value, depth + 1)
                self.lines.append(f"{pad}{INDENT}- {scalar(value.value)}")
                continue
            first = True
            assert isinstance(item, type)
            for sub in field_types(item):
                part = self.found.get(f"{entry}.{sub}")
                if part is None:
                    continue
                if first:
                    self.source(part, depth + 1)
                lead = f"{pad}{INDENT}- " if first else f"{pad}{INDENT}  "
                self.lines.append(f"{lead}{sub}: {scalar(part.value)}")
                first = False

    def terms(self, key: str, value_type: Any, path: str, depth: int) -> None:
        pad = INDENT * depth
        if not self.has(path):
            self.todo(key, depth)
            return
        self.lines.append(f"{pad}{key}:")
        for term in Term:
            sub = f"{path}.{term.value}"
            if self.has(sub):
                self.lines.append(f"{pad}{INDENT}{term.value}:")
                self.section(value_type, sub, depth + 2)
            else:
                self.todo(term.value, depth + 1)
        note = self.found.get(f"{path}.toelichting")
        if note is not None:
            self.source(note, depth + 1)
            self.lines.append(f"{pad}{INDENT}toelichting: {scalar(note.value)}")
        else:
            self.todo("toelichting", depth + 1)


def scalar(value: object) -> str:
    """A value as YAML: a number as it is, yes/no as true/false, text double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if isinstance(value, Enum):
        return yaml_string(str(value.value))
    return yaml_string(str(value))


def render(
    file: str,
    meta: Meta,
    found: Sequence[Found],
    absent: Sequence[Hit],
    checklist: Checklist,
    *,
    lang: str = "nl",
    draft_name: str = "plan.yaml",
) -> str:
    """The text of the draft of `file`."""
    writer = _Writer([meta.gemeente, meta.titel, *meta.others, *found], lang)
    lines = writer.lines
    lines.append(f"# {t('scan.draft.head', lang)}")
    lines.append(f"#   {comment_text(file)}")
    lines.append("#")
    lines += [f"# {line}" for line in t("scan.draft.check", lang).split("\n")]
    lines.append("#")
    lines.append(f"# {t('scan.draft.audit', lang, file=comment_text(draft_name, 100))}")
    lines.append("")
    for key in _HEAD_FIELDS:
        writer.field(key, field_types(Plan)[key], key, 0)
    for key, tp in field_types(Plan).items():
        if key in _HEAD_FIELDS or key == "uitzonderingen":
            continue
        lines.append("")
        lines += _section_head(key, checklist, absent, writer, lang)
        writer.field(key, tp, key, 0)
    lines.append("")
    writer.todo("uitzonderingen", 0, words="scan.draft.exceptions")
    return "\n".join(lines) + "\n"


def _section_head(
    section: str, checklist: Checklist, absent: Sequence[Hit], writer: _Writer, lang: str
) -> list[str]:
    """The comment over a section: its item, and what the document says of it."""
    slugs = {c.split(".", 1)[0] for c, s in SECTION_OF.items() if s == section}
    items = [item for item in checklist.items if item.slug in slugs]
    if section == "acties":
        return []
    lines = []
    for item in items:
        title = comment_text(item.title.get(lang), 120)
        lines.append(f"# {t('scan.draft.item', lang, number=item.id, title=title)}")
    if not writer.has(section):
        mine = []
        for hit in absent:
            if section_of(hit.criterion) == section:
                mine.append(hit)
                if len(mine) == 2:
                    break
        for hit in mine:
            shown = quote(hit).text
            where = place(hit.passage.page, hit.passage.heading, lang)
            lines.append(
                "# "
                + t(
                    "scan.draft.absent",
                    lang,
                    place=comment_text(where, 80),
                    quote=comment_text(shown),
                )
            )
        if not mine:
            lines.append(f"# {t('scan.draft.nothing', lang)}")
    return lines
