"""What the views of `herstelcheck checklist` share: weights and shares as people write
them, a criterion's role, and an item's alternatives and sections in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from herstelcheck.i18n import t
from herstelcheck.planwords import join

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist, Criterion, Item


def weight_text(weight: float, lang: str) -> str:
    """A weight as people write it: 1, 1,5 (Dutch) or 1.5."""
    from herstelcheck.i18n import decimal

    return decimal(f"{weight:g}", lang)


def share_text(weight: float, total: float, lang: str) -> str:
    """A criterion's share of its item, as a percentage."""
    share = 100 * weight / total if total > 0 else 0
    return f"{share:.0f}%"


def weights_differ(checklist: Checklist) -> bool:
    return len({item.weight for item in checklist.items}) > 1


def weight_note(criterion: Criterion, total: float, lang: str) -> str:
    """`vereist, gewicht 1, 25%`: the criterion's role, weight and share of its item."""
    return t(
        "checklist.weight",
        lang,
        role=t(f"role.{criterion.role.value}", lang),
        weight=weight_text(criterion.weight, lang),
        share=share_text(criterion.weight, total, lang),
    )


def alternatives_text(item: Item, lang: str, show: Callable[[str], str]) -> str | None:
    """`Voldaan met één van: (1) A; (2) B en C`, each criterion by its title (as `show`
    writes it: made visible, or escaped); None for an item without alternatives."""
    if not item.alternatives:
        return None
    ways = [
        f"({number}) " + join([show(item.criteria[i].title.get(lang)) for i in alternative], lang)
        for number, alternative in enumerate(item.alternatives, start=1)
    ]
    return t("checklist.alternatives", lang, alternatives="; ".join(ways))


def sections_text(item: Item, lang: str, show: Callable[[str], str]) -> str | None:
    """The plan sections of the item, where its `toelichting` counts; None without them."""
    if not item.sections:
        return None
    return t("checklist.sections", lang, sections=", ".join(show(s) for s in item.sections))
