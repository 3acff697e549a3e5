"""Shared fixtures: run the command line in-process and see its streams apart."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from herstelcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Result:
    """What one run of the command line did."""

    exit_code: int
    stdout: str
    stderr: str

    def __repr__(self) -> str:  # shown when an assertion fails
        return (
            f"<exit {self.exit_code}>\n--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


def run_cli(
    args: list[str], stdin: bytes = b"", monkeypatch: pytest.MonkeyPatch | None = None
) -> Result:
    """Run `herstelcheck ARGS` in this process, with its own standard streams."""
    out, err = io.StringIO(), io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
    code = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """`cli("audit", "plan.yaml")` runs the command line and returns a Result."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def invoke(*args: str, stdin: bytes = b"") -> Result:
        return run_cli(list(args), stdin)

    return invoke


@pytest.fixture
def write_plan(tmp_path: Path):
    """`write_plan("text", name="plan.yaml")` writes a plan file and returns its path."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
