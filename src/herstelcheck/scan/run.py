"""Scan documents one by one: read, split, find, extract, draft, audit the draft; then
write the drafts and the report, and decide the exit code.

A document that cannot be read is one `file: error: ...` line on standard error and an
entry in the report's errors; the run goes on with the other documents and ends with
exit code 2. The signals of the checklist's criteria are compiled once per run.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from herstelcheck.audit import ItemResult, audit_plan
from herstelcheck.checklist import Checklist
from herstelcheck.errors import EXIT_ERROR, EXIT_OK, Diagnostic, UsageError
from herstelcheck.scan import draft, evidence, fields, meta, passages
from herstelcheck.scan.documents import STDIN, read
from herstelcheck.scan.evidence import Hit
from herstelcheck.scan.results import CriterionScan, DocumentScan, Evidence, ItemScan, ScanRun
from herstelcheck.scan.text import Document, DocumentError
from herstelcheck.signals import Compiled

PER_CRITERION = 3
"""The most passages of evidence a criterion gets in the report."""
ABSENT_PER_CRITERION = 2


@dataclass(frozen=True, slots=True)
class ScanSettings:
    """What one `herstelcheck scan` command line asks for."""

    documents: tuple[str, ...]
    format: str = "terminal"
    output: str | None = None
    lang: str = "nl"
    checklist: str | None = None
    draft: str | None = None
    """Write the draft of the one document to this file."""
    draft_dir: str | None = None
    """Write the draft of each document to NAME.yaml in this folder."""
    force: bool = False
    """Overwrite drafts that exist."""


def compile_signals(checklist: Checklist) -> Compiled:
    """The signals (`signalen`) of every criterion of the checklist, compiled for a run.
    A criterion without signals gets no evidence. The draft's values come from the hits
    of these signals too, by the bundled checklist's criterion ids (the triggers from
    `terugvalscenario.triggers`, ...): a checklist that renames a criterion or gives it
    no signals leaves its values out of the draft."""
    return Compiled(
        signal
        for item in checklist.items
        for criterion in item.criteria
        for signal in criterion.signals
    )


def scan_document(
    path: str,
    checklist: Checklist,
    compiled: Compiled,
    *,
    lang: str = "nl",
    draft_name: str = "plan.yaml",
) -> DocumentScan:
    """Scan one document; DocumentError when it cannot be read."""
    return scan_read(read(path), checklist, compiled, lang=lang, draft_name=draft_name)


def scan_read(
    document: Document,
    checklist: Checklist,
    compiled: Compiled,
    *,
    lang: str = "nl",
    draft_name: str = "plan.yaml",
) -> DocumentScan:
    """Scan a document that is read; DocumentError when it holds no text."""
    found_passages = passages.split(document)
    if not found_passages:
        raise DocumentError(document.file, "holds no text to scan")
    hits = evidence.find(found_passages, compiled)
    head = meta.find(document, found_passages)
    found = fields.extract(
        hits, found_passages, sectors=checklist.sectors, gemeente=str(head.gemeente.value)
    )
    absent = [h for h in hits if h.negated]
    text = draft.render(
        document.file, head, found, absent, checklist, lang=lang, draft_name=draft_name
    )
    from herstelcheck.plan import load_text

    loaded, _ = load_text(text, draft_name)  # a draft that does not load is a bug here
    report = audit_plan(loaded, checklist)
    filled = {re.sub(r"\[\d+\]", "", f.field) for f in found}
    by_criterion: dict[str, list[Hit]] = {}
    for hit in hits:
        by_criterion.setdefault(hit.criterion, []).append(hit)
    items = tuple(_item(result, by_criterion, filled) for result in report.items)
    said = (*document.notes, *head.warnings)
    warnings = tuple(Diagnostic(document.file, 0, 0, "warning", w) for w in said)
    return DocumentScan(
        document.file,
        document.kind,
        document.page_count,
        len(found_passages),
        str(head.gemeente.value),
        str(head.titel.value),
        items,
        (head.gemeente, head.titel, *head.others, *found),
        text,
        report,
        warnings,
    )


def _item(result: ItemResult, hits: dict[str, list[Hit]], filled: set[str]) -> ItemScan:
    """An item's evidence, a few passages per criterion; a criterion counts as found
    when a signal of it is, or when the draft meets it with values found for its fields
    (`filled`: the fields of the values, list numbers left out)."""
    item = result.item
    mine = [h for c in item.criteria for h in hits.get(c.id, ())]
    chosen: list[Hit] = []
    absent: list[Hit] = []
    criteria = []
    for checked in result.criteria:
        criterion = checked.criterion
        positive = [h for h in hits.get(criterion.id, ()) if not h.negated]
        negative = [h for h in hits.get(criterion.id, ()) if h.negated]
        chosen += _best(positive, mine, PER_CRITERION)
        absent += negative[:ABSENT_PER_CRITERION]
        found = bool(positive) or (checked.passed is True and _fills(criterion.params, filled))
        criteria.append(CriterionScan(criterion, found, bool(negative) and not found))
    order = sorted(chosen, key=lambda h: (h.passage.index, h.start))
    return ItemScan(
        item,
        result.status,
        result.score,
        tuple(criteria),
        tuple(_evidence(h) for h in order),
        tuple(_evidence(h) for h in sorted(absent, key=lambda h: (h.passage.index, h.start))),
    )


def _fills(params: object, filled: set[str]) -> bool:
    """Whether a value was found for a plan field that a criterion's parameters name."""
    paths: list[str] = []
    nested: list[object] = []
    if isinstance(params, dict):
        for key, value in params.items():
            if key in ("path", "list", "targets") and isinstance(value, str):
                paths.append(value)
            elif key == "paths" and isinstance(value, list):
                paths += [str(v) for v in value]
            elif key == "criteria" and isinstance(value, list):
                nested += [sub.get("params") for sub in value if isinstance(sub, dict)]
    if any(_fills(sub, filled) for sub in nested):
        return True
    for path in paths:
        plain = path.replace("[]", "")
        if any(field == plain or field.startswith(plain + ".") for field in filled):
            return True
    return False


