"""Read YAML into nodes that remember where they stand in the file.

PyYAML's composer is recursive and expands nothing lazily, and its constructor turns
`no` into False and `2021-02-30` into an exception. This module builds its own small
node tree from the parser's events instead, iteratively, so that:

- every node keeps its line and column (1-based);
- nesting depth and the size that anchors and aliases expand to are bounded;
- duplicate keys are errors that name both lines;
- unknown tags (``!!python/object`` and the like) are errors: nothing is ever constructed;
- scalars keep their source text, so a caller judges ``no`` or ``010`` by its own rules.

libyaml's C parser is used when PyYAML was built with it; the pure-Python parser
otherwise. Both give the same events and marks.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Union

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from herstelcheck.errors import Diagnostic, HerstelcheckError, Mark
from herstelcheck.textsafe import excerpt, text_encoding

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False

MAX_DEPTH = 100
"""Deeper nesting than this is refused (a plan needs fewer than ten levels)."""
MAX_NODES = 100_000
"""The most nodes a document may hold once its aliases are expanded."""

YAML_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    YAML_TAG + "str",
    YAML_TAG + "int",
    YAML_TAG + "float",
    YAML_TAG + "bool",
    YAML_TAG + "null",
    YAML_TAG + "timestamp",
)
MAP, SEQ, MERGE = YAML_TAG + "map", YAML_TAG + "seq", YAML_TAG + "merge"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MERGE}
_RESOLVER = Resolver()


@dataclass(slots=True, eq=False)
class Scalar:
    """A scalar with its source text and its resolved YAML tag."""

    value: str
    tag: str
    mark: Mark
    quoted: bool = False
    size: int = 1


@dataclass(slots=True, eq=False)
class Sequence:
    """A YAML list with the place where it starts."""

    items: list[Node]
    mark: Mark
    size: int = 1


@dataclass(slots=True, eq=False)
class Mapping:
    """A YAML mapping: its key and value nodes in order, and where it starts."""

    pairs: list[tuple[Node, Node]]
    mark: Mark
    size: int = 1


Node = Union[Scalar, Sequence, Mapping]


@dataclass
class Document:
    """A parsed file: its root node, or None when it holds no document."""

    root: Node | None
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


class YamlError(HerstelcheckError):
    """The file could not be read as YAML."""


def describe(node: Node) -> str:
    """The kind of a node in plain words, for error messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return {
        NULL: "an empty value",
        BOOL: "a yes/no value",
        INT: "a number",
        FLOAT: "a number",
        TIMESTAMP: "a date",
    }.get(node.tag, "text")


def read_bytes(data: bytes, name: str) -> str:
    """Decode a YAML file (read with `files.read`, which bounds its size): UTF-8, or
    UTF-16/32 told by a BOM or by where the zero bytes of its first character fall (the
    detection the YAML specification describes)."""
    encoding, start = text_encoding(data)
    if encoding != "utf-8":
        try:
            text = data[start:].decode(encoding)
        except UnicodeDecodeError as exc:
            how = "with" if start else "without"
            raise _error(
                name,
                1,
                1,
                f"file looks like {encoding.upper()} ({how} a byte order mark) but is not "
                "valid in that encoding; save it as UTF-8",
            ) from exc
        return _text_only(text, name)
    body = data[start:]
    nul = body.find(b"\0")
    if nul >= 0:
        line, col = _line_col_bytes(body, nul)
        raise _error(name, line, col, "file contains a NUL byte: it is not a text file")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_bytes(body, exc.start)
        bad = body[exc.start : exc.start + 1].hex()
        hint = ""
        if _is_windows_1252(body):
            hint = " (it looks like Windows-1252, the old ANSI encoding of Word and Notepad)"
        raise _error(
            name,
            line,
            col,
            f"file is not UTF-8 (byte 0x{bad}){hint}; save it as UTF-8 "
            "(in Word or Notepad: Save as, encoding UTF-8)",
        ) from exc
    return text


