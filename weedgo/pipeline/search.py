"""From an analysis (and the previous turn, for follow-ups) to a catalog search.

What the customer stated (a category, format, strain type, price or potency bound, size,
terpene or aroma, an ordering) is a filter of the query. :func:`free_relaxations` may
only drop the free words and the effects; when even that finds nothing,
:func:`nearest_queries` loosens the stated constraints one at a time, and the reply
must say that these are the nearest products, not matches.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from weedgo.domain import Category, Product, SearchQuery
from weedgo.domain.turn import Analysis, Intent

_INHERITED = ("category", "subcategory", "strain_type", "min_price", "max_price", "size")
_POTENCY = ("min_thc", "max_thc", "min_cbd", "max_cbd")
NOTHING_MATCHES = "Nothing in stock matches all of that"
_NEAREST = {"thc_asc": "the mildest", "thc_desc": "the strongest", "price_asc": "the cheapest",
            "price_desc": "the priciest"}  # fmt: skip
NOT_CARRIED = "We don't carry that one; here are the closest products we have."
Search = Callable[[SearchQuery], Awaitable[list[Product]]]
PAGE = 50  # the largest page of a catalog search
VALUE_PAGES = 20  # pages read, at most, to choose the best value among
_WEIGHT = re.compile(r"^(?:(\d+)\s*x\s*)?(\d+(?:\.\d+)?)\s*g$", re.IGNORECASE)


def merge_follow_up(current: Analysis, previous: Analysis | None) -> Analysis:
    """A follow-up's blanks ("anything cheaper?", "in a pre-roll?") filled from the
    previous question; a new category replaces the previous format and size."""
    if previous is None or not current.follow_up:
        return current
    switched = current.category is not None and current.category != previous.category
    filled: dict[str, Any] = {}
    for name in _INHERITED:
        if getattr(current, name) is None and not (switched and name in ("subcategory", "size")):
            filled[name] = getattr(previous, name)
    filled.update(_inherited_potency(current, previous, switched))
    for name in ("effects", "keywords", "terpenes", "flavors"):
        if not getattr(current, name):
            filled[name] = list(getattr(previous, name))
    if current.sort == "relevance" and not current.best_value:
        filled["sort"], filled["best_value"] = previous.sort, previous.best_value
    if current.intent not in (Intent.PRODUCT_INFO, Intent.PRODUCT_SEARCH, Intent.RECOMMENDATION):
        filled["intent"] = previous.intent
    return replace(current, **filled)


def _inherited_potency(current: Analysis, previous: Analysis, switched: bool) -> dict[str, Any]:
    """The previous question's THC / CBD bounds, where this one states none in its unit."""
    filled: dict[str, Any] = {}
    unit = current.potency_unit
    if not switched and all(getattr(current, name) is None for name in _POTENCY):
        unit = filled["potency_unit"] = previous.potency_unit
    if unit == previous.potency_unit:
        for name in _POTENCY:
            if getattr(current, name) is None:
                filled[name] = getattr(previous, name)
    return filled


def apply_relative(analysis: Analysis, shown: Sequence[Product]) -> Analysis:
    """ "Cheaper" / "stronger" than what the customer was just shown."""
    if not shown:
        return analysis
    bounds: dict[str, Any] = {}
    if analysis.wants_cheaper:
        bounds["max_price"] = round(min(p.price for p in shown) - 0.01, 2)
    if analysis.wants_stronger:
        bounds["min_thc"] = max(p.thc_max for p in shown) + 0.1
    return replace(analysis, **bounds)


def query_from_analysis(analysis: Analysis, *, limit: int = 5) -> SearchQuery:
    return SearchQuery(
        text=" ".join(analysis.keywords),
        category=analysis.category,
        subcategory=analysis.subcategory,
        strain_type=analysis.strain_type,
        effects=list(analysis.effects),
        min_price=analysis.min_price,
        max_price=analysis.max_price,
        min_thc=analysis.min_thc,
        max_thc=analysis.max_thc,
        min_cbd=analysis.min_cbd,
        max_cbd=analysis.max_cbd,
        potency_unit=analysis.potency_unit,
        size=analysis.size,
        terpenes=list(analysis.terpenes),
        flavors=list(analysis.flavors),
        exclude_accessories=analysis.category is not Category.ACCESSORY,
        in_stock_only=True,
        sort=analysis.sort,  # "cheaper" is already a price bound below what was shown
        limit=limit,
    )


