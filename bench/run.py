"""Benchmark herstelcheck: start-up against yamllint, batch throughput and memory, imports.

Run it from the root of a checkout, in the environment where herstelcheck is installed:

    pip install '.[bench]' && python bench/run.py

It prints the machine, then four tables:

1. one audit of each example as a whole process (the installed `herstelcheck` console
   script, its report sent to /dev/null), next to `python -c pass` and `yamllint` on the
   same file, all interleaved in one run: median, min and max of N runs, and the ratio
   herstelcheck / yamllint; below it, processes that only import: PyYAML, Typer (which an
   ordinary audit command line does without), and everything an audit imports;
2. batches of generated plans (see `plangen.py`; seeded, so every run audits the same
   plans) audited with `--format json` in one process: the time from just after the
   interpreter started (imports included), plans per second, and the peak resident memory
   of that process (`ru_maxrss`, the operating system's figure for the whole process);
3. the same number of plans at growing sizes, to show that cost follows the bytes read;
4. the import-time breakdown of `herstelcheck audit` on an example (`python -X importtime`),
   largest cumulative first.

Options: `--runs N` (single-audit runs, default 21), `--batch N` (default 1000), `--repeat N`
(batch runs, default 5), `--seed N`, `--profile` (cProfile of one batch), `--quick`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from plangen import write_plans

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

SINGLE_TARGET = 1.0
"""herstelcheck / yamllint for one audit of an example."""
BATCH_SECONDS = 3.0
"""For 1,000 plans in one process, interpreter start-up excluded."""
BATCH_MEMORY_MB = 150.0
"""Peak resident memory of that process."""

CHILD = r"""
import json, os, resource, sys, time
start = time.perf_counter()
cpu = time.process_time()
from herstelcheck.main import main
imported = time.perf_counter()
args, result_file, profile_file = sys.argv[1:-2], sys.argv[-2], sys.argv[-1]
code = 0
profiler = None
if profile_file != "-":
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
try:
    main(args)
except SystemExit as exc:
    code = exc.code
if profiler is not None:
    profiler.disable()
    profiler.dump_stats(profile_file)
end = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rss_bytes = rss if sys.platform == "darwin" else rss * 1024
with open(result_file, "w") as handle:
    json.dump({"import": imported - start, "total": end - start,
               "cpu": time.process_time() - cpu, "maxrss": rss_bytes, "code": code}, handle)
