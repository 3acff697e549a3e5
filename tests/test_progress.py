"""The progress bar on standard error while many plans are audited."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from conftest import EXAMPLES
from herstelcheck import progress


class FakeTerminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def plans(tmp_path):
    """Twelve copies of an example plan, in a folder."""
    text = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
    for number in range(1, 13):
        (tmp_path / f"plan-{number:02}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_wanted_only_for_many_plans_on_a_terminal(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    assert progress.wanted(progress.THRESHOLD, FakeTerminal())
    assert not progress.wanted(progress.THRESHOLD - 1, FakeTerminal())
    assert not progress.wanted(100, io.StringIO())
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(100, FakeTerminal())


def test_wanted_with_colour_off(monkeypatch):
    """Progress is not colour: NO_COLOR leaves the bar, drawn without colour."""
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert progress.wanted(100, FakeTerminal())


def test_wanted_with_an_odd_stream():
    closed = io.StringIO()
    closed.close()
    assert not progress.wanted(100, closed)
    assert not progress.wanted(100, object())  # type: ignore[arg-type]


def test_track_passes_the_files_through_when_no_bar_is_wanted():
    files = [f"p{n}.yaml" for n in range(20)]
    assert progress.track(files) is files  # standard error is not a terminal in tests


def test_bar_yields_every_file_and_is_erased():
    files = [f"plannen/p{n:02}.yaml" for n in range(12)]
    screen = FakeTerminal()
    console = Console(file=screen, force_terminal=True, width=80, no_color=True)
    assert list(progress.bar(files, console)) == files
    drawn = screen.getvalue()
    assert "/12" in drawn
    assert "herstelcheck" in drawn
    assert "\x1b[?25h" in drawn  # the cursor is shown again
    assert drawn.endswith("\x1b[1A\x1b[2K")  # the bar's line is cleared: it is transient


def test_bar_shows_file_names_literally():
    files = ["[bold]plan\x1b[31m.yaml"] * 12
    screen = FakeTerminal()
    console = Console(file=screen, force_terminal=True, width=100, no_color=True)
    list(progress.bar(files, console))
    drawn = screen.getvalue()
    assert "[bold]plan␛[31m.yaml" in drawn
    assert "\x1b[31m" not in drawn


def test_audit_shows_a_bar_on_a_terminal(cli, plans, monkeypatch):
    plain = cli("audit", str(plans))
    assert plain.exit_code == 0, plain
    assert plain.stderr == ""

    monkeypatch.delenv("TERM", raising=False)
    from herstelcheck.main import main

    screen = FakeTerminal()
    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(SystemExit) as stopped:
        main(["audit", str(plans)])
    assert stopped.value.code == 0
    assert "/12" in screen.getvalue()
    assert out.getvalue() == plain.stdout  # the report is not touched by the bar


def test_no_bar_for_a_few_plans_on_a_terminal(cli, monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    from herstelcheck.main import main

    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with pytest.raises(SystemExit):
        main(["audit", str(EXAMPLES)])
    assert screen.getvalue() == ""


def test_rich_progress_is_imported_only_for_the_bar(plans):
    code = (
        "import sys\n"
        "from herstelcheck.main import main\n"
        "try:\n"
        f"    main(['audit', {str(plans)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('rich.progress' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr
