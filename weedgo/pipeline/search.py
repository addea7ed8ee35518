"""From an analysis (and the previous turn, for follow-ups) to a catalog search."""

from __future__ import annotations

from collections.abc import Sequence

from weedgo.domain import Product, SearchQuery
from weedgo.pipeline.types import Analysis, Intent


def merge_follow_up(current: Analysis, previous: Analysis | None) -> Analysis:
    """Fill a follow-up's blanks ("anything cheaper?") from the previous question."""
    if previous is None or not current.follow_up:
        return current
    for name in (
        "category",
        "strain_type",
        "min_price",
        "max_price",
        "min_thc",
        "max_thc",
        "min_cbd",
        "max_cbd",
        "size",
    ):
        if getattr(current, name) is None:
            setattr(current, name, getattr(previous, name))
    if not current.effects:
        current.effects = list(previous.effects)
    if not current.keywords:
        current.keywords = list(previous.keywords)
    if current.intent not in (Intent.PRODUCT_INFO, Intent.PRODUCT_SEARCH, Intent.RECOMMENDATION):
        current.intent = previous.intent
    return current


def apply_relative(analysis: Analysis, shown: Sequence[Product]) -> Analysis:
    """ "Cheaper" / "stronger" than what the customer was just shown."""
    if not shown:
        return analysis
    if analysis.wants_cheaper:
        cheapest = min(p.price for p in shown)
        analysis.max_price = round(cheapest - 0.01, 2)
    if analysis.wants_stronger:
        analysis.min_thc = max(p.thc_max for p in shown) + 0.1
    return analysis


def query_from_analysis(analysis: Analysis, *, limit: int = 5) -> SearchQuery:
    return SearchQuery(
        text=" ".join(analysis.keywords),
        category=analysis.category,
        strain_type=analysis.strain_type,
        effects=list(analysis.effects),
        min_price=analysis.min_price,
        max_price=analysis.max_price,
        min_thc=analysis.min_thc,
        max_thc=analysis.max_thc,
        min_cbd=analysis.min_cbd,
        max_cbd=analysis.max_cbd,
        size=analysis.size,
        in_stock_only=True,
        sort="relevance",  # "cheaper" is already a price bound below what was shown
        limit=limit,
    )
