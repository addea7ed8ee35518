"""The catalog's read API for integrators."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from weedgo import deadline
from weedgo.api.deps import ServicesDep
from weedgo.api.responses import errors
from weedgo.domain import Category, Product, SearchQuery, SortOrder, StrainType
from weedgo.errors import InvalidRequest, NotFound, StoreError
from weedgo.services import Services
from weedgo.store.base import Store

router = APIRouter(prefix="/api/v1/products", tags=["products"])


@asynccontextmanager
async def catalog(services: Services) -> AsyncIterator[Store]:
    """The store, for work that ends within the request's deadline (503 otherwise)."""
    if not services.store_open:
        raise StoreError(services.store_problem or "The catalog database is not open yet.")
    seconds = services.settings.request_deadline_s
    deadline.start(seconds)
    try:
        async with asyncio.timeout(seconds):
            yield services.store
    except TimeoutError as error:
        raise StoreError("The catalog did not answer in time; please retry.") from error


class ProductPage(BaseModel):
    items: list[Product]
    total: int
    limit: int
    offset: int
    catalog_version: int


@router.get("", response_model=ProductPage, responses=errors(400, 422, 503))
async def list_products(
    services: ServicesDep,
    q: Annotated[str, Query(max_length=200, description="Free text")] = "",
    category: Category | None = None,
    strain_type: StrainType | None = None,
    min_price: Annotated[float | None, Query(ge=0)] = None,
    max_price: Annotated[float | None, Query(ge=0)] = None,
    min_thc: Annotated[float | None, Query(ge=0)] = None,
    max_thc: Annotated[float | None, Query(ge=0)] = None,
    effects: Annotated[list[str] | None, Query(description="Repeat or comma-separate")] = None,
    in_stock: bool = False,
    sort: SortOrder = "relevance",
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
    offset: Annotated[int, Query(ge=0, le=100000)] = 0,
) -> ProductPage:
    """Search and filter the catalog, best match first (or by price)."""
    _check_ranges(("price", min_price, max_price), ("THC", min_thc, max_thc))
    query = SearchQuery(
        text=q,
        category=category,
        strain_type=strain_type,
        effects=_effects(effects),
        min_price=min_price,
        max_price=max_price,
        min_thc=min_thc,
        max_thc=max_thc,
        in_stock_only=in_stock,
        sort=sort,
        limit=limit,
        offset=offset,
    )
    return await _page(services, query)


def _check_ranges(*ranges: tuple[str, float | None, float | None]) -> None:
    for name, low, high in ranges:
        if low is not None and high is not None and low > high:
            raise InvalidRequest(f"min {name} ({low}) is above max {name} ({high}).")


def _effects(given: list[str] | None) -> list[str]:
    """``effects=Sleepy&effects=calm,happy`` as ``["Sleepy", "Calm", "Happy"]``."""
    return [e.strip().title() for item in given or [] for e in item.split(",") if e.strip()]


async def _page(services: Services, query: SearchQuery) -> ProductPage:
    async with catalog(services) as store:
        found = await store.search(query)
        total = await store.count(query)
        version = await store.catalog_version()
    return ProductPage(
        items=[hit.product for hit in found],
        total=total,
        limit=query.limit,
        offset=query.offset,
        catalog_version=version,
    )


@router.get("/categories", responses=errors(503))
async def categories(services: ServicesDep) -> dict[str, int]:
    """Every category with its number of products."""
    async with catalog(services) as store:
        return await store.categories()


@router.get("/{product_id}", response_model=Product, responses=errors(404, 503))
async def get_product(product_id: str, services: ServicesDep) -> Product:
    async with catalog(services) as store:
        product = await store.get_product(product_id)
    if product is None:
        raise NotFound(f"No product with id {product_id!r}.")
    return product
