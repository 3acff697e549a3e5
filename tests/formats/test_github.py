"""GitHub Actions workflow commands and the job summary: one annotation per finding at
its criterion's place, escaped so that no plan text can end or start a command."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest

from conftest import DATA, EXAMPLES, ROOT
from herstelcheck.formats.github import escape_data, escape_property
from herstelcheck.textsafe import visible, visible_block

CI = DATA / "ci"
DATE = "2021-06-30"
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Command:
    kind: str
    properties: dict[str, str]
    message: str


def parse(line: str) -> Command:
    """A workflow command read the way the Actions runner reads one: the name and the
    properties up to the first `::`, properties split at `,` and `=`, then unescaped."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    head, data = line[2:end], line[end + 2 :]
    kind, _, rest = head.partition(" ")
    properties = {}
    for pair in filter(None, rest.split(",")):
        key, _, value = pair.partition("=")
        for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            value = value.replace(code, char)
        properties[key] = value
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(code, char)
    return Command(kind, properties, data)


def commands(stdout: str) -> list[Command]:
    return [parse(line) for line in stdout.splitlines() if line.startswith("::")]


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def audit(cli, *args):
    github = cli("audit", "-f", "github", "--date", DATE, *args)
    report = cli("audit", "-f", "json", "--date", DATE, *args)
    assert github.exit_code == report.exit_code, github
    return github, json.loads(report.stdout)


# --- escaping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("%0A", "%250A", "%250A"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
        ("%3A", "%253A", "%253A"),
    ],
)
def test_escaping_as_the_runner_requires(value, data, prop):
    assert escape_data(value) == data
    assert escape_property(value) == prop
    assert parse(f"::notice title={prop}::{data}") == Command("notice", {"title": value}, value)


# --- findings -------------------------------------------------------------------------


def expected_findings(report):
    """Each failed criterion of an item that is not waived: an error or a warning (by
    the item's status) when it keeps the item from being met, a notice when it is advice."""
    return sorted(
        (
            plan["file"],
            criterion["line"] or 1,
            {"missing": "error", "partial": "warning"}[item["status"]]
            if criterion["blocks"]
            else "notice",
            criterion["id"],
        )
        for plan in report["plans"]
        for item in plan["items"]
        if item["status"] != "waived"
        for criterion in item["criteria"]
        if criterion["passed"] is False
    )


def test_one_annotation_per_failed_criterion_at_its_file_and_line(cli, in_root):
    result, report = audit(cli, "examples")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    found = []
    for command in commands(result.stdout):
        if not command.properties.get("title", "").startswith("Item "):
            continue  # a waiver or a warning about the plan
        criterion = re.search(r" \[([^\]]+)\]\n", command.message).group(1)
        line = int(command.properties["line"])
        found.append((command.properties["file"], line, command.kind, criterion))
        assert int(command.properties["col"]) >= 1
    assert sorted(found) == expected_findings(report)
    assert len(found) > 20
    assert {kind for _, _, kind, _ in found} == {"error", "warning", "notice"}


def test_advice_is_a_notice_worded_as_advice(cli, in_root):
    """Lindewaard meets item 2; its reference to an unknown need is advice: a notice, at
    its line, its advice after 'Aanbevolen:'. What keeps items from being met stays an
    error or a warning."""
    result, report = audit(cli, "examples/lindewaard.yaml")
    item = report["plans"][0]["items"][1]
    assert item["status"] == "met"
    (criterion,) = [c for c in item["criteria"] if c["passed"] is False]
    assert criterion["blocks"] is False
    notices = [
        c for c in commands(result.stdout) if c.properties.get("title", "").startswith("Item 2 ")
    ]
    assert notices == [
        Command(
            "notice",
            {
                "file": "examples/lindewaard.yaml",
                "line": str(criterion["line"]),
                "col": notices[0].properties["col"],
                "title": f"Item 2 (voldaan): {item['title']}",
            },
            f"{criterion['message']} [{criterion['id']}]\n"
            f"Aanbevolen: {criterion['advice']} ({criterion['key']})",
        )
    ]
    english = cli("audit", "-f", "github", "--lang", "en", "examples/lindewaard.yaml").stdout
    line = next(x for x in english.splitlines() if "title=Item 2 " in x)
    assert line.startswith("::notice ") and "%0ARecommended: " in line
    blocking = [c for c in commands(result.stdout) if c.kind in ("error", "warning")]
    assert blocking and all("\nAdvies: " in c.message for c in blocking)


def test_an_item_partial_through_its_toelichting_warns_of_what_it_lacks(cli, in_root):
    """Bergakker's item 10 is partial only through its toelichting: its required
    criteria are warnings (not errors, as in a missing item), and no annotation stands
    for the toelichting itself (nor does a SARIF result)."""
    result, _ = audit(cli, "examples/bergakker.yaml")
    item10 = [c for c in commands(result.stdout) if "Item 10 " in c.properties.get("title", "")]
    assert len(item10) == 4
    assert {c.kind for c in item10} == {"warning"}
    assert all(c.properties["title"].startswith("Item 10 (deels)") for c in item10)


