"""Load the packaged demo catalog into an empty store."""

from __future__ import annotations

import json
import logging
from importlib import resources

from weedgo.domain import Product
from weedgo.store.base import Store

logger = logging.getLogger(__name__)


def demo_products() -> list[Product]:
    raw = resources.files("weedgo").joinpath("data/demo_catalog.json").read_text("utf-8")
    return [Product.model_validate(item) for item in json.loads(raw)]


async def seed_demo_if_empty(store: Store) -> int:
    """Import the demo catalog when the store has no products; returns rows loaded."""
    if await store.categories():
        return 0
    products = demo_products()
    result = await store.upsert_products(products)
    logger.info("loaded the demo catalog: %d products", result.inserted)
    return result.inserted
