"""Which configuration file applies: the search from the current folder up stops at a
repository root or the home folder, and where neither lies above, only the current
folder is searched; `audit -v` says which file applies and why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from herstelcheck import settings

ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no repository root or home folder above it (the home folder is put
    beside it)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    folder = tmp_path / "elders"
    folder.mkdir()
    return folder


def write(folder: Path, text: str = "lang: en\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".herstelcheck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_repository_or_home_above_only_the_current_folder_counts(elsewhere):
    write(elsewhere)  # as a file left in /tmp would be
    inner = elsewhere / "project"
    inner.mkdir()
    found = settings.search(inner)
    assert found.file is None
    assert found.folders == (inner,)
    assert settings.find(elsewhere) == elsewhere / ".herstelcheck.yaml"


def test_a_file_above_the_current_folder_outside_a_repository_is_not_applied(
    elsewhere, cli, monkeypatch
):
    write(elsewhere, "fail_under: 99\n")
    inner = elsewhere / "project"
    inner.mkdir()
    monkeypatch.chdir(inner)
    result = cli("audit", str(EXAMPLES / "lindewaard.yaml"))
    assert result.exit_code == 0, result  # the 99 above does not apply


@pytest.mark.parametrize("marker", [".git", ".hg"])
def test_the_search_goes_up_to_the_repository_root(elsewhere, marker):
    repo = elsewhere / "repo"
    (repo / marker).mkdir(parents=True)
    path = write(repo)
    inner = repo / "plannen" / "regio"
    inner.mkdir(parents=True)
    found = settings.search(inner)
    assert found.file == path
    assert found.stop == "repository"
    assert settings.find(elsewhere / "repo" / "plannen") == path


def test_the_search_goes_up_to_the_home_folder(elsewhere, tmp_path):
    home = tmp_path / "home"
    path = write(home)
    inner = home / "plannen" / "regio"
    inner.mkdir(parents=True)
    assert settings.find(inner) == path
    write(tmp_path, "lang: nl\n")  # above the home folder: never
    (home / ".herstelcheck.yaml").unlink()
    found = settings.search(inner)
    assert (found.file, found.stop, found.folders[-1]) == (None, "home", home)


def test_verbose_names_the_file_found_and_why(elsewhere, cli, monkeypatch):
    repo = elsewhere / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo)
    inner = repo / "plannen"
    inner.mkdir()
    monkeypatch.chdir(inner)
    result = cli("audit", "-v", ZEEVEEN)
    assert result.exit_code == 0, result
    assert result.stderr == (
        "herstelcheck: configuration file ../.herstelcheck.yaml, found in "
        f"{repo}; searched from the current folder up to the root of the repository "
        f"{repo} (.git)\n"
    )


def test_verbose_says_why_there_is_none(elsewhere, cli, monkeypatch):
    monkeypatch.chdir(elsewhere)
    result = cli("audit", "--verbose", ZEEVEEN)
    assert result.stderr == (
        f"herstelcheck: no configuration file: none found in the current folder {elsewhere} "
        "only, as no repository root (.git, .hg) or home folder lies above it\n"
    )
    assert cli("audit", "-v", "--no-config", ZEEVEEN).stderr == (
        "herstelcheck: no configuration file: --no-config ignores it\n"
    )
    named = write(elsewhere / "ci", "lang: en\n")
    assert cli("audit", "-v", "--config", str(named), ZEEVEEN).stderr == (
        f"herstelcheck: configuration file {named.relative_to(elsewhere)}, given with --config\n"
    )


def test_without_verbose_nothing_is_said(elsewhere, cli, monkeypatch):
    monkeypatch.chdir(elsewhere)
    assert cli("audit", ZEEVEEN).stderr == ""


@pytest.mark.parametrize(
    "name",
    ["../audit.json", "rapporten/../../audit.json", "..", "/tmp/audit.json"],
)
def test_report_files_of_a_configuration_stay_in_its_folder(elsewhere, cli, monkeypatch, name):
    path = write(elsewhere / "repo", f"reports:\n  json: '{name}'\n")
    monkeypatch.chdir(path.parent)
    result = cli("audit", ZEEVEEN)
    assert result.exit_code == 2, result
    assert result.stderr == (
        ".herstelcheck.yaml:2:9: error: 'reports.json' must be a file inside the folder of "
        f"the configuration file, named relative to it (got '{name}')\n"
    )
    assert not (elsewhere / "audit.json").exists()


def test_report_files_inside_the_folder_are_fine(elsewhere, cli, monkeypatch):
    path = write(elsewhere / "repo", "reports:\n  json: rapporten/../audit.json\n")
    monkeypatch.chdir(path.parent)
    result = cli("audit", ZEEVEEN)
    assert result.exit_code == 0, result
    assert (path.parent / "audit.json").is_file()


def test_a_configuration_file_is_never_a_report_target(elsewhere, cli, monkeypatch):
    path = write(elsewhere / "repo", "reports:\n  json: .herstelcheck.yaml\n")
    before = path.read_bytes()
    monkeypatch.chdir(path.parent)
    shutil.copy(ZEEVEEN, path.parent / "plan.yaml")
    result = cli("audit", "plan.yaml")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "herstelcheck: error: refusing to write the report to '.herstelcheck.yaml': "
        "it is the configuration file of this run\n"
    )
    assert path.read_bytes() == before
