"""`herstelcheck init`: print or write a plan template, never over a file by surprise."""

from __future__ import annotations

import os

import pytest

from herstelcheck.plan import load_text


def test_without_file_the_template_goes_to_stdout(cli):
    result = cli("init")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    _, warnings = load_text(result.stdout, "plan.yaml")
    assert warnings == []
    assert "# Item 1: Organiseer herstel" in result.stdout


def test_dash_prints_too(cli):
    result = cli("init", "-", "--lang", "en")
    assert result.exit_code == 0, result
    assert "# Item 5: Appoint a lead" in result.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_written_template_audits_with_exit_0(cli, tmp_path, lang):
    target = tmp_path / "plan.yaml"
    made = cli("init", str(target), "--gemeente", "Zevenaar", "--lang", lang)
    assert made.exit_code == 0, made
    assert made.stdout == ""
    assert f"wrote {target}" in made.stderr
    audited = cli("audit", str(target), "--lang", lang)
    assert audited.exit_code == 0, audited
    assert audited.stderr == ""
    assert "Zevenaar" in audited.stdout
    missing = "ontbreekt" if lang == "nl" else "missing"
    assert f"10 {missing}" in audited.stdout


def test_gemeente_is_used(cli, tmp_path):
    target = tmp_path / "plan.yaml"
    assert cli("init", str(target), "--gemeente", "Maastricht").exit_code == 0
    loaded, _ = load_text(target.read_text(encoding="utf-8"), str(target))
    assert loaded.plan.gemeente == "Maastricht"
    assert "Maastricht" in (loaded.plan.titel or "")


def test_lang_en_gives_english_comments_and_dutch_keys(cli):
    result = cli("init", "--lang", "en")
    assert "e.g." in result.stdout
    assert "bijv." not in result.stdout
    assert "\nterugvalscenario:\n" in result.stdout


def test_an_existing_file_is_refused_and_left_as_it_was(cli, tmp_path):
    target = tmp_path / "plan.yaml"
    target.write_text("gemeente: Mijn werk\ntitel: niet overschrijven\n", encoding="utf-8")
    before = target.stat()
    result = cli("init", str(target))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert f"'{target}' already exists; use --force to overwrite it" in result.stderr
    assert target.read_text(encoding="utf-8") == "gemeente: Mijn werk\ntitel: niet overschrijven\n"
    assert target.stat().st_mtime_ns == before.st_mtime_ns
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


def test_a_symlink_counts_as_existing(cli, tmp_path):
    target = tmp_path / "link.yaml"
    target.symlink_to(tmp_path / "nowhere.yaml")
    result = cli("init", str(target))
    assert result.exit_code == 2, result
    assert not (tmp_path / "nowhere.yaml").exists()


def test_force_overwrites(cli, tmp_path):
    target = tmp_path / "plan.yaml"
    target.write_text("oud\n", encoding="utf-8")
    result = cli("init", str(target), "--force", "--gemeente", "Breda")
    assert result.exit_code == 0, result
    assert load_text(target.read_text(encoding="utf-8"), "p")[0].plan.gemeente == "Breda"
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_folder_is_refused(cli, tmp_path, force):
    result = cli("init", str(tmp_path), *force)
    assert result.exit_code == 2, result
    assert "it is a folder" in result.stderr


def test_a_missing_folder_is_an_error(cli, tmp_path):
    result = cli("init", str(tmp_path / "nee" / "plan.yaml"))
    assert result.exit_code == 2, result
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["", "a\nb", "a\x1b]52;c;ZXZpbA==\x07b"])
def test_a_bad_gemeente_is_a_usage_error(cli, name):
    result = cli("init", "--gemeente", name)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "--gemeente" in result.stderr
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_template_has_a_toelichting_line_in_every_section(cli, lang):
    from herstelcheck.model import SECTIONS

    text = cli("init", "--lang", lang).stdout
    blocks = {}
    current = None
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            current = line.split(":")[0]
        elif current and "toelichting:" in line:
            blocks[current] = line
    assert set(blocks) == set(SECTIONS)
    for section, line in blocks.items():
        if section != "organisatie":  # its toelichting describes the organisation (version 1)
            assert line.lstrip().startswith("# toelichting:"), line
