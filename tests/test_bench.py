"""The benchmark scripts still run against the code they measure (on tiny inputs: this
checks that they work, not how fast anything is)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from conftest import ROOT


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_scan_bench_measures_each_step(tmp_path):
    scan = _module("scan")
    times = scan.in_process(scan.document(tmp_path, pages=3))
    assert set(times) >= {"read PDF", "passages", "signals"}
    assert all(seconds >= 0 for seconds in times.values())


def test_the_bench_takes_its_options():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--help"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "--plans" in done.stdout and "--formats" in done.stdout
