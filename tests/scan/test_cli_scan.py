"""`herstelcheck scan` on the command line: standard output, standard error and the exit
code checked apart; the JSON as the contract describes it; drafts that are never
written over a file without --force; document text shown as text in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scandocs
from conftest import ROOT


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docs")
    return {
        "veenhaven.pdf": scandocs.build("veenhaven", "pdf", folder),
        "kleiburg.md": scandocs.build("kleiburg", "md", folder),
        "kleiburg.html": scandocs.build("kleiburg", "html", folder),
    }


def test_the_terminal_report(cli, docs):
    result = cli("scan", str(docs["veenhaven.pdf"]))
    assert result.exit_code == 0, result
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith(f"Scan: {docs['veenhaven.pdf']}\n")
    assert "PDF · 6 pagina's" in out
    assert "voorlopig, uit de tekst" in out
    assert "p. 4  “Wethouder Economie Joost de Wit is bestuurlijk trekker." in out
    assert "Het document noemt dit alleen om te zeggen dat het ontbreekt." in out
    assert "\x1b" not in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_an_item_without_evidence_says_so(cli, docs):
    result = cli("scan", str(docs["kleiburg.md"]), "--lang", "en")
    assert result.exit_code == 0, result
    assert "The document says nothing about this: no signal found." in result.stdout
    assert "provisional, from the text" in result.stdout


def test_the_json_is_the_contract(cli, docs):
    result = cli("scan", str(docs["veenhaven.pdf"]), str(docs["kleiburg.md"]), "-f", "json")
    assert result.exit_code == 0, result
    data = json.loads(result.stdout)
    assert set(data) == {"tool", "checklist", "documents", "errors"}
    assert data["tool"]["name"] == "herstelcheck"
    assert data["checklist"] == {"name": "VNG top 10 herstelaanpak", "version": "2021-05"}
    assert data["errors"] == []
    pdf, md = data["documents"]
    assert (pdf["pages"], md["pages"]) == (6, None)
    for document in data["documents"]:
        assert {"file", "pages", "items", "values"} <= set(document)
        assert [item["id"] for item in document["items"]] == list(range(1, 11))
        for item in document["items"]:
            assert {"id", "title", "status", "criteria", "evidence"} <= set(item)
            assert item["status"] in ("met", "partial", "missing")
            for criterion in item["criteria"]:
                assert set(criterion) == {"id", "found"}
            for given in item["evidence"]:
                assert set(given) == {"criterion", "page", "heading", "quote", "signal"}
                assert (given["page"] is None) != (given["heading"] is None)
        for value in document["values"]:
            assert {"field", "value", "page", "heading", "quote"} <= set(value)
    trekker = pdf["items"][4]
    assert trekker["evidence"][0]["page"] == 4 and trekker["evidence"][0]["heading"] is None
    found = {v["field"]: v for v in pdf["values"]}
    assert found["trekker.bestuurlijk.naam"]["value"] == "Joost de Wit"
    assert found["trekker.bestuurlijk.naam"]["page"] == 4
    heading = md["items"][1]["evidence"][0]["heading"]
    assert heading == "Wat ondernemers nodig hebben"


def test_a_document_that_cannot_be_read_leaves_the_others_scanned(cli, docs, tmp_path):
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.4\n\x00\x01garbage")
    result = cli("scan", str(docs["kleiburg.md"]), str(broken), "-f", "json")
    assert result.exit_code == 2, result
    assert (
        result.stderr
        == f"{broken}: error: is not a readable PDF (damaged, cut off, or not a PDF)\n"
    )
    data = json.loads(result.stdout)
    assert [d["file"] for d in data["documents"]] == [str(docs["kleiburg.md"])]
    assert data["errors"] == [
        {
            "file": str(broken),
            "line": None,
            "column": None,
            "message": "is not a readable PDF (damaged, cut off, or not a PDF)",
        }
    ]


def test_missing_documents_and_no_documents(cli, tmp_path):
    result = cli("scan", str(tmp_path / "nergens.docx"))
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nergens.docx'}: error: no such document\n"
    assert "Niet gelezen" in result.stdout
    result = cli("scan")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_standard_input(cli, docs):
    result = cli("scan", "-", "-f", "json", stdin=docs["kleiburg.md"].read_bytes())
    assert result.exit_code == 0, result
    [document] = json.loads(result.stdout)["documents"]
    assert document["file"] == "<stdin>"
    assert document["gemeente"] == "Kleiburg"


def test_the_report_to_a_file(cli, docs, tmp_path):
    target = tmp_path / "scan.md"
    result = cli("scan", str(docs["kleiburg.md"]), "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0, result
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Scan: Kleiburg: Ondernemen na corona")
    result = cli("scan", str(docs["kleiburg.md"]), "-o", str(docs["kleiburg.md"]))
    assert result.exit_code == 2
    assert "it is one of the documents scanned" in result.stderr


def test_a_draft_is_written_once_and_then_only_with_force(cli, docs, tmp_path):
    draft = tmp_path / "concept.yaml"
    result = cli("scan", str(docs["veenhaven.pdf"]), "--draft", str(draft))
    assert result.exit_code == 0, result
    assert f"herstelcheck: wrote {draft}; check it" in result.stderr
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# Concept van een plan (planformaat 1.1), opgesteld door")
    assert f"herstelcheck audit {draft}" in text
    audited = cli("audit", str(draft))
    assert audited.exit_code == 0, audited
    assert "error" not in audited.stderr and "warning" not in audited.stderr
    again = cli("scan", str(docs["veenhaven.pdf"]), "--draft", str(draft))
    assert again.exit_code == 2
    assert again.stderr == (
        f"herstelcheck: error: '{draft}' already exists; use --force to overwrite it\n"
    )
    assert again.stdout == ""
    draft.write_text("# mine\n", encoding="utf-8")
    forced = cli("scan", str(docs["veenhaven.pdf"]), "--draft", str(draft), "--force")
    assert forced.exit_code == 0, forced
    assert draft.read_text(encoding="utf-8") == text


def test_drafts_of_several_documents(cli, docs, tmp_path):
    paths = [str(docs[name]) for name in ("kleiburg.md", "kleiburg.html", "veenhaven.pdf")]
    refused = cli("scan", *paths, "--draft", str(tmp_path / "x.yaml"))
    assert refused.exit_code == 2
    assert "for several, use --draft-dir" in refused.stderr
    result = cli("scan", *paths, "--draft-dir", str(tmp_path))
    assert result.exit_code == 0, result
    names = sorted(p.name for p in tmp_path.glob("*.yaml"))
    assert names == ["kleiburg.html.yaml", "kleiburg.yaml", "veenhaven.yaml"]
    for name in names:
        assert cli("audit", str(tmp_path / name)).exit_code == 0
    missing = cli("scan", paths[0], "--draft-dir", str(tmp_path / "nergens"))
    assert missing.exit_code == 2 and "is not a folder" in missing.stderr


def test_a_draft_is_never_written_over_a_document(cli, docs, tmp_path):
    copy = tmp_path / "plan.md"
    copy.write_bytes(docs["kleiburg.md"].read_bytes())
    result = cli("scan", str(copy), "--draft", str(copy), "--force")
    assert result.exit_code == 2
    assert "it is one of the documents scanned" in result.stderr
    assert copy.read_bytes() == docs["kleiburg.md"].read_bytes()


def test_a_name_from_the_file_name_is_a_warning_and_a_todo(cli, tmp_path):
    path = tmp_path / "herstel_plan-2021.txt"
    path.write_text("Een draaiboek ligt klaar voor een nieuwe lockdown.\n", encoding="utf-8")
    draft = tmp_path / "d.yaml"
    result = cli("scan", str(path), "--draft", str(draft))
    assert result.exit_code == 0, result
    assert f"{path}: warning: no 'gemeente ...' found in the document" in result.stderr
    text = draft.read_text(encoding="utf-8")
    todo = "# TODO: niet gevonden in het document; genomen uit de bestandsnaam"
    assert f'{todo}\ngemeente: "herstel plan 2021"' in text
    assert cli("audit", str(draft)).exit_code == 0


def test_another_checklist(cli, docs, tmp_path):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "checklist.yaml"
    custom.write_text(
        text.replace("id: trekker.bestuurlijk", "id: trekker.wethouder"), encoding="utf-8"
    )
    result = cli("scan", str(docs["veenhaven.pdf"]), "--checklist", str(custom), "-f", "json")
    assert result.exit_code == 0, result
    item = json.loads(result.stdout)["documents"][0]["items"][4]
    assert {"id": "trekker.wethouder", "found": True} in item["criteria"]
    assert all(e["criterion"] != "trekker.bestuurlijk" for e in item["evidence"])


def test_another_checklist_brings_its_own_signals(cli, docs, tmp_path):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    start = text.index("        signalen:\n", text.index("id: trekker.bestuurlijk"))
    end = text.index("      - id: ", start)
    custom = tmp_path / "checklist.yaml"
    custom.write_text(text[:start] + text[end:], encoding="utf-8")
    result = cli("scan", str(docs["veenhaven.pdf"]), "--checklist", str(custom), "-f", "json")
    assert result.exit_code == 0, result
    item = json.loads(result.stdout)["documents"][0]["items"][4]
    assert all(e["criterion"] != "trekker.bestuurlijk" for e in item["evidence"])
    assert any(e["criterion"] == "trekker.ambtelijk" for e in item["evidence"])


def test_a_signal_given_again_in_another_form_stops_the_scan_not_an_audit(cli, docs, tmp_path):
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8")
    given = "          - draaiboek\n"
    line = text[: text.index(given)].count("\n") + 1
    custom = tmp_path / "checklist.yaml"
    custom.write_text(text.replace(given, given + "          - draaiboeken\n"), encoding="utf-8")
    result = cli("scan", str(docs["kleiburg.md"]), "--checklist", str(custom))
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == (
        f"{custom}:{line + 1}:13: error: item 10 (terugvalscenario), criterion "
        "'terugvalscenario.draaiboek', 'signalen': 'draaiboeken' is given twice "
        f"(first on line {line})\n"
    )
    audited = cli("audit", str(ROOT / "examples" / "lindewaard.yaml"), "--checklist", str(custom))
    assert audited.exit_code == 0, audited


HOSTILE = (
    "# Plan van de gemeente Hekdam\n\n"
    "De wethouder [bold red]Rood[/] :smile: \x1b[2J\x1b]8;;https://evil.test\x07link\x1b]8;;\x07 "
    "is bestuurlijk trekker | met een <script>alert(1)</script> en **vet** en "
    "[klik](javascript:alert(1)) en een\u2028regel\u202e.\n"
)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "vijandig.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_document_text_is_text_on_the_terminal(cli, hostile):
    result = cli("scan", str(hostile), "--color", "always")
    assert result.exit_code == 0, result
    out = result.stdout
    assert "[bold red]Rood[/] :smile:" in out
    assert "\x1b[2J" not in out and "\x1b]8" not in out and "\u202e" not in out
    assert "␛[2J" in out and "<U+202E>" in out


def test_document_text_is_text_in_markdown(cli, hostile):
    result = cli("scan", str(hostile), "-f", "markdown")
    assert result.exit_code == 0, result
    out = result.stdout
    assert "<script>" not in out and "\\<script\\>" in out
    assert "trekker \\| met" in out
    assert "\\[klik\\]\\(javascript:alert\\(1\\)\\)" in out
    assert "\x1b" not in out and "\u2028" not in out


def test_document_text_is_text_in_json(cli, hostile):
    result = cli("scan", str(hostile), "-f", "json")
    assert result.exit_code == 0, result
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\u001b[2J" in result.stdout
    data = json.loads(result.stdout)
    quotes = [e["quote"] for e in data["documents"][0]["items"][4]["evidence"]]
    assert any("\x1b[2J" in quote for quote in quotes)


def test_document_text_in_a_draft_stays_in_its_value_or_comment(cli, hostile, tmp_path):
    draft = tmp_path / "d.yaml"
    assert cli("scan", str(hostile), "--draft", str(draft)).exit_code == 0
    text = draft.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\u2028" not in text and "\u202e" not in text
    for line in text.splitlines():
        assert line.startswith(("#", " ", "-")) or ":" in line or not line
    audited = cli("audit", str(draft))
    assert audited.exit_code == 0, audited


def test_an_audit_imports_none_of_the_document_readers():
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "herstelcheck",
            "audit",
            "examples/lindewaard.yaml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    heavy = {"pypdfium2", "docx", "odf", "snowballstemmer", "markdown_it", "herstelcheck.scan"}
    assert not heavy & imported
