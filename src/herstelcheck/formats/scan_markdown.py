"""`herstelcheck scan --format markdown`: what a scan found, as a Markdown document for a
memo or an issue. Every text from a document is escaped with `mdescape`, so markup,
HTML, pipes and links in a document show as the text they are; the signal in a quote
is in bold."""

from __future__ import annotations

from functools import partial

from herstelcheck.formats import RenderOptions
from herstelcheck.i18n import SYMBOLS, number, t, value_text
from herstelcheck.mdescape import escape, one_line
from herstelcheck.scan.evidence import Quote
from herstelcheck.scan.results import DocumentScan, Evidence, ItemScan, ScanRun, merged

md = partial(escape, gfm=True)
"""Text as literal Markdown for GitHub, which makes links of bare addresses otherwise."""


def render(run: ScanRun, options: RenderOptions) -> str:
    lang = options.lang
    lines: list[str] = []
    for scanned in run.documents:
        if lines:
            lines.append("")
        lines += document(scanned, lang)
    if run.errors:
        lines += ["", f"## {t('not_read', lang)}", ""]
        lines += [f"- `{_code(e.file)}`: {md(e.message)}" for e in run.errors]
    return "\n".join(lines) + "\n"


def document(scanned: DocumentScan, lang: str) -> list[str]:
    about = [scanned.kind.upper()]
    if scanned.pages is not None:
        about.append(t("scan.pages", lang, count=scanned.pages))
    about.append(t("scan.passages", lang, count=scanned.passages))
    lines = [
        f"# {t('scan.title', lang)}: {md(scanned.gemeente)}: {md(scanned.titel)}",
        "",
        f"`{_code(scanned.file)}` ({', '.join(about)})",
        "",
        f"**Score {number(scanned.report.score, lang)} / 100** ({t('scan.provisional', lang)})",
        "",
        f"| # | {t('item', lang)} | {t('status', lang)} ({t('scan.provisional', lang)}) "
        f"| {t('scan.signals', lang)} |",
        "|---:|---|---|---:|",
    ]
    for item in scanned.items:
        value = item.status.value
        lines.append(
            f"| {item.item.id} | {md(item.item.title.get(lang))} "
            f"| {SYMBOLS[value]} {t(value, lang)} | {len(item.evidence) or '-'} |"
        )
    for item in scanned.items:
        lines += ["", *item_lines(item, scanned, lang)]
    found = sum(1 for item in scanned.items if item.found)
    lines += ["", t("scan.summary", lang, found=found, total=len(scanned.items))]
    return lines


def item_lines(item: ItemScan, scanned: DocumentScan, lang: str) -> list[str]:
    value = item.status.value
    lines = [
        f"## {item.item.id}. {md(item.item.title.get(lang))}",
        "",
        t("scan.status_line", lang, status=t(value, lang)),
        "",
    ]
    if not item.evidence and not item.absent:
        lines += [t("scan.no_evidence", lang), ""]
    elif not item.evidence:
        lines += [t("scan.only_absent", lang), ""]
    for criterion in item.criteria:
        mark = "✔" if criterion.found else "✘"
        word = "found" if criterion.found else "said_absent" if criterion.absent else "not_found"
        lines.append(
            f"- {mark} {md(criterion.criterion.title.get(lang))} ({t(f'scan.{word}', lang)})"
        )
    if item.evidence:
        lines += ["", f"### {t('scan.evidence', lang)}", ""]
        lines += [evidence_line(e, s, lang) for e, s in merged(item.evidence)]
    if item.absent:
        lines += ["", f"### {t('scan.absent', lang)}", ""]
        lines += [evidence_line(e, s, lang) for e, s in merged(item.absent)]
    ids = {c.criterion.id for c in item.criteria}
    values = [
        f
        for f in scanned.values
        if f.criterion in ids or (f.criterion == "acties" and item.item.slug == "termijnen")
    ]
    if values:
        lines += [
            "",
            f"### {t('scan.values', lang)}",
            "",
            f"| {t('scan.field', lang)} | {t('scan.value', lang)} | {t('source', lang)} |",
            "|---|---|---|",
        ]
        for found in values:
            passage = found.passage
            source = _where(passage.page, passage.heading, lang) if passage is not None else ""
            lines.append(
                f"| `{_code(found.field)}` | {md(value_text(found.value, lang))} | {source} |"
            )
    return lines


def _where(page: int | None, heading: str | None, lang: str) -> str:
    if page is not None:
        return t("scan.page", lang, page=page)
    return md(heading) if heading else "-"


def evidence_line(given: Evidence, signals: tuple[str, ...], lang: str) -> str:
    shown = ", ".join(md(signal) for signal in signals)
    return (
        f"- {_where(given.page, given.heading, lang)}: “{quoted(given.quote)}” "
        f"({t('scan.signal', lang)}: {shown})"
    )


def quoted(quote: Quote) -> str:
    """A quote as Markdown, the signal in bold."""
    text = quote.text
    if quote.mark is None:
        return md(text)
    start, end = quote.mark
    before, signal, after = text[:start], text[start:end], text[end:]
    shown = _piece(before) + f"**{md(signal)}**" + _piece(after)
    return shown.strip()


def _piece(text: str) -> str:
    """`text` escaped, keeping a space where it begins or ends with one."""
    if not text.strip():
        return " " if text else ""
    escaped = md(text)
    head = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() else ""
    return head + escaped + tail


def _code(text: str) -> str:
    """Text for a code span: one line, no backtick to end it early."""
    return one_line(text).replace("`", "'")
