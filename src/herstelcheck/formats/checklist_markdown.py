"""`herstelcheck checklist --format markdown`: the items as a Markdown document.

Every text from the checklist is escaped with `mdescape` (for GitHub Flavored Markdown too),
so a checklist file's Markdown, HTML or pipes show as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from herstelcheck.checklist import Checklist, Item
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.checklist import (
    alternatives_text,
    sections_text,
    weight_note,
    weight_text,
    weights_differ,
)
from herstelcheck.i18n import t
from herstelcheck.mdescape import escape, paragraphs

md = partial(escape, gfm=True)
"""Text as literal Markdown for GitHub, which makes links of bare addresses otherwise."""
paras = partial(paragraphs, gfm=True)


def render(checklist: Checklist, items: Sequence[Item], options: RenderOptions) -> str:
    lang = options.lang
    lines: list[str] = []
    level = "#"
    if len(items) != 1:
        lines += [f"# {md(checklist.name)} ({md(checklist.version)})", ""]
        source = checklist.source.get(lang)
        if source:
            lines += [f"{t('source', lang)}: {md(source)}", ""]
        level = "##"
    show_weight = weights_differ(checklist)
    for item in items:
        lines += item_lines(item, lang, level, show_weight)
    return "\n".join(lines).rstrip("\n") + "\n"


def item_lines(item: Item, lang: str, level: str, show_weight: bool) -> list[str]:
    sub = level + "#"
    title = md(item.title.get(lang))
    lines = [f"{level} {item.id}. {title} ({md(item.slug)})", ""]
    if show_weight:
        lines += [t("checklist.item_weight", lang, weight=weight_text(item.weight, lang)), ""]
    lines += [f"{sub} {t('asks', lang)}", "", paras(item.explanation.get(lang)), ""]
    lines += [f"{sub} {t('checklist.criteria', lang)}", ""]
    total = sum(c.weight for c in item.criteria)
    for criterion in item.criteria:
        note = weight_note(criterion, total, lang)
        lines.append(f"- **{md(criterion.title.get(lang))}** ({note})  ")
        advice = f"  {t('advice', lang)}: {md(criterion.advice.get(lang))}"
        lines.append(advice + (f" *({md(criterion.key)})*" if criterion.key else ""))
    lines.append("")
    # the titles and sections are escaped one by one; the words around them are ours
    for line in (alternatives_text(item, lang, md), sections_text(item, lang, md)):
        if line is not None:
            lines += [line, ""]
    if item.example is not None:
        heading = t("checklist.example", lang, gemeente=md(item.example.gemeente))
        text = item.example.text.get(lang) or item.example.text.nl
        lines += [f"{sub} {heading}", "", paras(text), ""]
    return lines
