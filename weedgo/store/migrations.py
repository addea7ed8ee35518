"""Plain, ordered schema migrations, recorded in the ``schema_migrations`` table.

Each back-end has its own list of :class:`Migration` ``(version, name, step)``; a step
is SQL text (the files in ``weedgo/store/sql/``) or an async callable that receives
the open connection. ``open()`` of a store applies the pending ones, in order, in one
transaction: a failing migration leaves the schema as it was. Applying again is a
no-op. To change the schema, append a migration; never edit one that has shipped.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

import aiosqlite

if TYPE_CHECKING:  # asyncpg is the [postgres] extra: imported by the PostgreSQL store only
    import asyncpg

    PgConnection: TypeAlias = asyncpg.Connection | asyncpg.pool.PoolConnectionProxy

logger = logging.getLogger(__name__)

Step = str | Callable[[Any], Awaitable[None]]

# Any fixed number: serialises concurrent migrators (several API workers starting at once).
_PG_LOCK_KEY = 7_315_002


class Migration(NamedTuple):
    version: int
    name: str
    step: Step


def _sql(file_name: str) -> str:
    return resources.files("weedgo.store").joinpath("sql", file_name).read_text("utf-8")


SQLITE_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _sql("sqlite_001_initial.sql")),
    Migration(2, "full-text index", _sql("sqlite_002_fulltext.sql")),
    Migration(3, "name trigram index", _sql("sqlite_003_name_trigrams.sql")),
)

POSTGRES_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _sql("postgres_001_initial.sql")),
    Migration(2, "weighted full-text vector", _sql("postgres_002_fulltext.sql")),
    Migration(3, "name trigram index", _sql("postgres_003_name_trigrams.sql")),
)

_SQLITE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)
"""
_POSTGRES_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


def split_statements(script: str) -> list[str]:
    """Split an SQLite script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in pending.splitlines()
    ):
        raise ValueError(f"incomplete SQL statement at the end of a migration: {pending!r}")
    return statements


async def migrate_sqlite(
    conn: aiosqlite.Connection, migrations: Sequence[Migration] = SQLITE_MIGRATIONS
) -> list[int]:
    """Apply the pending migrations on an autocommit connection; their versions."""
    await conn.execute(_SQLITE_TABLE)
    await conn.execute("BEGIN IMMEDIATE")
    try:
        rows = await conn.execute_fetchall("SELECT version FROM schema_migrations")
        done = {int(row[0]) for row in rows}
        applied: list[int] = []
        for migration in sorted(migrations, key=lambda m: m.version):
            if migration.version in done:
                continue
            if isinstance(migration.step, str):
                for statement in split_statements(migration.step):
                    await conn.execute(statement)
            else:
                await migration.step(conn)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                (migration.version, migration.name),
            )
            applied.append(migration.version)
        await conn.execute("COMMIT")
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
    _log(applied)
    return applied


async def migrate_postgres(
    conn: PgConnection, migrations: Sequence[Migration] = POSTGRES_MIGRATIONS
) -> list[int]:
    """Apply the pending migrations in one transaction; their versions."""
    applied: list[int] = []
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _PG_LOCK_KEY)
        await conn.execute(_POSTGRES_TABLE)
        done = {int(row[0]) for row in await conn.fetch("SELECT version FROM schema_migrations")}
        for migration in sorted(migrations, key=lambda m: m.version):
            if migration.version in done:
                continue
            if isinstance(migration.step, str):
                await conn.execute(migration.step)
            else:
                await migration.step(conn)
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
            applied.append(migration.version)
    _log(applied)
    return applied


def _log(applied: list[int]) -> None:
    if applied:
        logger.info("applied schema migrations %s", applied)
