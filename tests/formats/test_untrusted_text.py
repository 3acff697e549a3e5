"""The safety net under every output format: text from plans, checklists and file
names never reaches a terminal, log or document as an escape sequence, a control
character or a bidirectional override, in any format, on any stream.

The tests iterate over `OutputFormat`, so a format added later is covered the moment
it is registered. Escaping particular to a format (Markdown, XML, SARIF) is tested with
that format; this is the net below all of them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from herstelcheck.formats import OutputFormat
from herstelcheck.model import Money, MoneyOrText, Plan, PlanDate, Uitzondering
from herstelcheck.plan import field_types, load_file, unwrap_optional
from herstelcheck.textsafe import has_unsafe
from hostile import DIAGNOSTIC, USAGE_ERROR

MARKUP = "[bold red]rood[/] [link=https://evil.example]klik[/link] :smile: [/]"
EVIL = (
    MARKUP + " \x1b[31mESC\x1b[0m \x1b]8;;https://evil.example\x07OSC8\x1b]8;;\x07"
    " \x1b]52;c;aGFjaw==\x07 \x9b31mCSI \x85NEL \u202eRLO\u202c \u2066LRI\u2069 \u200fRLM"
    " \x07BEL \x00NUL \x08BS \rCR \x7fDEL \x1b[2J\x1b[H <b>html</b> | pipe *md* `code` &amp;"
)
"""Markup, escapes (ESC, CSI, OSC 8 links, OSC 52 clipboard, one-byte CSI), C0 and C1
controls and bidirectional overrides, and the characters Markdown and HTML act on."""

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What no output may hold raw: controls but line feed and tab, C1 (0x9b is a CSI),
bidirectional marks, embeddings, overrides and isolates."""
SGR = re.compile(r"\x1b\[[0-9;]*m")
"""A plain Select Graphic Rendition sequence: colour and bold, nothing else."""
FORMATS = list(OutputFormat)


def _text_value(tp: Any, name: str) -> Any:
    """A value of type `tp` for the hostile plan: EVIL wherever the format takes text."""
    tp = unwrap_optional(tp)
    origin = typing.get_origin(tp)
    if tp in (str, PlanDate, MoneyOrText):
        return f"{EVIL} {name}"
    if tp is Money:
        return 250000
    if tp is bool:
        return True
    if tp is float:
        return 24
    if isinstance(tp, type) and issubclass(tp, Enum):
        return next(iter(tp)).value
    if origin is list:
        return [_text_value(typing.get_args(tp)[0], f"{name}[{i}]") for i in (1, 2)]
    if origin is dict:
        key_type, value_type = typing.get_args(tp)
        if value_type is Uitzondering:
            return {
                3: {"reden": f"{EVIL} reden", "geldig_tot": "2031-12-31"},
                4: f"{EVIL} vervallen",
                EVIL: f"{EVIL} onbekend item",
            }
        return {member.value: _text_value(value_type, name) for member in key_type}
    if dataclasses.is_dataclass(tp):
        return {
            field: _text_value(sub, f"{name}.{field}") for field, sub in field_types(tp).items()
        }
    raise AssertionError(f"no hostile value for {tp!r}")  # a new type in the model


def hostile_plan() -> dict[str, Any]:
    """Every field of the plan format, with hostile text wherever it takes text."""
    plan = _text_value(Plan, "plan")
    plan["acties"][1]["behoefte"] = f"{EVIL} onbekende behoefte"  # quoted in a message
    plan[f"{EVIL} onbekende sleutel"] = "x"  # quoted in a warning
    return plan


