"""What the CI formats share: the level of a finding, paths relative to the current
folder, and that none of them is imported before it is used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from herstelcheck import checklist as checklist_module
from herstelcheck.audit import ItemResult, Status
from herstelcheck.formats.ci import level, relative_path


def item(status: Status, verdict: Status | None = None) -> ItemResult:
    first = checklist_module.load().items[0]
    return ItemResult(first, status, 0.0, (), None, verdict)


@pytest.mark.parametrize(
    ("status", "verdict", "expected"),
    [
        (Status.MISSING, None, "error"),
        (Status.PARTIAL, None, "warning"),
        (Status.WAIVED, Status.MISSING, "error"),
        (Status.WAIVED, Status.PARTIAL, "warning"),
    ],
)
def test_level_of_a_finding(status, verdict, expected):
    assert level(item(status, verdict)) == expected


def test_a_waived_item_keeps_the_status_its_criteria_give(write_plan):
    from herstelcheck.audit import audit_plan
    from herstelcheck.plan import load_file

    plan = write_plan(
        "gemeente: X\ntitel: Y\ntrekker:\n  raad_informeren: per kwartaal\n"
        "uitzonderingen:\n  5: met reden\n  6: ook met reden\n"
    )
    loaded, _ = load_file(str(plan))
    report = audit_plan(loaded, checklist_module.load())
    trekker, lessen = report.items[4], report.items[5]
    assert (trekker.status, trekker.unwaived) == (Status.WAIVED, Status.PARTIAL)
    assert (lessen.status, lessen.unwaived) == (Status.WAIVED, Status.MISSING)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("plan.yaml", "plan.yaml"),
        ("./plannen/../plannen/a b.yaml", "plannen/a b.yaml"),
        ("/base/x/plan.yaml", "x/plan.yaml"),
        ("../elders/plan.yaml", None),
        ("/elders/plan.yaml", None),
        ("<stdin>", None),
    ],
)
def test_relative_path(file, expected):
    assert relative_path(file, Path("/base")) == expected


def test_the_ci_formats_are_imported_only_when_used():
    """A JSON audit loads neither the CI formats nor an XML library; a JUnit one does."""
    script = (
        "import sys\n"
        "from herstelcheck.cli import main\n"
        "try:\n"
        "    main(['audit', '-f', sys.argv[1], sys.argv[2]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "names = ('xml.etree.ElementTree', 'herstelcheck.formats.sarif',\n"
        "         'herstelcheck.formats.junit', 'herstelcheck.formats.github')\n"
        "print(' '.join(name for name in names if name in sys.modules), file=sys.stderr)\n"
    )

    def loaded(fmt: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, fmt, str(EXAMPLES / "zeeveen.yaml")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        return done.stderr.strip()

    assert loaded("json") == ""
    assert loaded("junit") == "xml.etree.ElementTree herstelcheck.formats.junit"


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_a_file_name_that_is_not_utf8_is_reported(cli, tmp_path, monkeypatch, fmt):
    try:
        (tmp_path / os.fsdecode(b"plan\xff.yaml")).write_bytes(b"gemeente: X\ntitel: Y\n")
    except (OSError, UnicodeError):  # pragma: no cover - file systems that insist on UTF-8
        pytest.skip("the file system does not allow a file name that is not UTF-8")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "report.out"
    result = cli("audit", ".", "-f", fmt, "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, ""), result
    text = target.read_text(encoding="utf-8")
    expected = {"sarif": '"uri": "plan%FF.yaml"', "junit": 'plan&lt;0xFF&gt;.yaml" tests="10"'}
    assert expected.get(fmt, "file=plan<0xFF>.yaml,line=1") in text
