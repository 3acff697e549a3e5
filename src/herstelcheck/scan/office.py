"""Read Word (.docx, python-docx) and OpenDocument text (.odt, odfpy) documents.

Both are zip files, so both are checked before they are opened: a zip bomb (parts that
claim to unpack to far more than a document needs, or that are packed suspiciously
tight) is refused on the sizes in the zip's directory, which also bound what the zip
reader will unpack. Links to other files or web pages are read as the text they show;
nothing a document points to is ever fetched, and its XML is parsed without external
entities (python-docx with lxml, odfpy with defusedxml).

The body is read in order: headings (with their level), paragraphs, list items and
table cells; a table of contents (Word's TOC styles, ODF's text:table-of-content) is
marked to be skipped. Headers, footers and notes are not part of the body.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from herstelcheck.scan.text import Block, BlockKind, Document, DocumentError

MAX_ENTRIES = 5000
"""The most parts a document's zip may have."""
MAX_UNPACKED = 200 * 1024 * 1024
"""The most bytes all parts together may unpack to."""
MAX_PART = 100 * 1024 * 1024
"""The most bytes one part may unpack to."""
MAX_RATIO = 200
"""A part larger than RATIO_FLOOR that unpacks to more than this many times its packed
size is taken for a bomb (ordinary XML packs 5 to 20 times)."""
RATIO_FLOOR = 1024 * 1024


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip whose directory promises too many or too large parts."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DocumentError(name, "is a damaged zip file") from None
    if len(infos) > MAX_ENTRIES:
        raise DocumentError(name, f"has {len(infos)} parts; a document has far fewer (zip bomb?)")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART or total > MAX_UNPACKED:
            raise DocumentError(
                name,
                f"unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MB; refused as a "
                "possible zip bomb",
            )
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise DocumentError(
                name,
                f"has a part that unpacks to {ratio:.0f} times its size; refused as a "
                "possible zip bomb",
            )


# --- Word --------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|kop|berschrift|titre)\s*(\d)", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "titel"})
_TOC_STYLE = re.compile(r"^(?:toc|inhopg|table of contents|inhoudsopgave)", re.IGNORECASE)
_LIST_STYLE = re.compile(r"list|lijst|opsom", re.IGNORECASE)


def read_docx(data: bytes, name: str) -> Document:
    """The body of a Word document as blocks."""
    check_zip(data, name)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        title = (document.core_properties.title or "").strip() or None
        blocks = list(_docx_blocks(document))
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, f"is a damaged Word document ({_short(exc)})") from exc
    return Document(name, "docx", title, tuple(blocks))


def _docx_blocks(document: Any) -> Iterator[Block]:
    from docx.table import Table

    tables = 0
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            yield from _docx_table(part, tables)
            tables += 1
        else:
            block = _docx_paragraph(part)
            if block is not None:
                yield block


def _docx_paragraph(paragraph: Any) -> Block | None:
    text = paragraph.text
    if not text.strip():
        return None
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if _TOC_STYLE.match(style):
        return Block(text, "paragraph", skip=True)
    heading = _HEADING_STYLE.match(style)
    if heading:
        return Block(text, "heading", max(int(heading.group(1)), 1))
    if style.strip().lower() in _TITLE_STYLES:
        return Block(text, "heading", 0)
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    kind: BlockKind = "item" if numbered or _LIST_STYLE.search(style) else "paragraph"
    return Block(text, kind)


def _docx_table(table: Any, number: int) -> Iterator[Block]:
    for row_number, row in enumerate(table.rows):
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is given once per column it spans
                continue
            seen.add(id(cell._tc))
            text = " ".join(p.text for p in cell.paragraphs if p.text.strip())
            if text.strip():
                yield Block(text, "cell", row=(number, row_number))


# --- OpenDocument --------------------------------------------------------------------

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_SKIPPED = {
    (_TEXT_NS, "table-of-content"),
    (_TEXT_NS, "note"),
    (_TEXT_NS, "tracked-changes"),
    (_TEXT_NS, "sequence-decls"),
    (_TEXT_NS, "variable-decls"),
}


def read_odt(data: bytes, name: str) -> Document:
    """The body of an OpenDocument text as blocks."""
    check_zip(data, name)
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
        title = _odt_title(document)
        walker = _OdtWalker()
        walker.walk(document.text)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, f"is a damaged OpenDocument text ({_short(exc)})") from exc
    return Document(name, "odt", title, tuple(walker.blocks))


def _odt_title(document: Any) -> str | None:
    from odf.namespaces import DCNS

    for node in document.meta.childNodes:
        if getattr(node, "qname", None) == (DCNS, "title"):
            text = _odt_text(node).strip()
            return text or None
    return None


class _OdtWalker:
    """The blocks of an ODF text body, in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0

    def walk(self, element: Any, in_list: bool = False) -> None:
        for node in element.childNodes:
            qname = getattr(node, "qname", None)
            if qname is None or qname in _SKIPPED:
                continue
            namespace, local = qname
            if namespace == _TEXT_NS and local == "h":
                level = int(str(node.getAttribute("outlinelevel") or 1) or 1)
                self._add(_odt_text(node), "heading", max(level, 1))
            elif namespace == _TEXT_NS and local == "p":
                self._add(_odt_text(node), "item" if in_list else "paragraph")
            elif namespace == _TEXT_NS and local in ("list", "list-item", "list-header"):
                self.walk(node, in_list=True)
            elif namespace == _TABLE_NS and local == "table":
                self._table(node)
            else:  # sections, frames, text boxes and the like: what is inside them
                self.walk(node, in_list)

    def _add(self, text: str, kind: BlockKind, level: int = 0) -> None:
        if text.strip():
            self.blocks.append(Block(text, kind, level))

    def _table(self, table: Any) -> None:
        number = self.tables
        self.tables += 1
        rows = 0
        for row in _descendants(table, _TABLE_NS, "table-row"):
            for cell in row.childNodes:
                if getattr(cell, "qname", None) != (_TABLE_NS, "table-cell"):
                    continue
                text = " ".join(
                    _odt_text(p) for p in _descendants(cell, _TEXT_NS, "p") if _odt_text(p).strip()
                )
                if text.strip():
                    self.blocks.append(Block(text, "cell", row=(number, rows)))
            rows += 1


def _descendants(element: Any, namespace: str, local: str) -> Iterator[Any]:
    for node in element.childNodes:
        qname = getattr(node, "qname", None)
        if qname == (namespace, local):
            yield node
        elif qname is not None and qname not in _SKIPPED:
            yield from _descendants(node, namespace, local)


def _odt_text(element: Any) -> str:
    """The text of an element: spaces (text:s), tabs and line breaks as characters;
    notes left out."""
    parts: list[str] = []
    stack = list(reversed(element.childNodes))
    while stack:
        node = stack.pop()
        if node.nodeType == node.TEXT_NODE:
            parts.append(str(node.data))
            continue
        qname = getattr(node, "qname", None)
        if qname is None or qname in _SKIPPED:
            continue
        if qname == (_TEXT_NS, "s"):
            count = node.getAttribute("c")
            parts.append(" " * min(int(count) if count and str(count).isdigit() else 1, 100))
        elif qname == (_TEXT_NS, "tab"):
            parts.append("\t")
        elif qname == (_TEXT_NS, "line-break"):
            parts.append("\n")
        elif qname[0] != _DRAW_NS:
            stack.extend(reversed(node.childNodes))
    return "".join(parts)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"