def _text_only(text: str, name: str) -> str:
    nul = text.find("\0")
    if nul >= 0:
        line, col = _line_col(text, nul)
        raise _error(name, line, col, "file contains a NUL character: it is not a text file")
    return text


def _is_windows_1252(data: bytes) -> bool:
    """Whether `data` reads as text in Windows-1252 (no control characters but line
    breaks and tabs), so the error can name the likely encoding."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 0x20 and c not in "\t\n\r" for c in text)


def parse(text: str, name: str, *, pure: bool = False) -> Document:
    """Parse one YAML document into nodes, or raise YamlError with its place.

    `pure` uses PyYAML's pure-Python parser even when libyaml is available (tests use
    it to check that both give the same nodes).
    """
    composer = _Composer(name)
    parser = None
    try:
        parser = (yaml.SafeLoader if pure else _Loader)(text)
        for event in iter(parser.get_event, None):
            composer.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _error(name, line, col, _yaml_message(exc, text, mark)) from exc
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = exc.character
        code = char if isinstance(char, int) else ord(char)  # libyaml gives a number
        raise _error(
            name,
            line,
            col,
            f"the control character U+{code:04X} is not allowed in a YAML file; remove it",
        ) from exc
    except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
        raise _error(name, 1, 1, f"YAML error: {exc}") from exc
    finally:
        if parser is not None:
            parser.dispose()
    return Document(composer.root, text)


def to_python(node: Node) -> object:
    """Plain Python values from a node (for data files such as the checklist).

    Scalars are resolved as YAML 1.1 would, but safely: dates stay text.
    """
    if isinstance(node, Mapping):
        return {_key_text(k): to_python(v) for k, v in node.pairs}
    if isinstance(node, Sequence):
        return [to_python(item) for item in node.items]
    return scalar_value(node)


def scalar_value(node: Scalar) -> object:
    """A scalar as a plain value: None, bool, int, float or str (never raises)."""
    if node.tag == NULL:
        return None
    if node.tag == BOOL:
        return node.value.lower() in ("yes", "true", "on", "y")
    if node.tag == INT:
        number = parse_int(node.value)
        return node.value if number is None else number
    if node.tag == FLOAT:
        try:
            return float(node.value.replace("_", ""))
        except ValueError:
            return node.value
    return node.value


def parse_int(text: str) -> int | None:
    """A YAML 1.1 integer, or None when it is not one or too long to be a number."""
    cleaned = text.replace("_", "")
    if len(cleaned) > 30:
        return None
    sign = -1 if cleaned.startswith("-") else 1
    cleaned = cleaned.lstrip("+-")
    try:
        if cleaned.startswith("0x"):
            return sign * int(cleaned[2:], 16)
        if cleaned.startswith("0b"):
            return sign * int(cleaned[2:], 2)
        if ":" in cleaned:  # sexagesimal, 1:20 == 80
            value = 0
            for part in cleaned.split(":"):
                value = value * 60 + int(part)
            return sign * value
        return sign * int(cleaned, 10)
    except ValueError:
        return None


def _key_text(node: Node) -> str:
    return node.value if isinstance(node, Scalar) else "?"


class _Composer:
    """Builds nodes from parser events without recursion."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root: Node | None = None
        self.documents = 0
        self.anchors: dict[str, Node] = {}
        self.stack: list[Mapping | Sequence] = []
        self.aliased = False

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):  # the most frequent event first
            self._add(self._scalar(event), event.anchor)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                mark = _mark(event)
                raise _error(
                    self.name,
                    mark.line,
                    mark.column,
                    "the file holds more than one YAML document ('---'); a plan is one document",
                )
        elif isinstance(event, yaml.AliasEvent):
            node = self.anchors.get(event.anchor or "")
            mark = _mark(event)
            if node is None:  # pragma: no cover - the parser reports this first
                raise _error(self.name, mark.line, mark.column, f"unknown alias *{event.anchor}")
            if any(node is open_node for open_node in self.stack):
                raise _error(
                    self.name,
                    mark.line,
                    mark.column,
                    f"the alias *{excerpt(event.anchor or '')} refers to a value that contains "
                    "it; a value cannot hold itself",
                )
            self._add(node, None, alias_mark=mark)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            mark = _mark(event)
            if len(self.stack) >= MAX_DEPTH:
                raise _error(
                    self.name,
                    mark.line,
                    mark.column,
                    f"nesting is deeper than {MAX_DEPTH} levels",
                )
            self._check_tag(
                event.tag, SEQ if isinstance(event, yaml.SequenceStartEvent) else MAP, mark
            )
            container: Mapping | Sequence = (
                Sequence([], mark)
                if isinstance(event, yaml.SequenceStartEvent)
                else Mapping([], mark)
            )
            if event.anchor:
                self.anchors[event.anchor] = container
            self.stack.append(container)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            container = self.stack.pop()
            if isinstance(container, Mapping):
                self._finish_mapping(container)
            self._add(container, None)

    def _scalar(self, event: yaml.ScalarEvent) -> Scalar:
        mark = _mark(event)
        tag = event.tag
        if tag is None:
            tag = _resolve(event.value, event.implicit)
        elif tag == "!":  # the non-specific tag makes text (the two parsers differ on `a: !`)
            tag = STR
        else:
            self._check_tag(tag, None, mark)
            self._check_tagged_value(tag, event.value, mark)
        return Scalar(event.value, tag, mark, quoted=bool(event.style))

    def _check_tagged_value(self, tag: str, value: str, mark: Mark) -> None:
        """A value with an explicit tag (`!!bool misschien`) must be valid for that tag.

        PyYAML's constructors raise KeyError or ValueError on such values; here the file
        gets an error at the value's place, whatever field it stands in.
        """
        if tag in (STR, MERGE):
            return
        resolved = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if tag == TIMESTAMP:
            valid = resolved == TIMESTAMP and _valid_timestamp(value)
        elif tag == FLOAT:
            valid = resolved in (FLOAT, INT) or _python_float(value)
        else:
            valid = resolved == tag
        if not valid:
            shown = "!!" + tag[len(YAML_TAG) :]
            raise _error(
                self.name,
                mark.line,
                mark.column,
                f"'{excerpt(value)}' is not a valid {shown} value; write plain values without tags",
            )

    def _check_tag(self, tag: str | None, kind: str | None, mark: Mark) -> None:
        if tag is None or tag == "!":
            return
        allowed = {kind} if kind else _SCALAR_TAGS
        if tag not in allowed:
            shown = "!!" + tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag
            raise _error(
                self.name,
                mark.line,
                mark.column,
                f"the tag {shown} is not allowed here; write plain values without tags",
            )

    def _add(self, node: Node, anchor: str | None, *, alias_mark: Mark | None = None) -> None:
        if anchor:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent.size += node.size
        if alias_mark is not None:
            self.aliased = True
        if parent.size > MAX_NODES:
            mark = alias_mark or node.mark
            message = (
                f"the document expands to more than {MAX_NODES} values "
                "(anchors and aliases repeat too much)"
                if self.aliased
                else f"the document holds more than {MAX_NODES} values; a plan needs far fewer"
            )
            raise _error(self.name, mark.line, mark.column, message)
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif parent.pairs and parent.pairs[-1][1] is _PENDING:
            parent.pairs[-1] = (parent.pairs[-1][0], node)
        else:
            parent.pairs.append((node, _PENDING))

    def _finish_mapping(self, mapping: Mapping) -> None:
        merged: list[tuple[Node, Node]] = []
        seen: dict[tuple[str, str], Mark] = {}
        for key, value in mapping.pairs:
            if isinstance(key, Scalar) and key.tag == MERGE:
                sources = value.items if isinstance(value, Sequence) else [value]
                for source in sources:
                    if not isinstance(source, Mapping):
                        raise _error(
                            self.name,
                            value.mark.line,
                            value.mark.column,
                            "a merge key '<<' needs a mapping or a list of mappings",
                        )
                    merged.extend(source.pairs)
                continue
            if isinstance(key, Scalar):
                ident = (key.tag, key.value)
                if ident in seen:
                    first = seen[ident]
                    raise _error(
                        self.name,
                        key.mark.line,
                        key.mark.column,
                        f"duplicate key '{excerpt(key.value)}' (first at line {first.line}); "
                        "YAML would silently keep only the last one",
                    )
                seen[ident] = key.mark
        if merged:
            own = {(k.tag, k.value) for k, _ in mapping.pairs if isinstance(k, Scalar)}
            extra: list[tuple[Node, Node]] = []
            for key, value in merged:
                if not isinstance(key, Scalar):
                    extra.append((key, value))
                elif (key.tag, key.value) not in own:
                    extra.append((key, value))
                    own.add((key.tag, key.value))
            mapping.pairs = [
                (k, v) for k, v in mapping.pairs if not (isinstance(k, Scalar) and k.tag == MERGE)
            ] + extra


