"""Store fixtures: every test runs on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL tests use a schema of their own (``search_path`` set in the URL), dropped
afterwards, so they never meet other users of the database. When the server is not
reachable they are skipped, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest

from weedgo.domain import Category, Product, StrainType
from weedgo.store.base import Store
from weedgo.store.factory import open_store

POSTGRES_URL = os.environ.get(
    "WEEDGO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

C, S = Category, StrainType


def _p(pid: str, name: str, category: Category, strain: StrainType, **fields: object) -> Product:
    return Product.model_validate(
        {"id": pid, "name": name, "category": category, "strain_type": strain, **fields}
    )


def make_catalog() -> list[Product]:
    """About thirty hand-written products; tests rely on their exact values."""
    sleepy, relaxed = "Sleepy", "Relaxed"
    return [
        _p("FL-001", "Pink Kush", C.FLOWER, S.INDICA, brand="Pure Sunfarms", size="3.5g",
           price=32.99, stock=10, thc_min=20, thc_max=24, effects=[sleepy, relaxed, "Hungry"],
           flavors=["Sweet", "Floral"], terpenes=["Myrcene", "Caryophyllene"],
           description="A heavy indica that settles the body; a classic for the evening."),
        _p("FL-002", "Northern Lights", C.FLOWER, S.INDICA, brand="Aurora", size="3.5g",
           price=29.99, stock=5, thc_min=16, thc_max=20, effects=[relaxed, sleepy, "Happy"],
           flavors=["Earthy", "Pine"], terpenes=["Myrcene"],
           description="Calm, dreamy and easy going."),
        _p("FL-003", "Bubba Kush", C.FLOWER, S.INDICA, brand="Redecan", size="3.5g",
           price=44.99, stock=8, thc_min=18, thc_max=22, effects=[sleepy, relaxed],
           flavors=["Coffee", "Chocolate"], description="Deep relaxation before sleep."),
        _p("FL-004", "Granddaddy Purple", C.FLOWER, S.INDICA, brand="Broken Coast",
           size="3.5g", price=38.0, stock=0, thc_min=17, thc_max=23, effects=[sleepy],
           flavors=["Grape", "Berry"], description="Purple buds for restful sleep."),
        _p("FL-005", "Hindu Kush", C.FLOWER, S.INDICA, brand="Tweed", size="3.5g",
           price=25.0, stock=3, thc_min=15, thc_max=19, effects=[relaxed, "Hungry"],
           flavors=["Earthy", "Sweet"], description="Mellow mountain landrace."),
        _p("FL-006", "Master Kush", C.FLOWER, S.INDICA, brand="Spinach", size="3.5g",
           price=27.0, stock=4, thc_min=19, thc_max=21, effects=["Happy", "Euphoric"],
           flavors=["Citrus"], description="Bright for an indica."),
        _p("FL-007", "Pink Kush", C.FLOWER, S.INDICA, brand="Pure Sunfarms", size="28g",
           price=139.99, stock=2, thc_min=20, thc_max=24, effects=[sleepy, relaxed],
           flavors=["Sweet"], description="The ounce of our favourite indica."),
        _p("FL-010", "Jack Herer", C.FLOWER, S.SATIVA, brand="Tweed", size="3.5g",
           price=34.99, stock=6, thc_min=18, thc_max=23, effects=["Energetic", "Creative"],
           flavors=["Pine", "Spicy"], terpenes=["Terpinolene"],
           description="Clear-headed daytime sativa."),
        _p("FL-011", "Durban Poison", C.FLOWER, S.SATIVA, brand="Aurora", size="3.5g",
           price=39.99, stock=7, thc_min=20, thc_max=26, effects=["Energetic", "Uplifted"],
           flavors=["Sweet", "Anise"], description="African landrace full of energy."),
        _p("FL-012", "Sour Diesel", C.FLOWER, S.SATIVA, brand="Redecan", size="7g",
           price=62.0, stock=4, thc_min=22, thc_max=27, effects=["Energetic", "Happy"],
           flavors=["Diesel", "Citrus"], description="Pungent and fast acting."),
        _p("FL-013", "Green Crack", C.FLOWER, S.SATIVA, brand="Spinach", size="3.5g",
           price=30.0, stock=0, thc_min=17, thc_max=21, effects=["Focused", "Energetic"],
           flavors=["Mango"], description="Sharp focus."),
        _p("FL-020", "Blue Dream", C.FLOWER, S.HYBRID, brand="Tweed", size="3.5g",
           price=36.99, stock=9, thc_min=17, thc_max=24, effects=[relaxed, "Creative"],
           flavors=["Blueberry", "Sweet"], terpenes=["Myrcene", "Pinene"],
           description="Balanced hybrid with a berry nose."),
        _p("FL-021", "Blueberry", C.FLOWER, S.INDICA, brand="Aurora", size="3.5g",
           price=31.0, stock=5, thc_min=16, thc_max=19, effects=[relaxed, sleepy, "Happy"],
           flavors=["Blueberry"], description="Fruity and calming."),
        _p("FL-022", "Wedding Cake", C.FLOWER, S.HYBRID, brand="Broken Coast", size="3.5g",
           price=45.0, stock=3, thc_min=22, thc_max=25, effects=[relaxed, "Euphoric"],
           flavors=["Vanilla"], description="Rich and sweet."),
        _p("FL-023", "Girl Scout Cookies", C.FLOWER, S.HYBRID, brand="Redecan", size="3.5g",
           price=40.0, stock=4, thc_min=19, thc_max=24, effects=["Happy", relaxed],
           flavors=["Mint", "Sweet"], description="Euphoric and relaxing."),
        _p("FL-024", "Dream Queen", C.FLOWER, S.HYBRID, brand="Spinach", size="3.5g",
           price=33.0, stock=5, thc_min=16, thc_max=20, effects=["Creative", "Energetic"],
           flavors=["Tropical"], description="A creative daydream."),
        _p("FL-030", "Charlotte's Web", C.FLOWER, S.CBD, brand="Tweed", size="3.5g",
           price=28.0, stock=5, thc_min=0.3, thc_max=1.0, cbd_min=12, cbd_max=16,
           effects=["Calm", "Focused"], flavors=["Earthy"], description="High CBD, low THC."),
        _p("PR-001", "Pink Kush", C.PRE_ROLL, S.INDICA, brand="Pure Sunfarms",
           subcategory="multi-pack", size="3x0.5g", price=14.99, stock=12, thc_min=20,
           thc_max=24, effects=[sleepy, relaxed], flavors=["Sweet"],
           description="Three pre-rolled joints of Pink Kush."),
        _p("PR-002", "Jack Herer", C.PRE_ROLL, S.SATIVA, brand="Tweed", size="1g",
           price=9.99, stock=20, thc_min=18, thc_max=22, effects=["Energetic", "Creative"],
           description="One pre-rolled joint."),
        _p("PR-003", "Northern Lights", C.PRE_ROLL, S.INDICA, brand="Aurora", size="1g",
           price=8.99, stock=15, thc_min=16, thc_max=20, effects=[sleepy, relaxed],
           description="Evening pre-roll."),
        _p("PR-004", "Sour Diesel", C.PRE_ROLL, S.SATIVA, brand="Redecan", size="1g",
           price=10.5, stock=0, thc_min=21, thc_max=25, effects=["Energetic"],
           description="Out of stock pre-roll."),
        _p("ED-001", "Sour Gummies Blood Orange", C.EDIBLE, S.INDICA, brand="Wana",
           subcategory="gummies", size="2x5mg", price=6.5, stock=30, thc_min=10, thc_max=10,
           potency_unit="mg", effects=[relaxed, sleepy], flavors=["Orange"],
           description="Fruity gummies, 5 mg THC each."),
        _p("ED-002", "Camino Midnight Blueberry Gummies", C.EDIBLE, S.INDICA, brand="Kiva",
           subcategory="gummies", size="5x2mg", price=7.95, stock=18, thc_min=10,
           thc_max=10, potency_unit="mg", effects=[sleepy], flavors=["Blueberry"],
           description="Gummies made for bedtime."),
        _p("ED-003", "Dark Chocolate Bar", C.EDIBLE, S.HYBRID, brand="Bhang",
           subcategory="chocolate", size="10mg", price=8.0, stock=10, thc_min=10,
           thc_max=10, potency_unit="mg", effects=["Happy"], flavors=["Chocolate"]),
        _p("VA-001", "Blue Dream Vape Cartridge", C.VAPE, S.HYBRID, brand="Good Supply",
           subcategory="510 cartridge", size="0.5g", price=35.0, stock=6, thc_min=80,
           thc_max=85, effects=[relaxed, "Creative"], flavors=["Blueberry"]),
        _p("VA-002", "Northern Lights Vape", C.VAPE, S.INDICA, brand="Aurora",
           subcategory="disposable", size="0.3g", price=45.0, stock=4, thc_min=82,
           thc_max=88, effects=[sleepy, relaxed]),
        _p("CO-001", "Wedding Cake Shatter", C.CONCENTRATE, S.HYBRID, brand="Broken Coast",
           subcategory="shatter", size="1g", price=40.0, stock=3, thc_min=70, thc_max=78,
           effects=[relaxed, "Euphoric"]),
        _p("OI-001", "CBD Oil 1000", C.OIL, S.CBD, brand="Solei", size="30ml", price=55.0,
           stock=8, thc_min=0, thc_max=1, cbd_min=30, cbd_max=33, potency_unit="mg",
           effects=["Calm"], description="Drops under the tongue."),
        _p("CA-001", "Sleep Softgels", C.CAPSULE, S.INDICA, brand="Solei", size="30x2.5mg",
           price=29.99, stock=9, thc_min=2.5, thc_max=2.5, cbd_min=0, cbd_max=0,
           potency_unit="mg", effects=[sleepy], description="Softgels with CBN for sleep."),
        _p("BE-001", "Grapefruit Sparkling Water", C.BEVERAGE, S.SATIVA, brand="Houseplant",
           size="355ml", price=5.0, stock=24, thc_min=2, thc_max=2, potency_unit="mg",
           effects=["Uplifted"], flavors=["Grapefruit"]),
        _p("AC-001", "Glass Pipe", C.ACCESSORY, S.NONE, brand="Generic", price=20.0, stock=5,
           description="Hand blown glass pipe."),
    ]  # fmt: skip


@pytest.fixture
def catalog() -> list[Product]:
    return make_catalog()


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL at {POSTGRES_URL} is not reachable ({reason}); CI needs it")
    pytest.skip(f"PostgreSQL is not reachable: {reason}")


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(POSTGRES_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@asynccontextmanager
async def postgres_schema() -> AsyncIterator[str]:
    """A URL whose ``search_path`` is a fresh schema (public stays visible for pg_trgm)."""
    schema = f"weedgo_test_{uuid.uuid4().hex[:12]}"
    try:
        await _admin(f"CREATE SCHEMA {schema}")
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        _postgres_unavailable(str(exc))
    # In public, so that dropping a test schema never drops the extension; a concurrent
    # run may create it at the same moment.
    with contextlib.suppress(asyncpg.UniqueViolationError):
        await _admin("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}search_path={schema},public"
    finally:
        await _admin(f"DROP SCHEMA {schema} CASCADE")


@asynccontextmanager
async def database_url(backend: str, tmp_path: Path) -> AsyncIterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    async with postgres_schema() as url:
        yield url


@pytest.fixture(params=BACKENDS)
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database URL of a fresh, empty database for each back-end."""
    async with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[Store]:
    opened = open_store(store_url, pool_min=1, pool_max=4)
    await opened.open()
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def loaded(store: Store, catalog: list[Product]) -> Store:
    """The store holding the fixed catalog."""
    await store.upsert_products(catalog)
    return store


@pytest.fixture
async def both(tmp_path: Path, catalog: list[Product]) -> AsyncIterator[tuple[Store, Store]]:
    """SQLite and PostgreSQL side by side, both loaded, to compare their answers."""
    async with database_url("postgresql", tmp_path) as pg_url:
        stores = (open_store(f"sqlite:///{tmp_path / 'both.db'}"), open_store(pg_url))
        for opened in stores:
            await opened.open()
            await opened.upsert_products(catalog)
        try:
            yield stores
        finally:
            await asyncio.gather(*(opened.close() for opened in stores))
