"""Text set aside for the end of a report: in memory while small, then in a temporary
file; given back whole, in order, in chunks, whatever it holds."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES
from herstelcheck.formats import spool
from herstelcheck.formats.spool import Spool

PIECES = ["<testsuite>\n", "", "Zeeveen \u2714 \u00e9\n", "file-\udcff.yaml", "\r\n", "\x00x" * 50]
"""Line breaks of every kind, characters of one to four bytes, a lone surrogate (a file
name that is not UTF-8), nothing at all."""


@pytest.mark.parametrize("memory", [0, 10, 1_000_000])
@pytest.mark.parametrize("chunk", [1, 7, 64 * 1024])
def test_a_spool_gives_back_what_was_written(monkeypatch, memory, chunk):
    monkeypatch.setattr(spool, "CHUNK", chunk)
    kept = Spool(memory)
    for piece in PIECES:
        kept.write(piece)
    chunks = list(kept.read())
    assert "".join(chunks) == "".join(PIECES)
    if memory < 10:  # from the file: chunks of CHUNK characters
        assert all(len(c) <= chunk for c in chunks)


def test_a_spool_moves_to_a_file_once_it_is_larger_than_its_memory():
    kept = Spool(100)
    kept.write("x" * 100)
    assert kept._file is None
    kept.write("y")
    assert kept._file is not None and kept._pieces == []
    file = kept._file
    assert "".join(kept.read()) == "x" * 100 + "y"
    assert file.closed  # read, and gone


def test_an_empty_spool_says_so():
    kept = Spool()
    assert kept.empty
    kept.write("")
    assert kept.empty
    assert list(kept.read()) == []
    kept = Spool()
    kept.write("a")
    assert not kept.empty


def test_a_spool_that_is_not_read_can_be_closed():
    kept = Spool(0)
    kept.write("abc")
    file = kept._file
    assert file is not None
    kept.close()
    assert file.closed


def test_a_temporary_folder_without_room_is_said_in_one_line(cli, monkeypatch, tmp_path):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spool, "MEMORY", 0)
    monkeypatch.setattr(spool.tempfile, "TemporaryFile", full)
    monkeypatch.setattr(spool.tempfile, "tempdir", str(tmp_path))
    target = tmp_path / "rapport.sarif"
    target.write_text("het vorige rapport\n")
    result = cli("audit", "-f", "sarif", "-o", str(target), str(EXAMPLES))
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: cannot keep the report in a temporary file in '{tmp_path}': "
        "No space left on device (set TMPDIR to use another folder)\n"
    )
    assert target.read_text() == "het vorige rapport\n"
