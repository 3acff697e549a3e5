"""`herstelcheck scan --format json`: what a scan found, as the command-line contract
describes it, and a little more: each document's `kind`, `passages`, `gemeente`,
`titel` and provisional `score`, each item's `slug`, `score` and the passages that say
it is `absent`, and where each value came from (`origin`: text, properties or file
name).

Text is escaped as in the JSON report (`formats.json.dumps`).
"""

from __future__ import annotations

from typing import Any

from herstelcheck import __version__
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.json import dumps, error
from herstelcheck.scan.results import DocumentScan, Evidence, ItemScan, ScanRun
from herstelcheck.scan.values import Found


def render(run: ScanRun, options: RenderOptions) -> str:
    return dumps(document(run, options.lang)) + "\n"


def document(run: ScanRun, lang: str) -> dict[str, Any]:
    checklist = run.checklist
    return {
        "tool": {"name": "herstelcheck", "version": __version__},
        "checklist": {"name": checklist.name, "version": checklist.version},
        "documents": [scanned(d, lang) for d in run.documents],
        "errors": [error(d) for d in run.errors],
    }


def scanned(result: DocumentScan, lang: str) -> dict[str, Any]:
    return {
        "file": result.file,
        "kind": result.kind,
        "pages": result.pages,
        "passages": result.passages,
        "gemeente": result.gemeente,
        "titel": result.titel,
        "score": result.report.score,
        "items": [item(i, lang) for i in result.items],
        "values": [value(f) for f in result.values],
    }


def item(result: ItemScan, lang: str) -> dict[str, Any]:
    return {
        "id": result.item.id,
        "slug": result.item.slug,
        "title": result.item.title.get(lang),
        "status": result.status.value,
        "score": result.score,
        "criteria": [{"id": c.criterion.id, "found": c.found} for c in result.criteria],
        "evidence": [evidence(e) for e in result.evidence],
        "absent": [evidence(e) | {"negation": e.negation} for e in result.absent],
    }


def evidence(given: Evidence) -> dict[str, Any]:
    return {
        "criterion": given.criterion,
        "page": given.page,
        "heading": given.heading,
        "quote": given.quote.text,
        "signal": given.signal,
    }


def value(found: Found) -> dict[str, Any]:
    passage = found.passage
    given = found.value
    if isinstance(given, float) and not isinstance(given, bool) and given.is_integer():
        given = int(given)  # an amount in whole euros: 1200000, as a plan file writes it
    return {
        "field": found.field,
        "value": given,
        "page": passage.page if passage is not None else None,
        "heading": passage.heading if passage is not None else None,
        "quote": found.quote.text if found.quote is not None else None,
        "origin": found.origin,
    }
