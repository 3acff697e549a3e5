"""The composite GitHub Action in action.yml: its structure, and its scripts run the way
the runner runs them (bash -eo pipefail, inputs in the environment)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, ROOT

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUT_REF = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")
STEP_REF = re.compile(r"\bsteps\.([A-Za-z0-9_-]+)\.")


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def steps(action: dict[str, Any]) -> list[dict[str, Any]]:
    return list(action["runs"]["steps"])


def step(action: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [s for s in steps(action) if s.get("name") == name]
    return found


def strings(value: Any) -> list[str]:
    """Every string inside a YAML value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def expressions(value: Any) -> list[str]:
    return [m for text in strings(value) for m in EXPRESSION.findall(text)]


# --- structure -----------------------------------------------------------------------


def test_metadata(action):
    assert action["name"] == "herstelcheck"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    assert set(action["branding"]) == {"icon", "color"}


def test_inputs_are_described_with_string_defaults(action):
    expected = {
        "paths",
        "version",
        "fail-under",
        "format",
        "lang",
        "sarif-file",
        "upload-sarif",
        "args",
        "python-version",
    }
    assert set(action["inputs"]) == expected
    for name, spec in action["inputs"].items():
        assert spec["description"].strip(), name
        assert isinstance(spec["default"], str), name
        assert spec.get("required", False) is False, name


def test_every_input_used_exists_and_every_input_is_used(action):
    used = set()
    for expression in expressions(action["runs"]) + [s["if"] for s in steps(action) if "if" in s]:
        used.update(INPUT_REF.findall(expression))
    assert used == set(action["inputs"])


def test_step_references_point_at_earlier_steps(action):
    seen: set[str] = set()
    for current in steps(action):
        texts = expressions({k: v for k, v in current.items() if k != "if"})
        texts += [current["if"]] if "if" in current else []
        for text in texts:
            for ref in STEP_REF.findall(text):
                assert ref in seen, f"step '{current['name']}' uses steps.{ref} before it runs"
        if "id" in current:
            seen.add(current["id"])
    for output in action["outputs"].values():
        for ref in STEP_REF.findall(output["value"]):
            assert ref in seen


def test_run_steps_set_a_shell_and_hold_no_expressions(action):
    """Inputs reach scripts only through the environment: nothing can inject code."""
    for current in steps(action):
        assert current.get("name"), current
        if "run" in current:
            assert current["shell"] == "bash", current["name"]
            assert "${{" not in current["run"], current["name"]
        else:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+", current["uses"]), current["uses"]


