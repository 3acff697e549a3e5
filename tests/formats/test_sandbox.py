"""A user's template runs in a process of its own, bounded in processor time, memory and
time on the clock; the bundled templates run in the process of the audit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from herstelcheck.formats import sandbox

pytestmark = pytest.mark.slow  # each test starts a template process with limits

ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")

ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
GREEDY = (
    "{% set ns = namespace(s='x' * 1000000) %}"
    "{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
)


def memo_with(cli, tmp_path: Path, template: str, *extra: str):
    path = tmp_path / "memo.md.j2"
    path.write_text(template, encoding="utf-8")
    return path, cli("audit", ZEEVEEN, "-f", "markdown", "--template", str(path), *extra)


@POSIX
def test_a_template_that_runs_for_ever_is_stopped(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "TEMPLATE_CPU_SECONDS", 1)
    target = tmp_path / "memo.md"
    started = time.monotonic()
    path, result = memo_with(cli, tmp_path, ENDLESS, "-o", str(target))
    assert time.monotonic() - started < 20
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"{path}:1:1: error: the template was stopped: it took more than 1 second of "
        "processor time; a memo template needs far less\n"
    )
    assert not target.exists()


@POSIX
def test_a_template_that_takes_all_memory_is_stopped(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "TEMPLATE_MEMORY", 400 * 1024 * 1024)
    path, result = memo_with(cli, tmp_path, GREEDY)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"{path}:1:1: error: the template was stopped: it needed more than 400 MB of memory; "
        "a memo template needs far less\n"
    )
    assert result.stdout == ""


def test_a_template_is_stopped_by_the_clock_too(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "TEMPLATE_CPU_SECONDS", 100)
    monkeypatch.setattr(sandbox, "TEMPLATE_WALL_SECONDS", 1)
    path, result = memo_with(cli, tmp_path, ENDLESS)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"{path}:1:1: error: the template was stopped: it took longer than 1 second; "
        "a memo template needs far less\n"
    )


def test_a_template_gets_the_same_variables_in_its_process(cli, tmp_path):
    template = "{{ plans[0].gemeente }}|{{ lang }}|{{ plans|length }}|{{ 'é€' }}\n"
    _, result = memo_with(cli, tmp_path, template, "--lang", "en")
    assert result.exit_code == 0, result
    assert result.stdout == "Zeeveen|en|1|é€\n"


def test_a_jinja2_in_the_current_folder_is_not_imported(cli, tmp_path, monkeypatch):
    (tmp_path / "jinja2.py").write_text("raise SystemExit('imported')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, result = memo_with(cli, tmp_path, "{{ plans|length }}\n")
    assert (result.exit_code, result.stdout) == (0, "1\n"), result


def test_the_bundled_templates_need_no_process_of_their_own(cli, monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError("a process was started")

    monkeypatch.setattr(subprocess, "Popen", no_process)
    result = cli("audit", ZEEVEEN, "-f", "markdown")
    assert result.exit_code == 0, result
    assert "Zeeveen" in result.stdout


@POSIX
def test_sigterm_while_a_template_renders_stops_its_process_too(tmp_path):
    template = tmp_path / "memo.md.j2"
    template.write_text(ENDLESS, encoding="utf-8")
    args = ["audit", ZEEVEEN, "-f", "markdown", "--template", str(template)]
    with subprocess.Popen(
        [sys.executable, "-m", "herstelcheck", *args, "-o", str(tmp_path / "memo.md")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    ) as process:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        end = time.monotonic() + 30
        while not (children.exists() and children.read_text().split()):
            if time.monotonic() > end or process.poll() is not None:
                pytest.skip("cannot see the process that renders the template")
            time.sleep(0.05)
        child = int(children.read_text().split()[0])
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 143
    assert stderr.decode() == "herstelcheck: stopped by SIGTERM\n"
    time.sleep(0.2)
    assert not Path(f"/proc/{child}").exists() or "Z" in _state(child)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md.j2"]


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
