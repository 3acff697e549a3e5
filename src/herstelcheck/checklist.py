"""Read and validate a checklist file (the bundled `checklist.yaml` or `--checklist FILE`).

A checklist is data: ten items, each with criteria that name a kind from the registry
in `criteria.py` and its parameters. Every problem is reported with its line and names
the item and the key, so a broken checklist is easy to mend. Its parts are frozen
dataclasses compared by identity; its bilingual texts compare by value.

A criterion's title, message and advice may have plural forms in a language, `{one:
..., other: ...}`: `one` when the count is 1, `other` for any other count (0, 2, ...),
as gettext's plural rule for Dutch and English (n != 1) has it. The count is the
criterion's `{found}` detail, so only a criterion whose kind gives one may have them.

A criterion may have signals (`signalen`), the words that `herstelcheck scan` looks for;
they are checked here with the rest (`signals.check`).
"""

from __future__ import annotations

import dataclasses
import math
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from herstelcheck import wordmatch
from herstelcheck.criteria import KINDS
from herstelcheck.errors import Diagnostic, HerstelcheckError, Mark
from herstelcheck.files import CHECKLIST, read
from herstelcheck.i18n import PLURAL_FORMS, plural_form
from herstelcheck.model import SECTIONS, Plan, Term, field_types, unwrap_optional
from herstelcheck.signals import Signal
from herstelcheck.signals import check as check_signals
from herstelcheck.suggest import hint
from herstelcheck.wordmatch import Vocabulary
from herstelcheck.yamlload import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    parse,
    read_bytes,
    to_python,
)

MAX_WEIGHT = 1000
"""The largest weight: scores stay finite however many criteria a checklist has."""


class ChecklistError(HerstelcheckError):
    """The checklist file could not be read or is not valid."""


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Dutch and English, maybe with plural forms.

    `nl` and `en` are the texts, or with plural forms the form for every count but one
    (`other`); `nl_one` and `en_one` are the forms for a count of one, or None where the
    language has a single form.
    """

    nl: str
    en: str
    nl_one: str | None = None
    en_one: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`; for a text with plural forms, the form for any count but
        one (what a reader sees where there is no count, as in the checklist)."""
        return self.en if lang == "en" else self.nl

    def for_count(self, lang: str, count: int | None) -> str:
        """The text in `lang` in the form for `count`; `get(lang)` when count is None."""
        one = self.en_one if lang == "en" else self.nl_one
        if one is not None and count is not None and plural_form(count) == "one":
            return one
        return self.get(lang)

    @property
    def has_forms(self) -> bool:
        """Whether the text has plural forms in some language."""
        return self.nl_one is not None or self.en_one is not None


class Role(str, Enum):
    """Whether a failed criterion keeps its item from being met (plan format 1.1)."""

    VEREIST = "vereist"
    """Required: the item is met only when it passes (or does not apply)."""
    AANVULLEND = "aanvullend"
    """Advisory: it counts in the score and gives advice, but does not block `met`."""


@dataclass(frozen=True, slots=True, eq=False)
class Criterion:
    """One check of an item: a kind from the registry with its parameters and texts."""

    id: str
    """Stable identifier, `<item slug>.<name>`."""
    kind: str
    """A kind from the registry in `criteria.py`."""
    params: dict[str, Any]
    weight: float
    title: Text
    """What the criterion checks."""
    message: Text
    """What is wrong when it fails; may hold placeholders such as {found}."""
    advice: Text
    """What to add to the plan, in words for people: never a plan key."""
    key: str = ""
    """The plan key path the finding is about (`organisatie.afdelingen`,
    `acties[].termijn`): the checklist's `key`, else taken from the params (`key_of`)."""
    role: Role = Role.VEREIST
    signals: tuple[Signal, ...] = ()
    """The words and phrases that show a plan document speaks of it (`signalen`), for
    `herstelcheck scan`; none: the scan finds no evidence for it."""

    @property
    def required(self) -> bool:
        return self.role is Role.VEREIST


@dataclass(frozen=True, slots=True, eq=False)
class Example:
    """An example from practice that the VNG checklist gives, in our own words."""

    gemeente: str
    text: Text


