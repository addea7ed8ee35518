"""Catalog writes: round trip, upsert counts, replace, version, rollback."""

from __future__ import annotations

import pytest

from weedgo.domain import Category, Product, SearchQuery, StrainType
from weedgo.errors import StoreError
from weedgo.store.base import Store


async def test_products_round_trip_exactly(loaded: Store, catalog: list[Product]) -> None:
    for product in catalog:
        assert await loaded.get_product(product.id) == product
    assert await loaded.get_product("missing") is None


async def test_get_products_keeps_the_order_and_skips_unknown(loaded: Store) -> None:
    found = await loaded.get_products(["PR-001", "nope", "FL-020", "ED-001"])
    assert [p.id for p in found] == ["PR-001", "FL-020", "ED-001"]
    assert await loaded.get_products([]) == []


async def test_unicode_and_odd_values_survive(store: Store) -> None:
    product = Product(
        id="X-1", name="Crème Brûlée «OG» 'quoted' \"double\"", category=Category.VAPE,
        strain_type=StrainType.HYBRID, effects=["Relaxed", "Ünïcode"], flavors=[],
        terpenes=["β-Caryophyllene"], price=0.1 + 0.2, thc_min=0.123456789, stock=1,
    )  # fmt: skip
    await store.upsert_products([product])
    assert await store.get_product("X-1") == product
    found = await store.find_by_name("creme brulee")
    assert [item.product.id for item in found] == ["X-1"]


async def test_categories_and_names(loaded: Store, catalog: list[Product]) -> None:
    counts = await loaded.categories()
    assert counts["flower"] == 17 and counts["pre-roll"] == 4 and counts["edible"] == 3
    assert sum(counts.values()) == len(catalog)
    names = await loaded.product_names()
    assert len(names) == len(catalog)
    assert ("ED-001", "Sour Gummies Blood Orange", "Wana") in names
    assert [row[0] for row in names] == sorted(row[0] for row in names)


async def test_upsert_counts_and_version(store: Store, catalog: list[Product]) -> None:
    assert await store.catalog_version() == 0
    first = await store.upsert_products(catalog[:20])
    assert (first.inserted, first.updated, first.removed) == (20, 0, 0)
    assert first.catalog_version == await store.catalog_version() == 1

    cheaper = catalog[0].model_copy(update={"price": 1.0})
    second = await store.upsert_products([cheaper, *catalog[1:25]])
    assert (second.inserted, second.updated, second.removed) == (5, 1, 0)
    assert second.catalog_version == 2
    assert (await store.get_product(cheaper.id)) == cheaper

    same = await store.upsert_products(catalog[1:25])
    assert (same.inserted, same.updated, same.removed) == (0, 0, 0)
    assert same.catalog_version == 2, "an import that changes nothing keeps the version"


async def test_replace_removes_the_absent(loaded: Store, catalog: list[Product]) -> None:
    kept = catalog[:10]
    result = await loaded.upsert_products(kept, replace=True)
    assert (result.inserted, result.updated, result.removed) == (0, 0, len(catalog) - 10)
    assert result.catalog_version == 2
    assert sum((await loaded.categories()).values()) == 10
    assert await loaded.get_product(catalog[-1].id) is None
    assert await loaded.find_by_name(catalog[-1].name) == []


async def test_updates_reach_the_text_index(loaded: Store, catalog: list[Product]) -> None:
    renamed = catalog[0].model_copy(update={"name": "Zebra Kush", "description": "striped"})
    await loaded.upsert_products([renamed])
    assert [i.product.id for i in await loaded.search(SearchQuery(text="zebra"))] == ["FL-001"]
    assert [i.product.id for i in await loaded.search(SearchQuery(text="striped"))] == ["FL-001"]
    assert await loaded.find_by_name("zebra kush") != []


async def test_a_bad_row_rolls_the_whole_batch_back(loaded: Store, catalog: list[Product]) -> None:
    before = await loaded.catalog_version()
    good = Product(id="NEW-1", name="Fresh One", category=Category.FLOWER, price=10.0)
    changed = catalog[0].model_copy(update={"price": 99.0})
    bad = Product.model_construct(**{**good.model_dump(), "id": "NEW-2", "name": None})
    with pytest.raises(StoreError):
        await loaded.upsert_products([good, changed, bad, catalog[1]], replace=True)
    assert await loaded.catalog_version() == before
    assert await loaded.get_product("NEW-1") is None
    assert await loaded.get_product(catalog[0].id) == catalog[0]
    assert sum((await loaded.categories()).values()) == len(catalog)


async def test_store_stays_usable_after_a_failed_import(
    loaded: Store, catalog: list[Product]
) -> None:
    bad = Product.model_construct(**{**catalog[0].model_dump(), "id": "BAD", "name": None})
    with pytest.raises(StoreError):
        await loaded.upsert_products([bad])
    result = await loaded.upsert_products([catalog[0].model_copy(update={"stock": 0})])
    assert result.updated == 1


async def test_bulk_import_rebuilds_the_text_indexes(
    store: Store, catalog: list[Product], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("weedgo.store.sqlite._BULK_ROWS", 5)
    monkeypatch.setattr("weedgo.store.postgres._ANALYZE_ROWS", 5)
    result = await store.upsert_products(catalog)
    assert result.inserted == len(catalog)
    assert [i.product.id for i in await store.search(SearchQuery(text="shatter"))] == ["CO-001"]
    assert (await store.find_by_name("wana gummies"))[0].product.id == "ED-001"
    # A small change afterwards goes through the triggers again.
    renamed = catalog[0].model_copy(update={"name": "Quokka Kush"})
    assert (await store.upsert_products([renamed])).updated == 1
    assert [i.product.id for i in await store.search(SearchQuery(text="quokka"))] == ["FL-001"]
    # A bulk replace removes the dropped products from the indexes too.
    removed = await store.upsert_products(catalog[10:], replace=True)
    assert removed.removed == 10 and removed.updated == 0
    assert await store.search(SearchQuery(text="quokka")) == []
    assert "FL-001" not in [i.product.id for i in await store.find_by_name("quokka kush")]
