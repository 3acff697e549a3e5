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
        "fail-on",
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


OUTPUTS = {"exit-code", "passed", "score", "sarif-file", "summary-file"}


def test_outputs_are_described_and_set_by_the_audit(action):
    assert set(action["outputs"]) == OUTPUTS
    for name, spec in action["outputs"].items():
        assert spec["description"].strip(), name
        assert spec["value"] == f"${{{{ steps.audit.outputs.{name} }}}}", name


def test_python_is_set_up_first_with_a_pip_cache_keyed_on_the_action(action):
    stage, setup, install, *_ = steps(action)
    assert "uses" not in stage and "uses" not in install
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "${{ inputs.python-version }}"
    assert setup["with"]["cache"] == "pip"
    # staged inside the workspace by the step before: setup-python hashes no file outside
    assert setup["with"]["cache-dependency-path"] == ".herstelcheck-action/pyproject.toml"
    assert next(s["uses"] for s in steps(action) if "uses" in s) == setup["uses"]


def test_the_sarif_upload_is_last_optional_and_cannot_fail_the_job(action):
    last = steps(action)[-1]
    assert last["uses"].startswith("github/codeql-action/upload-sarif@")
    assert last["continue-on-error"] is True
    assert last["if"] == (
        "always() && inputs.upload-sarif == 'true' && steps.audit.outputs.sarif-file != ''"
    )
    assert last["with"]["sarif_file"] == "${{ steps.audit.outputs.sarif-file }}"
    assert action["inputs"]["upload-sarif"]["default"] == "true"


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
    env["GITHUB_WORKSPACE"] = str(tmp_path)
    env["RUNNER_TEMP"] = str(tmp_path / "runner-temp")
    (tmp_path / "runner-temp").mkdir(exist_ok=True)
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