def test_annotation_title_and_message(cli, in_root):
    result, report = audit(cli, "examples/lindewaard.yaml")
    item = report["plans"][0]["items"][0]
    criterion = next(c for c in item["criteria"] if c["passed"] is False)
    first = commands(result.stdout)[0]
    assert first == Command(
        "warning",
        {
            "file": "examples/lindewaard.yaml",
            "line": str(criterion["line"]),
            "col": first.properties["col"],
            "title": f"Item 1 (deels): {item['title']}",
        },
        f"{criterion['message']} [{criterion['id']}]\n"
        f"Advies: {criterion['advice']} ({criterion['key']})",
    )


def test_a_waiver_is_a_notice_at_its_line(cli, in_root):
    result, report = audit(cli, "examples/lindewaard.yaml", "--lang", "en")
    waiver = report["plans"][0]["items"][7]["waiver"]
    notices = [c for c in commands(result.stdout) if c.properties["title"].startswith("Waivers: ")]
    assert notices == [
        Command(
            "notice",
            {
                "file": "examples/lindewaard.yaml",
                "line": str(waiver["line"]),
                "col": "1",
                "title": "Waivers: Item 8 (waived): Regional cooperation strengthens",
            },
            waiver["reason"],
        )
    ]
    # its criteria are not annotated as errors
    assert not [
        c
        for c in commands(result.stdout)
        if "Item 8" in c.properties.get("title", "") and c.kind != "notice"
    ]


def test_an_expired_waiver_is_a_notice_and_its_item_fails(cli, in_root):
    result, _ = audit(cli, str(CI / "expired-waiver.yaml"))
    found = commands(result.stdout)
    notice = next(c for c in found if c.properties["title"].startswith("Uitzonderingen: "))
    assert notice.message == (
        "Loopt via het oude convenant.\nverlopen op 2021-01-31; telt niet meer als uitzondering"
    )
    assert any(
        c.kind == "error" and c.properties["title"].startswith("Item 8 (ontbreekt)") for c in found
    )


def test_a_plain_line_per_plan_with_its_score(cli, in_root):
    result, _ = audit(cli, "examples")
    plain = [line for line in result.stdout.splitlines() if not line.startswith("::")]
    assert plain == [
        "herstelcheck: examples/bergakker.yaml (Bergakker): 10 items: 0 voldaan, 4 deels, "
        "6 ontbreekt, 0 uitgezonderd. Score 8,0 van 100.",
        "herstelcheck: examples/lindewaard.yaml (Lindewaard): 10 items: 1 voldaan, 7 deels, "
        "1 ontbreekt, 1 uitgezonderd. Score 48,3 van 100.",
        "herstelcheck: examples/zeeveen.yaml (Zeeveen): 10 items: 10 voldaan, 0 deels, "
        "0 ontbreekt, 0 uitgezonderd. Score 100,0 van 100.",
    ]


def test_warnings_of_a_readable_plan_are_warning_annotations(
    cli, write_plan, tmp_path, monkeypatch
):
    write_plan("gemeente: X\ntitel: Y\nterugvalscenarion: {}\n")
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "github", "plan.yaml")
    assert result.exit_code == 0
    assert "plan.yaml:3:1: warning: unknown key 'terugvalscenarion'" in result.stderr
    (warning,) = [c for c in commands(result.stdout) if c.properties.get("title") == "herstelcheck"]
    assert warning.kind == "warning"
    assert (warning.properties["file"], warning.properties["line"]) == ("plan.yaml", "3")


# --- plans that could not be read -----------------------------------------------------


def test_an_unreadable_plan_is_an_error_at_its_place(cli, in_root):
    unreadable = (CI / "unreadable.yaml").relative_to(ROOT).as_posix()
    result, report = audit(cli, unreadable, "examples/zeeveen.yaml")
    assert result.exit_code == 2
    assert f"{unreadable}:7:14: error: " in result.stderr
    (error,) = commands(result.stdout)
    assert error.kind == "error"
    assert error.properties == {
        "file": unreadable,
        "line": "7",
        "col": "14",
        "title": "herstelcheck: Niet gelezen",
    }
    assert error.message == visible_block(report["errors"][0]["message"])
    assert result.stdout.splitlines()[-1].startswith("herstelcheck: examples/zeeveen.yaml")


def test_a_plan_from_standard_input_has_no_file_property(cli, in_root):
    result = cli("audit", "-f", "github", "-", stdin=(EXAMPLES / "bergakker.yaml").read_bytes())
    assert result.exit_code == 0, result
    found = commands(result.stdout)
    assert found and all("file" not in c.properties and "line" not in c.properties for c in found)


# --- hostile text ---------------------------------------------------------------------


