"""`--chart`: the chart beside the Markdown memo, written atomically, never over a file
without `--force`, and a usage error without a Markdown memo in a file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"
LINDEWAARD = str(EXAMPLES / "lindewaard.yaml")
DAY = ["--date", "2021-06-30", "--no-config"]


def bars(svg: str) -> list[dict[str, str]]:
    root = ET.fromstring(svg)
    return [dict(e.attrib) for e in root.iter(f"{SVG}rect") if e.get("class") == "bar"]


def test_the_chart_is_written_beside_the_memo_and_shown_in_it(cli, tmp_path):
    memo = tmp_path / "memo.md"
    result = cli("audit", LINDEWAARD, "-f", "markdown", "-o", str(memo), "--chart", *DAY)
    assert result.exit_code == 0, result
    assert (result.stdout, result.stderr) == ("", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md", "memo.svg"]
    text = memo.read_text(encoding="utf-8")
    summary = text.split("## Samenvatting\n", 1)[1].split("\n## ", 1)[0]
    assert summary.rstrip().endswith(
        "![Score per item van Lindewaard, van 0 tot 10, met de status in woorden](memo.svg)"
    )
    found = bars((tmp_path / "memo.svg").read_text(encoding="utf-8"))
    assert [b["data-item"] for b in found] == [str(n) for n in range(1, 11)]
    assert [b["data-status"] for b in found][7] == "waived"


def test_without_chart_the_memo_shows_none(cli, tmp_path):
    memo = tmp_path / "memo.md"
    assert cli("audit", LINDEWAARD, "-f", "markdown", "-o", str(memo), *DAY).exit_code == 0
    assert "![" not in memo.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_an_existing_chart_is_kept_and_nothing_is_written(cli, tmp_path):
    memo, chart = tmp_path / "memo.md", tmp_path / "memo.svg"
    chart.write_text("mijn eigen tekening\n", encoding="utf-8")
    result = cli("audit", LINDEWAARD, "-f", "markdown", "-o", str(memo), "--chart", *DAY)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: --chart: '{chart}' already exists; use --force to overwrite it\n"
    )
    assert chart.read_text(encoding="utf-8") == "mijn eigen tekening\n"
    assert not memo.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.svg"]


def test_a_chart_that_appears_during_the_run_is_kept_and_nothing_is_written(
    cli, tmp_path, monkeypatch
):
    """The chart is written at the end of the run, after the plans: one that appeared
    since the run began is not replaced either."""
    from herstelcheck import memo as memos

    memo, chart = tmp_path / "memo.md", tmp_path / "memo.svg"
    view = memos.plan_view

    def appears(report, lang):
        chart.write_text("net getekend\n", encoding="utf-8")
        return view(report, lang)

    monkeypatch.setattr(memos, "plan_view", appears)
    result = cli("audit", LINDEWAARD, "-f", "markdown", "-o", str(memo), "--chart", *DAY)
    assert result.exit_code == 2, result
    assert result.stderr == (
        f"herstelcheck: error: --chart: '{chart}' already exists; use --force to overwrite it\n"
    )
    assert chart.read_text(encoding="utf-8") == "net getekend\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.svg"]


def test_force_overwrites_the_chart(cli, tmp_path):
    memo, chart = tmp_path / "memo.md", tmp_path / "memo.svg"
    chart.write_text("oud\n", encoding="utf-8")
    args = ["audit", LINDEWAARD, "-f", "markdown", "-o", str(memo), "--chart", "--force"]
    result = cli(*args, *DAY)
    assert result.exit_code == 0, result
    assert chart.read_text(encoding="utf-8").startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memo.md", "memo.svg"]


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "markdown"],  # standard output: nothing to put a chart beside
        ["-f", "json", "-o", "audit.json"],
        ["-f", "html", "-o", "rapport.html"],
        ["--report", "json=audit.json"],
    ],
)
def test_chart_without_a_markdown_file_is_a_usage_error(cli, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = cli("audit", LINDEWAARD, *args, "--chart", *DAY)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == (
        "herstelcheck: error: --chart writes the chart beside a Markdown memo in a file: use "
        "it with -f markdown -o memo.md, or --report markdown=memo.md\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_markdown_report_gets_its_chart(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("audit", str(EXAMPLES), "--report", "markdown=vergelijking.md", "--chart", *DAY)
    assert result.exit_code == 0, result
    assert "Overzicht" in result.stdout  # the terminal report, as always
    assert "](vergelijking.svg)\n" in (tmp_path / "vergelijking.md").read_text(encoding="utf-8")
    root = ET.fromstring((tmp_path / "vergelijking.svg").read_text(encoding="utf-8"))
    assert "chart-heatmap" in root.get("class", "")
    cells = [e for e in root.iter(f"{SVG}rect") if e.get("class") == "cell"]
    assert len(cells) == 30
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert "◐ 6,0" in texts and "⊘" in texts and "✔ 10,0" in texts


def test_a_memo_whose_name_has_a_space(cli, tmp_path):
    memo = tmp_path / "memo raad (juni).md"
    result = cli("audit", LINDEWAARD, "-f", "markdown", "-o", str(memo), "--chart", *DAY)
    assert result.exit_code == 0, result
    assert (tmp_path / "memo raad (juni).svg").is_file()
    assert "](memo%20raad%20%28juni%29.svg)" in memo.read_text(encoding="utf-8")


def test_two_memos_cannot_share_a_chart(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(
        "audit",
        LINDEWAARD,
        "-f",
        "markdown",
        "-o",
        "memo.md",
        "--report",
        "markdown=memo.markdown",
        "--chart",
        *DAY,
    )
    assert result.exit_code == 2, result
    assert "would both get the chart 'memo.svg'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_chart_that_would_be_a_folder_or_a_report(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "memo.svg").mkdir()
    result = cli("audit", LINDEWAARD, "-f", "markdown", "-o", "memo.md", "--chart", *DAY)
    assert result.exit_code == 2, result
    assert "it is a folder" in result.stderr
    (tmp_path / "memo.svg").rmdir()
    args = ["-f", "markdown", "-o", "memo.md", "--report", "html=memo.svg", "--chart"]
    result = cli("audit", LINDEWAARD, *args, *DAY)
    assert result.exit_code == 2, result
    assert "which is already the target of a report" in result.stderr
    assert list(tmp_path.iterdir()) == []