_PENDING = Scalar("", NULL, Mark(0, 0))


def _valid_timestamp(value: str) -> bool:
    """Whether a value of timestamp form names a moment that exists (not `2021-13-45`)."""
    match = SafeConstructor.timestamp_regexp.match(value)
    if match is None:  # pragma: no cover - the resolver matched the same form
        return False
    parts = match.groupdict()
    try:
        datetime.datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
        )
    except ValueError:
        return False
    return True


def _python_float(value: str) -> bool:
    """Whether PyYAML's float constructor would read `value` (`!!float 1e5`)."""
    try:
        float(value.replace("_", ""))
    except ValueError:
        return False
    return True


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    if start is None:
        return Mark(1, 1)
    place = (start.line, start.column)
    mark = _MARKS.get(place)
    if mark is None:  # marks are immutable: files with the same layout share them
        if len(_MARKS) >= 20_000:
            _MARKS.clear()
        mark = _MARKS[place] = Mark(start.line + 1, start.column + 1)
    return mark


_MARKS: dict[tuple[int, int], Mark] = {}


def _resolve(value: str, implicit: tuple[bool, bool] | None) -> str:
    """The tag YAML 1.1 gives a plain or quoted scalar."""
    resolvers = _RESOLVER.yaml_implicit_resolvers  # keyed by first character
    if implicit is None or None in resolvers or _RESOLVER.yaml_path_resolvers:
        return _resolver_tag(value, implicit)
    if not implicit[0] or (value and value[0] not in resolvers):
        return STR  # quoted, or plain text that no implicit resolver would claim
    tag = _RESOLVED.get(value)  # the tag of a plain scalar depends on its text alone
    if tag is None:
        if len(_RESOLVED) >= 10_000:
            _RESOLVED.clear()
        tag = _RESOLVED[value] = _resolver_tag(value, implicit)
    return tag


