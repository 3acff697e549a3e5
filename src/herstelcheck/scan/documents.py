"""Read a document into blocks of text that keep their place.

A document is read whole into memory, after checks that cost nothing: it must be a
regular file (or standard input) of at most MAX_BYTES. Its kind comes from its content
where the content tells (`%PDF`, a zip with Word's or OpenDocument's parts) and from its
name otherwise (`.html`, `.md`, anything else is plain text). Each kind has its reader
(`pdf`, `office`, `markup`); every problem becomes a `DocumentError` with one message
for the user, so that a run can go on with its other documents.
"""

from __future__ import annotations

import errno
import os
import sys

from herstelcheck import files
from herstelcheck.scan.text import MAX_CHARS, Document, DocumentError, Kind

MAX_BYTES = 50 * 1024 * 1024
"""A document larger than this is refused before it is read."""
STDIN = "-"

_SUFFIXES: dict[str, Kind] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}


def read(path: str) -> Document:
    """Read the document `path` (`-`: standard input); DocumentError when it cannot be."""
    name = "<stdin>" if path == STDIN else path
    data = _stdin(name) if path == STDIN else read_file(path, name)
    return read_bytes(data, name, kind_of(path, data))


def read_bytes(data: bytes, name: str, kind: Kind) -> Document:
    """Read the bytes of a document of `kind`."""
    if kind == "pdf":
        from herstelcheck.scan import pdf

        return pdf.read(data, name)
    if kind in ("docx", "odt"):
        from herstelcheck.scan import office

        return office.read_docx(data, name) if kind == "docx" else office.read_odt(data, name)
    from herstelcheck.scan import markup

    text = markup.decode(data, name)
    if len(text) > MAX_CHARS:
        raise DocumentError(name, f"holds more than {MAX_CHARS:,} characters of text")
    if kind == "html":
        return markup.read_html(text, name)
    if kind == "markdown":
        return markup.read_markdown(text, name)
    return markup.read_text(text, name)


def kind_of(path: str, data: bytes) -> Kind:
    """The kind of a document, from its first bytes where they tell and its name
    otherwise; DocumentError for formats that scan does not read."""
    name = "<stdin>" if path == STDIN else path
    head = data[:2048]
    if head.lstrip(b"\0\t\n\r ").startswith(b"%PDF") or head.find(b"%PDF-", 0, 1024) >= 0:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DocumentError(
            name,
            "is an old Word (.doc) or other Office 97-2003 file, which scan does not read; "
            "save it as .docx or PDF",
        )
    if head.startswith(b"{\\rtf"):
        raise DocumentError(name, "is an RTF file, which scan does not read; save it as .docx")
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".pdf", ".docx", ".odt"):
        raise DocumentError(
            name, f"is named {suffix} but is no {suffix[1:].upper()} file (damaged or renamed?)"
        )
    kind = _SUFFIXES.get(suffix)
    if kind is None and path == STDIN:
        sample = head.lstrip().lower()
        if sample.startswith((b"<!doctype html", b"<html")):
            return "html"
    return kind or "text"


def _zip_kind(data: bytes, name: str) -> Kind:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names and archive.read("mimetype")[:60].startswith(
                b"application/vnd.oasis.opendocument.text"
            ):
                return "odt"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        raise DocumentError(
            name, "is a damaged zip file (a .docx or .odt that is cut off?)"
        ) from None
    raise DocumentError(
        name,
        "is a zip file but no Word (.docx) or OpenDocument text (.odt) document; scan reads "
        "PDF, DOCX, ODT, HTML, Markdown and plain text",
    )


def read_file(path: str, name: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (MAX_BYTES), read by the one
    reader of every input file (`files.read`): its type and size are checked before a
    byte is read, and a FIFO or device is never opened for reading."""
    try:
        data = files.read(path, files.DOCUMENT, name, limit=MAX_BYTES if limit is None else limit)
    except files.FileError as exc:
        raise DocumentError(name, exc.diagnostics[0].message) from None
    if not data:
        raise DocumentError(name, "is empty")
    return data


def _too_large(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"
    return f"is larger than {size}; scan reads documents up to that size"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if getattr(exc, "errno", None) == errno.ELOOP:
        return "is a loop of symbolic links"
    return f"cannot read: {getattr(exc, 'strerror', None) or exc}"


def _stdin(name: str) -> bytes:
    try:
        data: bytes = sys.stdin.buffer.read(MAX_BYTES + 1)
    except (OSError, ValueError, AttributeError) as exc:
        raise DocumentError(name, _reason(exc)) from None
    if len(data) > MAX_BYTES:
        raise DocumentError(name, _too_large(MAX_BYTES))
    if not data:
        raise DocumentError(name, "is empty")
    return data