@dataclass(frozen=True, slots=True, eq=False)
class Item:
    """One of the ten items of the checklist, with its criteria."""

    id: int
    slug: str
    title: Text
    explanation: Text
    """What the VNG checklist asks and why, in our own words."""
    weight: float
    criteria: tuple[Criterion, ...]
    example: Example | None = None
    alternatives: tuple[tuple[int, ...], ...] = ()
    """Ways for the item to be met, each the positions of its criteria in `criteria`
    (`alternatieven` in the file, by criterion id); none: every required criterion."""
    sections: tuple[str, ...] = ()
    """The plan sections of the item (`secties`): where its `toelichting` may stand."""


@dataclass(frozen=True, slots=True, eq=False)
class Checklist:
    """A checklist file, read and validated."""

    name: str
    version: str
    source: Text
    url: str
    items: tuple[Item, ...]
    file: str
    sectors: Vocabulary
    """The sector classes (`sectoren`); a checklist without them has the bundled ones."""

    def item(self, key: str | int) -> Item | None:
        """An item by number or slug."""
        text = str(key).strip().lower()
        for item in self.items:
            if text in (str(item.id), item.slug):
                return item
        return None


def default_path() -> Path:
    """The bundled checklist: inside the package, or at the root of a source checkout."""
    here = Path(__file__).resolve().parent
    bundled = here / "checklist.yaml"
    if bundled.is_file():
        return bundled
    return here.parent.parent / "checklist.yaml"


def load(path: str | Path | None = None, *, stems: bool = False) -> Checklist:
    """Read and validate a checklist; the bundled one when `path` is None. With `stems`
    (the scan), a signal that is another form of the word of one before it is an error
    too (`draaiboeken` after `draaiboek`): that needs the Dutch stemmer, which an audit
    does not load."""
    file = Path(path) if path is not None else default_path()
    name = str(path) if path is not None else "checklist.yaml"
    try:
        data = read(str(file), CHECKLIST, name)
    except HerstelcheckError as exc:
        raise ChecklistError(exc.diagnostics) from None
    key = (name, data, stems)
    cached = _CACHE.get(key)
    if cached is None:
        cached = parse_checklist(data, name, stems=stems)
        _CACHE.clear()
        _CACHE[key] = cached
    return cached


def parse_checklist(data: bytes, name: str, *, stems: bool = False) -> Checklist:
    """Read and validate the checklist file `name` with the bytes `data`; `stems` as for
    `load`."""
    try:
        document = parse(read_bytes(data, name), name)
    except HerstelcheckError as exc:
        raise ChecklistError(exc.diagnostics) from None
    return _Validator(name, stems).checklist(document.root)


_CACHE: dict[tuple[str, bytes, bool], Checklist] = {}
"""The last checklist read, by name, content and `stems`: a process that audits again (a
test suite, a tool that embeds herstelcheck) reads and validates the same file only once."""


TOP_KEYS = frozenset({"name", "version", "source", "url", "items", "sectoren"})
ITEM_KEYS = frozenset(
    {"id", "slug", "title", "explanation", "weight", "criteria", "example"}
    | {"alternatieven", "secties"}
)
CRITERION_KEYS = frozenset(
    {"id", "kind", "key", "role", "params", "weight", "title", "message", "advice", "signalen"}
)
LANGUAGE_KEYS = frozenset({"nl", "en"})


class _Fields(dict[str, tuple[Scalar, Node]]):
    """The keys of a mapping with their key and value nodes; `node` is the mapping,
    where an error about a missing key points."""

    def __init__(self, node: Mapping) -> None:
        super().__init__(
            (key.value, (key, value)) for key, value in node.pairs if isinstance(key, Scalar)
        )
        self.node = node


