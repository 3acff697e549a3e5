"""What the views of `herstelcheck checklist` share: weights and shares as people write them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herstelcheck.checklist import Checklist


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