def free_relaxations(query: SearchQuery) -> Iterator[SearchQuery]:
    """The query, then without its free words, then without its effects too."""
    yield query
    steps: tuple[dict[str, Any], ...] = ({"text": ""}, {"effects": []})
    for loosen in steps:
        query = query.model_copy(update=loosen)
        yield query


def nearest_queries(query: SearchQuery) -> Iterator[SearchQuery]:
    """Stated constraints loosened one more at a time, nearest first: the format, the
    aroma, the size, the price and potency bounds (ordering towards the dropped bound:
    "nothing under 15 %; the mildest we have"), the strain type, then the category."""
    query = query.model_copy(update={"text": "", "effects": []})
    for loosen in _loosening(query):
        query = query.model_copy(update=loosen)
        yield query


def _loosening(query: SearchQuery) -> Iterator[dict[str, Any]]:
    yield {"subcategory": None}
    yield {"terpenes": [], "flavors": []}
    yield {"size": None}
    if query.max_price is not None:
        yield {"max_price": None, "sort": "price_asc"}
    if query.min_price is not None:
        yield {"min_price": None, "sort": "price_desc"}
    if query.max_thc is not None or query.max_cbd is not None:
        yield {"max_thc": None, "max_cbd": None, "sort": "thc_asc"}
    if query.min_thc is not None or query.min_cbd is not None:
        yield {"min_thc": None, "min_cbd": None, "sort": "thc_desc"}
    yield {"strain_type": None}
    yield {"category": None}


async def find_relaxed(
    query: SearchQuery, search: Search, *, asks_for_missing: bool = False, nearest: bool = True
) -> tuple[list[Product], str]:
    """The products for ``query`` and a note: "" when they match everything stated,
    :func:`nearest_note` (or :data:`NOT_CARRIED` for a name we do not have) when they
    are only the nearest. Free words, then effects, are dropped while nothing is found."""
    for step, candidate in enumerate(free_relaxations(query)):
        if step > 0 and asks_for_missing and candidate.category is None:
            # a name we do not carry is most often a strain's: the closest are flowers
            candidate = candidate.model_copy(update={"category": Category.FLOWER})
        found = await search(candidate)
        if found:
            missing = asks_for_missing and step > 0 and bool(query.text)
            return found, NOT_CARRIED if missing else ""
    for candidate in nearest_queries(query) if nearest else ():
        found = await search(candidate)
        if found:
            return found, NOT_CARRIED if asks_for_missing else nearest_note(query, candidate)
    return [], ""


def nearest_note(asked: SearchQuery, shown: SearchQuery) -> str:
    """ "Nothing in stock matches all of that; here are the mildest we have." """
    kind = _NEAREST.get(shown.sort, "the nearest") if shown.sort != asked.sort else "the nearest"
    return f"{NOTHING_MATCHES}; here are {kind} we have."


def price_per_gram(product: Product) -> float | None:
    """The price of one gram, for products sold by weight ("3.5 g", "3 x 0.5 g")."""
    match = _WEIGHT.match(product.size.strip())
    if not match:
        return None
    grams = int(match.group(1) or 1) * float(match.group(2))
    return product.price / grams if grams > 0 else None


def by_value(products: Sequence[Product], limit: int) -> list[Product]:
    """The lowest price per gram first; products not sold by weight after them, as found."""
    weighed = [p for p in products if price_per_gram(p) is not None]
    weighed.sort(key=lambda p: (price_per_gram(p), p.price, p.id))
    return [*weighed, *(p for p in products if price_per_gram(p) is None)][:limit]
