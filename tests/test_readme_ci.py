"""The CI recipes of the README are real: the configuration example loads and does what
the text says, and the pre-commit, GitHub Actions and GitLab CI snippets are valid."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from herstelcheck import settings as config

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(first_line: str) -> str:
    """The fenced YAML block of the README that starts with `first_line`."""
    for match in re.finditer(r"```yaml\n(.*?)```", README, re.DOTALL):
        if match.group(1).startswith(first_line):
            return match.group(1)
    raise AssertionError(f"no yaml block in the README starts with {first_line!r}")


def test_the_configuration_example_does_what_the_readme_says(tmp_path, monkeypatch, cli):
    (tmp_path / ".git").mkdir()
    shutil.copytree(EXAMPLES, tmp_path / "plannen")
    (tmp_path / "rapporten").mkdir()
    (tmp_path / ".herstelcheck.yaml").write_text(
        block("# .herstelcheck.yaml, at the root"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    loaded = config.load(".herstelcheck.yaml")
    assert loaded.paths == ("plannen",)
    assert loaded.fail_under == 60
    assert [r.key for r in loaded.require] == ["5", "terugvalscenario"]
    result = cli("audit")
    assert result.exit_code == 1, result  # lindewaard and bergakker fall under 60
    assert "item 10 (Houd rekening met een terugvalscenario) is partial; required: met" in (
        result.stderr
    )
    assert (tmp_path / "rapporten" / "audit.json").is_file()
    assert "Overzicht" in result.stdout


def test_the_pre_commit_snippet_is_a_valid_config(tmp_path):
    pytest.importorskip("pre_commit")
    from pre_commit.clientlib import load_config

    snippet = block("repos:\n  - repo: https://github.com/herstelcheck/herstelcheck")
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(snippet, encoding="utf-8")
    (repo,) = load_config(str(path))["repos"]
    (hook,) = repo["hooks"]
    assert hook["id"] == "herstelcheck"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] in {h["id"] for h in hooks}


def test_the_github_workflows_use_the_action_inputs_that_exist():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    workflows = [
        m.group(1)
        for m in re.finditer(r"```yaml\n(# \.github/workflows/.*?)```", README, re.DOTALL)
    ]
    assert len(workflows) == 2
    uses_action = 0
    for text in workflows:
        workflow = yaml.safe_load(text)
        job = workflow["jobs"]["audit"]
        assert job["permissions"]["security-events"] == "write"
        for step in job["steps"]:
            if step.get("uses", "").startswith("herstelcheck/herstelcheck@"):
                uses_action += 1
                assert set(step["with"]) <= set(action["inputs"])
    assert uses_action == 1


def test_the_gitlab_job_keeps_the_junit_report():
    job = yaml.safe_load(block("# .gitlab-ci.yml"))["herstelcheck"]
    assert job["artifacts"]["reports"]["junit"] == "junit.xml"
    assert job["artifacts"]["when"] == "always"
    assert any("--report junit=junit.xml" in line for line in job["script"])


def test_every_audit_option_is_in_the_options_table():
    for option in ("--report FORMAT=FILE", "--require ITEM", "--config FILE", "--no-config"):
        assert f"| `{option}` |" in README, option


@pytest.mark.parametrize("name", [".herstelcheck.yaml", ".pre-commit-config.yaml"])
def test_the_config_files_named_in_the_readme_are_skipped(name):
    from herstelcheck.run import CONFIG_NAMES

    assert name in CONFIG_NAMES
    assert f"`{name}`" in README
