"""`herstelcheck diff` on a terminal: both versions side by side, then what changed.

A criterion that fails now and did not before is marked as in the audit report: `✘` when
it keeps its item from being met, `○` with its advice after `Aanbevolen:` when it is
advice (its item is met without it, or it is advisory).

Drawn with Rich. Plan and checklist text goes in as `rich.text.Text` with control
characters made visible, never as markup. Each change has a symbol as well as a colour.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from herstelcheck.audit import PlanReport
from herstelcheck.compare import Change, ItemChange, PlanComparison
from herstelcheck.formats.console import (
    Narrowing,
    Trailed,
    advice,
    draw,
    finding,
    indented,
    item_heading,
    marked,
    table,
    trailed,
)
from herstelcheck.formats.diff_common import DiffOptions, signed, summary, waiver_note
from herstelcheck.formats.terminal import ADVICE_MARK, BLOCKING_MARK, score_style, status_text
from herstelcheck.i18n import number, t
from herstelcheck.textsafe import visible, visible_block

_STYLE = {Change.BETTER: "green", Change.WORSE: "red", Change.SAME: "dim"}
_SYMBOL = {Change.BETTER: "▲", Change.WORSE: "▼", Change.SAME: "="}
_ASCII_SYMBOL = {Change.BETTER: "+", Change.WORSE: "-", Change.SAME: "="}


def render(comparison: PlanComparison, options: DiffOptions) -> str:
    return draw(options, renderables(comparison, options.lang, options.ascii_only))


def renderables(comparison: PlanComparison, lang: str, plain: bool) -> list[RenderableType]:
    arrow = "->" if plain else "→"
    out: list[RenderableType] = [*heading(comparison, lang, arrow), Text()]
    out.append(items_table(comparison, lang, plain, arrow))
    changed = [i for i in comparison.items if i.changed]
    if changed:
        out += [Text(), Text(t("diff.changes", lang), style="bold underline")]
        out += [item_changes(change, lang, plain) for change in changed]
    out += [Text(), closing_line(comparison, lang, arrow)]
    return out


def heading(comparison: PlanComparison, lang: str, arrow: str) -> list[RenderableType]:
    old, new = comparison.old, comparison.new
    title = Text(f"{t('comparison', lang)}: ", style="bold")
    title.append(visible(new.plan.gemeente or ""), style="bold")
    title.append(": ", style="bold")
    title.append(visible(new.plan.titel or ""), style="bold")
    names = Text(f"{visible(old.file)} {arrow} {visible(new.file)}", style="dim")
    before, after = _label(old, lang), _label(new, lang)
    versions = before if before == after else _pair(before, after, arrow)
    files = trailed(names, Text(f"({versions})", style="dim") if versions else None)
    score = Text(f"{t('score', lang)} ", style="bold")
    score.append(number(old.score, lang), style=f"bold {score_style(old.score)}")
    score.append(f" {arrow} ", style="bold")
    score.append(number(new.score, lang), style=f"bold {score_style(new.score)}")
    delta = comparison.score_change
    style = "green" if delta > 0 else "red" if delta < 0 else "dim"
    change = Text(f"({signed(delta, lang)})", style=f"bold {style}")
    parts: list[RenderableType] = [title, files, Text(), Trailed(score, change)]
    if (old.plan.gemeente or "") != (new.plan.gemeente or ""):
        other = Text(f"{t('gemeente', lang)}: ", style="yellow")
        other.append(_pair(old.plan.gemeente or "", new.plan.gemeente or "", arrow), style="yellow")
        parts.insert(2, other)
    return parts


def _label(report: PlanReport, lang: str) -> str:
    plan = report.plan
    if plan.versie:
        return f"{t('version', lang)} {visible(plan.versie)}"
    if plan.vastgesteld:
        return f"{t('adopted', lang)} {visible(plan.vastgesteld.show(lang))}"
    return ""


def _pair(before: str, after: str, arrow: str) -> str:
    if not before and not after:
        return ""
    return f"{visible(before) or '-'} {arrow} {visible(after) or '-'}"


def items_table(comparison: PlanComparison, lang: str, plain: bool, arrow: str) -> Narrowing:
    """Each item's number, title, status before and after, score and change; where the
    width is too small for the status words, the statuses are shown by their symbols."""
    symbols = _ASCII_SYMBOL if plain else _SYMBOL

    def build(narrow: bool) -> Table:
        drawn = table(plain)
        drawn.add_column("#", justify="right", no_wrap=True)
        drawn.add_column(t("item", lang), ratio=1, overflow="fold")
        drawn.add_column(t("diff.before", lang), no_wrap=True)
        drawn.add_column(t("diff.after", lang), no_wrap=True)
        drawn.add_column(t("score", lang), justify="right", no_wrap=True)
        drawn.add_column("", no_wrap=True)
        for change in comparison.items:
            before, after = change.before, change.after
            if change.score_change:
                score = Text(f"{number(before.score, lang)} {arrow} {number(after.score, lang)}")
            else:
                score = Text(number(after.score, lang), style="dim")
            drawn.add_row(
                Text(str(change.item.id)),
                Text(visible(change.item.title.get(lang))),
                status_text(before.status, lang, plain, narrow),
                status_text(after.status, lang, plain, narrow),
                score,
                Text(symbols[change.change], style=_STYLE[change.change]),
            )
        return drawn

    return Narrowing(build)


def item_changes(change: ItemChange, lang: str, plain: bool) -> RenderableType:
    word = Text(t(f"diff.{change.change.value}", lang), style=_STYLE[change.change])
    pick = 1 if plain else 0
    tick, arrow = ("+", "->") if plain else ("✔", "→")
    rows = [
        marked(
            Text(ADVICE_MARK[pick], style="blue"),
            finding(result, lang),
            advice(arrow, result.advice(lang), result.key, prefix=t("recommended", lang)),
        )
        if result.advisory
        else marked(
            Text(BLOCKING_MARK[pick], style="red"),
            finding(result, lang),
            advice(arrow, result.advice(lang), result.key),
        )
        for result in change.newly_failed
    ]
    rows += [
        marked(Text(tick, style="green"), finding(result, lang)) for result in change.newly_met
    ]
    parts: list[RenderableType] = [item_heading(change.item, lang, word)]
    note = waiver_note(change, lang)
    if note is not None:
        style = "cyan" if change.now_waived else "yellow"
        parts.append(indented(Text(visible_block(note), style=style)))
    if change.newly_failed or change.newly_met:
        parts.append(indented(Group(*rows)))
    return Group(*parts)


def closing_line(comparison: PlanComparison, lang: str, arrow: str) -> Text:
    return Text(summary(comparison, lang, arrow), style="bold")
