"""The configuration file: discovery, precedence, what each key does, and bad files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck import settings as config
from herstelcheck.formats import OutputFormat, ReportSpec
from herstelcheck.settings import Config, ConfigError
from herstelcheck.thresholds import Requirement

BAD = DATA / "config" / "bad"
LINDEWAARD_SCORE = 48.3  # examples/lindewaard.yaml; item 5 partial, item 8 waived


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (a folder with .git) with the example plans under plannen/, as the
    current folder."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(EXAMPLES, tmp_path / "plannen")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_config(folder: Path, text: str, name: str = ".herstelcheck.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- discovery -----------------------------------------------------------------------


def test_find_in_the_current_folder(project):
    path = write_config(project, "lang: en\n")
    assert config.find() == path


def test_find_walks_up_and_the_nearest_file_wins(project):
    write_config(project, "lang: en\n")
    inner = project / "plannen" / "regio"
    inner.mkdir()
    assert config.find(inner) == project / ".herstelcheck.yaml"
    nearer = write_config(project / "plannen", "lang: nl\n")
    assert config.find(inner) == nearer


def test_find_stops_at_the_repository_root(tmp_path):
    write_config(tmp_path, "lang: en\n")  # outside the repository
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "plannen").mkdir()
    assert config.find(repo / "plannen") is None
    assert config.find(tmp_path) == tmp_path / ".herstelcheck.yaml"


def test_find_stops_at_a_git_file_too(tmp_path):
    """A git worktree or submodule has a .git file instead of a folder."""
    write_config(tmp_path, "lang: en\n")
    repo = tmp_path / "worktree"
    repo.mkdir()
    (repo / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    assert config.find(repo) is None


def test_find_the_yml_spelling(project):
    path = write_config(project, "lang: en\n", ".herstelcheck.yml")
    assert config.find() == path


def test_two_config_files_in_one_folder_are_an_error(project, cli):
    write_config(project, "lang: en\n")
    write_config(project, "lang: nl\n", ".herstelcheck.yml")
    with pytest.raises(ConfigError):
        config.find()
    result = cli("audit", "plannen")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "two configuration files in one folder" in result.stderr


def test_config_file_found_from_a_subfolder(project, cli, monkeypatch):
    write_config(project, "lang: en\npaths: [plannen/zeeveen.yaml]\n")
    monkeypatch.chdir(project / "plannen")
    result = cli("audit")
    assert result.exit_code == 0, result
    assert "zeeveen.yaml" in result.stdout
    assert "Score 100.0 out of 100." in result.stdout


def test_explicit_config_file(project, cli):
    write_config(project, "lang: nl\n")
    other = write_config(project / "plannen", "lang: en\n", "ci.yaml")
    result = cli("audit", "--config", str(other), "plannen/zeeveen.yaml")
    assert result.exit_code == 0, result
    assert "out of 100" in result.stdout


def test_explicit_config_file_that_does_not_exist(project, cli):
    result = cli("audit", "--config", "geen.yaml", "plannen/zeeveen.yaml")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == "geen.yaml:1:1: error: no such configuration file\n"


def test_no_config_ignores_the_file(project, cli):
    write_config(project, "lang: en\nfail_under: 99\n")
    assert cli("audit", "plannen/lindewaard.yaml").exit_code == 1
    result = cli("audit", "--no-config", "plannen/lindewaard.yaml")
    assert result.exit_code == 0, result
    assert "van 100" in result.stdout


def test_no_config_ignores_a_broken_file(project, cli):
    write_config(project, "fail_undr: 70\n")
    assert cli("audit", "plannen/zeeveen.yaml").exit_code == 2
    assert cli("audit", "--no-config", "plannen/zeeveen.yaml").exit_code == 0


def test_config_and_no_config_together_are_a_usage_error(project, cli):
    path = write_config(project, "lang: en\n")
    result = cli("audit", "--config", str(path), "--no-config", "plannen")
    assert result.exit_code == 2, result
    assert "--config and --no-config cannot be used together" in result.stderr


def test_an_empty_config_file_changes_nothing(project, cli):
    write_config(project, "# nothing set yet\n")
    with_file = cli("audit", "plannen/lindewaard.yaml")
    without = cli("audit", "--no-config", "plannen/lindewaard.yaml")
    assert with_file.exit_code == without.exit_code == 0
    assert with_file.stdout == without.stdout


# --- loading and precedence ----------------------------------------------------------


def test_load_every_key(project):
    (project / "lijsten").mkdir()
    shutil.copy(ROOT / "checklist.yaml", project / "lijsten" / "eigen.yaml")
    path = write_config(
        project,
        "fail_under: 70\n"
        "lang: EN\n"
        "checklist: lijsten/eigen.yaml\n"
        "require: [5, trekker]\n"
        "paths: plannen\n"
        "format: json\n"
        "reports:\n"
        "  terminal: rapport.txt\n"
        "  json: uit/audit.json\n",
    )
    loaded = config.load(path)
    assert loaded == Config(
        file=".herstelcheck.yaml",
        fail_under=70.0,
        lang="en",
        checklist="lijsten/eigen.yaml",
        require=(
            Requirement("5", ".herstelcheck.yaml", 4, 11),
            Requirement("trekker", ".herstelcheck.yaml", 4, 14),
        ),
        paths=("plannen",),
        format=OutputFormat.JSON,
        reports=(
            ReportSpec(OutputFormat.TERMINAL, "rapport.txt"),
            ReportSpec(OutputFormat.JSON, "uit/audit.json"),
        ),
    )


def test_paths_are_relative_to_the_config_folder(project, monkeypatch):
    path = write_config(project, "paths: [plannen]\nreports: {json: audit.json}\n")
    monkeypatch.chdir(project / "plannen")
    loaded = config.load(path)
    assert loaded.file == "../.herstelcheck.yaml"
    assert loaded.paths == (".",)
    assert loaded.reports == (ReportSpec(OutputFormat.JSON, "../audit.json"),)


def test_resolve_defaults_without_a_file(project):
    settings = config.resolve(paths=["a.yaml"], date="2021-07-01")
    assert settings.paths == ("a.yaml",)
    assert settings.format is OutputFormat.TERMINAL
    assert settings.lang == "nl"
    assert settings.checklist is None
    assert settings.fail_under is None
    assert settings.require == ()
    assert settings.reports == ()
    assert settings.output is None
    assert settings.config is None


def test_resolve_the_command_line_wins(project):
    (project / "eigen.yaml").write_text("x", encoding="utf-8")
    write_config(
        project,
        "fail_under: 70\nlang: en\nchecklist: eigen.yaml\nrequire: [5]\npaths: [plannen]\n"
        "format: json\nreports: {json: audit.json}\n",
    )
    file = config.resolve()
    assert file.paths == ("plannen",)
    assert file.fail_under == 70
    assert file.lang == "en"
    assert file.format is OutputFormat.JSON
    assert file.require == (Requirement("5", ".herstelcheck.yaml", 4, 11),)
    assert file.reports == (ReportSpec(OutputFormat.JSON, "audit.json"),)
    assert file.config is not None and file.config.file == ".herstelcheck.yaml"
    settings = config.resolve(
        paths=["ander.yaml"],
        format=OutputFormat.TERMINAL,
        lang="nl",
        checklist="weer-een.yaml",
        fail_under=0,
        require=["10"],
        reports=["terminal=r.txt"],
    )
    assert settings.paths == ("ander.yaml",)
    assert settings.format is OutputFormat.TERMINAL
    assert settings.lang == "nl"
    assert settings.checklist == "weer-een.yaml"
    assert settings.fail_under == 0  # 0 on the command line still overrides
    assert settings.require == (Requirement("10"),)
    assert settings.reports == (ReportSpec(OutputFormat.TERMINAL, "r.txt"),)


def test_memo_to_and_from_come_from_the_file_and_the_command_line_wins(project, cli):
    write_config(project, "memo_to: Raadscommissie Economie\nmemo_from: ' Team Economie '\n")
    file = config.resolve(paths=["plannen"])
    assert (file.memo_to, file.memo_from) == ("Raadscommissie Economie", "Team Economie")
    given = config.resolve(paths=["plannen"], memo_to="College van B&W", memo_from="")
    assert (given.memo_to, given.memo_from) == ("College van B&W", "")
    result = cli("audit", "plannen/zeeveen.yaml", "-f", "markdown")
    assert result.exit_code == 0, result
    assert "**Aan:** Raadscommissie Economie\\\n**Van:** Team Economie\\\n" in result.stdout


def test_memo_to_on_the_command_line_must_be_one_line(project, cli):
    result = cli("audit", "plannen/zeeveen.yaml", "-f", "markdown", "--memo-to", "a\nb")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "herstelcheck: error: --memo-to must be one line of plain text, without control or "
        "invisible characters (got 'a␊b')\n"
    )


# --- each key changes the outcome ----------------------------------------------------


@pytest.mark.parametrize(("threshold", "expected"), [(40, 0), (50, 1)])
def test_fail_under(project, cli, threshold, expected):
    write_config(project, f"fail_under: {threshold}\n")
    result = cli("audit", "plannen/lindewaard.yaml")
    assert result.exit_code == expected, result


def test_fail_under_on_the_command_line_overrides(project, cli):
    write_config(project, "fail_under: 50\n")
    assert cli("audit", "plannen/lindewaard.yaml").exit_code == 1
    assert cli("audit", "--fail-under", "40", "plannen/lindewaard.yaml").exit_code == 0


def test_lang(project, cli):
    write_config(project, "lang: en\n")
    english = cli("audit", "plannen/zeeveen.yaml")
    assert english.exit_code == 0, english
    assert "10 items: 10 met" in english.stdout
    dutch = cli("audit", "--lang", "nl", "plannen/zeeveen.yaml")
    assert "10 items: 10 voldaan" in dutch.stdout


def test_checklist_relative_to_the_config_folder(project, cli, monkeypatch):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    assert text.count("Benoem een trekker") == 1
    (project / "lijsten").mkdir()
    (project / "lijsten" / "eigen.yaml").write_text(
        text.replace("Benoem een trekker", "Benoem een kartrekker"), encoding="utf-8"
    )
    write_config(project, "checklist: lijsten/eigen.yaml\n")
    monkeypatch.chdir(project / "plannen")
    result = cli("audit", "zeeveen.yaml")
    assert result.exit_code == 0, result
    assert "Benoem een kartrekker" in result.stdout
    bundled = cli("audit", "--checklist", str(ROOT / "checklist.yaml"), "zeeveen.yaml")
    assert "Benoem een trekker" in bundled.stdout


def test_paths_are_audited_when_none_are_given(project, cli):
    write_config(project, "paths: [plannen/zeeveen.yaml, plannen/bergakker.yaml]\n")
    result = cli("audit", "-f", "json")
    assert result.exit_code == 0, result
    files = [plan["file"] for plan in json.loads(result.stdout)["plans"]]
    assert files == ["plannen/zeeveen.yaml", "plannen/bergakker.yaml"]
    only = cli("audit", "-f", "json", "plannen/lindewaard.yaml")
    assert [p["file"] for p in json.loads(only.stdout)["plans"]] == ["plannen/lindewaard.yaml"]


def test_no_paths_anywhere_is_a_usage_error(project, cli):
    write_config(project, "lang: en\n")
    result = cli("audit")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "no plans to audit" in result.stderr
    assert "'paths'" in result.stderr


def test_format(project, cli):
    write_config(project, "format: json\n")
    result = cli("audit", "plannen/zeeveen.yaml")
    assert json.loads(result.stdout)["plans"][0]["score"] == 100.0
    terminal = cli("audit", "-f", "terminal", "plannen/zeeveen.yaml")
    assert terminal.stdout.startswith("Zeeveen: ")


def test_reports(project, cli, monkeypatch):
    write_config(project, "reports:\n  json: audit.json\n")
    monkeypatch.chdir(project / "plannen")
    result = cli("audit", "zeeveen.yaml")
    assert result.exit_code == 0, result
    written = json.loads((project / "audit.json").read_text(encoding="utf-8"))
    assert written["plans"][0]["file"] == "zeeveen.yaml"


def test_reports_on_the_command_line_replace_the_configured_ones(project, cli):
    write_config(project, "reports:\n  json: audit.json\n")
    result = cli("audit", "--report", "terminal=rapport.txt", "plannen/zeeveen.yaml")
    assert result.exit_code == 0, result
    assert (project / "rapport.txt").is_file()
    assert not (project / "audit.json").exists()


# --- require -------------------------------------------------------------------------


def test_require_an_unmet_item_fails_the_run(project, cli):
    write_config(project, "require: [5]\n")
    result = cli("audit", "plannen/lindewaard.yaml")
    assert result.exit_code == 1, result
    assert "Lindewaard" in result.stdout
    assert result.stderr == (
        "plannen/lindewaard.yaml: error: item 5 (Benoem een trekker) is partial; required: met\n"
    )


def test_require_met_items_pass(project, cli):
    write_config(project, "require: [3, 4]\n")
    assert cli("audit", "plannen/zeeveen.yaml").exit_code == 0
    write_config(project, "require: [trekker, 10]\n")
    result = cli("audit", "plannen/zeeveen.yaml")
    assert result.exit_code == 0, result
    assert result.stderr == ""


def test_require_by_slug(project, cli):
    write_config(project, "require: [trekker]\n")
    result = cli("audit", "plannen/lindewaard.yaml")
    assert result.exit_code == 1, result
    assert "item 5 (Benoem een trekker) is partial; required: met" in result.stderr


def test_require_names_every_plan_and_item_not_met(project, cli):
    write_config(project, "require: [5, 6]\npaths: [plannen]\n")
    result = cli("audit")
    assert result.exit_code == 1, result
    lines = [re.sub(r":\d+:\d+:", ":L:C:", line) for line in result.stderr.splitlines()]
    assert lines == [
        "plannen/bergakker.yaml: error: item 5 (Benoem een trekker) is partial; required: met",
        "plannen/bergakker.yaml: error: item 6 (Bouw voort op lessen uit de crisis) is missing; "
        "required: met",
        "plannen/lindewaard.yaml: error: item 5 (Benoem een trekker) is partial; required: met",
        "plannen/lindewaard.yaml: error: item 6 (Bouw voort op lessen uit de crisis) is missing; "
        "required: met",
    ]


def test_require_an_actively_waived_item_counts_as_met(project, cli):
    write_config(project, "require: [8]\n")
    result = cli("audit", "plannen/lindewaard.yaml")
    assert result.exit_code == 0, result
    assert result.stderr == ""


def test_require_an_expired_waiver_does_not_count(project, cli, write_plan):
    text = (EXAMPLES / "lindewaard.yaml").read_text(encoding="utf-8")
    waiver = "  8: Regionale samenwerking loopt via het convenant Waardland (raadsbesluit 2021-04)."
    assert waiver in text
    plan = write_plan(
        text.replace(waiver, "  8:\n    reden: Via het convenant.\n    geldig_tot: 2022-12-31"),
        name="plannen/lindewaard-verlopen.yaml",
    )
    write_config(project, "require: [8]\n")
    before = cli("audit", "--date", "2022-06-01", str(plan))
    assert before.exit_code == 0, before
    after = cli("audit", "--date", "2023-06-01", str(plan))
    assert after.exit_code == 1, after
    assert "item 8 (Regionale samenwerking versterkt) is missing; required: met" in after.stderr


def test_require_on_the_command_line_replaces_the_configured_list(project, cli):
    write_config(project, "require: [5]\n")
    assert cli("audit", "plannen/lindewaard.yaml").exit_code == 1
    result = cli("audit", "--require", "8", "plannen/lindewaard.yaml")
    assert result.exit_code == 0, result


def test_require_without_a_config_file(project, cli):
    result = cli("audit", "--require", "trekker", "--require", "3", "plannen/lindewaard.yaml")
    assert result.exit_code == 1, result
    assert "item 5 (Benoem een trekker) is partial; required: met" in result.stderr
    assert "item 3 (Maak gebruik van een divers" in result.stderr


def test_require_an_unknown_item_on_the_command_line(project, cli):
    result = cli("audit", "--require", "11", "plannen/zeeveen.yaml")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr.startswith(
        "herstelcheck: error: --require: the checklist has no item '11' (use a number from 1"
    )


def test_unreadable_plans_outrank_require(project, cli, write_plan):
    bad = write_plan("gemeente: X\n", name="plannen/kapot.yaml")
    result = cli("audit", "--require", "5", str(bad), "plannen/lindewaard.yaml")
    assert result.exit_code == 2, result
    assert "item 5 (Benoem een trekker) is partial" in result.stderr


# --- bad configuration files: tests/data/config/bad/*.yaml ---------------------------
# The first line of each case holds the expected error: `# expect: LINE:COL: message`.


def bad_cases() -> list[Path]:
    return sorted(BAD.glob("*.yaml"))


@pytest.mark.parametrize("case", bad_cases(), ids=lambda p: p.stem)
def test_bad_config_is_an_error_with_its_line(case: Path, cli, monkeypatch):
    first = case.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect: (\d+):(\d+): (.+)", first)
    assert match, f"{case.name}: the first line must be '# expect: LINE:COL: message'"
    line, column, message = match.groups()
    monkeypatch.chdir(BAD)
    result = cli("audit", "--config", case.name, str(EXAMPLES / "zeeveen.yaml"))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert f"{case.name}:{line}:{column}: error: {message}" in result.stderr


def test_every_problem_of_a_config_file_is_reported(project, cli):
    write_config(project, "fail_under: 200\nlang: de\nformaat: json\n")
    result = cli("audit", "plannen/zeeveen.yaml")
    assert result.exit_code == 2, result
    assert result.stderr.splitlines() == [
        ".herstelcheck.yaml:1:13: error: 'fail_under' must be a number from 0 to 100 (got '200')",
        ".herstelcheck.yaml:2:7: error: 'lang' must be one of nl, en (got 'de')",
        ".herstelcheck.yaml:3:1: error: unknown key 'formaat' in the configuration; "
        "did you mean 'format'?",
    ]


def test_a_config_file_that_is_a_folder(project, cli):
    (project / "map").mkdir()
    result = cli("audit", "--config", "map", "plannen/zeeveen.yaml")
    assert result.exit_code == 2, result
    assert result.stderr == "map:1:1: error: is a folder, not a configuration file\n"


def test_config_text_is_shown_safely(project, cli):
    write_config(project, 'lang: "\\e[31mrood"\n')
    result = cli("audit", "plannen/zeeveen.yaml")
    assert result.exit_code == 2, result
    assert "\x1b" not in result.stderr
    assert "␛[31mrood" in result.stderr


def test_find_in_a_removed_folder(tmp_path, monkeypatch):
    gone = tmp_path / "weg"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert config.find() is None