def _dump(data: Any, path: Path) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A hostile plan, the same under a hostile file name (and one that is not UTF-8),
    and a broken one whose errors quote hostile values."""
    folder = tmp_path_factory.mktemp("hostile")
    good = _dump(hostile_plan(), folder / "plan.yaml")
    named = folder / "plan \x1b]8;;evil.example\x07[bold]\u202e\x9b2J\x1b]52;c;aGk=\x07.yaml"
    named.write_bytes(good.read_bytes())
    not_utf8 = os.path.join(os.fsencode(folder), b"plan \xff.yaml")
    with open(not_utf8, "wb") as handle:
        handle.write(good.read_bytes())
    broken = {
        "gemeente": EVIL,
        "titel": EVIL,
        "vastgesteld": f"{EVIL} 2021-02-30",
        "acties": [{"naam": EVIL, "termijn": EVIL}],
        "financiering": {"bestaande_budgetten": EVIL},
    }
    bad = _dump(broken, folder / "kapot [bold red]\x1b[31m\x85\n.yaml")
    return [str(good), str(named), os.fsdecode(not_utf8), str(bad)]


@pytest.fixture(scope="module")
def hostile_checklist(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled checklist with hostile text added to every text a report can show."""
    data = yaml.safe_load((ROOT / "checklist.yaml").read_text(encoding="utf-8"))

    def inject(node: Any, key: str = "") -> Any:
        if key == "alternatieven":  # criterion ids, hostile as the ids they name
            return [[f"{ident} {EVIL}" for ident in alternative] for alternative in node]
        if isinstance(node, dict):
            return {k: inject(v, k) for k, v in node.items()}
        if isinstance(node, list) and key != "params" and key != "paths":
            return [inject(item) for item in node]
        if isinstance(node, str) and key in TEXT_KEYS:
            return f"{node} {EVIL}"
        return node

    hostile = inject(data)
    return str(_dump(hostile, tmp_path_factory.mktemp("checklist") / "checklist.yaml"))


TEXT_KEYS = {"name", "nl", "en", "gemeente", "url", "slug", "id", "version"}


def test_the_hostile_plan_reads_back_exactly(plans):
    loaded, warnings = load_file(plans[0])
    assert loaded.plan.gemeente == f"{EVIL} plan.gemeente"
    assert loaded.plan.trekker is not None and loaded.plan.trekker.ambtelijk is not None
    assert loaded.plan.trekker.ambtelijk.naam == f"{EVIL} plan.trekker.ambtelijk.naam"
    assert any(f"unknown key '{EVIL[:40]}" in w.message for w in warnings)


def test_the_hostile_checklist_is_valid(hostile_checklist):
    from herstelcheck import checklist

    loaded = checklist.load(hostile_checklist)
    assert loaded.name.endswith(EVIL)
    assert all(item.title.nl.endswith(EVIL) for item in loaded.items)


