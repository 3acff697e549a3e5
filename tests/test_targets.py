"""Where reports may be written: never through a symbolic link unless asked, never over
an input of the run or a read-only file unless asked, and every name the system refuses
is a clean error."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

ZEEVEEN = EXAMPLES / "zeeveen.yaml"
OLD = "het vorige rapport\n"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and names")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def herstelcheck(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "herstelcheck", *args],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
    )


# --- symbolic links ---------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("option", ["-o", "--report"])
def test_a_symbolic_link_as_report_file_is_refused_without_follow_symlinks(cli, tmp_path, option):
    real = tmp_path / "elders.txt"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "rapport.txt"
    link.symlink_to(real)
    target = str(link) if option == "-o" else f"terminal={link}"
    result = cli("audit", str(ZEEVEEN), option, target)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: refusing to write the report to '{link}': it is a symbolic "
        f"link (to '{real}'); name the file itself, or use --follow-symlinks to write "
        "where it points\n"
    )
    assert real.read_text(encoding="utf-8") == OLD
    followed = cli("audit", str(ZEEVEEN), option, target, "--follow-symlinks")
    assert followed.exit_code == 0, followed
    assert "Zeeveen" in real.read_text(encoding="utf-8")
    assert link.is_symlink()


@POSIX
def test_folders_above_the_report_file_may_be_links(cli, tmp_path):
    (tmp_path / "echt").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "echt", target_is_directory=True)
    result = cli("audit", str(ZEEVEEN), "-o", str(tmp_path / "via" / "rapport.txt"))
    assert result.exit_code == 0, result
    assert (tmp_path / "echt" / "rapport.txt").is_file()


@POSIX
def test_a_dangling_link_into_a_missing_folder_names_that_folder(cli, tmp_path):
    link = tmp_path / "rapport.json"
    link.symlink_to("nergens/diep/rapport.json")
    result = cli("audit", str(ZEEVEEN), "-o", str(link), "--follow-symlinks")
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: cannot write the report to '{link}': no folder "
        f"'{tmp_path / 'nergens' / 'diep'}' (where the symbolic link '{link}' points)\n"
    )


# --- inputs of the run ----------------------------------------------------------------------


def test_the_template_of_the_run_is_never_overwritten(cli, tmp_path):
    template = tmp_path / "memo.md.j2"
    template.write_text("{{ plans|length }} plannen\n", encoding="utf-8")
    before = template.read_bytes()
    args = ["audit", str(ZEEVEEN), "-f", "markdown", "--template", str(template)]
    for extra in (["-o", str(template)], ["--report", f"json={template}"]):
        result = cli(*args, *extra)
        assert result.exit_code == 2, result
        assert result.stderr == (
            f"herstelcheck: error: refusing to write the report to '{template}': "
            "it is the template file of this run\n"
        )
    assert template.read_bytes() == before


def test_the_checklist_of_the_run_is_never_overwritten(cli, tmp_path):
    checklist = tmp_path / "checklist.yaml"
    shutil.copy(EXAMPLES.parent / "checklist.yaml", checklist)
    other = tmp_path / "zelfde.yaml"
    os.link(checklist, other)  # by another name, too
    before = checklist.read_bytes()
    result = cli("audit", str(ZEEVEEN), "--checklist", str(checklist), "-o", str(other))
    assert result.exit_code == 2, result
    assert "it is the checklist file of this run" in result.stderr
    assert checklist.read_bytes() == before


@POSIX
def test_a_plan_link_out_of_the_folder_is_an_error_and_not_read(cli, tmp_path):
    folder = tmp_path / "plannen"
    folder.mkdir()
    shutil.copy(ZEEVEEN, folder / "zeeveen.yaml")
    secret = tmp_path / "geheim.yaml"
    secret.write_text("gemeente: Geheimstad\ntitel: niet voor deze map\n", encoding="utf-8")
    (folder / "lek.yaml").symlink_to(secret)
    (folder / "binnen.yaml").symlink_to(folder / "zeeveen.yaml")  # inside: audited once
    result = cli("audit", str(folder), "-f", "json")
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"{folder / 'lek.yaml'}:1:1: error: is a symbolic link to '{secret}', outside the "
        f"folder '{folder}'; a folder's plans stay inside it (name the file itself to "
        "audit it)\n"
    )
    report = json.loads(result.stdout)
    assert [plan["gemeente"] for plan in report["plans"]] == ["Zeeveen"]
    assert "Geheimstad" not in result.stdout
    assert cli("audit", str(folder / "lek.yaml")).exit_code == 0  # named: fine


# --- the job summary ----------------------------------------------------------------------


@POSIX
def test_a_job_summary_that_is_a_fifo_is_not_written_and_does_not_hang(tmp_path):
    fifo = tmp_path / "summary"
    os.mkfifo(fifo)  # no reader: opening it to write would wait for ever
    result = herstelcheck(
        "audit", str(ZEEVEEN), "-f", "github", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(fifo)}
    )
    assert result.returncode == 0, result
    assert result.stderr == (
        f"herstelcheck: warning: cannot write the job summary to '{fifo}': "
        "it is not a regular file (a device, pipe or socket)\n"
    )


def test_a_job_summary_that_is_a_plan_is_not_appended_to(cli, tmp_path, monkeypatch):
    plan = tmp_path / "plan.yaml"
    shutil.copy(ZEEVEEN, plan)
    before = plan.read_bytes()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(plan))
    result = cli("audit", str(tmp_path), "-f", "github")
    assert result.exit_code == 0, result
    assert result.stderr == (
        f"herstelcheck: warning: refusing to write the job summary to '{plan}': "
        "it is one of the plans audited\n"
    )
    assert plan.read_bytes() == before


def test_a_job_summary_that_is_the_checklist_is_not_appended_to(cli, tmp_path, monkeypatch):
    checklist = tmp_path / "checklist.yaml"
    shutil.copy(EXAMPLES.parent / "checklist.yaml", checklist)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(checklist))
    result = cli("audit", str(ZEEVEEN), "-f", "github", "--checklist", str(checklist))
    assert result.exit_code == 0, result
    assert "it is the checklist file of this run" in result.stderr


# --- read-only files --------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--report"])
def test_a_read_only_report_file_is_replaced_only_with_force(cli, tmp_path, option):
    target = tmp_path / "rapport.txt"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o444)
    spec = str(target) if option == "-o" else f"terminal={target}"
    result = cli("audit", str(ZEEVEEN), option, spec)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: refusing to write the report to '{target}': "
        "the file is read-only; use --force to replace it\n"
    )
    assert target.read_text(encoding="utf-8") == OLD
    forced = cli("audit", str(ZEEVEEN), option, spec, "--force")
    assert forced.exit_code == 0, forced
    assert "Zeeveen" in target.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == []


def test_the_schema_over_a_read_only_file_needs_force_too(cli, tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o444)
    assert cli("schema", "-o", str(target)).exit_code == 2
    assert cli("schema", "-o", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"]


# --- names the system refuses ------------------------------------------------------------


TOO_LONG = "a" * 300 + ".yaml"


@POSIX
@pytest.mark.parametrize("debug", [[], ["--debug"]], ids=["plain", "debug"])
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["audit", TOO_LONG], f"{TOO_LONG}:1:1: error: the name is too long for the system"),
        (
            ["audit", str(ZEEVEEN), "-o", TOO_LONG],
            f"herstelcheck: error: cannot write the report to '{TOO_LONG}': "
            "the name is too long for the system",
        ),
        (
            ["audit", str(ZEEVEEN), "--report", f"json={TOO_LONG}"],
            f"herstelcheck: error: cannot write the report to '{TOO_LONG}': "
            "the name is too long for the system",
        ),
        (
            ["init", TOO_LONG],
            f"herstelcheck: error: cannot write the template to '{TOO_LONG}': "
            "the name is too long for the system",
        ),
    ],
    ids=["plan", "output", "report", "init"],
)
def test_a_name_too_long_for_the_system_is_a_clean_error(tmp_path, debug, args, expected):
    result = herstelcheck(*debug, *args, cwd=tmp_path)
    assert result.returncode == 2, result
    assert expected in result.stderr.splitlines()
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


@POSIX
@pytest.mark.parametrize("debug", [[], ["--debug"]], ids=["plain", "debug"])
@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["audit", str(ZEEVEEN), "-o", "lus"], "the report"),
        (["audit", str(ZEEVEEN), "-o", "lus", "--follow-symlinks"], "the report"),
        (["audit", str(ZEEVEEN), "--report", "json=lus"], "the report"),
        (["schema", "-o", "lus"], "the report"),
        (["init", "--force", "lus"], "the template"),
    ],
    ids=["output", "output-followed", "report", "schema", "init"],
)
def test_a_loop_of_symbolic_links_as_target_is_reported_and_kept(tmp_path, debug, args, what):
    loop = tmp_path / "lus"
    loop.symlink_to("lus")
    result = herstelcheck(*debug, *args, cwd=tmp_path)
    assert result.returncode == 2, result
    assert result.stderr == (
        f"herstelcheck: error: cannot write {what} to 'lus': it is a loop of symbolic links\n"
    )
    assert loop.is_symlink() and os.readlink(loop) == "lus"


@POSIX
@pytest.mark.parametrize("length", [241, 250, 255])
def test_report_names_up_to_the_longest_the_system_allows(cli, tmp_path, length):
    name = "r" * (length - 5) + ".json"
    for fmt in ("json", "sarif"):  # written plan by plan, and whole
        result = cli("audit", str(ZEEVEEN), "-f", fmt, "-o", str(tmp_path / name))
        assert result.exit_code == 0, result
        assert json.loads((tmp_path / name).read_text(encoding="utf-8"))
    assert cli("init", "--force", str(tmp_path / name)).exit_code == 0
    assert leftovers(tmp_path) == []


# --- option values --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "-1", "100.5", "inf"])
def test_fail_under_must_be_a_number_from_0_to_100(cli, value):
    result = cli("audit", str(ZEEVEEN), "--fail-under", value)
    assert result.exit_code == 2, result
    assert "must be a number from 0 to 100" in result.stderr
    assert result.stdout == ""


def test_an_empty_date_is_an_error(cli):
    result = cli("audit", str(ZEEVEEN), "--date", "")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "herstelcheck: error: --date must be a date such as 2021-06-30 (got '')\n"
    )
