"""Make untrusted text safe to show in a terminal, a log or a document.

Text from plans and checklists comes from people and may hold escape sequences
(ESC, CSI, OSC 8 links, OSC 52 clipboard writes), other control characters and
bidirectional overrides that reorder what a reader sees. None of them is ever passed
through: each is replaced by a visible stand-in, so a reader sees that something
was there without the terminal acting on it.

- C0 controls and DEL become their Unicode control pictures (ESC shows as ␛);
- C1 controls, bidirectional controls and invisible format characters become
  ``<U+XXXX>``;
- lone surrogates become ``<0xXX>`` for the undecodable byte of a file name that
  Python carries as U+DC80-U+DCFF, ``<U+XXXX>`` otherwise: no encoder can write them.
"""

from __future__ import annotations

import codecs
import re

_INVISIBLE = (
    "\u0080-\u009f"  # C1 controls (0x9b is a one-byte CSI)
    "\u00ad"  # soft hyphen
    "\u061c"  # Arabic letter mark
    "\u180e"
    "\u200b-\u200f"  # zero-width characters, LRM, RLM
    "\u2028\u2029"  # line and paragraph separators
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"
    "\u2066-\u2069"  # bidirectional isolates
    "\ufeff"
    "\ufff9-\ufffb"
    "\ud800-\udfff"  # lone surrogates (undecodable bytes of file names)
)
_UNSAFE_LINE = re.compile(f"[\u0000-\u001f\u007f{_INVISIBLE}]")
_UNSAFE_BLOCK = re.compile(f"[\u0000-\u0008\u000b-\u001f\u007f{_INVISIBLE}]")
UNSAFE_CHARS = _UNSAFE_LINE
"""Every character that `visible` replaces (tests use it to check outputs)."""
JSON_UNSAFE = re.compile(f"[\u007f{_INVISIBLE}]")
"""The unsafe characters that JSON encoders leave unescaped (C0 is always escaped)."""


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0xDC80 <= code <= 0xDCFF:
        return f"<0x{code - 0xDC00:02X}>"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """One line of text with every control and invisible character made visible."""
    return _UNSAFE_LINE.sub(_stand_in, text)


def visible_block(text: str) -> str:
    """Like `visible`, but keeps line breaks and tabs (tabs become spaces)."""
    text = text.replace("\r\n", "\n").replace("\t", "    ")
    return _UNSAFE_BLOCK.sub(_stand_in, text)


def has_unsafe(text: str) -> bool:
    """Whether `visible` would change the text."""
    return _UNSAFE_LINE.search(text) is not None


EXCERPT_LENGTH = 80
"""How much of a value an error message quotes."""


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The start of `text`, cut at `limit` characters with an ellipsis, for quoting a
    value in a message: a value of a megabyte must not become a line of a megabyte."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""The byte order marks a text file may start with, and their encodings; UTF-32 first,
since its little-endian mark starts with UTF-16's."""


def text_encoding(data: bytes) -> tuple[str, int]:
    """The encoding of a text file and the length of its byte order mark: told by the
    mark, else by where the zero bytes of its first character fall (UTF-16 and UTF-32
    without a mark, as the YAML specification describes, 1.2 section 5.2), else UTF-8."""
    for bom, encoding in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            return encoding, len(bom)
    head = data[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "utf-32-be", 0
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "utf-32-le", 0
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be", 0
    if len(head) >= 2 and head[0] and not head[1]:
        return "utf-16-le", 0
    return "utf-8", 0