def _assert_safe(text: str, where: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
    assert not found, f"{where} holds {found}"
    assert not re.search("[\ud800-\udfff]", text), f"{where} holds a lone surrogate"


def _assert_diagnostics(stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr
    for line in stderr.splitlines():
        assert DIAGNOSTIC.match(line) or USAGE_ERROR.match(line), line
        assert not has_unsafe(line), line


@pytest.mark.parametrize("checklist_kind", ["bundled", "hostile"])
@pytest.mark.parametrize("fmt", FORMATS, ids=[f.value for f in FORMATS])
def test_no_format_lets_hostile_text_through(
    cli, plans, hostile_checklist, tmp_path, fmt, checklist_kind
):
    extra = ["--checklist", hostile_checklist] if checklist_kind == "hostile" else []
    args = ["audit", "-f", fmt.value, "--date", "2021-07-01", *extra, *plans]
    result = cli(*args)
    assert result.exit_code == 2, result  # the broken plan
    _assert_safe(result.stdout, f"{fmt.value} on stdout")
    _assert_safe(result.stderr, "stderr")
    _assert_diagnostics(result.stderr)
    assert "kapot" in result.stderr
    target = tmp_path / f"rapport.{fmt.value}"
    written = cli(*args, "-o", str(target))
    assert written.exit_code == 2, written
    data = target.read_bytes().decode("utf-8")  # strictly UTF-8: no lone surrogates
    _assert_safe(data, f"{fmt.value} written with -o")


def test_terminal_shows_markup_literally(cli, plans, hostile_checklist):
    shown = {}
    for kind, extra in (("bundled", []), ("hostile", ["--checklist", hostile_checklist])):
        result = cli("audit", "--date", "2021-07-01", *extra, plans[0])
        assert result.exit_code == 0, result
        assert MARKUP in result.stdout
        assert "😄" not in result.stdout
        assert "␛[31mESC␛[0m" in result.stdout  # visible, not acted on
        assert "<U+202E>RLO" in result.stdout
        _assert_safe(result.stdout, "the terminal report")
        shown[kind] = result.stdout.count("[bold red]rood[/]")
    assert shown["hostile"] > shown["bundled"] + 10  # checklist titles, messages, advice


@pytest.mark.parametrize("checklist_kind", ["bundled", "hostile"])
def test_terminal_in_colour_sends_only_colour_codes(
    cli, plans, hostile_checklist, monkeypatch, checklist_kind
):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    extra = ["--checklist", hostile_checklist] if checklist_kind == "hostile" else []
    result = cli("audit", "--date", "2021-07-01", *extra, *plans)
    assert result.exit_code == 2, result
    assert SGR.search(result.stdout), "the report is not in colour"
    for stream in (result.stdout, result.stderr):
        plain = SGR.sub("", stream)
        _assert_safe(plain, "colour output without its colour codes")
    assert MARKUP in SGR.sub("", result.stdout)
    assert "😄" not in result.stdout


def test_json_keeps_hostile_text_exactly_and_escaped(cli, plans, hostile_checklist):
    result = cli("audit", "-f", "json", "--checklist", hostile_checklist, *plans)
    assert result.exit_code == 2, result
    assert not FORBIDDEN.search(result.stdout)
    assert not re.search("[\u0080-\u009f\u2028\u2029]", result.stdout)
    report = json.loads(result.stdout)
    assert report["checklist"]["name"].endswith(EVIL)
    first = report["plans"][0]
    assert first["gemeente"] == f"{EVIL} plan.gemeente"
    assert first["vastgesteld"] == f"{EVIL} plan.vastgesteld"
    assert first["items"][0]["title"].endswith(EVIL)
    assert [p["file"] for p in report["plans"]] == plans[:3]
    waiver = first["items"][2]["waiver"]
    assert waiver["reason"] == f"{EVIL} reden"
    messages = [c["message"] for i in first["items"] for c in i["criteria"]]
    assert any(f"{EVIL} onbekende behoefte" in m for m in messages)
    (error_file,) = {e["file"] for e in report["errors"]}
    assert error_file == plans[3]
    assert any(EVIL[:40] in e["message"] for e in report["errors"])
    assert any(EVIL[:40] in w["message"] for w in report["warnings"])


TOELICHTING = "[bold red]x[/] \x1b[31mESC <script>y</script> | *z* `c` [d](javascript:e) \u202e"
"""A toelichting short enough to be quoted whole: markup, an escape sequence, HTML,
a pipe, Markdown and a bidirectional override."""


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.value for f in FORMATS])
def test_a_hostile_toelichting_is_text_in_every_format(cli, tmp_path, fmt):
    """The toelichting that alone makes item 10 partial is quoted as text (or, in the CI
    formats that give it no result of its own, not shown at all)."""
    assert len(TOELICHTING) < 80
    plan = {"gemeente": "A", "titel": "B", "terugvalscenario": {"toelichting": TOELICHTING}}
    path = _dump(plan, tmp_path / "plan.yaml")
    result = cli("audit", "-f", fmt.value, "--date", "2021-07-01", str(path))
    assert result.exit_code == 0, result
    _assert_safe(result.stdout, fmt.value)
    out = result.stdout
    visible_text = "[bold red]x[/] ␛[31mESC <script>y</script> | *z* `c` [d](javascript:e) <U+202E>"
    if fmt is OutputFormat.TERMINAL:
        assert visible_text in " ".join(out.split())
    elif fmt is OutputFormat.MARKDOWN:
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse(out)
        (quoted,) = [t for t in tokens if t.type == "inline" and "licht dit toe" in t.content]
        children = quoted.children or []
        # the bold label is the memo's; the rest is text
        assert {c.type for c in children} == {"strong_open", "text", "strong_close"}
        assert visible_text in "".join(c.content for c in children if c.type == "text")
    elif fmt is OutputFormat.JSON:
        item = json.loads(out)["plans"][0]["items"][9]
        assert item["toelichting"]["text"] == TOELICHTING
    elif fmt is OutputFormat.JUNIT:
        import xml.etree.ElementTree as ET

        failure = ET.fromstring(out).find("testsuite").findall("testcase")[9].find("failure")
        assert visible_text in failure.text
    elif fmt is OutputFormat.HTML:
        from html.parser import HTMLParser

        class Page(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.tags: set[str] = set()
                self.text: list[str] = []

            def handle_starttag(self, tag: str, attrs: object) -> None:
                self.tags.add(tag)

            def handle_data(self, data: str) -> None:
                self.text.append(data)

        page = Page()
        page.feed(out)
        assert visible_text in " ".join("".join(page.text).split())
        assert not page.tags & {"script", "a", "img", "iframe", "object"}
    else:  # SARIF, GitHub: no result of its own
        assert "javascript:e" not in out
