"""`herstelcheck scan` on a terminal, drawn with Rich: per document a table of the ten
items with their provisional status, then item by item the criteria found and not
found, the passages that speak of the item (the signal underlined), the passages that
say it is absent, and the values the draft takes.

Document text always enters Rich as `rich.text.Text`, made visible first
(`textsafe.visible`), never as markup: `[bold]` or an escape sequence in a document is
shown as the text it is.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from herstelcheck.formats import RenderOptions
from herstelcheck.formats.console import draw
from herstelcheck.formats.terminal import status_text
from herstelcheck.i18n import number, t, value_text
from herstelcheck.scan.evidence import Quote
from herstelcheck.scan.results import DocumentScan, Evidence, ItemScan, ScanRun, merged
from herstelcheck.scan.values import Found
from herstelcheck.textsafe import visible

INDENT = 3


def render(run: ScanRun, options: RenderOptions) -> str:
    parts: list[RenderableType] = []
    for index, scanned in enumerate(run.documents):
        if index:
            parts.append(Text())
        parts += document(scanned, options)
    if run.errors:
        parts.append(Text())
        parts.append(Text(t("not_read", options.lang), style="bold red"))
        for error in run.errors:
            parts.append(Text(visible(f"{error.file}: {error.message}")))
    return draw(options, parts)


def document(scanned: DocumentScan, options: RenderOptions) -> list[RenderableType]:
    lang, plain = options.lang, options.ascii_only
    title = Text(f"{t('scan.title', lang)}: ", style="bold")
    title.append(visible(scanned.file), style="bold")
    about = [scanned.kind.upper()]
    if scanned.pages is not None:
        about.append(t("scan.pages", lang, count=scanned.pages))
    about.append(t("scan.passages", lang, count=scanned.passages))
    head = Text(" · ".join(about) if not plain else " - ".join(about), style="dim")
    plan = Text(visible(scanned.gemeente), style="bold")
    plan.append(": ")
    plan.append(visible(scanned.titel))
    score = Text(f"Score {number(scanned.report.score, lang)} / 100", style="bold")
    score.append(f"  ({t('scan.provisional', lang)})", style="dim")
    parts: list[RenderableType] = [
        title,
        head,
        plan,
        score,
        Text(),
        summary_table(scanned, options),
    ]
    for item in scanned.items:
        parts += [Text(), item_block(item, scanned, options)]
    found = sum(1 for item in scanned.items if item.found)
    parts += [
        Text(),
        Text(t("scan.summary", lang, found=found, total=len(scanned.items)), style="bold"),
    ]
    return parts


def summary_table(scanned: DocumentScan, options: RenderOptions) -> Table:
    lang = options.lang
    table = Table(
        box=box.ASCII if options.ascii_only else box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=True,
        header_style="bold",
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("item", lang), ratio=1)
    table.add_column(f"{t('status', lang)} ({t('scan.provisional', lang)})", no_wrap=True)
    table.add_column(t("scan.signals", lang), justify="right", no_wrap=True)
    for item in scanned.items:
        table.add_row(
            Text(str(item.item.id)),
            Text(visible(item.item.title.get(lang))),
            status_text(item.status, lang, options.ascii_only),
            Text(
                str(len(item.evidence)) if item.evidence else "-",
                style="" if item.evidence else "dim",
            ),
        )
    return table


def item_block(item: ItemScan, scanned: DocumentScan, options: RenderOptions) -> RenderableType:
    lang, plain = options.lang, options.ascii_only
    heading = Text(f"{item.item.id}. ", style="bold")
    heading.append(visible(item.item.title.get(lang)), style="bold")
    line = Text(f"{t('status', lang)}: ")
    line.append_text(status_text(item.status, lang, plain))
    line.append(f"  ({t('scan.provisional', lang)})", style="dim")
    body: list[RenderableType] = [line]
    if not item.evidence and not item.absent:
        body.append(Text(t("scan.no_evidence", lang), style="yellow"))
    elif not item.evidence:
        body.append(Text(t("scan.only_absent", lang), style="yellow"))
    tick, cross = ("+", "x") if plain else ("✔", "✘")
    for criterion in item.criteria:
        mark = Text(tick, style="green") if criterion.found else Text(cross, style="red")
        line = Text.assemble(mark, " ", Text(visible(criterion.criterion.title.get(lang))))
        word = "found" if criterion.found else "said_absent" if criterion.absent else "not_found"
        line.append(f"  ({t(f'scan.{word}', lang)})", style="dim")
        body.append(line)
    if item.evidence:
        body.append(Text(t("scan.evidence", lang), style="bold"))
        body += [indented(evidence_line(e, s, options)) for e, s in merged(item.evidence)]
    if item.absent:
        body.append(Text(t("scan.absent", lang), style="bold"))
        body += [indented(evidence_line(e, s, options)) for e, s in merged(item.absent)]
    values = [f for f in scanned.values if _item_of(f, item)]
    if values:
        body.append(Text(t("scan.values", lang), style="bold"))
        body.append(indented(values_table(values, lang)))
    return Group(heading, indented(Group(*body)))


def _item_of(found: Found, item: ItemScan) -> bool:
    if found.criterion is None:
        return False
    ids = {c.criterion.id for c in item.criteria}
    if found.criterion in ids:
        return True
    return found.criterion == "acties" and item.item.slug == "termijnen"


def indented(part: RenderableType, by: int = INDENT) -> Padding:
    return Padding(part, (0, 0, 0, by))


def where(page: int | None, heading: str | None, lang: str) -> str:
    if page is not None:
        return t("scan.page", lang, page=page)
    return visible(heading) if heading else "-"


def quoted(quote: Quote, plain: bool = False) -> Text:
    """A quote in quotation marks, the signal in it underlined."""
    opening, closing = ('"', '"') if plain else ("“", "”")
    text = Text(opening)
    safe = visible(quote.text)
    if quote.mark is not None and len(safe) == len(quote.text):
        start, end = quote.mark
        text.append(safe[:start])
        text.append(safe[start:end], style="bold underline")
        text.append(safe[end:])
    else:
        text.append(safe)
    text.append(closing)
    return text


def evidence_line(given: Evidence, signals: tuple[str, ...], options: RenderOptions) -> Text:
    lang = options.lang
    line = Text()
    line.append(where(given.page, given.heading, lang), style="cyan")
    line.append("  ")
    line.append_text(quoted(given.quote, options.ascii_only))
    found = ", ".join(visible(signal) for signal in signals)
    line.append(f"  ({t('scan.signal', lang)}: {found})", style="dim")
    return line


def values_table(values: list[Found], lang: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, style="cyan")
    for found in values:
        passage = found.passage
        source = where(passage.page, passage.heading, lang) if passage is not None else ""
        table.add_row(Text(found.field), Text(visible(value_text(found.value, lang))), Text(source))
    return table
