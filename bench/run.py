"""Benchmark herstelcheck as ratios to other programs, all measured in the same run.

Absolute times on a shared machine change from one minute to the next, so every figure
here is set beside a reference measured in the same run, taking turns with it. Run it
from the root of a checkout, in the environment where herstelcheck is installed:

    pip install '.[bench]' && python bench/run.py

It prints the machine and three Markdown tables (progress goes to standard error):

1. one audit of each example as a whole process (`herstelcheck audit FILE`, and with
   `-f json`; the report to /dev/null): the median of `--runs` runs, as a ratio to
   `python -c pass` (the floor of any Python command), `yamllint FILE` and
   `check-jsonschema --schemafile SCHEMA FILE`, where SCHEMA is written once by
   `herstelcheck schema -o`;
2. batches of generated plans (`plangen.py`: seeded, so every run audits the same plans)
   audited in one process with `-f json -o out.json`, against the floor of reading them:
   one Python process that composes every file with PyYAML (`yaml.compose`, libyaml's
   `CSafeLoader` when PyYAML has it): seconds, plans per second and the ratio;
3. seconds and peak resident memory of a batch for each report format, written with -o
   (the operating system's figure for the whole child process, from `os.wait4`; see
   `Launcher` for why the children are started from a process of their own).

A program that is not installed gets "not installed" in its cells; the run goes on.
Options: `--runs N` (default 11), `--plans 1000,10000` (batch sizes), `--repeat N` (runs of
each batch in JSON, default 3), `--formats json,sarif,...`, `--seed N`, and `--quick`
(3 runs, one run of batches of 100 and 1,000 plans).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plangen import write_plans

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FORMATS = ("json", "sarif", "junit", "github", "concise", "markdown", "html", "terminal")
LIBYAML = hasattr(yaml, "CSafeLoader")
LOADER = "CSafeLoader" if LIBYAML else "SafeLoader"

FLOOR = f"""
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.compose(path.read_bytes(), Loader=yaml.{LOADER})
"""
"""The least any audit of a folder of plans does: start Python, find the files, parse them."""

LAUNCHER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    command = json.loads(line)
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = code = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    else:  # Windows: no figure for memory
        code, peak = child.wait(), 0
    print(json.dumps([time.perf_counter() - start, peak, code]), flush=True)
"""
"""Reads commands (JSON lines), runs each, and writes its wall time, peak memory and exit code."""


