"""`herstelcheck diff` on a terminal: both versions side by side, then what changed.

Plan and checklist text goes in with control characters made visible, never as markup.
Each change has a symbol as well as a colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from herstelcheck.audit import PlanReport
from herstelcheck.compare import Change, ItemChange, PlanComparison
from herstelcheck.formats import layout
from herstelcheck.formats.console import advice, draw, finding, item_heading
from herstelcheck.formats.diff_common import DiffOptions, signed, summary, waiver_note
from herstelcheck.formats.layout import Column, Group, Indent, Marked, Table, Text
from herstelcheck.formats.terminal import score_style, status_text
from herstelcheck.i18n import number, t
from herstelcheck.textsafe import visible, visible_block

if TYPE_CHECKING:
    from herstelcheck.formats.layout import Block

_STYLE = {Change.BETTER: "green", Change.WORSE: "red", Change.SAME: "dim"}
_SYMBOL = {Change.BETTER: "▲", Change.WORSE: "▼", Change.SAME: "="}
_ASCII_SYMBOL = {Change.BETTER: "+", Change.WORSE: "-", Change.SAME: "="}


def render(comparison: PlanComparison, options: DiffOptions) -> str:
    return draw(options, blocks(comparison, options.lang, layout.ascii_only()))


def blocks(comparison: PlanComparison, lang: str, plain: bool) -> list[Block]:
    arrow = "->" if plain else "→"
    out: list[Block] = [*heading(comparison, lang, arrow), Text()]
    out.append(items_table(comparison, lang, plain, arrow))
    changed = [i for i in comparison.items if i.changed]
    if changed:
        out += [Text(), Text(t("diff.changes", lang), "bold underline")]
        out += [item_changes(change, lang, plain) for change in changed]
    out += [Text(), closing_line(comparison, lang, arrow)]
    return out


def heading(comparison: PlanComparison, lang: str, arrow: str) -> list[Block]:
    old, new = comparison.old, comparison.new
    title = Text(f"{t('comparison', lang)}: ", "bold")
    title.append(visible(new.plan.gemeente or ""), "bold")
    title.append(": ", "bold")
    title.append(visible(new.plan.titel or ""), "bold")
    files = Text(f"{visible(old.file)} {arrow} {visible(new.file)}", "dim")
    before, after = _label(old, lang), _label(new, lang)
    versions = before if before == after else _pair(before, after, arrow)
    if versions:
        files.append(f"  ({versions})", "dim")
    score = Text(f"{t('score', lang)} ", "bold")
    score.append(number(old.score, lang), f"bold {score_style(old.score)}")
    score.append(f" {arrow} ", "bold")
    score.append(number(new.score, lang), f"bold {score_style(new.score)}")
    delta = comparison.score_change
    style = "green" if delta > 0 else "red" if delta < 0 else "dim"
    score.append(f"  ({signed(delta, lang)})", f"bold {style}")
    parts: list[Block] = [title, files, Text(), score]
    if (old.plan.gemeente or "") != (new.plan.gemeente or ""):
        other = Text(f"{t('gemeente', lang)}: ", "yellow")
        other.append(_pair(old.plan.gemeente or "", new.plan.gemeente or "", arrow), "yellow")
        parts.insert(2, other)
    return parts


def _label(report: PlanReport, lang: str) -> str:
    plan = report.plan
    if plan.versie:
        return f"{t('version', lang)} {visible(plan.versie)}"
    if plan.vastgesteld:
        return f"{t('adopted', lang)} {visible(plan.vastgesteld.text)}"
    return ""


def _pair(before: str, after: str, arrow: str) -> str:
    if not before and not after:
        return ""
    return f"{visible(before) or '-'} {arrow} {visible(after) or '-'}"


def items_table(comparison: PlanComparison, lang: str, plain: bool, arrow: str) -> Table:
    table = Table(
        [
            Column("#", justify="right", no_wrap=True),
            Column(t("item", lang), flexible=True),
            Column(t("diff.before", lang), no_wrap=True),
            Column(t("diff.after", lang), no_wrap=True),
            Column(t("score", lang), justify="right", no_wrap=True),
            Column("", no_wrap=True),
        ],
        ascii_only=plain,
    )
    symbols = _ASCII_SYMBOL if plain else _SYMBOL
    for change in comparison.items:
        before, after = change.before, change.after
        if change.score_change:
            score = Text(f"{number(before.score, lang)} {arrow} {number(after.score, lang)}")
        else:
            score = Text(number(after.score, lang), "dim")
        table.add_row(
            Text(str(change.item.id)),
            Text(visible(change.item.title.get(lang))),
            status_text(before.status, lang, plain),
            status_text(after.status, lang, plain),
            score,
            Text(symbols[change.change], _STYLE[change.change]),
        )
    return table


def item_changes(change: ItemChange, lang: str, plain: bool) -> Block:
    head = item_heading(change.item, lang)
    head.append(f"  {t(f'diff.{change.change.value}', lang)}", _STYLE[change.change])
    tick, cross, arrow = ("+", "x", "->") if plain else ("✔", "✘", "→")
    grid = Marked()
    for result in change.newly_failed:
        grid.add(Text(cross, "red"), finding(result, lang))
        grid.add(Text(), advice(arrow, result.advice(lang)))
    for result in change.newly_met:
        grid.add(Text(tick, "green"), finding(result, lang))
    parts: list[Block] = [head]
    note = waiver_note(change, lang)
    if note is not None:
        style = "cyan" if change.now_waived else "yellow"
        parts.append(Indent(Text(visible_block(note), style)))
    if change.newly_failed or change.newly_met:
        parts.append(Indent(grid))
    return Group(parts)


def closing_line(comparison: PlanComparison, lang: str, arrow: str) -> Text:
    return Text(summary(comparison, lang, arrow), "bold")
