"""Broken and hostile plans: each gives a clean error at its place, or is read as the
plan format says; never a traceback, never a hang.

The cases are files in tests/data/hostile/ with their expectations in expected.yml;
adding a case needs no code. The cases that cannot be files in a repository (a FIFO,
a 6 MB file, a symlink loop) are tests below.
"""

from __future__ import annotations

import inspect
import io
import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, EXAMPLES
from herstelcheck import files, yamlload
from herstelcheck import run as runner
from herstelcheck.cli import main
from herstelcheck.errors import HerstelcheckError
from herstelcheck.plan import PlanError, load_file
from hostile import SENTINEL_CALLS, assert_clean_stderr, read_bundled_checklist_once, touch

HOSTILE = DATA / "hostile"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (HOSTILE / "expected.yml").read_text(encoding="utf-8")
)
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.name != "expected.yml")


@pytest.fixture(autouse=True)
def _checklist_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read_bundled_checklist_once(monkeypatch)


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with libyaml's parser and with PyYAML's pure-Python one: both are in use."""
    if request.param == "python":
        monkeypatch.setattr(yamlload, "_Loader", yaml.SafeLoader)
    elif not yamlload.LIBYAML:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("PyYAML has no libyaml here")
    return str(request.param)


def test_every_case_has_an_expectation():
    assert sorted(EXPECTED) == CASES
    keys = {"exit", "error", "warning", "plan", "values", "passed", "python"}
    for case, expected in EXPECTED.items():
        assert set(expected) <= keys, case
        assert ("error" in expected) == (expected["exit"] == 2), case


def _place_pattern(file: str, severity: str, spec: str) -> re.Pattern[str]:
    place, text = spec.split(": ", 1)
    line, column = place.split(":")
    return re.compile(
        re.escape(file) + f":{line}:{column or r'[0-9]+'}: {severity}: .*" + re.escape(text),
        re.MULTILINE,
    )


def _attribute(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = obj[name] if isinstance(obj, dict) else getattr(obj, name)
    return obj


def _expected(case: str, parser: str) -> dict[str, Any]:
    expected = dict(EXPECTED[case])
    overrides = expected.pop("python", {})
    if parser == "python":
        expected.update(overrides)
    return expected


def _check_values(path: str, expected: dict[str, Any]) -> None:
    loaded, diagnostics = load_file(path)
    assert not [d for d in diagnostics if d.severity == "error"]
    for attribute, value in expected.get("values", {}).items():
        actual = _attribute(loaded.plan, attribute)
        if isinstance(value, str):
            assert str(actual).startswith(value), attribute
        else:
            assert actual == value, attribute


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(cli, case):
    """The whole command line, with the parser herstelcheck uses here."""
    expected = _expected(case, "libyaml" if yamlload.LIBYAML else "python")
    path = str(HOSTILE / case)
    result = cli("audit", "-f", "json", "--date", "2021-07-01", path)
    assert result.exit_code == expected["exit"], result
    assert_clean_stderr(result.stderr)
    report = json.loads(result.stdout)  # the report is written even when a plan fails
    for severity in ("error", "warning"):
        if severity in expected:
            pattern = _place_pattern(path, severity, expected[severity])
            assert pattern.search(result.stderr), result
    if expected["exit"] == 2:
        assert report["plans"] == []
        assert report["errors"][0]["file"] == path
        line = int(expected["error"].split(":")[0])
        assert report["errors"][0]["line"] == line
        return
    assert "error:" not in result.stderr
    (plan,) = report["plans"]
    for key, value in expected.get("plan", {}).items():
        assert plan[key] == value, key
    passed = {c["id"]: c["passed"] for item in plan["items"] for c in item["criteria"]}
    for ident, value in expected.get("passed", {}).items():
        assert passed[ident] is value, ident
    _check_values(path, expected)


@pytest.mark.parametrize("case", CASES)
def test_hostile_case_with_the_other_parser(case, monkeypatch):
    """The loader alone with the parser herstelcheck falls back to (PyYAML's own when
    libyaml is here): the same diagnostics, or the same values."""
    other = "python" if yamlload.LIBYAML else "libyaml"
    if other == "python":
        monkeypatch.setattr(yamlload, "_Loader", yaml.SafeLoader)
    else:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("PyYAML has no libyaml here")
    expected = _expected(case, other)
    path = str(HOSTILE / case)
    try:
        _, diagnostics = load_file(path)
    except PlanError as exc:
        diagnostics = exc.diagnostics
    shown = "\n".join(d.format() for d in diagnostics)
    for severity in ("error", "warning"):
        if severity in expected:
            assert _place_pattern(path, severity, expected[severity]).search(shown), shown
    if expected["exit"] == 0:
        _check_values(path, expected)


# --- what cannot be a file in the repository -----------------------------------------

PLAN = "gemeente: Zeeveen\ntitel: Herstelplan\n"
ZEEVEEN = str(EXAMPLES / "zeeveen.yaml")


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def test_missing_file_is_an_error_and_others_are_still_audited(cli, tmp_path):
    missing = str(tmp_path / "weg.yaml")
    result = cli("audit", "-f", "json", missing, ZEEVEEN)
    assert result.exit_code == 2, result
    assert _errors(result) == [f"{missing}:1:1: error: no such file"]
    assert [p["gemeente"] for p in json.loads(result.stdout)["plans"]] == ["Zeeveen"]


def test_folder_with_no_plans(cli, tmp_path):
    (tmp_path / "notities.txt").write_text("geen plan\n")
    (tmp_path / ".verborgen.yaml").write_text(PLAN)
    result = cli("audit", str(tmp_path))
    assert result.exit_code == 2, result
    assert _errors(result) == [
        f"{tmp_path}:1:1: error: the folder holds no plans (*.yaml or *.yml files)"
    ]


def test_a_folder_named_like_a_plan_is_not_read_as_a_file(cli, tmp_path):
    folder = tmp_path / "plan.yaml"
    folder.mkdir()
    (folder / "echt.yaml").write_text(PLAN)
    result = cli("audit", "-f", "json", str(folder))
    assert result.exit_code == 0, result
    assert [p["file"] for p in json.loads(result.stdout)["plans"]] == [str(folder / "echt.yaml")]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads a file whatever its mode (the monkeypatched test below covers it)",
)
def test_unreadable_file(cli, tmp_path):
    plan = tmp_path / "geheim.yaml"
    plan.write_text(PLAN)
    plan.chmod(0)
    result = cli("audit", str(plan))
    assert result.exit_code == 2, result
    assert _errors(result) == [f"{plan}:1:1: error: permission denied"]


def test_unreadable_file_when_open_is_refused(cli, tmp_path, monkeypatch):
    plan = tmp_path / "geheim.yaml"
    plan.write_text(PLAN)
    real_open = os.open

    def refuse(path, flags, *args):
        if os.fspath(path) == str(plan):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    result = cli("audit", "-f", "json", str(plan), ZEEVEEN)
    assert result.exit_code == 2, result
    assert _errors(result) == [f"{plan}:1:1: error: permission denied"]
    assert len(json.loads(result.stdout)["plans"]) == 1


def test_unlistable_subfolder_is_an_error_not_silence(cli, tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_text(PLAN)
    hidden = tmp_path / "dicht"
    hidden.mkdir()
    (hidden / "b.yaml").write_text(PLAN)
    real_scandir = os.scandir

    def refuse(path="."):
        if os.fspath(path) == str(hidden):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = cli("audit", "-f", "json", str(tmp_path))
    assert result.exit_code == 2, result
    assert _errors(result) == [f"{hidden}:1:1: error: cannot read the folder: Permission denied"]
    assert len(json.loads(result.stdout)["plans"]) == 1


def test_symlink_loops_as_path_and_inside_a_folder(cli, tmp_path):
    folder = tmp_path / "plannen"
    folder.mkdir()
    (folder / "goed.yaml").write_text(PLAN)
    (folder / "zelf.yaml").symlink_to("zelf.yaml")
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    (folder / "omhoog").symlink_to("..", target_is_directory=True)
    (folder / "rond").symlink_to(folder, target_is_directory=True)
    result = cli("audit", "-f", "json", str(folder), str(folder / "zelf.yaml"))
    assert result.exit_code == 2, result
    assert sorted(_errors(result)) == [
        f"{folder / name}:1:1: error: is a loop of symbolic links"
        for name in ("a.yaml", "b.yaml", "zelf.yaml")
    ]
    assert [p["file"] for p in json.loads(result.stdout)["plans"]] == [str(folder / "goed.yaml")]


def test_a_plan_given_twice_is_audited_once(cli, tmp_path, monkeypatch):
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    (tmp_path / "link.yaml").symlink_to(plan)
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "json", "plan.yaml", "./plan.yaml", "link.yaml", ".", "plan.yaml")
    assert result.exit_code == 0, result
    assert [p["file"] for p in json.loads(result.stdout)["plans"]] == ["plan.yaml"]


def test_a_very_long_line(cli, write_plan):
    value = "herstel " * 131_072  # one line of a megabyte
    plan = write_plan(PLAN.replace("Herstelplan", value.strip()))
    result = cli("audit", "-f", "json", str(plan))
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["plans"][0]["titel"] == value.strip()
    bad = write_plan(PLAN + f"acties:\n  - naam: a\n    termijn: {value}\n", name="lang.yaml")
    result = cli("audit", str(bad))
    assert result.exit_code == 2, result
    (error,) = _errors(result)
    assert error.startswith(f"{bad}:5:14: error: 'acties[1].termijn' must be one of kort")
    assert len(error) < 400  # the value is quoted in part


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "groot.yaml"
    with big.open("wb") as handle:  # sparse: a gigabyte that takes no disk
        handle.truncate(1024**3)
    tracemalloc.start()
    try:
        with pytest.raises(HerstelcheckError) as caught:
            files.read(str(big), files.PLAN, "groot.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.diagnostics[0].message.startswith("file is larger than 5 MB")
    assert peak < 1024 * 1024


def test_a_file_that_grows_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    big = tmp_path / "groeit.yaml"
    big.write_bytes(b"#" * (files.PLAN.limit + 4096))
    real_fstat = os.fstat

    def small_fstat(fd):  # the size when it was opened, before it grew
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))

    monkeypatch.setattr(os, "fstat", small_fstat)
    with pytest.raises(HerstelcheckError, match="larger than 5 MB"):
        files.read(str(big), files.PLAN, "groeit.yaml")


def test_endless_standard_input_is_read_no_further_than_the_limit(monkeypatch, capsys):
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            buffer[:] = b"a" * len(buffer)
            Endless.served += len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    monkeypatch.setenv("NO_COLOR", "1")
    with pytest.raises(SystemExit) as caught:
        main(["audit", "-"])
    assert caught.value.code == 2
    assert "<stdin>:1:1: error: file is larger than 5 MB" in capsys.readouterr().err
    assert Endless.served <= files.PLAN.limit + 1024 * 1024


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def _run(*args: str, stdin: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """herstelcheck in its own process, with limits on time and memory: for what would
    hang the test run, or fill the memory, if it regressed."""
    return subprocess.run(
        [sys.executable, "-m", "herstelcheck", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "NO_COLOR": "1"},
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="no FIFOs or /dev/zero"
)
def test_fifos_and_devices_are_refused_and_never_read_forever(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)  # no writer: opening it to read would wait for ever
    result = _run("audit", str(fifo), "/dev/zero", ZEEVEEN)
    assert result.returncode == 2, result
    assert _errors(result) == [
        f"{name}:1:1: error: is not a regular file (a device, pipe or socket); "
        "to read a stream, pass '-' and give it on standard input"
        for name in (fifo, "/dev/zero")
    ]
    assert "Zeeveen" in result.stdout
    for checklist_file in (str(fifo), "/dev/zero"):
        result = _run("audit", "--checklist", checklist_file, ZEEVEEN)
        assert result.returncode == 2, result
        assert (
            f"{checklist_file}:1:1: error: the checklist file is not a regular file"
            in result.stderr
        )
    with open("/dev/zero", "rb") as zero:  # a stream is read up to the limit
        result = _run("audit", "-", stdin=zero)
    assert result.returncode == 2, result
    assert _errors(result) == [
        "<stdin>:1:1: error: file is larger than 5 MB; a plan is far smaller"
    ]


# --- the loader itself ------------------------------------------------------------------


def test_an_alias_bomb_stays_small_in_memory(parser):
    text = (HOSTILE / "alias-bomb.yaml").read_text(encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(HerstelcheckError, match="expands to more than 100000 values"):
            yamlload.parse(text, "bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_a_large_document_without_aliases_is_refused_in_plain_words(parser):
    text = "acties:\n" + "".join(f"  - {{naam: a{i}, termijn: kort}}\n" for i in range(40_000))
    with pytest.raises(HerstelcheckError) as caught:
        yamlload.parse(text, "groot.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.message == (
        "the document holds more than 100000 values; a plan needs far fewer"
    )


def test_a_wide_alias_document_within_the_budget_is_read(parser):
    text = "a: &a [" + ", ".join(["x"] * 999) + "]\nb: [" + ", ".join(["*a"] * 98) + "]\n"
    document = yamlload.parse(text, "wide.yaml")
    assert isinstance(document.root, yamlload.Mapping)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,
        "{a: " * 10_000 + "}" * 10_000,
        "- " * 10_000 + "x",
        "".join(" " * i + "a:\n" for i in range(2_000)),
    ],
    ids=["flow-sequence", "flow-mapping", "block-sequence", "block-mapping"],
)
def test_deep_nesting_needs_no_recursion(parser, text):
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 60)  # the composer must not recurse
    try:
        with pytest.raises(HerstelcheckError) as caught:
            yamlload.parse(text, "deep.yaml")
    finally:
        sys.setrecursionlimit(limit)
    assert caught.value.diagnostics[0].message == "nesting is deeper than 100 levels"


SENTINEL_TAGS = [
    "!!python/object/apply:hostile.touch [boem]",
    "!!python/object/new:hostile.touch [boem]",
    "!sentinel boem",
]


@pytest.mark.parametrize("tagged", SENTINEL_TAGS)
def test_a_tag_never_constructs_anything(cli, parser, write_plan, monkeypatch, tagged):
    for loader in (yaml.SafeLoader, yaml.FullLoader, yaml.UnsafeLoader):
        monkeypatch.setattr(loader, "yaml_constructors", dict(loader.yaml_constructors))
        yaml.add_constructor("!sentinel", lambda _loader, _node: touch("local"), Loader=loader)
    text = PLAN + f"versie: {tagged}\n"
    SENTINEL_CALLS.clear()
    yaml.load(text, Loader=yaml.UnsafeLoader)  # the sentinel is live: PyYAML calls it
    assert SENTINEL_CALLS
    SENTINEL_CALLS.clear()
    result = cli("audit", str(write_plan(text)))
    assert result.exit_code == 2, result
    assert "is not allowed here; write plain values without tags" in result.stderr
    assert SENTINEL_CALLS == []


def test_internal_errors_never_show_a_traceback(cli, monkeypatch):
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("stuk \x1b]52;c;aGFjaw==\x07 \x9b31m")

    monkeypatch.setattr(runner, "audit_plan", broken)
    result = cli("audit", ZEEVEEN)
    assert result.exit_code == 2, result
    assert result.stderr.startswith("herstelcheck: internal error: RuntimeError: stuk ␛]52;c;")
    assert "run again with --debug" in result.stderr
    assert "Traceback" not in result.stderr
    assert not re.search("[\x1b\x07\x9b]", result.stderr)
    with pytest.raises(RuntimeError, match="stuk"):
        main(["--debug", "audit", ZEEVEEN])


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "-f", "x\x1b]52;c;aGFjaw==\x07[bold]y"],
        ["audit", "--lang", "\x9b31m\u202e"],
        ["audit", "--date", "\x1b[2J\x1b]8;;https://evil.example\x07"],
        ["audit", "--fail-under", "\x1b[31m"],
        ["audit", "--bogus\x1b[31m"],
        ["\x1b[31mbogus"],
    ],
    ids=["format", "lang", "date", "fail-under", "option", "command"],
)
def test_usage_errors_quote_hostile_arguments_safely(cli, args):
    result = cli(*args, ZEEVEEN)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.stderr)
    assert "error" in result.stderr.lower()


# --- broken checklists (--checklist) ------------------------------------------------

BUNDLED_CHECKLIST = (EXAMPLES.parent / "checklist.yaml").read_text(encoding="utf-8")


VERSION = 'version: "2021-05"'


def _line(text: str) -> int:
    """The line of the bundled checklist where `text` first stands (so that the cases
    hold however the checklist grows above it)."""
    return BUNDLED_CHECKLIST[: BUNDLED_CHECKLIST.index(text)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "place", "message"),
    [
        (
            "    criteria:\n",
            "    weight: 1.0e+400\n    criteria:\n",
            f"{_line('    criteria:')}:13",
            "item 1 (structuur-en-middelen): 'weight' must be a number from 0 to 1000",
        ),
        (
            "params: {paths: [organisatie.vorm, organisatie.toelichting]}",
            "params: &p {paths: [*p]}",
            f"{_line('params: {paths: [organisatie.vorm, organisatie.toelichting]}')}:29",
            "the alias *p refers to a value that contains it",
        ),
        (
            "params: {list: acties, field: behoefte, min: 0.5}",
            "params: {list: acties, field: behoefte, min: 1.0e+400}",
            f"{_line('params: {list: acties, field: behoefte, min: 0.5}')}:17",
            "parameter 'min' must be a number",
        ),
        (
            "name: VNG top 10 herstelaanpak",
            "name: !!python/object/apply:hostile.touch [checklist]",
            f"{_line('name: VNG top 10 herstelaanpak')}:7",
            "the tag !!python/object/apply:hostile.touch is not allowed here",
        ),
        (
            VERSION,
            VERSION + "\nname: tweede naam",
            f"{_line(VERSION) + 1}:1",
            f"duplicate key 'name' (first at line {_line('name: VNG top 10 herstelaanpak')})",
        ),
    ],
    ids=["infinite-weight", "recursive-alias", "infinite-share", "python-tag", "duplicate-key"],
)
def test_broken_checklist_is_a_clean_error(cli, tmp_path, old, new, place, message):
    assert old in BUNDLED_CHECKLIST
    checklist_file = tmp_path / "checklist.yaml"
    checklist_file.write_text(BUNDLED_CHECKLIST.replace(old, new, 1), encoding="utf-8")
    SENTINEL_CALLS.clear()
    result = cli("audit", "-f", "json", "--checklist", str(checklist_file), ZEEVEEN)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert_clean_stderr(result.stderr)
    assert f"{checklist_file}:{place}: error: " in result.stderr, result
    assert message in result.stderr, result
    assert SENTINEL_CALLS == []
