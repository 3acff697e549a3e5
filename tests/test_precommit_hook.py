"""The pre-commit hook in .pre-commit-hooks.yaml, checked by pre-commit itself."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from external import need
from herstelcheck import run as runner

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_the_manifest_is_valid_for_pre_commit():
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(HOOKS))
    assert hook["id"] == "herstelcheck"
    assert hook["language"] == "python"
    assert hook["entry"] == "herstelcheck audit"
    assert hook["types"] == ["yaml"]
    assert hook["require_serial"] is False
    assert hook["pass_filenames"] is True


def test_the_entry_is_the_installed_command():
    from importlib.metadata import entry_points

    import yaml

    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    command, subcommand = hook["entry"].split()
    (script,) = entry_points(group="console_scripts", name=command)
    assert script.value == "herstelcheck.cli:main"
    assert subcommand == "audit"


def test_config_files_named_directly_are_not_plans(tmp_path):
    names = [str(tmp_path / name) for name in runner.CONFIG_NAMES]
    plan = str(EXAMPLES / "zeeveen.yaml")
    assert runner.collect([*names, plan]).files == [plan]


def test_hook_run_on_config_files_alone_passes(cli, tmp_path, monkeypatch):
    """pre-commit passes every YAML file, .pre-commit-config.yaml included."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / ".herstelcheck.yaml").write_text("fail_under: 50\n", encoding="utf-8")
    result = cli("audit", ".pre-commit-config.yaml", ".herstelcheck.yaml")
    assert result.exit_code == 0, result
    assert result.stderr == ""


# --- the real pre-commit -------------------------------------------------------------

GOOD = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")
BROKEN = "gemeente: Kapot\ntitel: Kapot plan\nacties:\n  - naam: A\n    termijn: binnenkort\n"


def git(*args: str, cwd: Path) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        GIT_CONFIG_NOSYSTEM="1",
    )
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def try_repo(plans: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    env.pop("HERSTELCHECK_REQUIRE_SLOW", None)
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "herstelcheck"]
    return subprocess.run(
        [*command, "--all-files", "--color", "never"],
        cwd=plans,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path):
    """`pre-commit try-repo` installs herstelcheck from this repository into its own
    environment and runs the hook on a small repository of plans. It copies what git
    tracks in this repository (committed, staged, or changed), never untracked files."""
    need("git", shutil.which("git") is not None)
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    if not (ROOT / ".git").exists():
        need("a git checkout of herstelcheck", False)
    untracked = git(
        "ls-files", "--others", "--exclude-standard", "--", "src", "pyproject.toml",
        ".pre-commit-hooks.yaml", "checklist.yaml", "README.md", "LICENSE", cwd=ROOT,
    )  # fmt: skip
    assert untracked == "", f"pre-commit would not see these untracked files:\n{untracked}"

    plans = tmp_path / "plannen"
    plans.mkdir()
    git("init", "-q", cwd=plans)
    (plans / "zeeveen.yaml").write_text(GOOD, encoding="utf-8")
    (plans / ".herstelcheck.yaml").write_text("fail_under: 50\nrequire: [5]\n", encoding="utf-8")
    (plans / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    git("add", ".", cwd=plans)
    git("commit", "-q", "-m", "plans", cwd=plans)
    home = tmp_path / "pre-commit-home"

    passed = try_repo(plans, home)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "herstelcheck" in output
    assert "Passed" in output

    (plans / "kapot.yaml").write_text(BROKEN, encoding="utf-8")
    git("add", "kapot.yaml", cwd=plans)
    failed = try_repo(plans, home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "Failed" in output
    assert "- exit code: 2" in output
    assert (
        "kapot.yaml:5:14: error: 'acties[1].termijn' must be one of kort, middellang, lang"
        in output
    )