def _resolver_tag(value: str, implicit: tuple[bool, bool] | None) -> str:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return tag


_RESOLVED: dict[str, str] = {}


def _error(name: str, line: int, column: int, message: str) -> YamlError:
    return YamlError([Diagnostic(name, line, column, "error", message)])


def _line_col(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    start = text.rfind("\n", 0, position) + 1
    return line, position - start + 1


def _line_col_bytes(data: bytes, position: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, position) + 1
    start = data.rfind(b"\n", 0, position) + 1
    column = len(data[start:position].decode("utf-8", errors="replace")) + 1
    return line, column


def _yaml_message(exc: yaml.MarkedYAMLError, text: str, mark: object) -> str:
    problem = exc.problem or "invalid YAML"
    if "maximum nesting depth" in problem:  # libyaml's own limit (1000), met first
        return f"nesting is deeper than {MAX_DEPTH} levels"
    message = f"YAML syntax: {problem}"
    if exc.context:
        context = exc.context
        start = exc.context_mark
        if start is not None and start is not mark and start.line != getattr(mark, "line", None):
            context += f" that starts at line {start.line + 1}"
        message += f" ({context})"
    line = getattr(mark, "line", None)
    if line is not None:
        lines = text.splitlines()
        column = getattr(mark, "column", 0)
        if 0 <= line < len(lines) and "\t" in lines[line][: column + 1]:
            message += "; tabs cannot indent YAML, use spaces"
    return message
