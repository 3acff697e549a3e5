"""The progress bar on standard error while many plans are audited."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

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


def test_bar_yields_every_file_and_is_erased(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    files = [f"plannen/p{n:02}.yaml" for n in range(12)]
    screen = FakeTerminal()
    assert list(progress.bar(files, screen)) == files
    drawn = screen.getvalue()
    assert drawn.startswith("\x1b[?25l")  # the cursor is hidden while the bar is drawn
    frames = drawn.split("\r\x1b[2K")
    assert frames[1].startswith("herstelcheck ────")
    assert frames[12].startswith("herstelcheck ━━━")
    assert " 0/12 plannen/p00.yaml" in frames[1]
    assert " 11/12 plannen/p11.yaml" in frames[12]
    assert "\n" not in drawn  # one line, rewritten
    assert drawn.endswith("\x1b[?25h\r\x1b[2K")  # cursor shown, line cleared: transient


def test_the_bar_fills_up():
    assert progress.line(0, 4, "a", 80, False, False).count("━") == 0
    half = progress.line(2, 4, "a", 80, False, False)
    assert half.count("━") == half.count("─") == progress.BAR_WIDTH // 2
    assert progress.line(1, 4, "a", 80, False, True).startswith("herstelcheck ##########---")


def test_the_bar_never_wraps_and_colours_only_when_asked():
    long_name = "plannen/" + "x" * 200 + ".yaml"
    drawn = progress.line(3, 12, long_name, 60, False, False)
    assert len(drawn) == 59 and drawn.endswith("…")
    assert "\x1b[" not in drawn
    assert "\x1b[36m" in progress.line(3, 12, "a", 80, True, False)


def test_bar_shows_file_names_literally(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)  # in colour too
    files = ["[bold]plan\x1b[31m.yaml"] * 12
    screen = FakeTerminal()
    list(progress.bar(files, screen))
    drawn = screen.getvalue()
    assert "[bold]plan␛[31m.yaml" in drawn
    assert "\x1b[31m" not in drawn


def test_messages_go_above_the_bar(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", screen)
    for name in progress.bar([f"p{n}.yaml" for n in range(12)]):
        if name == "p3.yaml":
            print("p3.yaml:1:1: error: kapot", file=sys.stderr)
    assert sys.stderr is screen  # given back
    drawn = screen.getvalue()
    # The bar is cleared, the message written on a line of its own, the bar drawn again.
    again = progress.line(3, 12, "p3.yaml", 80, False, False)
    assert f"{again}\r\x1b[2Kp3.yaml:1:1: error: kapot\n\r\x1b[2K{again}\r" in drawn


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


def test_no_rich_for_the_bar(plans):
    code = (
        "import sys\n"
        "from herstelcheck.main import main\n"
        "try:\n"
        f"    main(['audit', '-f', 'json', {str(plans)!r}])\n"  # Rich draws the terminal report
        "except SystemExit:\n"
        "    pass\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "False", result.stderr
