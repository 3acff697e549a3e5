"""The CI recipes in docs/ci/ are real: valid YAML, the Action's real inputs and outputs,
a hook that exists, and only options that `herstelcheck audit --help` shows."""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from external import need
from helptext import audit_options, options_in

RECIPES = ROOT / "docs" / "ci"
GUIDE = ROOT / "docs" / "ci.md"
NAMES = ["github.yml", "gitlab-ci.yml", "pre-commit-config.yaml"]
FAIL_ON = {"missing", "partial", "none"}


def load(name: str) -> Any:
    return yaml.safe_load((RECIPES / name).read_text(encoding="utf-8"))


def herstelcheck_commands(text: str) -> list[list[str]]:
    """Every `herstelcheck audit` command line in `text`, as words after `audit`."""
    found = re.finditer(r"herstelcheck audit\b([^\n`'\"]*)", text)
    return [shlex.split(match.group(1).split(" #")[0]) for match in found]


def test_the_recipes_are_the_files_of_docs_ci():
    assert sorted(path.name for path in RECIPES.iterdir()) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_each_recipe_is_valid_yaml_and_explained(name):
    assert isinstance(load(name), dict)
    assert f"(ci/{name})" in GUIDE.read_text(encoding="utf-8")


# --- GitHub --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def action_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("uses", "").startswith("herstelcheck/herstelcheck@")
    ]


def test_the_github_recipe_uses_the_action_with_inputs_that_exist(action):
    workflow = load("github.yml")
    assert workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    (step,) = action_steps(workflow)
    assert set(step["with"]) <= set(action["inputs"])
    assert step["with"]["fail-on"] in FAIL_ON
    assert step["with"]["upload-sarif"] in {"true", "false"}
    assert re.fullmatch(r"\d+(\.\d+)?", step["with"]["fail-under"])


