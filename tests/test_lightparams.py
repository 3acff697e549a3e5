"""Light conversion of option values: the same values as Typer's own, Typer's errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from herstelcheck import lightparams
from herstelcheck.cli import app

typer_layer = pytest.mark.skipif(
    not hasattr(typer.core, "_TyperParameter")
    or not hasattr(typer.core._TyperParameter, "get_runtime_param"),
    reason="this Typer converts values without a runtime layer",
)


def _parse(args: list[str], light: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The values the audit command receives for `args`, with or without light conversion."""
    if not light:
        monkeypatch.setattr(lightparams, "_install", lambda param: None)
    group = typer.main.get_command(app)
    parent = group.make_context("herstelcheck", ["audit", *args])
    command = group.commands["audit"]
    with command.make_context("audit", list(args), parent=parent) as ctx:
        return dict(ctx.params)


def test_every_command_converts_values_lightly():
    group = typer.main.get_command(app)
    assert isinstance(group, lightparams.LightGroup)
    for name, command in group.commands.items():
        assert isinstance(command, lightparams.LightCommand), (
            f"declare the command '{name}' with @app.command(cls=LightCommand)"
        )


@typer_layer
@pytest.mark.parametrize(
    "args",
    [
        ["plan.yaml"],
        ["a.yaml", "b.yml", "-"],
        ["-f", "json", "x.yaml"],
        ["--format", "JSON", "x.yaml"],
        ["-f", "Terminal", "--lang", "EN", "x.yaml"],
        ["--fail-under", "50", "x.yaml"],
        ["--fail-under", "0", "--fail-under", "99.5", "x.yaml"],
        ["--fail-under", "100", "x.yaml"],
        ["--fail-under", "1e2", "x.yaml"],  # not a plain number: Typer converts it
        ["--fail-under", "-0", "x.yaml"],
        ["--date", "2021-06-30", "x.yaml"],
        ["-o", "report.json", "x.yaml"],
        ["--checklist", "checklist.yaml", "x.yaml"],
        ["--report", "json=a.json", "--report", "sarif=b.sarif", "x.yaml"],
        ["--require", "5", "--require", "regio", "x.yaml"],
        ["--config", "cfg.yaml", "--no-config", "x.yaml"],
        ["-f", "markdown", "--template", "t.md.j2", "x.yaml"],
        [],
        ["-o", "{tmp}", "--checklist", "{tmp}/nowhere.yaml", "x.yaml"],
    ],
)
def test_light_values_are_typers_values(args, tmp_path, monkeypatch):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    light = _parse(args, light=True, monkeypatch=monkeypatch)
    with monkeypatch.context() as inner:
        own = _parse(args, light=False, monkeypatch=inner)
    assert light == own
    assert {k: type(v) for k, v in light.items()} == {k: type(v) for k, v in own.items()}


@typer_layer
def test_every_plain_parameter_gets_a_light_converter():
    """New options of a plain type get light converters too (the help options included)."""
    group = typer.main.get_command(app)
    parent = group.context_class(group, info_name="herstelcheck", **group.context_settings)
    commands = [(group, parent)] + [
        (command, command.context_class(command, info_name=name, parent=parent))
        for name, command in group.commands.items()
    ]
    for command, ctx in commands:
        for param in command.get_params(ctx):
            descriptor = param.type_descriptor
            plain = lightparams.converter(descriptor.annotation, descriptor.parameter_info)
            light = isinstance(param._runtime_param, lightparams._LightConversion)
            assert light == (plain is not None), (command.name, param.name)
    audit = {command.name: ctx for command, ctx in commands}["audit"]
    names = {param.name for param in audit.command.get_params(audit)}
    assert {"paths", "format", "output", "lang", "checklist_file", "fail_under", "date"} < names


@pytest.mark.parametrize(
    ("args", "wording"),
    [
        (["-f", "xml", "x.yaml"], "'xml' is not one of 'terminal', 'markdown', 'json'"),
        (["--fail-under", "200", "x.yaml"], "--fail-under"),
        (["--fail-under", "abc", "x.yaml"], "--fail-under"),
        (["--lang", "fr", "x.yaml"], "'fr' is not one of 'nl', 'en'"),
    ],
)
def test_values_typer_refuses_get_typers_message(cli, args, wording):
    result = cli("audit", *args)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert wording in result.stderr
