"""Which products a turn shows: the referred one, a named product and its other formats,
or a search of what the customer stated, relaxed as :mod:`weedgo.pipeline.search` allows.

A store failure raises :class:`weedgo.errors.StoreError` to the caller: a search that
failed has not found "nothing"."""

from __future__ import annotations

from collections.abc import Sequence

from weedgo.domain import Category, Product, SearchQuery
from weedgo.domain.turn import PRODUCT_INTENTS, Analysis, Intent
from weedgo.errors import StoreTimeout
from weedgo.pipeline.search import (
    PAGE,
    VALUE_PAGES,
    Search,
    by_value,
    find_relaxed,
    query_from_analysis,
)
from weedgo.store.base import Store
from weedgo.text import words

SHOWN = 5
_CONTEXT_INTENTS = PRODUCT_INTENTS | {Intent.EDUCATION, Intent.DOSAGE, Intent.MEDICAL}


def _distinct(products: Sequence[Product]) -> list[Product]:
    """Each product once, where it first appears."""
    first: dict[str, Product] = {}
    for product in products:
        first.setdefault(product.id, product)
    return list(first.values())


class ProductFinder:
    """Finds a turn's products in the store, through the pipeline's cached ``search``."""

    def __init__(
        self,
        store: Store,
        search: Search,
        name_ids: dict[str, list[str]],
        *,
        reachable: bool = True,
    ) -> None:
        self.store = store
        self.search = search
        self.name_ids = name_ids  # a catalog name -> the ids of the products of that name
        self.reachable = reachable  # False: the store did not answer earlier in this turn

    def _store(self) -> Store:
        if not self.reachable:
            raise StoreTimeout("the database did not answer earlier in this turn")
        return self.store

    async def find(self, analysis: Analysis, shown: list[Product]) -> tuple[list[Product], str]:
        """The products to show, and the note that labels them as the nearest, if they are."""
        if analysis.refers_to_index is not None and shown:
            index = min(analysis.refers_to_index, len(shown) - 1)
            return [shown[index]], ""
        if analysis.intent not in _CONTEXT_INTENTS and not analysis.product_names:
            return [], ""
        named = await self._named_products(analysis)
        if analysis.intent == Intent.PRODUCT_INFO and named:
            return named[:1], ""
        query = query_from_analysis(analysis, limit=SHOWN)
        if named:  # the product, its other formats, then similar products
            formats = await self._other_formats(named[0])
            similar, _ = await find_relaxed(query, self.search, nearest=False)
            return _distinct([*named, *formats, *similar])[:SHOWN], ""
        search = self._search_all if analysis.best_value else self.search
        found, note = await find_relaxed(query, search, asks_for_missing=analysis.asks_for_missing)
        return (by_value(found, SHOWN) if analysis.best_value else found[:SHOWN]), note

    async def _search_all(self, query: SearchQuery) -> list[Product]:
        """Every product the query finds, page by page (to choose the best value among)."""
        found: list[Product] = []
        for page in range(VALUE_PAGES):
            update = {"limit": PAGE, "offset": page * PAGE}
            rows = await self.search(query.model_copy(update=update))
            found += rows
            if len(rows) < PAGE:
                break
        return found

    async def _other_formats(self, product: Product) -> list[Product]:
        """Products whose name holds this one's ("Blue Dream Pre-Rolls"); no accessories."""
        hits = await self._store().find_by_name(product.name, limit=10)
        base = " ".join(words(product.name))
        return [
            hit.product
            for hit in hits
            if hit.product.in_stock
            and hit.product.category is not Category.ACCESSORY
            and base in " ".join(words(hit.product.name))
        ]

    async def _named_products(self, analysis: Analysis) -> list[Product]:
        ids = [i for n in analysis.product_names for i in self.name_ids.get(n, [])]
        if not ids:
            return []
        return [p for p in await self._store().get_products(ids) if p.in_stock][:3]