@dataclass(frozen=True)
class Run:
    """One child process: wall time, peak resident memory (bytes, 0 if unknown), exit code."""

    seconds: float
    peak: int
    code: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="runs of each single audit (11)")
    parser.add_argument("--plans", help="batch sizes, comma-separated (1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each JSON batch (3)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="report formats (all)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated plans (7)")
    parser.add_argument("--quick", action="store_true", help="few runs, small batches")
    options = parser.parse_args()
    if options.quick:
        options.runs, options.repeat = 3, 1
    plans = options.plans or ("100,1000" if options.quick else "1000,10000")
    sizes = sorted({int(n.replace("_", "")) for n in plans.split(",") if n.strip()})
    formats = [f.strip() for f in options.formats.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not sizes or min(sizes) < 1:
        parser.error(f"--formats takes {', '.join(FORMATS)}; --plans positive numbers")

    herstelcheck = _program("herstelcheck")
    if herstelcheck is None:
        print("herstelcheck is not installed here: pip install '.[bench]'", file=sys.stderr)
        return 2
    tools = {name: _program(name) for name in ("yamllint", "check-jsonschema")}
    env = _child_env()
    load = _load()
    _machine(tools, options.seed)
    launcher = Launcher(env)
    try:
        with tempfile.TemporaryDirectory(prefix="herstelcheck-bench-") as name:
            temp = Path(name)
            schema = temp / "schema.json"
            subprocess.run([herstelcheck, "schema", "-o", str(schema)], check=True, env=env)
            _single(launcher, herstelcheck, tools, schema, options.runs)
            folders = _generate(temp, sizes, options.seed)
            batches = _batches(launcher, herstelcheck, folders, temp, options.repeat)
            _formats(launcher, herstelcheck, folders, temp, formats, batches)
    finally:
        launcher.close()
    print(f"Load average (1 min) at the start {load}, at the end {_load()}.")
    return 0


# --- the machine ---------------------------------------------------------------------


def _program(name: str) -> str | None:
    """A console script of the environment this script runs in (else on PATH)."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def _child_env() -> dict[str, str]:
    """The environment of the measured processes: bytecode caches written and used, as
    on a normal install (PYTHONDONTWRITEBYTECODE would make every run compile)."""
    env = dict(os.environ)
    for name in ("PYTHONDONTWRITEBYTECODE", "FORCE_COLOR", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    return env


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _machine(tools: dict[str, str | None], seed: int) -> None:
    libyaml = "with libyaml" if LIBYAML else "WITHOUT libyaml: the floor uses SafeLoader"
    system = f"{platform.system()} {platform.release()}"
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print("### Machine\n")
    print(f"- CPU: {_cpu_model()}, {os.cpu_count()} cores; {system}")
    print(f"- {python}, PyYAML {_version('pyyaml')} {libyaml}")
    print(f"- herstelcheck {_version('herstelcheck')}, yamllint {_version('yamllint')},")
    print(f"  check-jsonschema {_version('check-jsonschema')}; generated plans: seed {seed}")
    print()


# --- child processes -------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Launcher:
    """Starts the measured commands, one at a time, from a small process of its own.

    On Linux a process's peak resident memory (`ru_maxrss`, which `os.wait4` returns) also
    counts the process it was started from, up to its `exec`: started from this script,
    which holds the generated plans' list, every child would read at least this script's
    peak. Started from the launcher, a reading is at least the launcher's (about 11 MB,
    less than any Python program doing work) and otherwise the child's own."""

    def __init__(self, env: dict[str, str]) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def run(self, command: Sequence[str]) -> Run:
        """Run `command` (output to /dev/null) and wait for it."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(list(command)) + "\n")
        self._process.stdin.flush()
        seconds, peak, code = json.loads(self._process.stdout.readline())
        return Run(seconds, peak, code)

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait()


def _interleaved(
    launcher: Launcher, commands: dict[str, list[str]], runs: int, warmup: int = 2
) -> dict[str, list[Run]]:
    """Every command `runs` times, taking turns, after `warmup` rounds not counted, so a
    change in the load of the machine touches every command alike."""
    for _ in range(warmup):
        for command in commands.values():
            launcher.run(command)
    results: dict[str, list[Run]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            results[label].append(launcher.run(command))
    return results


def _median(runs: list[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def _runs(count: int) -> str:
    return f"{count} run" if count == 1 else f"{count} runs"


def _failed(runs: list[Run], allowed: Sequence[int] = (0,)) -> str | None:
    codes = sorted({run.code for run in runs} - set(allowed))
    return f"failed (exit {', '.join(map(str, codes))})" if codes else None


# --- 1. one audit ----------------------------------------------------------------------


def _single(
    launcher: Launcher, herstelcheck: str, tools: dict[str, str | None], schema: Path, runs: int
) -> None:
    references = ("python -c pass", "yamllint", "check-jsonschema")
    print(f"### One audit, whole process (median of {_runs(runs)})\n")
    print("| plan | report | herstelcheck | vs `python -c pass` | vs yamllint", end=" ")
    print("| vs check-jsonschema |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for example in EXAMPLES:
        _say(f"one audit: {example.name}")
        name = str(example.relative_to(ROOT))
        commands = {
            "terminal": [herstelcheck, "audit", name],
            "json": [herstelcheck, "audit", "-f", "json", name],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        if tools["yamllint"]:
            commands["yamllint"] = [tools["yamllint"], name]
        if tools["check-jsonschema"]:
            commands["check-jsonschema"] = [tools["check-jsonschema"], "--schemafile", str(schema)]
            commands["check-jsonschema"].append(name)
        results = _interleaved(launcher, commands, runs)
        for report in ("terminal", "json"):
            seconds = _median(results[report])
            cells = [example.name, report, _failed(results[report]) or f"{seconds * 1000:.0f} ms"]
            for reference in references:
                if reference not in results:
                    cells.append("not installed")
                    continue
                # yamllint exits 1 when it finds problems, which is no failure of the run
                allowed = (0, 1) if reference == "yamllint" else (0,)
                other = _median(results[reference])
                failed = _failed(results[reference], allowed)
                cells.append(failed or f"{seconds / other:.2f}× ({other * 1000:.0f} ms)")
            print("| " + " | ".join(cells) + " |")
    print(
        "\nA ratio is herstelcheck's median over the other program's (in brackets); under 1"
        " herstelcheck is faster.\n"
    )


# --- 2. batches ------------------------------------------------------------------------


def _generate(temp: Path, sizes: list[int], seed: int) -> dict[int, Path]:
    folders = {}
    for count in sizes:
        _say(f"generating {count} plans")
        folders[count] = temp / f"plans-{count}"
        write_plans(folders[count], count, seed=seed)
    return folders


def _megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.glob("*.yaml")) / 1e6


def _audit(herstelcheck: str, folder: Path, fmt: str, temp: Path) -> list[str]:
    return [herstelcheck, "audit", str(folder), "-f", fmt, "-o", str(temp / f"out.{fmt}")]


def _batches(
    launcher: Launcher, herstelcheck: str, folders: dict[int, Path], temp: Path, repeat: int
) -> dict[int, dict[str, list[Run]]]:
    """The table of batches in JSON against the floor; the runs ("json", "floor") by size."""
    print(f"### Batches in one process (median of {_runs(repeat)})\n")
    print(
        f"| plans | YAML | herstelcheck `-f json` | plans/s | floor: `yaml.compose` "
        f"({LOADER}) | plans/s | ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    batches = {}
    for count, folder in folders.items():
        _say(f"batch of {count} plans: json and the floor, {_runs(repeat)} each")
        commands = {
            "json": _audit(herstelcheck, folder, "json", temp),
            "floor": [sys.executable, "-c", FLOOR, str(folder)],
        }
        results = _interleaved(launcher, commands, repeat, warmup=1 if count <= 1000 else 0)
        batches[count] = results
        audit, floor = _median(results["json"]), _median(results["floor"])
        failed = _failed(results["json"]) or _failed(results["floor"])
        ratio = failed or f"{audit / floor:.2f}×"
        print(
            f"| {count:,} | {_megabytes(folder):.1f} MB | {audit:.2f} s | {count / audit:,.0f} "
            f"| {floor:.2f} s | {count / floor:,.0f} | {ratio} |"
        )
    print(
        "\nBoth columns are whole processes, Python start-up included; the floor only finds"
        " and parses the files, the audit also checks them, scores them and writes the"
        " report."
        + ("" if LIBYAML else " PyYAML has no libyaml here, so the floor uses SafeLoader.")
        + "\n"
    )
    return batches


# --- 3. formats ------------------------------------------------------------------------


def _formats(
    launcher: Launcher,
    herstelcheck: str,
    folders: dict[int, Path],
    temp: Path,
    formats: list[str],
    batches: dict[int, dict[str, list[Run]]],
) -> None:
    sizes = list(folders)
    growth = len(sizes) > 1
    print("### Time and peak memory of a batch, by report format (-o FILE)\n")
    header = ["report", *(f"{count:,} plans" for count in sizes)]
    print("| " + " | ".join([*header, "per 1,000 more plans"] if growth else header) + " |")
    print("| --- |" + " ---: |" * (len(header) - 1 + growth))
    floor = {count: batches[count]["floor"] for count in sizes}
    _row(f"floor: `yaml.compose` ({LOADER})", floor, sizes, growth)
    for fmt in formats:
        runs: dict[int, list[Run]] = {}
        for count, folder in folders.items():
            if fmt == "json":
                runs[count] = batches[count]["json"]
                continue
            _say(f"batch of {count} plans: {fmt}")
            runs[count] = [launcher.run(_audit(herstelcheck, folder, fmt, temp))]
        _row(fmt, runs, sizes, growth)
    print(
        "\nPeak resident memory of the whole process (`os.wait4`; 1 MB = 10⁶ bytes). The"
        " floor and JSON: the median time and the largest peak of the runs above; the other"
        " formats ran once each.\n"
    )


def _row(label: str, runs: dict[int, list[Run]], sizes: list[int], growth: bool) -> None:
    cells = [label]
    for count in sizes:
        peak = max(run.peak for run in runs[count]) / 1e6
        cells.append(_failed(runs[count]) or f"{_median(runs[count]):.2f} s, {peak:.0f} MB")
    if growth:
        low, high = sizes[0], sizes[-1]
        more = max(r.peak for r in runs[high]) - max(r.peak for r in runs[low])
        cells.append(f"{more / 1e6 / (high - low) * 1000:+.1f} MB")
    print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    sys.exit(main())