def test_the_github_recipe_may_upload_to_code_scanning():
    (job,) = load("github.yml")["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    assert job["permissions"]["contents"] == "read"


def test_the_github_recipe_reads_outputs_that_exist(action):
    text = (RECIPES / "github.yml").read_text(encoding="utf-8")
    (step,) = action_steps(load("github.yml"))
    used = set(re.findall(rf"steps\.{step['id']}\.outputs\.([\w-]+)", text))
    assert used, "the recipe shows no output of the Action"
    assert used <= set(action["outputs"])


def test_the_github_recipe_reads_outputs_also_when_the_audit_failed():
    (job,) = load("github.yml")["jobs"].values()
    later = job["steps"][job["steps"].index(action_steps(load("github.yml"))[0]) + 1 :]
    assert later
    for step in later:
        assert "always()" in step["if"], step


# --- GitLab --------------------------------------------------------------------------


def gitlab_job() -> dict[str, Any]:
    (job,) = load("gitlab-ci.yml").values()
    assert isinstance(job, dict)
    return job


def test_the_gitlab_job_keeps_the_junit_report_also_when_it_fails():
    job = gitlab_job()
    (command,) = [line for line in job["script"] if line.startswith("herstelcheck audit")]
    words = shlex.split(command)
    reports = dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--report")
    assert job["artifacts"]["reports"]["junit"] == reports["junit"]
    assert job["artifacts"]["when"] == "always"
    assert words[words.index("--fail-on") + 1] == "missing"


def test_the_gitlab_job_does_what_the_guide_says(cli, tmp_path, monkeypatch):
    """Its command, run on a weak and a good plan: exit 1 for the missing items, and a
    JUnit report with a test case per item of each plan."""
    (command,) = [line for line in gitlab_job()["script"] if line.startswith("herstelcheck")]
    (tmp_path / ".git").mkdir()
    (tmp_path / "plannen").mkdir()
    for name in ("bergakker", "zeeveen"):
        shutil.copy(EXAMPLES / f"{name}.yaml", tmp_path / "plannen")
    monkeypatch.chdir(tmp_path)
    result = cli(*shlex.split(command)[1:])
    assert result.exit_code == 1, result
    assert "plannen/bergakker.yaml: error: item 6 (" in result.stderr
    junit = (tmp_path / "junit.xml").read_text(encoding="utf-8")
    assert junit.count("<testsuite ") == 2
    assert junit.count("<testcase ") == 22  # ten items and the thresholds, for each plan
    assert (tmp_path / "audit.json").is_file()


# --- pre-commit ----------------------------------------------------------------------


def test_the_pre_commit_recipe_uses_a_hook_that_exists():
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    from pre_commit.clientlib import load_config

    (repo,) = load_config(str(RECIPES / "pre-commit-config.yaml"))["repos"]
    (hook,) = repo["hooks"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] in {h["id"] for h in hooks}
    assert repo["repo"] == "https://github.com/herstelcheck/herstelcheck"


COMMENTED = re.compile(r"^(?P<indent> *)# (?P<key>files|args): (?P<value>.*)$", re.MULTILINE)


def commented_settings() -> list[tuple[str, str]]:
    text = (RECIPES / "pre-commit-config.yaml").read_text(encoding="utf-8")
    return [(m["key"], m["value"]) for m in COMMENTED.finditer(text)]


def test_the_pre_commit_recipe_shows_how_to_override_files_and_args():
    keys = [key for key, _ in commented_settings()]
    assert "files" in keys
    assert keys.count("args") >= 2


@pytest.mark.parametrize(
    ("key", "value"),
    commented_settings(),
    ids=[f"{key}-{n}" for n, (key, _) in enumerate(commented_settings())],
)
def test_each_commented_override_works_when_uncommented(tmp_path, key, value):
    """Uncommented, each example is a valid pre-commit setting: a regular expression that
    compiles, or args of options that exist."""
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    from pre_commit.clientlib import load_config

    text = (RECIPES / "pre-commit-config.yaml").read_text(encoding="utf-8")
    line = next(m for m in COMMENTED.finditer(text) if (m["key"], m["value"]) == (key, value))
    uncommented = text.replace(line.group(0), f"{line['indent']}{key}: {value}", 1)
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(uncommented, encoding="utf-8")
    (repo,) = load_config(str(path))["repos"]
    (hook,) = repo["hooks"]
    if key == "files":
        assert re.compile(hook["files"]).search("beleid/herstel/breda.yaml")
    else:
        args = hook["args"]
        assert set(options_in(args)) <= audit_options()
        if "--fail-on" in args:
            assert args[args.index("--fail-on") + 1] in FAIL_ON


# --- every option the recipes and the guide use --------------------------------------


def test_every_option_the_recipes_use_exists():
    used: set[str] = set()
    for name in NAMES:
        for words in herstelcheck_commands((RECIPES / name).read_text(encoding="utf-8")):
            used.update(options_in(words))
    for _, value in commented_settings():
        if value.startswith("["):
            used.update(options_in(yaml.safe_load(value.split(" #")[0])))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        used.update(options_in([*shlex.split(hook["entry"]), *hook.get("args", [])]))
    assert {"--fail-on", "--report", "--format", "--skip-non-plans"} <= used
    assert used <= audit_options(), used - audit_options()


def test_every_option_the_guide_names_exists():
    text = GUIDE.read_text(encoding="utf-8")
    named: set[str] = set()
    for words in herstelcheck_commands(text):
        named.update(options_in(words))
    named.update(re.findall(r"`(--[a-z][a-z-]*)", text))
    named.update(re.findall(r"\[(--[a-z][a-z-]*)", text))  # in args: [--fail-on, ...]
    assert {"--fail-under", "--fail-on", "--require", "--report"} <= named
    assert named <= audit_options(), named - audit_options()


def test_the_guide_names_every_input_and_output_of_the_action(action):
    text = GUIDE.read_text(encoding="utf-8")
    for name in [*action["inputs"], *action["outputs"]]:
        assert f"| `{name}` |" in text, name


def test_the_guide_explains_a_repository_without_code_scanning():
    text = " ".join(GUIDE.read_text(encoding="utf-8").split())
    for words in (
        "Code scanning is not enabled",
        "Resource not accessible by integration",
        "continue-on-error",
        'upload-sarif: "false"',
        "security-events: write",
    ):
        assert words in text, words


def test_the_guide_shows_the_hook_as_it_is():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    text = GUIDE.read_text(encoding="utf-8")
    assert f"| `entry` | `{hook['entry']}` |" in text
    assert f"| `files` | `{hook['files'].replace('|', chr(92) + '|')}` |" in text
    assert "| `args` | `[--fail-on, missing]` |" in text
    assert hook["args"] == ["--fail-on", "missing"]


def test_the_paths_the_guide_links_exist():
    text = GUIDE.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if "://" not in target:
            assert (GUIDE.parent / target).exists(), target