class _Validator:
    def __init__(self, name: str, stems: bool = False) -> None:
        self.name = name
        self.stems = stems
        self.diagnostics: list[Diagnostic] = []

    def error(self, node: Node | Mark | None, where: str, message: str) -> None:
        mark = node if isinstance(node, Mark) else node.mark if node is not None else Mark(1, 1)
        text = f"{where}: {message}" if where else message
        self.diagnostics.append(Diagnostic(self.name, mark.line, mark.column, "error", text))

    def fields(self, node: Node | None, where: str) -> _Fields | None:
        if not isinstance(node, Mapping):
            self.error(node, where, "must be a mapping")
            return None
        return _Fields(node)

    def only_known(self, fields: _Fields, known: frozenset[str], where: str) -> None:
        """An error for each key that is not `known`, with the closest known one."""
        for key, (key_node, _) in fields.items():
            if key not in known:
                self.error(key_node, where, f"unknown key '{key}'{_suggest(key, known)}")

    def value(self, fields: _Fields, key: str, where: str, required: bool) -> Node | None:
        """The value of `key`; None (an error if it is `required`) when it is absent."""
        if key not in fields:
            if required:
                self.error(fields.node, where, f"'{key}' is missing")
            return None
        return fields[key][1]

    def string(self, fields: _Fields, key: str, where: str, required: bool = True) -> str:
        value = self.value(fields, key, where, required)
        if value is None:
            return ""
        if not isinstance(value, Scalar) or not value.value.strip():
            self.error(value, where, f"'{key}' must be a non-empty text")
            return ""
        return value.value

    def text(
        self,
        fields: _Fields,
        key: str,
        where: str,
        required: bool = True,
        forms: bool = False,
    ) -> Text:
        """A text in one string or by language; with `forms`, a language may give plural
        forms (`{one: ..., other: ...}`), otherwise that is an error."""
        value = self.value(fields, key, where, required)
        if value is None:
            return Text("", "")
        if isinstance(value, Scalar):
            return Text(value.value, value.value)
        here = f"{where}, '{key}'"
        sub = self.fields(value, here)
        if sub is None:
            return Text("", "")
        if set(sub) & set(PLURAL_FORMS) and not set(sub) & LANGUAGE_KEYS:
            self.error(
                value,
                here,
                "plural forms go under each language: {nl: {one: ..., other: ...}, en: ...}",
            )
            return Text("", "")
        nl, nl_one = self.language(sub, "nl", here, forms)
        en, en_one = self.language(sub, "en", here, forms, required=False)
        if not en:
            en, en_one = nl, nl_one
        return Text(nl, en, nl_one, en_one)

    def language(
        self, fields: _Fields, lang: str, where: str, forms: bool, required: bool = True
    ) -> tuple[str, str | None]:
        """The text in `lang` and, when it has plural forms, its form for one."""
        value = fields[lang][1] if lang in fields else None
        if not isinstance(value, Mapping):
            return self.string(fields, lang, where, required), None
        here = f"{where}, '{lang}'"
        if not forms:
            self.error(
                value,
                here,
                "has plural forms, but this text goes with no count; give one text",
            )
            return "", None
        sub = _Fields(value)
        self.only_known(sub, frozenset(PLURAL_FORMS), here)
        one = self.string(sub, "one", here)
        other = self.string(sub, "other", here)
        return other, one

    def number(
        self,
        fields: _Fields,
        key: str,
        where: str,
        default: float | None = None,
    ) -> float:
        if key not in fields:
            if default is None:
                self.error(None, where, f"'{key}' is missing")
                return 0
            return default
        value = to_python(fields[key][1])
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not 0 <= value <= MAX_WEIGHT
        ):
            self.error(fields[key][1], where, f"'{key}' must be a number from 0 to {MAX_WEIGHT}")
            return default or 0
        return float(value)

    def checklist(self, root: Node | None) -> Checklist:
        top = self.fields(root, "checklist")
        if top is None:
            raise ChecklistError(self.diagnostics)
        self.only_known(top, TOP_KEYS, "checklist")
        name = self.string(top, "name", "checklist")
        version = str(to_python(top["version"][1])) if "version" in top else ""
        if not version:
            self.error(root, "checklist", "'version' is missing")
        source = self.text(top, "source", "checklist", required=False)
        url = self.string(top, "url", "checklist", required=False)
        items: list[Item] = []
        items_node = top.get("items", (None, None))[1]
        if not isinstance(items_node, Sequence) or not items_node.items:
            self.error(items_node or root, "checklist", "'items' must be a non-empty list")
        else:
            for index, node in enumerate(items_node.items, start=1):
                item = self.item(node, index)
                if item is not None:
                    items.append(item)
            self.unique(items_node, items)
        sectors = self.sectors(top["sectoren"][1]) if "sectoren" in top else None
        if self.diagnostics:
            raise ChecklistError(self.diagnostics)
        if sectors is None:
            sectors = load().sectors if self.name != "checklist.yaml" else Vocabulary(())
        return Checklist(name, version, source, url, tuple(items), self.name, sectors)

    def sectors(self, node: Node) -> Vocabulary | None:
        """The `sectoren`: a mapping of class to its words; a word (as matched: lower
        case, no diacritics) may stand in one class only."""
        fields = self.fields(node, "sectoren")
        if fields is None:
            return None
        classes: list[tuple[str, tuple[str, ...]]] = []
        owner: dict[str, str] = {}
        for name, (key_node, value) in fields.items():
            where = f"sectoren, '{name}'"
            entries = value.items if isinstance(value, Sequence) else None
            if not name.strip() or not entries:
                self.error(
                    value if entries is None else key_node,
                    where,
                    "must be a non-empty list of words",
                )
                continue
            words: list[str] = []
            for entry in entries:
                if not isinstance(entry, Scalar) or not entry.value.strip():
                    self.error(entry, where, "each entry must be a word or a phrase")
                    continue
                normal = " ".join(wordmatch.words(entry.value))
                if not normal:
                    self.error(entry, where, f"'{entry.value}' has no letters or digits")
                    continue
                if normal in owner:
                    self.error(
                        entry, where, f"'{entry.value}' is also a word of class '{owner[normal]}'"
                    )
                    continue
                owner[normal] = name
                words.append(entry.value)
            classes.append((name, tuple(words)))
        return Vocabulary(tuple(classes))

    def unique(self, node: Sequence, items: list[Item]) -> None:
        seen: set[object] = set()
        for item in items:
            for key in (item.id, item.slug):
                if key in seen:
                    self.error(node, f"item {item.id} ({item.slug})", f"'{key}' is used twice")
                seen.add(key)
            for criterion in item.criteria:
                if criterion.id in seen:
                    self.error(
                        node,
                        f"item {item.id} ({item.slug})",
                        f"criterion id '{criterion.id}' is used twice",
                    )
                seen.add(criterion.id)

    def item(self, node: Node, index: int) -> Item | None:
        fields = self.fields(node, f"item {index}")
        if fields is None:
            return None
        number = to_python(fields["id"][1]) if "id" in fields else None
        if not isinstance(number, int) or isinstance(number, bool):
            self.error(node, f"item {index}", "'id' must be a whole number")
            number = index
        slug = self.string(fields, "slug", f"item {number}")
        where = f"item {number} ({slug})"
        self.only_known(fields, ITEM_KEYS, where)
        title = self.text(fields, "title", where)
        explanation = self.text(fields, "explanation", where)
        weight = self.number(fields, "weight", where, default=1.0)
        example = None
        if "example" in fields:
            ex = self.fields(fields["example"][1], f"{where}, 'example'")
            if ex is not None:
                here = f"{where}, 'example'"
                example = Example(
                    self.string(ex, "gemeente", here),
                    Text(self.string(ex, "nl", here), self.string(ex, "en", here, required=False)),
                )
        criteria: list[Criterion] = []
        crit_node = fields.get("criteria", (None, None))[1]
        if not isinstance(crit_node, Sequence) or not crit_node.items:
            self.error(crit_node or node, where, "'criteria' must be a non-empty list")
        else:
            for position, sub in enumerate(crit_node.items, start=1):
                criterion = self.criterion(sub, where, position)
                if criterion is not None:
                    criteria.append(criterion)
        alternatives = self.alternatives(fields, criteria, where)
        sections = self.sections(fields, where)
        return Item(
            number,
            slug,
            title,
            explanation,
            weight,
            tuple(criteria),
            example,
            alternatives,
            sections,
        )

    def alternatives(
        self, fields: _Fields, criteria: list[Criterion], where: str
    ) -> tuple[tuple[int, ...], ...]:
        """`alternatieven`: a list of lists of the item's criterion ids."""
        if "alternatieven" not in fields:
            return ()
        node = fields["alternatieven"][1]
        here = f"{where}, 'alternatieven'"
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, here, "must be a list of alternatives, each a list of criterion ids")
            return ()
        positions = {criterion.id: index for index, criterion in enumerate(criteria)}
        result: list[tuple[int, ...]] = []
        for number, alternative in enumerate(node.items, start=1):
            entries = alternative.items if isinstance(alternative, Sequence) else None
            if not entries:
                self.error(
                    alternative,
                    f"{here}, alternative {number}",
                    "must be a non-empty list of criterion ids",
                )
                continue
            chosen: list[int] = []
            for entry in entries:
                ident = entry.value.strip() if isinstance(entry, Scalar) else ""
                if ident not in positions:
                    known = _suggest(ident, positions) if ident else ""
                    shown = f"'{ident}'" if ident else "an entry"
                    self.error(
                        entry,
                        f"{here}, alternative {number}",
                        f"{shown} is no criterion of this item{known}",
                    )
                    continue
                chosen.append(positions[ident])
            if chosen and len(chosen) == len(entries):
                result.append(tuple(chosen))
        return tuple(result)

    def sections(self, fields: _Fields, where: str) -> tuple[str, ...]:
        """`secties`: the plan sections of the item, by name."""
        if "secties" not in fields:
            return ()
        node = fields["secties"][1]
        here = f"{where}, 'secties'"
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, here, "must be a list of plan sections, such as [trekker]")
            return ()
        found: list[str] = []
        for entry in node.items:
            name = entry.value.strip() if isinstance(entry, Scalar) else ""
            if name not in SECTIONS:
                self.error(
                    entry,
                    here,
                    f"'{name}' is no section of the plan{_suggest(name, SECTIONS)} "
                    f"(sections: {', '.join(SECTIONS)})",
                )
                continue
            found.append(name)
        return tuple(found)

    def criterion(self, node: Node, where: str, position: int) -> Criterion | None:
        fields = self.fields(node, f"{where}, criterion {position}")
        if fields is None:
            return None
        ident = self.string(fields, "id", f"{where}, criterion {position}")
        here = f"{where}, criterion '{ident or position}'"
        self.only_known(fields, CRITERION_KEYS, here)
        kind_name = self.string(fields, "kind", here)
        params_node = fields.get("params", (None, None))[1]
        params = to_python(params_node) if params_node is not None else {}
        if params is None:
            params = {}
        before = len(self.diagnostics)
        self.params(kind_name, params, params_node or node, here, fields.get("kind"))
        valid = params if len(self.diagnostics) == before and isinstance(params, dict) else None
        texts = {
            name: self.text(fields, name, here, forms=True)
            for name in ("title", "message", "advice")
        }
        if valid is not None:
            for name, text in texts.items():
                if text.has_forms and not gives_found(kind_name, valid):
                    self.error(
                        _forms_node(fields[name][1]),
                        here,
                        f"'{name}' has plural forms, but kind '{kind_name}' gives no count "
                        "({found}) to choose the form by",
                    )
        key = self.key(fields, kind_name, valid, node, here)
        role = Role.VEREIST
        if "role" in fields:
            role_node = fields["role"][1]
            value = role_node.value.strip() if isinstance(role_node, Scalar) else ""
            try:
                role = Role(value)
            except ValueError:
                self.error(
                    role_node,
                    here,
                    f"'role' must be vereist or aanvullend (got '{value}')",
                )
        signals: tuple[Signal, ...] = ()
        if "signalen" in fields:
            given, at = fields["signalen"][1], f"{here}, 'signalen'"
            signals = check_signals(ident, given, at, self.error, stems=self.stems)
        return Criterion(
            id=ident,
            kind=kind_name,
            params=params if isinstance(params, dict) else {},
            weight=self.number(fields, "weight", here, default=1.0),
            title=texts["title"],
            message=texts["message"],
            advice=texts["advice"],
            key=key,
            role=role,
            signals=signals,
        )

    def key(
        self,
        fields: _Fields,
        kind_name: str,
        params: dict[str, Any] | None,
        node: Node,
        where: str,
    ) -> str:
        """The criterion's `key`, checked against the plan format, or the key its params
        give (`key_of`); `params` is None when they are not valid (an error says so)."""
        if "key" in fields:
            value = fields["key"][1]
            text = self.string(fields, "key", where)
            if text:
                problem = check_plan_path(text.strip())
                if problem:
                    self.error(value, where, f"'key': {problem}")
            return text.strip()
        derived = key_of(params) if params is not None else None
        if derived is None and params is not None and kind_name in KINDS:
            self.error(
                node,
                where,
                f"'key' is missing: kind '{kind_name}' names no plan path to take it from",
            )
        return derived or ""

    def params(
        self,
        kind_name: str,
        params: object,
        node: Node,
        where: str,
        kind_field: tuple[Scalar, Node] | None,
    ) -> None:
        if not kind_name:
            return
        kind = KINDS.get(kind_name)
        if kind is None:
            at = kind_field[1] if kind_field else node
            self.error(at, where, f"unknown kind '{kind_name}'{_suggest(kind_name, KINDS)}")
            return
        if not isinstance(params, dict):
            self.error(node, where, "'params' must be a mapping")
            return
        for name in params:
            if name not in kind.params:
                self.error(
                    node,
                    where,
                    f"kind '{kind_name}' takes no parameter '{name}'{_suggest(name, kind.params)}",
                )
        for name, expected in kind.params.items():
            if name not in params:
                self.error(node, where, f"kind '{kind_name}' needs the parameter '{name}'")
                continue
            value = params[name]
            if not _has_type(value, expected):
                self.error(node, where, f"parameter '{name}' must be {_type_word(expected)}")
                continue
            if name in ("path", "targets", "list"):
                self.plan_path(str(value), node, where)
            elif name == "paths":
                for path in value:
                    self.plan_path(str(path), node, where)
            elif name == "criteria":
                for sub in value:
                    if not isinstance(sub, dict) or "kind" not in sub:
                        self.error(node, where, "each nested criterion needs a 'kind'")
                        continue
                    self.params(str(sub["kind"]), sub.get("params") or {}, node, where, None)
        if kind_name == "share" and isinstance(params.get("list"), str):
            self.plan_path(f"{params['list']}[].{params.get('field')}", node, where)
        if kind_name == "covers" and isinstance(params.get("list"), str):
            self.plan_path(f"{params['list']}[].{params.get('field')}", node, where)

    def plan_path(self, path: str, node: Node, where: str) -> None:
        problem = check_plan_path(path)
        if problem:
            self.error(node, where, problem)


