"""Migrations, the factory, connection errors and ping."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from weedgo.domain import SearchQuery
from weedgo.errors import StoreError
from weedgo.store.base import Store
from weedgo.store.factory import open_store, sqlite_path
from weedgo.store.migrations import (
    POSTGRES_MIGRATIONS,
    SQLITE_MIGRATIONS,
    migrate_postgres,
    migrate_sqlite,
    split_statements,
)

LATEST = max(m.version for m in SQLITE_MIGRATIONS)


async def _versions(url: str) -> list[int]:
    if url.startswith("sqlite"):
        async with aiosqlite.connect(sqlite_path(url)) as conn:
            rows = await conn.execute_fetchall("SELECT version FROM schema_migrations")
            return sorted(int(row[0]) for row in rows)
    pg = await asyncpg.connect(url)
    try:
        records = await pg.fetch("SELECT version FROM schema_migrations")
        return sorted(int(row[0]) for row in records)
    finally:
        await pg.close()


async def test_opening_twice_applies_nothing_the_second_time(store_url: str) -> None:
    for _ in range(2):
        store = open_store(store_url)
        await store.open()
        await store.close()
    assert await _versions(store_url) == list(range(1, LATEST + 1))
    if store_url.startswith("sqlite"):
        async with aiosqlite.connect(sqlite_path(store_url), isolation_level=None) as conn:
            assert await migrate_sqlite(conn) == []
    else:
        pg = await asyncpg.connect(store_url)
        try:
            assert await migrate_postgres(pg) == []
        finally:
            await pg.close()


_V1_ROW = ("OLD-1", "Legacy Haze", "flower", "sativa", 12.5, 3)


async def test_upgrade_from_version_1(store_url: str) -> None:
    if store_url.startswith("sqlite"):
        async with aiosqlite.connect(sqlite_path(store_url), isolation_level=None) as conn:
            assert await migrate_sqlite(conn, SQLITE_MIGRATIONS[:1]) == [1]
            await conn.execute(
                "INSERT INTO products (id, name, category, strain_type, price, stock) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                _V1_ROW,
            )
    else:
        pg = await asyncpg.connect(store_url)
        try:
            assert await migrate_postgres(pg, POSTGRES_MIGRATIONS[:1]) == [1]
            await pg.execute(
                "INSERT INTO products (id, name, category, strain_type, price, stock) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                *_V1_ROW,
            )
        finally:
            await pg.close()
    store = open_store(store_url)
    await store.open()
    try:
        assert await _versions(store_url) == list(range(1, LATEST + 1))
        found = await store.search(SearchQuery(text="legacy haze"))
        assert [item.product.id for item in found] == ["OLD-1"]
        assert [item.product.id for item in await store.find_by_name("legacy hase")] == ["OLD-1"]
    finally:
        await store.close()


async def test_a_failing_migration_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await migrate_sqlite(conn, SQLITE_MIGRATIONS[:1])
        broken = (*SQLITE_MIGRATIONS[1:], SQLITE_MIGRATIONS[0]._replace(version=9, step="BAD;"))
        with pytest.raises(sqlite3.Error):
            await migrate_sqlite(conn, broken)
        tables = await conn.execute_fetchall("SELECT name FROM sqlite_master WHERE type='table'")
        assert "products_fts" not in {row[0] for row in tables}
    assert await _versions(f"sqlite:///{path}") == [1]


def test_split_statements_keeps_trigger_bodies_whole() -> None:
    script = (
        "-- comment\nCREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n-- end\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_factory_picks_the_back_end() -> None:
    assert open_store("sqlite:///:memory:").backend == "sqlite"
    assert open_store("postgresql://u@h/db").backend == "postgresql"
    assert open_store("postgres://u@h/db").backend == "postgresql"
    assert sqlite_path("sqlite:///data/weedgo.db") == "data/weedgo.db"
    assert sqlite_path("sqlite:////var/lib/w.db") == "/var/lib/w.db"
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://x")
    with pytest.raises(StoreError, match="names no file"):
        open_store("sqlite:///")


async def test_memory_database_works(catalog: list) -> None:
    store: Store = open_store("sqlite:///:memory:")
    await store.open()
    try:
        await store.upsert_products(catalog)
        assert await store.ping()
        assert (await store.search(SearchQuery(text="blue dream")))[0].product.name.startswith(
            "Blue Dream"
        )
    finally:
        await store.close()
    assert not await store.ping()


async def test_unreachable_postgres_raises_store_error_without_password() -> None:
    store = open_store("postgresql://someone:secret@127.0.0.1:1/nowhere")
    with pytest.raises(StoreError, match="cannot connect") as caught:
        await store.open()
    assert "secret" not in str(caught.value)
    assert not await store.ping()


async def test_unopenable_sqlite_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    store = open_store(f"sqlite:///{tmp_path / 'dir.db'}")
    with pytest.raises(StoreError):
        await store.open()


async def test_closed_store_raises_store_error(store: Store) -> None:
    await store.close()
    assert not await store.ping()
    with pytest.raises(StoreError, match="not open"):
        await store.search(SearchQuery())