def test_python_is_set_up_first_and_sarif_uploaded_last(action):
    first, *_, last = steps(action)
    assert first["uses"].startswith("actions/setup-python@")
    assert first["with"]["python-version"] == "${{ inputs.python-version }}"
    assert last["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "always()" in last["if"]
    assert last["with"]["sarif_file"] == "${{ steps.audit.outputs.sarif-file }}"


# --- the scripts, run as the runner runs them ----------------------------------------


def run_step(
    action: dict[str, Any],
    name: str,
    tmp_path: Path,
    inputs: dict[str, str] | None = None,
    path: list[Path] = (),  # type: ignore[assignment]
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run one `run` step with bash -eo pipefail, its env filled in from the inputs."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    values = {key: spec["default"] for key, spec in action["inputs"].items()}
    values.update(inputs or {})
    current = step(action, name)

    def evaluate(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression == "github.action_path":
            return str(ROOT)
        found = re.fullmatch(r"inputs\.([\w-]+)", expression)
        assert found, f"cannot evaluate {expression}"
        return values[found.group(1)]

    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "HERSTELCHECK"))}
    env.update({k: EXPRESSION.sub(evaluate, v) for k, v in current.get("env", {}).items()})
    outputs_file = tmp_path / "github_output"
    outputs_file.write_text("", encoding="utf-8")
    env["GITHUB_OUTPUT"] = str(outputs_file)
    env["PATH"] = os.pathsep.join([*map(str, path), env.get("PATH", "")])
    script = tmp_path / "step.sh"
    script.write_text(current["run"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    outputs = dict(
        line.split("=", 1) for line in outputs_file.read_text(encoding="utf-8").splitlines()
    )
    return done, outputs


def fake_program(folder: Path, name: str, exit_code: int = 0, creates: str = "") -> Path:
    """A program that records its arguments, one per line, in `<name>.args`."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    touch = f'touch "{creates}"\n' if creates else ""
    program.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$@" > "{folder / (name + ".args")}"\n'
        f"{touch}exit {exit_code}\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return folder / f"{name}.args"


def test_install_from_the_action_source_by_default(action, tmp_path):
    args = fake_program(tmp_path / "bin", "python")
    done, _ = run_step(action, "Install herstelcheck", tmp_path, path=[tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert args.read_text().splitlines() == [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        str(ROOT),
    ]


def test_install_a_version_from_pypi(action, tmp_path):
    args = fake_program(tmp_path / "bin", "python")
    done, _ = run_step(
        action, "Install herstelcheck", tmp_path, {"version": "1.2.0"}, [tmp_path / "bin"]
    )
    assert done.returncode == 0, done.stderr
    assert args.read_text().splitlines()[-1] == "herstelcheck==1.2.0"


def test_audit_with_the_defaults(action, tmp_path):
    args = fake_program(tmp_path / "bin", "herstelcheck")
    done, outputs = run_step(action, "Audit the plans", tmp_path, path=[tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert args.read_text().splitlines() == ["audit", "--format", "github"]
    assert outputs == {"exit-code": "0"}


def test_audit_with_every_input(action, tmp_path):
    args = fake_program(tmp_path / "bin", "herstelcheck", exit_code=1, creates="out.sarif")
    inputs = {
        "paths": "plannen/a.yaml  plannen/*.yaml\nregio",
        "fail-under": "70",
        "format": "terminal",
        "lang": "en",
        "sarif-file": "out.sarif",
        "upload-sarif": "true",
        "args": "--require 5 --report junit=junit.xml",
    }
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, [tmp_path / "bin"])
    assert done.returncode == 1  # the exit code of herstelcheck fails the step
    assert args.read_text().splitlines() == [
        "audit",
        "--format",
        "terminal",
        "--fail-under",
        "70",
        "--lang",
        "en",
        "--report",
        "sarif=out.sarif",
        "--require",
        "5",
        "--report",
        "junit=junit.xml",
        "--",
        "plannen/a.yaml",
        "plannen/*.yaml",  # never expanded by the shell
        "regio",
    ]
    assert outputs == {"exit-code": "1", "sarif-file": "out.sarif"}


def test_no_upload_when_the_sarif_file_was_not_written(action, tmp_path):
    fake_program(tmp_path / "bin", "herstelcheck", exit_code=2)
    done, outputs = run_step(
        action, "Audit the plans", tmp_path, {"upload-sarif": "true"}, [tmp_path / "bin"]
    )
    assert done.returncode == 2
    assert outputs == {"exit-code": "2"}


def test_inputs_cannot_inject_shell_code(action, tmp_path):
    args = fake_program(tmp_path / "bin", "herstelcheck")
    inputs = {"paths": "$(touch injected) `touch injected`", "lang": "nl; touch injected"}
    done, _ = run_step(action, "Audit the plans", tmp_path, inputs, [tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "injected").exists()
    assert "$(touch" in args.read_text().splitlines()


def test_audit_with_the_real_command(action, tmp_path):
    installed = Path(sys.executable).parent
    if not (installed / "herstelcheck").exists():
        pytest.skip("the herstelcheck command is not installed next to this Python")
    plan = tmp_path / "plannen" / "zeeveen.yaml"
    plan.parent.mkdir()
    shutil.copy(EXAMPLES / "zeeveen.yaml", plan)
    inputs = {
        "paths": "plannen",
        "format": "json",
        "fail-under": "90",
        "args": "--report terminal=rapport.txt --require trekker",
    }
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, [installed])
    assert done.returncode == 0, done.stderr
    assert outputs == {"exit-code": "0"}
    command, document = done.stdout.split("\n", 1)
    assert command.startswith("herstelcheck audit --format json --fail-under 90")
    assert json.loads(document)["plans"][0]["file"] == "plannen/zeeveen.yaml"
    assert (tmp_path / "rapport.txt").read_text(encoding="utf-8").startswith("Zeeveen: ")
