"""Read HTML (the standard library's parser), Markdown (markdown-it-py) and plain text.

Text files are UTF-8, UTF-16 or UTF-32 with a byte order mark, UTF-16 or UTF-32 without
one (told by the zero bytes of the first character, as for a plan: `textsafe.
text_encoding`), or else Windows-1252, the old encoding of Word and Notepad.
Nothing a document links to is fetched: HTML is read as text, scripts, styles and
navigation left out, and raw HTML in Markdown is shown as the text it is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from herstelcheck.scan.text import Block, BlockKind, Document, DocumentError
from herstelcheck.textsafe import text_encoding


def decode(data: bytes, name: str) -> str:
    """The text of a text file (see the module's docstring for the encodings)."""
    encoding, start = text_encoding(data)
    try:
        text = data[start:].decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise DocumentError(
                name, f"looks like {encoding.upper()} but is not valid in it (damaged?)"
            ) from None
        text = data.decode("cp1252", errors="replace")
    if "\0" in text:
        raise DocumentError(name, "holds NUL characters: it is a binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- HTML ----------------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    """
        script style noscript template head nav svg math iframe object select textarea
        """.split()
)
_VOID = frozenset(
    """
        area base br col embed hr img input link meta param source track wbr
        """.split()
)
_BLOCK_TAGS = frozenset(
    """
        p li td th h1 h2 h3 h4 h5 h6 blockquote dd dt caption figcaption pre div section article
        main header footer aside address table tr ul ol dl body html form fieldset
        """.split()
)
_TOC_MARK = re.compile(r"(?:^|[\s_-])(?:toc|inhoud|inhoudsopgave|table-of-contents)(?:$|[\s_-])")


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title: str | None = None
        self._stack: list[tuple[str, bool]] = []
        """Open elements, each with whether its content is left out."""
        self._buffer: list[str] = []
        self._in_title = False
        self._title: list[str] = []
        self._tables = -1
        self._rows: list[int] = []

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
            return
        if tag == "br":
            self._buffer.append("\n")
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "table":
            self._tables += 1
            self._rows.append(-1)
        elif tag == "tr" and self._rows:
            self._rows[-1] += 1
        if tag in _VOID:
            return
        marks = " ".join(value or "" for key, value in attrs if key in ("id", "class", "role"))
        skip = (
            self._skipping
            or tag in _SKIP_TAGS
            or bool(_TOC_MARK.search(marks.lower()))
            or ("hidden" in (key for key, _ in attrs))
        )
        self._stack.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = " ".join("".join(self._title).split()) or None
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "table" and self._rows:
            self._rows.pop()
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skipping:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        if not text.strip():
            return
        kind: BlockKind = "paragraph"
        level = 0
        row = None
        for tag, _ in reversed(self._stack):
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                kind, level = "heading", int(tag[1])
                break
            if tag in ("td", "th") and self._rows:
                kind, row = "cell", (self._tables, max(self._rows[-1], 0))
                break
            if tag == "li":
                kind = "item"
                break
            if tag in ("p", "blockquote", "pre", "dd", "dt"):
                break
        self.blocks.append(Block(text, kind, level, row))

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(text: str, name: str) -> Document:
    """The blocks of an HTML page."""
    reader = _HtmlReader()
    reader.feed(text)
    reader.close()
    return Document(name, "html", reader.title, tuple(reader.blocks))


# --- Markdown ------------------------------------------------------------------------


def read_markdown(text: str, name: str) -> Document:
    """The blocks of a Markdown document (CommonMark with tables)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    blocks: list[Block] = []
    lists = 0
    kind: BlockKind = "paragraph"
    level = 0
    tables, row = -1, -1
    for token in parser.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "heading_open":
            kind, level = "heading", int(token.tag[1:])
        elif token.type == "table_open":
            tables += 1
            row = -1
        elif token.type == "tr_open":
            row += 1
        elif token.type in ("th_open", "td_open"):
            kind = "cell"
        elif token.type == "paragraph_open":
            kind = "item" if lists else "paragraph"
        elif token.type == "inline":
            content = _inline_text(token)
            if content.strip():
                where = (tables, row) if kind == "cell" else None
                blocks.append(Block(content, kind, level if kind == "heading" else 0, where))
            kind, level = "paragraph", 0
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(Block(token.content, "paragraph"))
    return Document(name, "markdown", None, tuple(blocks))


def _inline_text(token: object) -> str:
    """The text an inline token shows: its words, code and link texts; line breaks kept."""
    parts: list[str] = []
    for child in getattr(token, "children", None) or ():
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "image":
            parts.append(child.content)
    return "".join(parts)


# --- plain text ----------------------------------------------------------------------

_BULLET = re.compile(r"^\s*(?:[-*•▪–·]|\d{1,3}[.)]|[a-z][.)])\s+")
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\S")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def read_text(text: str, name: str) -> Document:
    """The blocks of a plain text: paragraphs between blank lines, list items at their
    bullets, and headings: a short line of its own without closing punctuation (a
    number such as `3.2` gives its level), or a Markdown heading."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        heading = _heading(lines[0]) if len(lines) == 1 else None
        if heading is not None:
            blocks.append(Block(heading[1], "heading", heading[0]))
            continue
        current: list[str] = []
        current_kind: BlockKind = "paragraph"
        for line in lines:
            if _BULLET.match(line):
                if current:
                    blocks.append(Block("\n".join(current), current_kind))
                current, current_kind = [_BULLET.sub("", line, count=1)], "item"
            else:
                current.append(line)
        if current:
            blocks.append(Block("\n".join(current), current_kind))
    return Document(name, "text", None, tuple(blocks))


def _heading(line: str) -> tuple[int, str] | None:
    stripped = line.strip()
    marked = _MARKDOWN_HEADING.match(stripped)
    if marked:
        return len(marked.group(1)), marked.group(2)
    if len(stripped) > 80 or stripped[-1] in ".,;:!?" or not stripped[0].isalnum():
        return None
    numbered = _NUMBERED_HEADING.match(stripped)
    if (_BULLET.match(line) and not numbered) or not (stripped[0].isupper() or numbered):
        return None
    if numbered:
        return numbered.group(1).count(".") + 1, stripped
    return (1, stripped) if len(stripped.split()) <= 10 else None
