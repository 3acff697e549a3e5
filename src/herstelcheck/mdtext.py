"""Put untrusted text into Markdown so that it shows as the text it is.

Text from plans and checklist files may hold Markdown, HTML, table pipes, link syntax or
control characters. `inline` makes it one line of literal text: control and invisible
characters become visible stand-ins (`textsafe.visible`), whitespace runs become one
space, and every character that CommonMark, GitHub Flavored Markdown or pandoc's
Markdown would read as markup gets a backslash (any ASCII punctuation may be escaped
that way in all three). Characters that only mean something at the start of a line
(`-`, `+`, `=`, `1.`) are escaped there; bare web addresses are broken up so that no
autolink is made.

>>> inline("**vet** | <b>x</b>")
'\\\\*\\\\*vet\\\\*\\\\* \\\\| \\\\<b\\\\>x\\\\</b\\\\>'
>>> inline("- 1. punt")
'\\\\- 1. punt'
"""

from __future__ import annotations

import re

from herstelcheck.textsafe import visible

_ALWAYS = re.compile(r"([\\`*_\[\]{}<>#|~^$@&])")
"""Markup anywhere in a line: emphasis, code, links, HTML, headings' closing #, tables,
strikethrough, pandoc's super/subscript, math, citations and attributes, entities."""
_LINE_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
"""List markers, setext underlines and ordered-list numbers at the start of a line."""
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")


def inline(text: str) -> str:
    """`text` as one line of literal Markdown text."""
    flat = " ".join(visible(text.replace("\n", " ")).split())
    escaped = _ALWAYS.sub(r"\\\1", flat)
    escaped = _AUTOLINK.sub(lambda m: "\\" + m.group(), escaped)
    return _LINE_START.sub(_escape_start, escaped)


def paragraphs(text: str) -> str:
    """`text` as literal Markdown paragraphs: blank lines separate them."""
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "\n\n".join(inline(part) for part in parts if part.strip())


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"
