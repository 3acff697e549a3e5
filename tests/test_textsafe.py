"""textsafe: what `visible` makes of each kind of unsafe character, and `excerpt`."""

from __future__ import annotations

import json
import os

import pytest

from herstelcheck.formats.json import dumps
from herstelcheck.textsafe import JSON_UNSAFE, excerpt, has_unsafe, visible, visible_block


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mrood\x1b[0m", "␛[31mrood␛[0m"),  # CSI
        ("\x1b]8;;https://x\x07link\x1b]8;;\x07", "␛]8;;https://x␇link␛]8;;␇"),  # OSC 8
        ("\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"),  # OSC 52: a clipboard write
        ("\x9b31m", "<U+009B>31m"),  # the one-byte CSI
        ("a\x85b", "a<U+0085>b"),  # NEL, a line break to some terminals
        ("\u202eolleh\u202c", "<U+202E>olleh<U+202C>"),  # right-to-left override
        ("\u2066a\u2069", "<U+2066>a<U+2069>"),  # isolates
        ("a\u200bb", "a<U+200B>b"),  # zero width space
        ("\x00\x07\x08\x7f", "␀␇␈␡"),
        ("regel 1\nregel 2\ttab", "regel 1␊regel 2␉tab"),
        ("a\udcffb", "a<0xFF>b"),  # the byte 0xff of a file name that is not UTF-8
        ("a\ud800b", "a<U+D800>b"),  # any other lone surrogate
        ("[bold red]rood[/] :smile: € Ĳssel", "[bold red]rood[/] :smile: € Ĳssel"),
    ],
)
def test_visible(text, shown):
    assert visible(text) == shown
    assert has_unsafe(text) == (text != shown)
    assert not has_unsafe(visible(text))
    visible(text).encode("utf-8")  # every result can be written


def test_visible_block_keeps_line_breaks_and_expands_tabs():
    assert visible_block("a\r\nb\n\tc\x1b") == "a\nb\n    c␛"


def test_json_escapes_what_json_itself_leaves_raw():
    text = "\x85\x9b\u2028\u202e\udcff"
    dumped = dumps({"t": text})
    assert not JSON_UNSAFE.search(dumped)
    assert json.loads(dumped)["t"] == text
    assert os.fsencode(json.loads(dumped)["t"][-1]) == b"\xff"  # a file name round-trips


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("kort", 80, "kort"),
        ("x" * 80, 80, "x" * 80),
        ("x" * 81, 80, "x" * 79 + "…"),
        ("abc", 2, "a…"),
    ],
)
def test_excerpt(text, limit, cut):
    assert excerpt(text, limit) == cut
    assert len(excerpt(text, limit)) <= limit
