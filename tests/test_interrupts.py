"""SIGTERM and SIGHUP, as a CI system sends when it cancels a job: the run stops as after
Ctrl-C, removes its temporary files, gives the terminal its cursor back, and exits with
128 + the signal."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plans enough for a run of some seconds."""
    folder = tmp_path_factory.mktemp("big")
    for index in range(1500):
        shutil.copy(EXAMPLES / "lindewaard.yaml", folder / f"plan{index:04}.yaml")
    return folder


def wait_for(condition, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.01)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_stops_the_run_and_leaves_no_temporary_file(tmp_path, big, signum):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "out.json"
    target.write_text("het rapport van gisteren\n", encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", "audit", str(big), "-f", "json", "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        wait_for(lambda: any(p.name.endswith(".tmp") for p in out.iterdir()))
        process.send_signal(signum)
        stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum
    assert stderr.decode() == f"herstelcheck: stopped by {signal.Signals(signum).name}\n"
    assert stdout == b""
    assert [p.name for p in out.iterdir()] == ["out.json"]
    assert target.read_text(encoding="utf-8") == "het rapport van gisteren\n"


def test_a_signal_gives_the_terminal_its_cursor_back(tmp_path, big):
    pty = pytest.importorskip("pty")
    main_fd, terminal_fd = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1"}
    env.pop("FORCE_COLOR", None)
    with subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", "audit", str(big), "-o", str(tmp_path / "r.txt")],
        stdout=subprocess.DEVNULL,
        stderr=terminal_fd,
        env=env,
    ) as process:
        os.close(terminal_fd)
        shown = b""
        while b"\x1b[?25l" not in shown:  # the bar hides the cursor
            shown += os.read(main_fd, 65536)
        process.send_signal(signal.SIGTERM)
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the other end is closed
                break
            if not chunk:
                break
            shown += chunk
        os.close(main_fd)
        assert process.wait(timeout=30) == 143
    assert shown.rfind(b"\x1b[?25h") > shown.rfind(b"\x1b[?25l"), shown
    assert b"herstelcheck: stopped by SIGTERM" in shown
    assert not list(tmp_path.iterdir())


def test_a_signal_ignored_by_the_caller_stays_ignored(tmp_path):
    """Under `nohup` SIGHUP is ignored; herstelcheck does not undo that."""
    code = (
        "import signal, sys\n"
        "from herstelcheck import interrupts\n"
        "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "with interrupts.stopping():\n"
        "    assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN\n"
        "    assert signal.getsignal(signal.SIGTERM) != signal.SIG_DFL\n"
        "assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