def _best(hits: Sequence[Hit], item_hits: Sequence[Hit], count: int) -> list[Hit]:
    """The hits that show a criterion best: in sentences where more of the item's
    criteria are found, with longer signals, one per sentence; the first ones on a tie."""

    shown: dict[tuple[int, tuple[int, int]], set[str]] = {}
    for other in item_hits:
        shown.setdefault((other.passage.index, other.sentence), set()).add(other.criterion)

    def weight(hit: Hit) -> tuple[int, int, int]:
        same = shown[(hit.passage.index, hit.sentence)]
        return (-len(same), -len(hit.found_as), hit.passage.index)

    chosen: list[Hit] = []
    for hit in sorted(hits, key=weight):
        if all((h.passage.index, h.sentence) != (hit.passage.index, hit.sentence) for h in chosen):
            chosen.append(hit)
        if len(chosen) == count:
            break
    return chosen


def _evidence(hit: Hit) -> Evidence:
    return Evidence(
        hit.criterion,
        hit.found_as,
        hit.passage.page,
        hit.passage.heading,
        evidence.quote(hit),
        hit.negation,
    )


def scan_files(
    paths: Iterable[str],
    checklist: Checklist,
    compiled: Compiled,
    *,
    lang: str,
    draft_names: dict[str, str],
    sink: Callable[[Diagnostic], None],
) -> ScanRun:
    """Scan every document; the problems go to `sink` as soon as they are known."""
    scanned: list[DocumentScan] = []
    errors: list[Diagnostic] = []
    for path in paths:
        try:
            result = scan_document(
                path, checklist, compiled, lang=lang, draft_name=draft_names.get(path, "plan.yaml")
            )
        except DocumentError as exc:
            errors += exc.diagnostics
            for diagnostic in exc.diagnostics:
                sink(diagnostic)
            continue
        for warning in result.warnings:
            sink(warning)
        scanned.append(result)
    return ScanRun(checklist, tuple(scanned), tuple(errors))