def test_hostile_plan_text_and_file_name(cli, tmp_path, monkeypatch):
    name = "plan %0A, a:b\r\n::error::x.yaml"
    (tmp_path / name).write_bytes((CI / "hostile.yaml").read_bytes())
    (tmp_path / "fout.yaml").write_bytes((CI / "unreadable.yaml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "github", name, "fout.yaml")
    assert result.exit_code == 2, result
    assert RAW_CONTROL.search(result.stdout) is None  # no CR, ESC or other control reaches the log
    lines = result.stdout.splitlines()
    assert all(
        line.startswith(("::error ", "::warning ", "::notice ", "herstelcheck: ")) for line in lines
    )
    found = commands(result.stdout)
    visible_name = visible(name)
    plan_commands = [c for c in found if c.properties["file"] != "fout.yaml"]
    assert {c.properties["file"] for c in plan_commands} == {visible_name}
    notice = next(c for c in found if c.properties["title"].startswith("Uitzonderingen: "))
    assert notice.message == (
        "Reden\n::warning::nep | **vet** <script>alert(1)</script> ]]> ␛[2J %3A, ␁"
    )
    assert notice.properties["line"] == "13"
    unknown = next(c for c in found if "[ondernemer-centraal.verwijzingen]" in c.message)
    assert "'onbekend <b>&amp; ]]> ␛]8;;https://x.invalid␛\\link␛]8;;␛\\ %0A, x:y ␁␂'" in (
        unknown.message
    )
    error = next(c for c in found if c.properties["file"] == "fout.yaml")
    assert "(got 'binnen <b>&</b> ]]> ␛[31m%0A, x:y')" in error.message
    # the toelichting that makes item 10 partial gets no annotation; its criteria warn
    assert "<script>x</script>" not in result.stdout
    assert {c.kind for c in found if c.properties.get("title", "").startswith("Item 10 ")} == {
        "warning"
    }
    plan_line = next(line for line in lines if line.startswith("herstelcheck: "))
    assert plan_line.startswith(f"herstelcheck: {visible_name} (Ge%0Ameente, a:b <x> & ]]> ")


# --- the job summary ------------------------------------------------------------------


def test_the_job_summary_is_appended_to_github_step_summary(cli, in_root, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    unreadable = (CI / "unreadable.yaml").relative_to(ROOT).as_posix()
    result = cli("audit", "-f", "github", "examples", unreadable)
    assert result.exit_code == 2, result
    assert "warning" not in result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n### herstelcheck: VNG top 10 herstelaanpak\n")
    assert "| Gemeente | Bestand | Score | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 |" in text
    assert "| Lindewaard | examples/lindewaard.yaml | 48,3 | ◐ | ✔ |" in text
    assert "| Zeeveen | examples/zeeveen.yaml | 100,0 |" + " ✔ |" * 10 in text
    assert "✔ voldaan · ◐ deels · ✘ ontbreekt · ⊘ uitgezonderd" in text
    assert "**Uitzonderingen**" in text
    assert "Regionale samenwerking loopt via het convenant Waardland" in text
    assert "**Niet gelezen**" in text
    assert "- tests/data/ci/unreadable.yaml:7:14: 'acties\\[1\\].termijn' must be one of" in text
    cli("audit", "-f", "github", "examples/zeeveen.yaml")
    again = summary.read_text(encoding="utf-8")
    assert again.startswith(text) and again.count("### herstelcheck") == 2


def test_the_job_summary_renders_hostile_text_as_text(cli, tmp_path, monkeypatch):
    from markdown_it import MarkdownIt

    (tmp_path / "plan.yaml").write_bytes((CI / "hostile.yaml").read_bytes())
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "github", "plan.yaml")
    assert result.exit_code == 0, result
    markdown = summary.read_text(encoding="utf-8")
    assert RAW_CONTROL.search(markdown) is None
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    for tag in ("<script", "<b>", "<x>", "<strong>vet", "<a "):
        assert tag not in html, tag
    body = html.split("<tbody>")[1]
    assert body.count("<tr>") == 1 and body.count("<td") == 13  # the pipe did not split the row
    assert "Ge%0Ameente, a:b &lt;x&gt; &amp; ]]&gt; **vet** | ␛[31mrood␛[0m ␁␡" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_unwritable_summary_is_a_warning_not_a_failure(cli, in_root, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder
    result = cli("audit", "-f", "github", "examples/zeeveen.yaml")
    assert result.exit_code == 0, result
    assert result.stderr.startswith(
        f"herstelcheck: warning: cannot write the job summary to '{tmp_path}': "
    )
    assert result.stdout.startswith("herstelcheck: examples/zeeveen.yaml (Zeeveen)")


def test_other_formats_leave_the_summary_alone(cli, in_root, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for fmt in ("terminal", "json", "sarif", "junit"):
        assert cli("audit", "-f", fmt, "examples/zeeveen.yaml").exit_code == 0
    assert not summary.exists()


def test_github_to_a_file_still_writes_the_summary(cli, in_root, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    target = tmp_path / "annotations.txt"
    result = cli("audit", "-f", "github", "-o", str(target), "examples/bergakker.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert commands(target.read_text(encoding="utf-8"))
    assert "| Bergakker |" in summary.read_text(encoding="utf-8")
