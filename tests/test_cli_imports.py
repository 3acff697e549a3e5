"""Start-up: a command imports only what it and its report format need.

Each case runs in a fresh interpreter, since the test process has imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLES

HEAVY = {"yaml", "rich", "jinja2", "pydantic", "markdown_it", "xml"}
"""Packages that no command should load unless it needs them."""

_CHILD = """
import io, json, sys
args = json.loads(sys.argv[1])
if args is not None:
    from herstelcheck.main import main
    sys.stdout = io.StringIO()
    try:
        main(args)
    except SystemExit:
        pass
    sys.stdout = sys.__stdout__
else:
    import herstelcheck.cli
print(json.dumps(sorted(sys.modules)))
"""


def _loaded(args: list[str] | None) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after `herstelcheck ARGS`
    (after only importing herstelcheck.cli when `args` is None)."""
    return {name.split(".")[0] for name in _modules(args)}


def _modules(args: list[str] | None) -> set[str]:
    """The modules a fresh interpreter has loaded after `herstelcheck ARGS`."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS")}
    env["NO_COLOR"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return set(json.loads(done.stdout))


def test_importing_the_cli_loads_no_parser_renderer_or_validator():
    assert _loaded(None) & HEAVY == set()


@pytest.mark.parametrize("args", [["--help"], ["audit", "--help"], ["--version"]])
def test_help_and_version_load_nothing_heavy(args):
    assert _loaded(args) & HEAVY == set()


def test_json_report_loads_yaml_but_no_rich_jinja2_or_pydantic():
    loaded = _loaded(["audit", "-f", "json", str(EXAMPLES / "zeeveen.yaml")])
    assert "yaml" in loaded
    assert loaded & HEAVY == {"yaml"}


def test_terminal_report_loads_rich_but_no_jinja2_or_pydantic():
    loaded = _loaded(["audit", str(EXAMPLES / "bergakker.yaml")])
    assert loaded & HEAVY == {"yaml", "rich"}  # Rich draws the terminal views


def test_json_report_of_several_plans_loads_no_rich():
    modules = _modules(["audit", "-f", "json", "--lang", "en", str(EXAMPLES)])
    assert "herstelcheck.formats.json" in modules  # the report was written
    assert not any(name == "rich" or name.startswith("rich.") for name in modules)


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "-f", "json", str(EXAMPLES / "zeeveen.yaml")],
        ["--debug", "audit", "--lang", "en", "--fail-under", "10", str(EXAMPLES)],
        ["audit", "--no-config"],  # a usage error, said without Typer
    ],
)
def test_an_ordinary_audit_loads_no_typer(args):
    loaded = _modules(args)
    assert {"typer", "click", "herstelcheck.cli"} & loaded == set()
    assert "herstelcheck.audit_command" in loaded


def test_help_comes_from_typer():
    assert "herstelcheck.cli" in _modules(["audit", "--help"])


def test_options_with_values_load_no_pydantic(tmp_path):
    args = [
        "audit",
        "--format",
        "JSON",
        "--lang",
        "en",
        "--fail-under",
        "50",
        "--date",
        "2021-06-30",
        "--checklist",
        str(EXAMPLES.parent / "checklist.yaml"),
        "-o",
        str(tmp_path / "report.json"),
        str(EXAMPLES),
    ]
    assert _loaded(args) & HEAVY == {"yaml"}
    assert (tmp_path / "report.json").is_file()


def test_the_checklist_is_read_once_per_run(cli, monkeypatch):
    from herstelcheck import checklist

    calls = []
    load = checklist.load

    def counting(path=None):
        calls.append(path)
        return load(path)

    monkeypatch.setattr(checklist, "load", counting)
    result = cli("audit", "-f", "json", str(EXAMPLES))
    assert result.exit_code == 0, result
    assert len(json.loads(result.stdout)["plans"]) == len(list(EXAMPLES.glob("*.yaml")))
    assert calls == [None]
