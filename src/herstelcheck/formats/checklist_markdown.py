"""`herstelcheck checklist --format markdown`: the items as a Markdown document.

Every text from the checklist is escaped with `mdtext`, so a checklist file's Markdown,
HTML or pipes show as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from herstelcheck import mdtext
from herstelcheck.checklist import Checklist, Item
from herstelcheck.formats import RenderOptions
from herstelcheck.formats.checklist import share_text, weight_text, weights_differ, word


def render(checklist: Checklist, items: Sequence[Item], options: RenderOptions) -> str:
    lang = options.lang
    lines: list[str] = []
    level = "#"
    if len(items) != 1:
        lines += [f"# {mdtext.inline(checklist.name)} ({mdtext.inline(checklist.version)})", ""]
        source = checklist.source.get(lang)
        if source:
            lines += [f"{word('source', lang)}: {mdtext.inline(source)}", ""]
        level = "##"
    show_weight = weights_differ(checklist)
    for item in items:
        lines += item_lines(item, lang, level, show_weight)
    return "\n".join(lines).rstrip("\n") + "\n"


def item_lines(item: Item, lang: str, level: str, show_weight: bool) -> list[str]:
    sub = level + "#"
    title = mdtext.inline(item.title.get(lang))
    lines = [f"{level} {item.id}. {title} ({mdtext.inline(item.slug)})", ""]
    if show_weight:
        lines += [word("item_weight", lang, weight=weight_text(item.weight, lang)), ""]
    lines += [f"{sub} {word('asks', lang)}", "", mdtext.paragraphs(item.explanation.get(lang)), ""]
    lines += [f"{sub} {word('criteria', lang)}", ""]
    total = sum(c.weight for c in item.criteria)
    for criterion in item.criteria:
        weight = word(
            "weight",
            lang,
            weight=weight_text(criterion.weight, lang),
            share=share_text(criterion.weight, total, lang),
        )
        lines.append(f"- **{mdtext.inline(criterion.title.get(lang))}** ({weight})  ")
        lines.append(f"  {word('advice', lang)}: {mdtext.inline(criterion.advice.get(lang))}")
    lines.append("")
    if item.example is not None:
        heading = word("example", lang, gemeente=mdtext.inline(item.example.gemeente))
        text = item.example.text.get(lang) or item.example.text.nl
        lines += [f"{sub} {heading}", "", mdtext.paragraphs(text), ""]
    return lines
