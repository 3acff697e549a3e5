"""Escape text for Markdown, so that it shows as the same text and never as markup.

Plan and checklist texts go into council memos that people convert with pandoc or show
on a web page, and into Markdown that GitHub shows (the job summary, SARIF help, the
checklist and diff documents). Any of them may hold pipes, `<script>`,
`[x](javascript:...)`, `# kop`, backticks, `$x$` or line breaks; `escape` turns such
text into Markdown that reads as exactly that text, on one line, wherever it is put: in
a paragraph, a list item, a heading or a table cell, and at the start of a line as well
as in the middle.

- Runs of spaces, tabs and line breaks become one space, and the ends are trimmed, so
  a value never ends a paragraph, breaks a table row or indents a code block.
- Other control characters, bidirectional overrides and invisible characters are made
  visible (see `textsafe.visible`).
- Every character that starts inline markup in CommonMark or in pandoc's Markdown is
  escaped with a backslash: links and images, emphasis, code, raw HTML, autolinks, TeX
  maths, footnotes, spans and attributes, strikeout, superscript and subscript, table
  cells and line blocks; `&` where it would start an entity (`&amp;`, `&#60;`), and `@`
  where it would start a citation (not in an e-mail address).
- A character or marker that starts a block only at the beginning of a line (a list
  marker such as `-`, `+`, `1.`, `a.` or `iv.`, a setext underline `=`, a definition
  list or fenced div `:`, a title block `%`) is escaped when the text begins with it.
- With `gfm=True`, for Markdown that GitHub shows, bare web and e-mail addresses are
  broken up as well (`https\\://`, `www\\.`, `a\\@b.nl`), so that GitHub Flavored
  Markdown makes no link of them.

Both CommonMark and pandoc (`all_symbols_escapable`) read a backslash before any ASCII
punctuation as that character, so the escaped text renders as the original.
"""

from __future__ import annotations

import re

from herstelcheck.textsafe import visible

_WHITESPACE = re.compile(r"[ \t\r\n]+")
_INLINE = re.compile(
    r"[\\`*_\[\](){}<>#|$~^]"  # inline markup, wherever it stands
    r"|&(?=#|[0-9A-Za-z]+;)"  # an entity or character reference
    r"|(?<![^\W_])@"  # a citation; not the @ of an e-mail address
)
_LINE_START = frozenset("-+=:%")
_LIST_MARKER = re.compile(r"^(\d+|[A-Za-z]|[IVXLCDMivxlcdm]+)\.(?= |$)")
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)|(?<!\\)@")
"""What starts an extended autolink of GitHub Flavored Markdown: `www.`, `scheme://`,
and the `@` of an e-mail address (every other `@` is escaped already)."""


def one_line(text: str) -> str:
    """The text on one line: whitespace runs made one space, ends trimmed, and every
    other control character made visible. This is what `escape` shows, unescaped."""
    return visible(_WHITESPACE.sub(" ", text)).strip()


def escape(text: str, *, gfm: bool = False) -> str:
    r"""Markdown that shows `one_line(text)` literally, in any inline position; with
    `gfm`, GitHub makes no link of a web or e-mail address in it either.

    >>> print(escape("[x](javascript:alert(1))"))
    \[x\]\(javascript:alert\(1\)\)
    >>> print(escape("1. eerst | <b>"))
    1\. eerst \| \<b\>
    >>> print(escape("zie www.x.nl, https://x.nl of a@x.nl", gfm=True))
    zie www\.x.nl, https\://x.nl of a\@x.nl
    """
    line = _INLINE.sub(lambda m: "\\" + m.group(), one_line(text))
    if gfm:
        line = _AUTOLINK.sub(lambda m: "\\" + m.group(), line)
    if line[:1] in _LINE_START:
        return "\\" + line
    return _LIST_MARKER.sub(lambda m: m.group(1) + "\\.", line, count=1)


def paragraphs(text: str, *, gfm: bool = False) -> str:
    r"""Markdown paragraphs that show `text` literally: a blank line separates them, and
    each is `escape`d onto one line.

    >>> print(paragraphs("Eerste alinea\nloopt door.\n\n- Tweede alinea"))
    Eerste alinea loopt door.
    <BLANKLINE>
    \- Tweede alinea
    """
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return "\n\n".join(escape(part, gfm=gfm) for part in parts if part.strip())
