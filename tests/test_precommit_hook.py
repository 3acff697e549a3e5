"""The pre-commit hook in .pre-commit-hooks.yaml: its manifest, the command it runs, and
the hook itself run by pre-commit on a small repository of plans."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from external import need
from helptext import audit_options, options_in
from herstelcheck import run as runner

HOOKS = ROOT / ".pre-commit-hooks.yaml"
WEAK = (EXAMPLES / "bergakker.yaml").read_text(encoding="utf-8")  # items 2-4 and 6-8 missing
GOOD = (EXAMPLES / "zeeveen.yaml").read_text(encoding="utf-8")  # every item met
BROKEN = "gemeente: Kapot\ntitel: Kapot plan\nacties:\n  - naam: A\n    termijn: binnenkort\n"
NOT_A_PLAN = "# Which plans are on the website.\noverzicht:\n  - bestand: zeeveen.yaml\n"
WORKFLOW = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: []\n"

CONCISE = re.compile(r"^(?P<file>[^:\n]+):\d+:\d+: (error|note): \[item \d+\] .+ \[\S+\]$")
VERDICT = (
    "plannen/bergakker.yaml: error: item 6 (Bouw voort op lessen uit de crisis) is missing "
    "(--fail-on missing)"
)


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    (found,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(found, dict)
    return found


def command_line(hook: dict[str, Any], args: list[str] | None = None) -> list[str]:
    """The words pre-commit runs, before the file names: entry, then args."""
    return [*shlex.split(hook["entry"]), *(hook["args"] if args is None else args)]


# --- the manifest --------------------------------------------------------------------


def test_the_manifest_is_valid_for_pre_commit():
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    from pre_commit.clientlib import load_manifest

    (loaded,) = load_manifest(str(HOOKS))
    assert loaded["id"] == "herstelcheck"
    assert loaded["language"] == "python"
    assert loaded["entry"] == "herstelcheck audit --format concise --skip-non-plans"
    assert loaded["args"] == ["--fail-on", "missing"]
    assert loaded["types"] == ["yaml"]
    assert loaded["require_serial"] is False
    assert loaded["pass_filenames"] is True


def test_the_entry_is_the_installed_command(hook):
    from importlib.metadata import entry_points

    command, subcommand, *_ = shlex.split(hook["entry"])
    (script,) = entry_points(group="console_scripts", name=command)
    assert script.value == "herstelcheck.cli:main"
    assert subcommand == "audit"


def test_the_entry_holds_the_behaviour_and_args_only_the_threshold(hook):
    """A repository that sets its own `args` replaces them, and keeps the entry."""
    assert "--format concise" in hook["entry"]
    assert "--skip-non-plans" in hook["entry"]
    assert "--quiet" not in hook["entry"] and "-q" not in shlex.split(hook["entry"])
    assert hook["args"] == ["--fail-on", "missing"]


def test_every_option_of_the_hook_exists(hook):
    used = options_in(command_line(hook))
    assert used == ["--format", "--skip-non-plans", "--fail-on"]
    assert set(used) <= audit_options()


PLANS = [
    "plannen/breda.yaml",
    "plannen/2024/breda.yml",
    "gemeente/plannen/breda.yaml",
    "plans/breda.yaml",
    "examples/zeeveen.yaml",
    "regio/noord/examples/concept/a.yml",
    "breda.plan.yaml",
    "beleid/herstel/breda.plan.yml",
]
NOT_PLANS = [
    ".github/workflows/ci.yml",
    ".github/workflows/plannen.yaml",
    ".gitlab-ci.yml",
    "docker-compose.yaml",
    "plannen.yaml",
    "oudeplannen/breda.yaml",
    "plannen-archief/breda.yaml",
    "plan.yaml",
    "breda.plan.yaml.orig",
    "breda.planning.yaml",
]


@pytest.mark.parametrize("path", PLANS)
def test_files_names_the_plans(hook, path):
    """pre-commit searches each path for the `files` regular expression."""
    assert re.search(hook["files"], path), path


@pytest.mark.parametrize("path", NOT_PLANS)
def test_files_leaves_out_other_yaml_files(hook, path):
    assert not re.search(hook["files"], path), path


def test_files_is_the_filter_pre_commit_applies(hook, tmp_path):
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    from pre_commit.commands.run import filter_by_include_exclude

    named = filter_by_include_exclude([*PLANS, *NOT_PLANS], hook["files"], "^$")
    assert list(named) == PLANS


# --- the command the hook runs, in-process -------------------------------------------


@pytest.fixture
def plans(tmp_path, monkeypatch):
    """A repository with a weak plan, a good one and a YAML file that is not a plan."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "plannen").mkdir()
    for name, text in {"bergakker": WEAK, "zeeveen": GOOD, "overzicht": NOT_A_PLAN}.items():
        (tmp_path / "plannen" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return ["plannen/bergakker.yaml", "plannen/zeeveen.yaml", "plannen/overzicht.yaml"]


def test_the_hook_fails_a_plan_with_a_missing_item(cli, hook, plans):
    result = cli(*command_line(hook)[1:], *plans)
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    assert lines, result
    for line in lines:  # findings only: no report
        found = CONCISE.match(line)
        assert found, line
        assert found["file"] == "plannen/bergakker.yaml"
    assert [line for line in lines if ": error: [item 6]" in line], result
    assert VERDICT in result.stderr.splitlines()
    assert "plannen/overzicht.yaml: note: not a plan" in result.stderr
    assert "zeeveen" not in result.stdout + result.stderr


def test_the_hook_passes_a_good_plan_and_skips_what_is_not_a_plan(cli, hook, plans):
    result = cli(*command_line(hook)[1:], "plannen/zeeveen.yaml", "plannen/overzicht.yaml")
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert result.stderr.startswith("plannen/overzicht.yaml: note: not a plan"), result


def test_args_of_a_repository_loosen_the_hook_and_keep_the_entry(cli, hook, plans):
    result = cli(*command_line(hook, ["--fail-on", "none"])[1:], *plans)
    assert result.exit_code == 0, result
    assert all(CONCISE.match(line) for line in result.stdout.splitlines()), result
    assert "error: item" not in result.stderr


def test_config_files_named_directly_are_not_plans(tmp_path):
    names = [str(tmp_path / name) for name in runner.CONFIG_NAMES]
    plan = str(EXAMPLES / "zeeveen.yaml")
    assert runner.collect([*names, plan]).files == [plan]


def test_hook_run_on_config_files_alone_passes(cli, hook, tmp_path, monkeypatch):
    """A repository whose `files` names every YAML file passes its configuration too."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (tmp_path / ".herstelcheck.yaml").write_text("fail_under: 50\n", encoding="utf-8")
    result = cli(*command_line(hook)[1:], ".pre-commit-config.yaml", ".herstelcheck.yaml")
    assert result.exit_code == 0, result
    assert result.stderr == ""


# --- the real pre-commit -------------------------------------------------------------


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


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """This repository as pre-commit would clone it: what git tracks, as it is in the work
    tree (committed, staged or changed), committed to a repository of its own. Every test
    uses it at the same commit, so pre-commit builds the hook's environment once."""
    need("git", shutil.which("git") is not None)
    need("pre-commit", importlib.util.find_spec("pre_commit") is not None)
    if not (ROOT / ".git").exists():
        need("a git checkout of herstelcheck", False)
    untracked = git(
        "ls-files", "--others", "--exclude-standard", "--", "src", "pyproject.toml",
        ".pre-commit-hooks.yaml", "checklist.yaml", "README.md", "LICENSE", cwd=ROOT,
    )  # fmt: skip
    assert untracked == "", f"a clone would not have these untracked files:\n{untracked}"
    shadow = tmp_path_factory.mktemp("hook-repo")
    for name in git("ls-files", "-z", cwd=ROOT).split("\0"):
        source = ROOT / name
        if name and (source.is_file() or source.is_symlink()):
            (shadow / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, shadow / name, follow_symlinks=False)
    git("init", "-q", cwd=shadow)
    git("add", "-A", cwd=shadow)
    git("commit", "-q", "--no-verify", "-m", "herstelcheck", cwd=shadow)
    return shadow, git("rev-parse", "HEAD", cwd=shadow).strip()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def repository(folder: Path, files: dict[str, str]) -> Path:
    """A throw-away git repository holding `files`, all committed."""
    folder.mkdir()
    git("init", "-q", cwd=folder)
    files = {".pre-commit-config.yaml": "repos: []\n", **files}
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    git("add", "-A", cwd=folder)
    git("commit", "-q", "--no-verify", "-m", "plans", cwd=folder)
    return folder


def pre_commit(folder: Path, home: Path, *args: str) -> tuple[int, str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    env.pop("HERSTELCHECK_REQUIRE_SLOW", None)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    return done.returncode, done.stdout + done.stderr


def try_repo(folder: Path, hook_repo: tuple[Path, str], home: Path, *args: str):
    shadow, commit = hook_repo
    return pre_commit(folder, home, "try-repo", str(shadow), "herstelcheck", "--ref", commit, *args)


def configured(hook_repo: tuple[Path, str], **settings: Any) -> str:
    """A .pre-commit-config.yaml that uses the hook at `hook_repo`, with `settings`."""
    shadow, commit = hook_repo
    hooks = [{"id": "herstelcheck", **settings}]
    return yaml.safe_dump({"repos": [{"repo": str(shadow), "rev": commit, "hooks": hooks}]})


# `try-repo` builds the hook's environment anew on each run; `run` keeps it in `home`.


@pytest.mark.slow
def test_try_repo_fails_a_plan_with_missing_items(tmp_path, hook_repo, home):
    folder = repository(
        tmp_path / "repo", {"plannen/bergakker.yaml": WEAK, "plannen/zeeveen.yaml": GOOD}
    )
    code, output = try_repo(folder, hook_repo, home, "--all-files")
    assert code == 1, output
    assert re.search(r"^herstelcheck\.+Failed$", output, re.MULTILINE), output
    assert "- exit code: 1" in output
    findings = [line for line in output.splitlines() if CONCISE.match(line)]
    assert any(": error: [item 6]" in line for line in findings), output
    assert {CONCISE.match(line)["file"] for line in findings} == {"plannen/bergakker.yaml"}
    assert VERDICT in output.splitlines()
    assert "van 100" not in output and "Overzicht" not in output  # no report
    assert "zeeveen" not in output


@pytest.mark.slow
def test_try_repo_passes_a_good_plan_and_skips_what_is_not_one(tmp_path, hook_repo, home):
    folder = repository(
        tmp_path / "repo",
        {
            "plannen/zeeveen.yaml": GOOD,
            "plannen/overzicht.yaml": NOT_A_PLAN,
            ".github/workflows/ci.yml": WORKFLOW,
        },
    )
    code, output = try_repo(folder, hook_repo, home, "--all-files", "--verbose")
    assert code == 0, output
    assert re.search(r"^herstelcheck\.+Passed$", output, re.MULTILINE), output
    assert "plannen/overzicht.yaml: note: not a plan" in output
    assert "ci.yml" not in output.split("Using config:")[-1]  # never named to the hook


@pytest.mark.slow
def test_a_workflow_is_not_named_to_the_hook(tmp_path, hook_repo, home):
    folder = repository(
        tmp_path / "repo",
        {".pre-commit-config.yaml": configured(hook_repo), ".github/workflows/ci.yml": WORKFLOW},
    )
    code, output = pre_commit(folder, home, "run", "--files", ".github/workflows/ci.yml")
    assert code == 0, output
    assert re.search(r"^herstelcheck\.+\(no files to check\)Skipped$", output, re.MULTILINE)


@pytest.mark.slow
def test_args_in_the_repository_config_loosen_the_hook(tmp_path, hook_repo, home):
    """`args` of a repository replace the hook's threshold and keep its entry."""
    config = configured(hook_repo, args=["--fail-on", "none"])
    folder = repository(
        tmp_path / "repo", {".pre-commit-config.yaml": config, "plannen/bergakker.yaml": WEAK}
    )
    code, output = pre_commit(folder, home, "run", "--all-files", "--verbose")
    assert code == 0, output
    assert re.search(r"^herstelcheck\.+Passed$", output, re.MULTILINE), output
    findings = [line for line in output.splitlines() if CONCISE.match(line)]
    assert any(": error: [item 6]" in line for line in findings), output  # still concise
    assert "(--fail-on missing)" not in output


@pytest.mark.slow
def test_a_plan_that_cannot_be_read_fails_the_hook(tmp_path, hook_repo, home):
    files = {
        ".pre-commit-config.yaml": configured(hook_repo),
        "plannen/zeeveen.yaml": GOOD,
        "plannen/kapot.yaml": BROKEN,
    }
    code, output = pre_commit(repository(tmp_path / "repo", files), home, "run", "--all-files")
    assert code == 1, output
    assert "- exit code: 2" in output
    assert (
        "plannen/kapot.yaml:5:14: error: 'acties[1].termijn' must be one of kort, middellang, "
        "lang" in output
    )