"""


@dataclass
class Timing:
    """Wall times of one command, in seconds."""

    label: str
    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs per command (default 21)")
    parser.add_argument("--batch", type=int, default=1000, help="plans in a batch (1000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each batch (5)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated plans (7)")
    parser.add_argument("--profile", action="store_true", help="cProfile one batch")
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    options = parser.parse_args()
    if options.quick:
        options.runs, options.repeat = 5, 1

    herstelcheck = _program("herstelcheck")
    yamllint = _program("yamllint")
    if herstelcheck is None:
        print("herstelcheck is not installed here: pip install '.[bench]'", file=sys.stderr)
        return 2
    if yamllint is None:
        print(
            "yamllint is not installed here; the bench compares against it:\n"
            "    pip install '.[bench]'    (or: pip install yamllint)",
            file=sys.stderr,
        )
        return 2
    env = _child_env()

    _machine(env)
    single = _single(herstelcheck, yamllint, env, options.runs)
    with tempfile.TemporaryDirectory(prefix="herstelcheck-bench-") as temp:
        batches = _batches(Path(temp), env, options)
        _sizes(Path(temp), env, options)
        if options.profile:
            _profile(Path(temp), env, options)
    _imports(herstelcheck, env)
    _targets(single, batches, options.batch)
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


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        try:
            return subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True
            ).stdout.strip()
        except OSError:
            pass
    return platform.processor() or platform.machine() or "unknown"


def _machine(env: dict[str, str]) -> None:
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import yaml, typer, herstelcheck, importlib.metadata as m; "
            "print(yaml.__version__, yaml.__with_libyaml__, m.version('typer'), "
            "herstelcheck.__version__)",
        ],
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    pyyaml, libyaml, typer, version = probe if len(probe) == 4 else ("?", "?", "?", "?")
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print("Machine")
    print(f"  CPU            {_cpu_model()}, {os.cpu_count()} cores")
    print(f"  system         {platform.system()} {platform.release()}")
    print(f"  Python         {platform.python_implementation()} {platform.python_version()}")
    print(f"  PyYAML         {pyyaml}, libyaml {'yes' if libyaml == 'True' else 'no'}")
    print(f"  Typer          {typer}")
    print(f"  herstelcheck   {version}")
    print(f"  load average   {load} (1, 5, 15 min; other work on the machine slows every row)")
    print()


# --- one audit, whole process ----------------------------------------------------------


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - start


def _interleaved(
    commands: dict[str, list[str]], env: dict[str, str], runs: int
) -> dict[str, Timing]:
    """Every command `runs` times, taking turns, after two warm-up rounds."""
    for _ in range(2):
        for command in commands.values():
            _run(command, env)
    timings = {label: Timing(label, []) for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            timings[label].times.append(_run(command, env))
    return timings


def _single(
    herstelcheck: str, yamllint: str, env: dict[str, str], runs: int
) -> dict[str, list[float]]:
    """Prints the table; returns the ratios herstelcheck / yamllint, by report format."""
    print(f"1. One audit of an example, whole process: wall time in ms over {runs} runs")
    header = f"  {'file':<16} {'command':<34} {'median':>7} {'min':>7} {'max':>7} {'ratio':>6}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    ratios: dict[str, list[float]] = {"terminal": [], "json": []}
    for example in EXAMPLES:
        name = str(example.relative_to(ROOT))
        commands = {
            "herstelcheck audit FILE": [herstelcheck, "audit", name],
            "herstelcheck audit -f json FILE": [herstelcheck, "audit", "-f", "json", name],
            "yamllint FILE": [yamllint, name],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        timings = _interleaved({k: [*v] for k, v in commands.items()}, env, runs)
        lint = timings["yamllint FILE"].median
        for label, timing in timings.items():
            ratio = timing.median / lint
            if label.startswith("herstelcheck"):
                ratios["json" if "json" in label else "terminal"].append(ratio)
            print(
                f"  {example.name:<16} {label:<34} {_ms(timing.median)} {_ms(min(timing.times))} "
                f"{_ms(max(timing.times))} {ratio:6.2f}"
            )
        print()
    example = str(EXAMPLES[0].relative_to(ROOT))
    floor = {
        "python -c pass": "pass",
        "import yaml": "import yaml",
        "import typer (an audit does not)": "import typer",
        "import what a JSON audit does": _audit_imports(["-f", "json", example], env),
        "import what a terminal audit does": _audit_imports([example], env),
    }
    commands = {k: [sys.executable, "-c", v] for k, v in floor.items()}
    commands["yamllint FILE"] = [yamllint, example]
    timings = _interleaved(commands, env, runs)
    lint = timings["yamllint FILE"].median
    print(f"  Processes that only import, and yamllint on {example}:")
    for label, timing in timings.items():
        print(
            f"  {'':<16} {label:<34} {_ms(timing.median)} {_ms(min(timing.times))} "
            f"{_ms(max(timing.times))} {timing.median / lint:6.2f}"
        )
    print()
    return ratios


def _audit_imports(args: list[str], env: dict[str, str]) -> str:
    """An import statement of every module `herstelcheck audit ARGS` loads (found by
    running it), so that the row shows the cost of its imports alone."""
    probe = (
        "import io, sys\n"
        "from herstelcheck.main import run\n"
        "sys.stdout = io.StringIO()\n"
        f"run(['audit', *{args!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(' '.join(sorted(n for n in sys.modules if n.startswith('herstelcheck'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=ROOT
    )
    modules = done.stdout.split()
    if done.returncode != 0 or not modules:
        raise SystemExit(f"cannot find what `herstelcheck audit` imports:\n{done.stderr}")
    return "import " + ", ".join(modules)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


# --- batches ---------------------------------------------------------------------------


def _child(args: list[str], env: dict[str, str], profile: str = "-") -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_file = handle.name
    try:
        subprocess.run(
            [sys.executable, "-c", CHILD, *args, result_file, profile],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=False,
        )
        result: dict[str, float] = json.loads(Path(result_file).read_text())
    finally:
        os.unlink(result_file)
    if result["code"] not in (0, None):
        raise SystemExit(f"herstelcheck audit {' '.join(args)} exited with {result['code']}")
    return result


def _summary(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of several runs over the same plans (times) and their largest memory."""
    return {
        "total": statistics.median(r["total"] for r in runs),
        "best": min(r["total"] for r in runs),
        "import": statistics.median(r["import"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "maxrss": max(r["maxrss"] for r in runs),
    }


def _audit(folder: Path, env: dict[str, str]) -> dict[str, float]:
    return _child(["audit", "-f", "json", str(folder)], env)


def _batches(
    temp: Path, env: dict[str, str], options: argparse.Namespace
) -> dict[int, dict[str, float]]:
    sizes = [1, options.batch, 2 * options.batch]
    print(
        f"2. Batches of generated plans (seed {options.seed}) in one process, --format json, "
        f"median of {options.repeat} runs taking turns"
    )
    print("   time: from just after interpreter start-up to the end, imports included")
    header = (
        f"  {'plans':>6} {'MB read':>8} {'time s':>7} {'best s':>7} {'cpu s':>7} "
        f"{'plans/s':>8} {'peak RSS MB':>12}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    folders, megabytes = {}, {}
    for count in sizes:
        folders[count] = temp / f"plans-{count}"
        files = write_plans(folders[count], count, seed=options.seed)
        megabytes[count] = sum(f.stat().st_size for f in files) / 1e6
    runs: dict[int, list[dict[str, float]]] = {count: [] for count in sizes}
    for _ in range(options.repeat):
        for count in sizes:
            runs[count].append(_audit(folders[count], env))
    results = {count: _summary(runs[count]) for count in sizes}
    for count in sizes:
        result = results[count]
        print(
            f"  {count:>6} {megabytes[count]:8.2f} {result['total']:7.2f} {result['best']:7.2f} "
            f"{result['cpu']:7.2f} {count / result['total']:8.0f} {result['maxrss'] / 1e6:12.1f}"
        )
    one, full, double = (results[n] for n in sizes)
    per_plan_time = (double["total"] - full["total"]) / options.batch * 1000
    per_plan_memory = (double["maxrss"] - full["maxrss"]) / options.batch / 1e3
    print(
        f"  each plan beyond {options.batch}: {per_plan_time:.2f} ms and "
        f"{per_plan_memory:.0f} kB; start-up and imports: {one['total'] * 1000:.0f} ms, "
        f"{one['maxrss'] / 1e6:.1f} MB"
    )
    print()
    return results


def _sizes(temp: Path, env: dict[str, str], options: argparse.Namespace) -> None:
    count = max(options.batch // 4, 10)
    print(f"3. {count} plans of growing size (every list longer), --format json")
    header = f"  {'scale':>6} {'MB read':>8} {'time s':>7} {'ms per plan':>12} {'s per MB':>9}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    rows = []
    for scale in (1, 2, 4):
        folder = temp / f"scale-{scale}"
        files = write_plans(folder, count, seed=options.seed, scale=scale)
        size = sum(f.stat().st_size for f in files) / 1e6
        result = _summary([_audit(folder, env) for _ in range(options.repeat)])
        work = result["total"] - result["import"]
        rows.append((size, work))
        print(
            f"  {scale:>6} {size:8.2f} {result['total']:7.2f} {work / count * 1000:12.2f} "
            f"{work / size:9.3f}"
        )
    (small_size, small_work), (large_size, large_work) = rows[0], rows[-1]
    print(
        f"  times without imports: {large_size / small_size:.1f}x the bytes took "
        f"{large_work / small_work:.1f}x the time (part of the work is per plan, not per byte)"
    )
    print()


def _profile(temp: Path, env: dict[str, str], options: argparse.Namespace) -> None:
    import pstats

    folder = temp / f"plans-{options.batch}"
    stats_file = temp / "batch.prof"
    _child(["audit", "-f", "json", str(folder)], env, profile=str(stats_file))
    print(f"   cProfile of the batch of {options.batch} plans (own time, largest first)")
    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("tottime").print_stats(25)


# --- imports ---------------------------------------------------------------------------

_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def _imports(herstelcheck: str, env: dict[str, str], runs: int = 5) -> None:
    example = str(EXAMPLES[-1].relative_to(ROOT))
    command = [sys.executable, "-X", "importtime", herstelcheck, "audit", example]
    samples: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        stderr = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
        ).stderr
        for line in stderr.splitlines():
            match = _IMPORT_LINE.match(line)
            if match:
                samples.setdefault(match.group(4), []).append(
                    (int(match.group(1)), int(match.group(2)))
                )
    rows = sorted(
        (
            (statistics.median(c for _, c in v), statistics.median(s for s, _ in v), name)
            for name, v in samples.items()
        ),
        reverse=True,
    )
    print(f"4. Imports of `herstelcheck audit {example}` (python -X importtime, median of {runs})")
    header = f"  {'module':<34} {'cumulative ms':>14} {'self ms':>8}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for cumulative, own, name in rows[:15]:
        print(f"  {name:<34} {cumulative / 1000:14.1f} {own / 1000:8.1f}")
    print()


# --- targets ---------------------------------------------------------------------------


def _targets(
    ratios: dict[str, list[float]], batches: dict[int, dict[str, float]], count: int
) -> None:
    batch = batches[count]
    seconds, memory = batch["total"], batch["maxrss"] / 1e6
    rows = [
        (
            f"one audit ({label}) no slower than yamllint",
            f"worst ratio {max(values):.2f}",
            max(values) <= SINGLE_TARGET,
        )
        for label, values in ratios.items()
    ]
    rows.append(
        (
            f"{count} plans in one process under {BATCH_SECONDS:.0f} s",
            f"{seconds:.2f} s",
            seconds < BATCH_SECONDS,
        )
    )
    rows.append(
        (
            f"peak memory of that process under {BATCH_MEMORY_MB:.0f} MB",
            f"{memory:.1f} MB",
            memory < BATCH_MEMORY_MB,
        )
    )
    print("Targets")
    for label, figure, met in rows:
        print(f"  {label:<46} {figure:>18}  {_verdict(met)}")


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
