"""`herstelcheck diff --format markdown`: the comparison as a Markdown document, for a
pull request or a memo. Every text from a plan or checklist is escaped with `mdescape`."""

from __future__ import annotations

from functools import partial

from herstelcheck.audit import PlanReport
from herstelcheck.compare import Change, ItemChange, PlanComparison
from herstelcheck.formats.diff_common import DiffOptions, signed, summary, waiver_note
from herstelcheck.i18n import number, t
from herstelcheck.mdescape import escape
from herstelcheck.textsafe import visible

md = partial(escape, gfm=True)
"""Text as literal Markdown for GitHub, which makes links of bare addresses otherwise."""

_SYMBOL = {Change.BETTER: "▲", Change.WORSE: "▼", Change.SAME: "="}


def render(comparison: PlanComparison, options: DiffOptions) -> str:
    lang = options.lang
    old, new = comparison.old, comparison.new
    lines = [
        f"# {t('comparison', lang)}: {md(new.plan.gemeente or '')}",
        "",
        f"{_describe(old, lang)} → {_describe(new, lang)}",
        "",
        *_gemeente_line(old, new, lang),
        f"**{t('score', lang)}: {number(old.score, lang)} → {number(new.score, lang)}** "
        f"({signed(comparison.score_change, lang)})",
        "",
        f"| # | {t('item', lang)} | {t('diff.before', lang)} | {t('diff.after', lang)} "
        f"| {t('score', lang)} | |",
        "|---:|---|---|---|---:|:---:|",
    ]
    for change in comparison.items:
        before, after = change.before, change.after
        score = number(after.score, lang)
        if change.score_change:
            score = f"{number(before.score, lang)} → {score}"
        lines.append(
            f"| {change.item.id} | {md(change.item.title.get(lang))} "
            f"| {t(before.status.value, lang)} | {t(after.status.value, lang)} | {score} "
            f"| {_SYMBOL[change.change]} {t(f'diff.{change.change.value}', lang)} |"
        )
    changed = [c for c in comparison.items if c.changed]
    if changed:
        lines += ["", f"## {t('diff.changes', lang)}"]
        for change in changed:
            lines += ["", *item_lines(change, lang)]
    lines += ["", summary(comparison, lang)]
    return "\n".join(lines) + "\n"


def _gemeente_line(old: PlanReport, new: PlanReport, lang: str) -> list[str]:
    """A line that says the municipality differs, when it does."""
    before, after = old.plan.gemeente or "", new.plan.gemeente or ""
    if before == after:
        return []
    return [f"{t('gemeente', lang)}: {md(before)} → {md(after)}", ""]


def _describe(report: PlanReport, lang: str) -> str:
    """The file, with the version or adoption date of the plan."""
    text = f"`{_code(report.file)}`"
    plan = report.plan
    if plan.versie:
        text += f" ({t('version', lang)} {md(plan.versie)})"
    elif plan.vastgesteld:
        text += f" ({t('adopted', lang)} {md(plan.vastgesteld.show(lang))})"
    return text


def _code(text: str) -> str:
    """Text for a code span (shown literally): one line, no backtick to end it early."""
    return " ".join(visible(text).split()).replace("`", "'")


def item_lines(change: ItemChange, lang: str) -> list[str]:
    title = md(change.item.title.get(lang))
    lines = [f"### {change.item.id}. {title} ({t(f'diff.{change.change.value}', lang)})"]
    entries = []
    note = waiver_note(change, lang)
    if note is not None:
        entries.append(f"- ⊘ {md(note)}")
    for result in change.newly_failed:
        # advice (the item is met without it, or it is advisory) is no shortfall
        mark, word, label = (
            ("○", "diff.newly_advised", "recommended")
            if result.advisory
            else ("✘", "diff.newly_failed", "advice")
        )
        entry = f"- {mark} {t(word, lang)}: {md(result.message(lang))}"
        if result.line is not None:
            entry += f" ({t('line', lang)} {result.line})"
        entry += f"  \n  {t(label, lang)}: {md(result.advice(lang))}"
        if result.key:
            entry += f" *({md(result.key)})*"
        entries.append(entry)
    for result in change.newly_met:
        entry = f"- ✔ {t('diff.newly_met', lang)}: {md(result.message(lang))}"
        if result.line is not None:
            entry += f" ({t('line', lang)} {result.line})"
        entries.append(entry)
    if entries:
        lines += ["", *entries]
    return lines