# --- the command ---------------------------------------------------------------------


def draft_targets(settings: ScanSettings) -> dict[str, str]:
    """The draft file of each document, checked before anything is scanned: never a
    folder, a document of the run or, without --force, a file that exists."""
    from herstelcheck.output import check_target

    documents = settings.documents
    if settings.draft is not None and settings.draft_dir is not None:
        raise UsageError("give either --draft or --draft-dir, not both")
    if settings.draft is not None and len(documents) != 1:
        raise UsageError("--draft writes the draft of one document; for several, use --draft-dir")
    targets: dict[str, str] = {}
    if settings.draft is not None:
        targets[documents[0]] = settings.draft
    elif settings.draft_dir is not None:
        folder = Path(settings.draft_dir)
        if not folder.is_dir():
            raise UsageError(f"--draft-dir '{settings.draft_dir}' is not a folder")
        used: set[str] = set()
        for document in documents:
            stem = "stdin" if document == STDIN else Path(document).stem or "document"
            name = stem if stem not in used else f"{stem}{Path(document).suffix}"
            used.add(name)
            targets[document] = str(folder / f"{name}.yaml")
    inputs = [d for d in documents if d != STDIN]
    for target in targets.values():
        _not_a_document(target, inputs, "the draft")
        check_target(target, inputs)
        if not settings.force and (os.path.lexists(target)):
            raise UsageError(f"'{target}' already exists; use --force to overwrite it")
    return targets


def _not_a_document(target: str, documents: Sequence[str], what: str) -> None:
    """Refuse to write `what` over one of the documents being scanned."""
    try:
        written = os.stat(target)
    except OSError:
        return
    for document in documents:
        try:
            read = os.stat(document)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            raise UsageError(
                f"refusing to write {what} to '{target}': it is one of the documents scanned"
            )


def main(settings: ScanSettings, terminal: object) -> int:
    """Run `herstelcheck scan` as `settings` ask, saying what happens on `terminal`
    (a `console.Terminal`); returns the exit code."""
    from herstelcheck.checklist import load as load_checklist
    from herstelcheck.console import Terminal
    from herstelcheck.formats import ScanFormat, scan_renderer
    from herstelcheck.output import check_target, write_atomic, write_new, write_output

    assert isinstance(terminal, Terminal)
    if settings.output is not None:
        inputs = [d for d in settings.documents if d != STDIN]
        _not_a_document(settings.output, inputs, "the report")
        check_target(settings.output, inputs)
    if list(settings.documents).count(STDIN) > 1:
        raise UsageError("standard input ('-') can be read only once")
    targets = draft_targets(settings)
    if settings.output is not None and settings.output in targets.values():
        raise UsageError("the report and a draft cannot go to the same file")
    checklist = load_checklist(settings.checklist, stems=True)
    compiled = compile_signals(checklist)
    files = list(terminal.track(list(settings.documents)))
    run = scan_files(
        files,
        checklist,
        compiled,
        lang=settings.lang,
        draft_names=targets,
        sink=terminal.diagnostic,
    )
    for scanned in run.documents:
        path = next((d for d in settings.documents if _name(d) == scanned.file), None)
        target = targets.get(path) if path is not None else None
        if target is None:
            continue
        if settings.force:
            write_atomic(target, scanned.draft)
        else:
            try:
                write_new(target, scanned.draft)
            except FileExistsError:
                raise UsageError(
                    f"'{target}' already exists; use --force to overwrite it"
                ) from None
        terminal.note(
            f"wrote {target}; check it, then run: herstelcheck audit {shlex.quote(target)}"
        )
    options = terminal.render_options(settings.lang)
    write_output(scan_renderer(ScanFormat(settings.format))(run, options), settings.output)
    return EXIT_ERROR if run.errors else EXIT_OK


def _name(path: str) -> str:
    return "<stdin>" if path == STDIN else path
