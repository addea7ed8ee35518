"""The catalog as the pipeline sees it: its version, its product names, cached searches.

The names follow the catalog version (checked at most once a second); a search goes
through the search cache, keyed by that version, so a changed catalog is never served
from an old one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from weedgo.cache.registry import Caches
from weedgo.domain import Product, SearchQuery, Turn
from weedgo.domain.turn import Analysis
from weedgo.errors import StoreError, StoreTimeout
from weedgo.i18n.detect import detect_language
from weedgo.metrics import Metrics
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.finding import ProductFinder
from weedgo.pipeline.search import apply_relative, merge_follow_up
from weedgo.store.base import Store

logger = logging.getLogger(__name__)

_VERSION_CHECK_S = 1.0


class Shelf:
    """The store's catalog for the pipeline: names, version and cached search."""

    def __init__(self, store: Store, caches: Caches, metrics: Metrics) -> None:
        self.store = store
        self.caches = caches
        self.metrics = metrics
        self.version = -1
        self.known_names: list[str] = []  # product names and brands, for the analyser
        self.names_lower: set[str] = set()  # the same, lower-cased, for the guard
        self.name_ids: dict[str, list[str]] = {}  # a name may be sold by several brands
        self._checked = 0.0

    async def refresh(self, force: bool = False) -> StoreError | None:
        """Follow the catalog version; reload product names when it moves. The store's
        failure, if it failed."""
        now = time.monotonic()
        if not force and now - self._checked < _VERSION_CHECK_S:
            return None
        self._checked = now
        try:
            version = await self.store.catalog_version()
            if version == self.version:
                return None
            names = await self.store.product_names()
        except StoreError as error:
            logger.warning("catalog version check failed: %s", error)
            return error
        self.version = version
        self.name_ids = {}
        for pid, name, _brand in names:
            self.name_ids.setdefault(name, []).append(pid)
        brands = {brand for _pid, _name, brand in names if brand}
        self.known_names = sorted(set(self.name_ids) | brands)
        self.names_lower = {name.lower() for name in self.known_names}
        self.caches.search.clear()
        logger.info("catalog version %s: %d products", version, len(self.name_ids))
        return None

    async def search(self, query: SearchQuery, *, reachable: bool = True) -> list[Product]:
        """A catalog search through the search cache; raises StoreError when the
        database fails (a failed search is not an empty one)."""
        key = f"search:{self.version}:{query.model_dump_json()}"

        async def run() -> list[dict[str, Any]]:
            if not reachable:
                raise StoreTimeout("the database did not answer earlier in this turn")
            found = await self.store.search(query)
            return [hit.product.model_dump(mode="json") for hit in found]

        rows, hit = await self.caches.search.get_or_compute(key, run)
        self.metrics.record_cache("search", hit)
        return [Product.model_validate(row) for row in rows]

    async def find(
        self,
        analysis: Analysis,
        history: Sequence[Turn],
        *,
        language: str,
        reachable: bool,
        show: bool,
    ) -> tuple[Analysis, list[Product], str]:
        """The analysis as the search read it (a follow-up filled from the previous
        question), the products to show and the note that labels them as the nearest.
        Only cached searches serve a store that did not answer earlier in this turn;
        ``show`` False searches nothing. Raises StoreError."""
        shown = await self._previously_shown(history) if reachable else []
        if analysis.follow_up:
            previous = self._previous_analysis(history, language)
            analysis = apply_relative(merge_follow_up(analysis, previous), shown)
        if not show:
            return analysis, [], ""

        async def search(query: SearchQuery) -> list[Product]:
            return await self.search(query, reachable=reachable)

        finder = ProductFinder(self.store, search, self.name_ids, reachable=reachable)
        products, note = await finder.find(analysis, shown)
        return analysis, products, note

    def _previous_analysis(self, history: Sequence[Turn], language: str) -> Analysis | None:
        for turn in reversed(history):
            if turn.role == "user":
                read_as = detect_language(turn.content) or language
                return analyze(turn.content, known_names=self.known_names, language=read_as)
        return None

    async def _previously_shown(self, history: Sequence[Turn]) -> list[Product]:
        for turn in reversed(history):
            if turn.role == "assistant" and turn.product_ids:
                return await self.store.get_products(turn.product_ids)
        return []
