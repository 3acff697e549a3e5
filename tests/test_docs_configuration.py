"""The configuration example of docs/configuration.md is real: it loads and does what the
text says."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import EXAMPLES, ROOT
from herstelcheck import settings as config

DOC = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def block(first_line: str) -> str:
    """The fenced YAML block of docs/configuration.md that starts with `first_line`."""
    for match in re.finditer(r"```yaml\n(.*?)```", DOC, re.DOTALL):
        if match.group(1).startswith(first_line):
            return match.group(1)
    raise AssertionError(f"no yaml block in docs/configuration.md starts with {first_line!r}")


def test_the_configuration_example_does_what_the_text_says(tmp_path, monkeypatch, cli):
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
    assert (loaded.memo_from, loaded.memo_to) == ("Team Economie", None)
    result = cli("audit")
    assert result.exit_code == 1, result  # lindewaard and bergakker fall under 60
    assert "item 10 (Houd rekening met een terugvalscenario) is partial; required: met" in (
        result.stderr
    )
    assert (tmp_path / "rapporten" / "audit.json").is_file()
    assert "Overzicht" in result.stdout


@pytest.mark.parametrize("name", [".herstelcheck.yaml", ".pre-commit-config.yaml"])
def test_the_config_files_named_in_the_text_are_skipped(name):
    from herstelcheck.run import CONFIG_NAMES

    assert name in CONFIG_NAMES
    assert f"`{name}`" in DOC
