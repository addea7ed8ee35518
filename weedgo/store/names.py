"""Product names from misspelled or partial text, alike on both back-ends.

The database supplies candidates (by words, then by trigrams); they are re-scored in
Python with rapidfuzz, so that both back-ends name the same product.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from rapidfuzz import fuzz

from weedgo.domain import Product, ScoredProduct
from weedgo.store.terms import plain_text, search_terms

NAME_MATCH_CUTOFF = 55.0
NAME_MATCH_SURE = 75.0  # a word match this good needs no fuzzy (trigram) candidates


def name_match_score(query: str, name: str, brand: str, kind: str) -> float:
    """How well ``query`` names a product, 0..100 (misspelled and partial names).

    ``kind`` holds the product's category and subcategory words, so that
    "pink kush pre roll" prefers the pre-roll over the flower of the same name.
    """
    wanted = plain_text(query)
    if not wanted:
        return 0.0
    label = plain_text(f"{brand} {name}")
    whole = max(
        fuzz.token_set_ratio(wanted, label),
        fuzz.token_set_ratio(wanted, f"{label} {plain_text(kind)}"),
    )
    plain_name = plain_text(name)
    close = max(
        fuzz.token_sort_ratio(wanted, plain_name),
        fuzz.ratio(wanted.replace(" ", ""), plain_name.replace(" ", "")),  # "pinkkush"
    )
    partial = fuzz.partial_ratio(wanted, label)
    return 0.55 * whole + 0.3 * close + 0.15 * partial


async def resolve_name(
    text: str,
    limit: int,
    by_words: Callable[[list[str]], Awaitable[list[Product]]],
    by_trigrams: Callable[[str], Awaitable[list[Product]]],
) -> list[ScoredProduct]:
    """Word candidates first (fast, indexed); trigram candidates too when no word
    candidate is a sure match (misspellings)."""
    words = search_terms(text)
    found = await by_words(words) if words else []
    best = best_name_matches(text, found, limit)
    if best and best[0].score * 100 >= NAME_MATCH_SURE:
        return best
    wanted = plain_text(text)
    if len(wanted.replace(" ", "")) < 3:
        return best
    seen = {product.id for product in found}
    extra = [product for product in await by_trigrams(wanted) if product.id not in seen]
    return best_name_matches(text, [*found, *extra], limit)


def best_name_matches(text: str, candidates: Sequence[Product], limit: int) -> list[ScoredProduct]:
    """Re-score name candidates with :func:`name_match_score`; best first, in stock first."""
    scored = []
    for product in candidates:
        kind = f"{product.category.value.replace('-', ' ')} {product.subcategory}"
        score = name_match_score(text, product.name, product.brand, kind)
        if score >= NAME_MATCH_CUTOFF:
            scored.append((-score, not product.in_stock, product.id, product))
    scored.sort(key=lambda item: item[:3])
    return [ScoredProduct(product=item[3], score=-item[0] / 100) for item in scored[:limit]]
