"""The README stays true: the quick start, and every command and option it documents."""

from __future__ import annotations

import re

import pytest
import typer.main

from conftest import ROOT
from herstelcheck.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def test_the_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == [
        "pip install . && herstelcheck audit examples/lindewaard.yaml",
        "pip install '.[test]' && pytest",
    ]


@pytest.mark.parametrize("name", sorted(COMMAND.commands))  # type: ignore[attr-defined]
def test_every_command_has_a_section_with_an_example(name: str) -> None:
    assert re.search(rf"^### `herstelcheck {name}\b", README, re.MULTILINE)
    assert re.search(rf"^herstelcheck {name}\b", README, re.MULTILINE)


@pytest.mark.parametrize("name", sorted(COMMAND.commands))  # type: ignore[attr-defined]
def test_every_option_is_documented(name: str) -> None:
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    options = [
        opt
        for param in command.params
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ]
    missing = [opt for opt in options if f"`{opt}" not in README and f"{opt} " not in README]
    assert missing == []


def test_the_global_options_are_documented() -> None:
    for option in ("--version", "--debug"):
        assert f"`{option}`" in README or f"herstelcheck {option}" in README