def key_of(params: dict[str, Any]) -> str | None:
    """The plan key path a criterion is about, from its params: `path`; else the first
    of `paths`; else `list` (`list[].field` with a `field`); else the key of the first
    nested criterion (`any_of`). None when the params name no path."""
    path = params.get("path")
    if isinstance(path, str) and path:
        return path
    paths = params.get("paths")
    if isinstance(paths, list) and paths and isinstance(paths[0], str):
        return paths[0]
    listed = params.get("list")
    if isinstance(listed, str) and listed:
        field = params.get("field")
        return f"{listed}[].{field}" if isinstance(field, str) and field else listed
    nested = params.get("criteria")
    if isinstance(nested, list) and nested and isinstance(nested[0], dict):
        inner = nested[0].get("params")
        return key_of(inner) if isinstance(inner, dict) else None
    return None


def gives_found(kind_name: str, params: dict[str, Any]) -> bool:
    """Whether a criterion of kind `kind_name` fills in `{found}` when it fails (for
    `any_of`: whether each of its nested criteria does)."""
    if kind_name == "any_of":
        nested = params.get("criteria")
        if not isinstance(nested, list) or not nested:
            return False
        for sub in nested:
            inner = sub.get("params") or {} if isinstance(sub, dict) else None
            if not isinstance(inner, dict) or not gives_found(str(sub.get("kind")), inner):
                return False
        return True
    kind = KINDS.get(kind_name)
    return kind is not None and "found" in kind.fills


