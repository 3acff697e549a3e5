"""Time `herstelcheck scan` on a generated 60-page plan document (PDF).

The document (bench/docgen.py, ReportLab) has ordinary text density, about 3,000
characters a page, a heading every five pages, two-column pages, running headers, page
numbers and a table of contents, and the paragraphs of a plan that speaks of all ten
items scattered through it. Run it from the root of a checkout, in the environment where
herstelcheck is installed with its test extra (ReportLab writes the PDF):

    pip install '.[test]' && python bench/scan.py

It prints the median of `--runs` runs of the whole command as a process (`herstelcheck
scan DOC -f json`, the report to /dev/null; so start-up and imports count), and of the
scan itself in this process, step by step: reading the PDF, splitting it into passages,
finding the signals, and the rest (values, draft, audit of the draft). The target is a
whole run under two seconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docgen import Block, Page, filler_pages, write_pdf

PLAN = [
    "Het herstel loopt via de bestaande organisatie: er komt geen aparte herstelorganisatie.",
    "Voor de korte termijn zetten we € 1,2 miljoen uit bestaande budgetten in.",
    "In maart 2021 hielden we een enquête onder 450 ondernemers.",
    "Samen met de Ondernemersvereniging Binnenstad, het ROC en de GGD werken we aan herstel.",
    "We gebruiken cijfers van het CBS en KVK Regiodata; elk kwartaal volgt een dashboard.",
    "Wethouder Economie Joost de Wit is bestuurlijk trekker van de aanpak.",
    "De crisis heeft ons geleerd dat één loket voor ondernemers sneller werkt.",
    "Onze langetermijnvisie is een levendige binnenstad; we herijken het plan jaarlijks.",
    "We werken samen in de Regio Waardland en met de provincie Waardland.",
    "Op korte termijn, de komende vier weken, richten we ons op liquiditeit.",
    "Bij een nieuwe lockdown treedt het draaiboek van de gemeente Testdam in werking.",
]


def document(folder: Path, pages: int = 60, seed: int = 7) -> Path:
    """The benchmark document: `pages` pages of filler with the plan's sentences."""
    rng = random.Random(seed)
    content = filler_pages(pages, seed=seed)
    for number, sentence in enumerate(PLAN):
        page = content[(number * 5 + 2) % pages]
        page.blocks.insert(rng.randint(0, len(page.blocks)), Block(sentence))
    for index in range(3, pages, 10):  # some pages in two columns
        content[index] = Page(content[index].blocks, columns=2)
    toc = [(f"Hoofdstuk {n + 1}", 5 * n + 2) for n in range(pages // 5)]
    path = folder / "herstelplan-testdam.pdf"
    return write_pdf(path, content, title="Herstelplan Testdam", header="Testdam", toc=toc)


def in_process(path: Path) -> dict[str, float]:
    """Seconds for each step of one scan in this process."""
    from herstelcheck import checklist
    from herstelcheck.scan import documents, evidence, passages
    from herstelcheck.scan.run import compile_signals, scan_document

    loaded = checklist.load()
    compiled = compile_signals(loaded)
    times = {}
    start = time.perf_counter()
    read = documents.read(str(path))
    times["read PDF"] = time.perf_counter() - start
    start = time.perf_counter()
    found = passages.split(read)
    times["passages"] = time.perf_counter() - start
    start = time.perf_counter()
    evidence.find(found, compiled)
    times["signals"] = time.perf_counter() - start
    start = time.perf_counter()
    scan_document(str(path), loaded, compiled)
    times["whole scan"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = document(Path(folder), args.pages)
        from herstelcheck.scan import documents, passages

        read = documents.read(str(path))
        chars = sum(len(p.text) for p in passages.split(read))
        print(f"document: {read.page_count} pages, {chars:,} characters in passages")
        command = [sys.executable, "-m", "herstelcheck", "scan", str(path), "-f", "json"]
        wall = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            wall.append(time.perf_counter() - start)
        steps: dict[str, list[float]] = {}
        for _ in range(args.runs):
            for step, seconds in in_process(path).items():
                steps.setdefault(step, []).append(seconds)
        print(
            f"herstelcheck scan (whole process, median of {args.runs}): "
            f"{statistics.median(wall):.2f} s"
        )
        for step, seconds in steps.items():
            print(f"  {step:<12} {statistics.median(seconds) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
