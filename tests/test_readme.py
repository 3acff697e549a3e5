"""The README and the manual stay true: the quick start, one example per command, every
option documented, and every link resolving."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from conftest import ROOT
from herstelcheck.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS_DOC = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)
NAMES = sorted(COMMAND.commands)  # type: ignore[attr-defined]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_the_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == [
        "pip install . && herstelcheck audit examples/lindewaard.yaml",
        "pip install '.[test]' && pytest",
    ]


def test_the_readme_fits_a_newcomer() -> None:
    assert len(README.splitlines()) <= 200


def test_the_readme_lists_exactly_the_commands_there_are() -> None:
    listed = re.findall(r"^### `herstelcheck (\w+)`", README, re.MULTILINE)
    assert sorted(listed) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_command_has_an_example_in_the_readme(name: str) -> None:
    section = README.split(f"### `herstelcheck {name}`", 1)[1].split("\n### ", 1)[0]
    assert re.search(rf"^herstelcheck {name}\b", section, re.MULTILINE)


@pytest.mark.parametrize("name", NAMES)
def test_every_option_is_documented(name: str) -> None:
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    section = COMMANDS_DOC.split(f"## `herstelcheck {name}", 1)[1].split("\n## ", 1)[0]
    options = [
        opt
        for param in command.params
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    ]
    missing = [o for o in options if not re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", section)]
    assert missing == []


def test_the_global_options_are_documented() -> None:
    for option in ("--version", "--debug", "--install-completion", "--show-completion"):
        assert option in COMMANDS_DOC


def _slug(heading: str) -> str:
    """The anchor GitHub makes of a heading."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(document: Path) -> set[str]:
    text = document.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return {_slug(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.name)
def test_every_link_resolves(document: Path) -> None:
    text = re.sub(r"```.*?```", "", document.read_text(encoding="utf-8"), flags=re.DOTALL)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):  # https:, mailto:, javascript: in an example
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        assert linked.exists(), f"{document.name}: no file {path}"
        if anchor and linked.suffix == ".md":
            assert anchor in _anchors(linked), f"{document.name}: no heading #{anchor} in {path}"