def _forms_node(node: Node) -> Node:
    """Where a text's plural forms stand: the first language that has them."""
    if isinstance(node, Mapping):
        for _, value in node.pairs:
            if isinstance(value, Mapping):
                return value
    return node


def check_plan_path(path: str) -> str | None:
    """Why `path` names nothing in the plan format, or None when it does."""
    current: Any = Plan
    for segment in path.split("."):
        fan_out = segment.endswith("[]")
        name = segment[:-2] if fan_out else segment
        current = unwrap_optional(current)
        origin = typing.get_origin(current)
        if origin is dict:
            key_type, value_type = typing.get_args(current)
            if key_type is Term and name not in {t.value for t in Term}:
                return f"path '{path}': '{name}' is not one of kort, middellang, lang"
            current = value_type
        elif isinstance(current, type) and dataclasses.is_dataclass(current):
            types_ = field_types(current)
            if name not in types_:
                return (
                    f"path '{path}': the plan format has no '{name}' here{_suggest(name, types_)}"
                )
            current = types_[name]
        elif typing.get_origin(current) is list:
            return f"path '{path}': '{name}' is inside the entries of a list; walk them with '[]'"
        else:
            return f"path '{path}': '{name}' is below a value that has no keys"
        if fan_out:
            current = unwrap_optional(current)
            if typing.get_origin(current) is not list:
                return f"path '{path}': '{name}' is not a list, so '[]' does not apply"
            current = typing.get_args(current)[0]
    return None


def _has_type(value: object, expected: type) -> bool:
    if expected is float:
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _type_word(expected: type) -> str:
    return {str: "a text", int: "a whole number", float: "a number", list: "a list"}.get(
        expected, expected.__name__
    )


def _suggest(word: str, known: typing.Iterable[str]) -> str:
    return hint(word, known)