def fake_program(
    folder: Path, name: str, exit_code: int = 0, creates: str = "", reports: str | None = None
) -> Path:
    """A program that records its arguments, one per line, in `<name>.args`. With
    `reports`, it writes each `--report FORMAT=FILE` it is given: the JSON report with the
    text `reports`, the others with a line of text."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    touch = f'touch "{creates}"\n' if creates else ""
    write = ""
    if reports is not None:
        (folder / "report.json").write_text(reports, encoding="utf-8")
        write = (
            'previous=""\n'
            'for arg in "$@"; do\n'
            '  if [ "$previous" = --report ]; then\n'
            '    case "$arg" in\n'
            f'      json=*) cp "{folder / "report.json"}" "${{arg#*=}}" ;;\n'
            '      *) echo "${arg%%=*} report" > "${arg#*=}" ;;\n'
            "    esac\n"
            "  fi\n"
            '  previous="$arg"\n'
            "done\n"
        )
    program.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$@" > "{folder / (name + ".args")}"\n'
        f"{touch}{write}exit {exit_code}\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return folder / f"{name}.args"


def own_reports(args: list[str], tmp_path: Path) -> Path:
    """The folder the audit step made for its own reports, from the command it ran."""
    (json_report,) = [a.split("=", 1)[1] for a in args if a.startswith("json=")]
    folder = Path(json_report).parent
    assert folder.parent == tmp_path / "runner-temp"
    assert folder.name.startswith("herstelcheck.")
    return folder


def test_the_cache_key_is_staged_in_the_workspace_and_removed_after(action, tmp_path):
    done, _ = run_step(action, "Stage the pip cache key", tmp_path)
    assert done.returncode == 0, done.stderr
    setup = step(action, "Set up Python")
    staged = tmp_path / setup["with"]["cache-dependency-path"]
    assert staged.read_bytes() == (ROOT / "pyproject.toml").read_bytes()

    fake_program(tmp_path / "bin", "python")
    done, _ = run_step(action, "Install herstelcheck", tmp_path, path=[tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert not staged.parent.exists()


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
    words = args.read_text().splitlines()
    folder = own_reports(words, tmp_path)
    assert words == [
        "audit",
        "--format",
        "github",
        "--fail-on",
        "missing",
        "--report",
        f"json={folder}/audit.json",
        "--report",
        f"markdown={folder}/summary.md",
        "--no-front-matter",
        "--report",
        "sarif=herstelcheck.sarif",
    ]
    # the fake wrote no report: no score, no files
    assert outputs == {"exit-code": "0", "passed": "true", "score": ""}


def test_audit_with_every_input(action, tmp_path):
    args = fake_program(tmp_path / "bin", "herstelcheck", exit_code=1, creates="out.sarif")
    inputs = {
        "paths": "plannen/a.yaml  plannen/*.yaml\nregio",
        "fail-under": "70",
        "fail-on": "partial",
        "format": "terminal",
        "lang": "en",
        "sarif-file": "out.sarif",
        "upload-sarif": "false",
        "args": "--require 5 --report junit=junit.xml",
    }
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, [tmp_path / "bin"])
    assert done.returncode == 1  # the exit code of herstelcheck fails the step
    words = args.read_text().splitlines()
    folder = own_reports(words, tmp_path)
    assert words == [
        "audit",
        "--format",
        "terminal",
        "--fail-under",
        "70",
        "--fail-on",
        "partial",
        "--lang",
        "en",
        "--report",
        f"json={folder}/audit.json",
        "--report",
        f"markdown={folder}/summary.md",
        "--no-front-matter",
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
    assert outputs == {
        "exit-code": "1",
        "passed": "false",
        "score": "",
        "sarif-file": "out.sarif",  # written, whether it is uploaded or not
    }


def test_empty_inputs_leave_the_thresholds_to_the_configuration(action, tmp_path):
    args = fake_program(tmp_path / "bin", "herstelcheck")
    inputs = {"fail-on": "", "sarif-file": ""}
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, [tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    words = args.read_text().splitlines()
    assert "--fail-on" not in words and "--fail-under" not in words
    assert [w.split("=")[0] for w in words if "=" in w] == ["json", "markdown"]
    assert "sarif-file" not in outputs


def test_no_sarif_file_when_the_audit_did_not_write_one(action, tmp_path):
    (tmp_path / "herstelcheck.sarif").write_text("{}", encoding="utf-8")  # an earlier run's
    fake_program(tmp_path / "bin", "herstelcheck", exit_code=2)
    done, outputs = run_step(
        action, "Audit the plans", tmp_path, {"upload-sarif": "true"}, [tmp_path / "bin"]
    )
    assert done.returncode == 2
    assert outputs == {"exit-code": "2", "passed": "false", "score": ""}
    assert not (tmp_path / "herstelcheck.sarif").exists()


@pytest.mark.parametrize(
    ("report", "score"),
    [
        ('{"plans": [{"file": "a.yaml", "score": 87.5}], "errors": []}', "87.5"),
        ('{"plans": [{"file": "a.yaml", "score": 100.0}], "errors": []}', "100.0"),
        ('{"plans": [{"score": 87.5}, {"score": 40.0}], "errors": []}', ""),  # several
        ('{"plans": [], "errors": [{"file": "a.yaml"}]}', ""),  # none could be read
        ('{"plans": [{"score": 87.5}', ""),  # cut short
        ("", ""),
    ],
)
def test_the_score_is_that_of_the_one_plan_audited(action, tmp_path, report, score):
    fake_program(tmp_path / "bin", "herstelcheck", reports=report)
    done, outputs = run_step(action, "Audit the plans", tmp_path, path=[tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert outputs["score"] == score


def test_the_reports_of_each_run_have_a_folder_of_their_own(action, tmp_path):
    report = '{"plans": [{"score": 50.0}], "errors": []}'
    fake_program(tmp_path / "bin", "herstelcheck", exit_code=1, reports=report)
    summaries = set()
    for _ in range(2):
        done, outputs = run_step(action, "Audit the plans", tmp_path, path=[tmp_path / "bin"])
        assert done.returncode == 1
        assert outputs["passed"] == "false"
        summary = Path(outputs["summary-file"])
        assert summary.read_text(encoding="utf-8") == "markdown report\n"
        assert outputs["sarif-file"] == "herstelcheck.sarif"
        summaries.add(summary)
    assert len(summaries) == 2


def test_inputs_cannot_inject_shell_code(action, tmp_path):
    args = fake_program(tmp_path / "bin", "herstelcheck")
    inputs = {
        "paths": "$(touch injected) `touch injected`",
        "lang": "nl; touch injected",
        "fail-on": '$(touch injected)"',
        "fail-under": "`touch injected`",
        "sarif-file": "x.sarif; touch injected",
        "args": "$(touch injected) ; touch injected",
    }
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, [tmp_path / "bin"])
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "injected").exists()
    assert "$(touch" in args.read_text().splitlines()
    assert "--fail-on" in args.read_text().splitlines()
    assert outputs["score"] == ""


def copy_plans(tmp_path: Path, *names: str) -> None:
    (tmp_path / "plannen").mkdir()
    for name in names:
        shutil.copy(EXAMPLES / f"{name}.yaml", tmp_path / "plannen" / f"{name}.yaml")


def installed() -> Path:
    folder = Path(sys.executable).parent
    if not (folder / "herstelcheck").exists():
        pytest.skip("the herstelcheck command is not installed next to this Python")
    return folder


def test_audit_with_the_real_command(action, tmp_path):
    path = [installed()]
    copy_plans(tmp_path, "zeeveen")
    inputs = {
        "paths": "plannen",
        "format": "json",
        "fail-under": "90",
        "args": "--report terminal=rapport.txt --require trekker",
    }
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, path)
    assert done.returncode == 0, done.stderr
    summary = Path(outputs.pop("summary-file"))
    assert outputs == {
        "exit-code": "0",
        "passed": "true",
        "score": "100.0",
        "sarif-file": "herstelcheck.sarif",
    }
    command, document = done.stdout.split("\n", 1)
    assert command.startswith("herstelcheck audit --format json --fail-under 90 --fail-on missing")
    assert json.loads(document)["plans"][0]["file"] == "plannen/zeeveen.yaml"
    assert (tmp_path / "rapport.txt").read_text(encoding="utf-8").startswith("Zeeveen: ")
    assert summary.parent.parent == tmp_path / "runner-temp"
    assert summary.read_text(encoding="utf-8").startswith("# Zeeveen: ")
    sarif = json.loads((tmp_path / "herstelcheck.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"


def test_audit_of_several_plans_with_the_real_command(action, tmp_path):
    path = [installed()]
    copy_plans(tmp_path, "zeeveen", "bergakker")
    inputs = {"paths": "plannen", "format": "concise", "lang": "en"}
    done, outputs = run_step(action, "Audit the plans", tmp_path, inputs, path)
    assert done.returncode == 1
    assert outputs["exit-code"] == "1"
    assert outputs["passed"] == "false"
    assert outputs["score"] == ""  # two plans: no one score
    assert Path(outputs["summary-file"]).is_file()
    assert "plannen/bergakker.yaml: error: item 6 (" in done.stderr
    assert "(--fail-on missing)" in done.stderr
