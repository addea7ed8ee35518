"""The embedded store: one SQLite file, FTS5 for relevance.

One write connection, behind an asyncio lock, runs every transaction; a few read-only
connections answer the reads, so a search never waits for an import (WAL mode lets
readers see the last committed state while a write is in progress). Each aiosqlite
connection owns one thread, and a read is a single ``execute_fetchall`` call, so
concurrent callers never share a cursor. ``:memory:`` databases cannot be shared
between connections: there the write connection also serves the reads, under the lock.

Reads and session writes end within ``timeout_s`` and the request's deadline
(:mod:`weedgo.deadline`). A missing file is created only when ``create`` is true (set-up,
imports, tests); serving refuses to start on a new, empty database without a word.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from weedgo import deadline
from weedgo.domain import Product, SearchQuery
from weedgo.errors import StoreError
from weedgo.store.dialect import SQLITE
from weedgo.store.migrations import migrate_sqlite
from weedgo.store.rows import PRODUCT_COLUMNS, SELECTED, UpsertPlan
from weedgo.store.scoring import SqlParts, TextMatch
from weedgo.store.sqlstore import SqlStore, product_upsert
from weedgo.store.terms import fts5_match, query_terms, trigrams

logger = logging.getLogger(__name__)

# bm25 column weights, in the order of the products_fts columns: the ts_rank weights
# of PostgreSQL (A 1.0, B 0.4, C 0.2), so that both back-ends weigh the fields alike.
_BM25 = "1.0, 1.0, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.2"
_CANDIDATES = 50
_BULK_ROWS = 500  # from this many changed rows, rebuilding the text indexes is faster
_TEXT_INDEXES = ("products_fts", "products_trgm")
_PRAGMAS = (
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -16000",
)
_VALUES = ", ".join(SQLITE.placeholder(n) for n in range(1, len(PRODUCT_COLUMNS) + 1))
_UPSERT = product_upsert(f"VALUES ({_VALUES})", SQLITE)


def _check_openable(path: str) -> None:
    sqlite3.connect(path).close()


def _identity(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class _Writes:
    """The write connection inside one transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def run(self, sql: str, params: Sequence[object] = ()) -> None:
        await self._conn.execute(sql, params)

    async def run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        await self._conn.executemany(sql, rows)


class SqliteStore(SqlStore[_Writes]):
    """:class:`weedgo.store.base.Store` on one SQLite database file."""

    dialect = SQLITE
    failures = (sqlite3.Error, ValueError)

    def __init__(
        self, path: str, *, readers: int = 2, timeout_s: float = 1.0, create: bool = True
    ) -> None:
        self._path = path
        self._timeout = timeout_s
        self._create = create
        self._identity: tuple[int, int] | None = None  # the file's device and inode
        self._gone = False
        self._memory = path in ("", ":memory:")
        self._reader_count = 0 if self._memory else max(1, readers)
        self._writer: aiosqlite.Connection | None = None
        self._readers: list[aiosqlite.Connection] = []
        self._next_reader = 0
        self._lock = asyncio.Lock()

    # --- life cycle ---------------------------------------------------------------

    async def open(self) -> None:
        if self._writer is not None:
            return
        if not self._memory:
            self._check_file()
        with self._errors(f"open {self._path}"):
            # Fails here, cleanly, when the file cannot be opened (aiosqlite would leave
            # its worker thread to report the failure after the loop has moved on).
            await asyncio.to_thread(_check_openable, self._path)
            self._writer = await self._connect()
            try:
                await self._writer.execute("PRAGMA journal_mode = WAL")
                await migrate_sqlite(self._writer)
                for _ in range(self._reader_count):
                    self._readers.append(await self._connect(read_only=True))
            except BaseException:
                await self.close()
                raise
        self._identity = None if self._memory else _identity(self._path)
        logger.info("SQLite store open: %s (%d readers)", self._path, self._reader_count)

    async def close(self) -> None:
        connections = [*self._readers, *([self._writer] if self._writer else [])]
        self._readers, self._writer = [], None
        for conn in connections:
            try:
                await conn.close()
            except (sqlite3.Error, ValueError) as exc:  # pragma: no cover - closing anyway
                logger.warning("closing SQLite connection failed: %s", exc)

    def _check_file(self) -> None:
        if os.path.exists(self._path):
            return
        if not self._create:
            raise StoreError(
                f"the database file {self._path} does not exist: `weedgo setup` creates it, "
                "or WEEDGO_CREATE_DATABASE=true lets serving create an empty one",
                code="database_missing",
            )
        Path(self._path).parent.mkdir(parents=True, exist_ok=True)
        logger.warning("creating a NEW, EMPTY database at %s: no catalog, no history", self._path)

    async def ping(self) -> bool:
        if self._identity is not None and _identity(self._path) != self._identity:
            if not self._gone:
                self._gone = True
                logger.error(
                    "the database file %s was removed or replaced while the service ran: "
                    "what it stores now is lost at restart; restore the file and restart",
                    self._path,
                )
            return False
        try:
            rows = await self._fetch("SELECT 1")
        except StoreError:
            return False
        return rows == [(1,)]

    async def _connect(self, *, read_only: bool = False) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self._path, isolation_level=None)
        for pragma in _PRAGMAS:
            await conn.execute(pragma)
        if read_only:
            await conn.execute("PRAGMA query_only = ON")
        return conn

    # --- plumbing -------------------------------------------------------------------

    def _writer_conn(self) -> aiosqlite.Connection:
        if self._writer is None:
            raise StoreError("the SQLite store is not open")
        return self._writer

    async def _fetch(
        self, sql: str, params: Sequence[object] = (), *, indexed: bool = False
    ) -> list[Any]:
        """One read statement, on the read connections in turn (FTS5 matches always
        use their index: ``indexed`` changes nothing here)."""
        writer = self._writer_conn()
        with self._errors("read"):
            async with asyncio.timeout(deadline.db_timeout(self._timeout)):
                if not self._readers:
                    async with self._lock:
                        return list(await writer.execute_fetchall(sql, params))
                self._next_reader = (self._next_reader + 1) % len(self._readers)
                reader = self._readers[self._next_reader]
                return list(await reader.execute_fetchall(sql, params))

    @asynccontextmanager
    async def _transaction(self, action: str, *, limited: bool = True) -> AsyncIterator[_Writes]:
        conn = self._writer_conn()
        timeout = deadline.db_timeout(self._timeout) if limited else None
        with self._errors(action):
            async with asyncio.timeout(timeout):
                await self._lock.acquire()
            try:
                async with asyncio.timeout(timeout):
                    await conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield _Writes(conn)
                    except BaseException:
                        await asyncio.shield(conn.execute("ROLLBACK"))
                        raise
                    await conn.execute("COMMIT")
            finally:
                self._lock.release()

    # --- what SQLite does its own way -------------------------------------------------

    def _text_match(self, query: SearchQuery, parts: SqlParts) -> TextMatch | None:
        terms = query_terms(query)
        if not terms:
            return None
        return TextMatch(
            # CROSS JOIN keeps the text index as the outer loop (SQLite takes it as an order).
            source="products_fts CROSS JOIN products p ON p.pk = products_fts.rowid",
            condition=f"products_fts MATCH {parts.param(fts5_match(terms))}",
            rank=f"-bm25(products_fts, {_BM25})",
        )

    async def _by_words(self, words: list[str]) -> list[Product]:
        match = f"{{name brand category subcategory}} : ({fts5_match(words, 1)})"
        return await self._candidates("products_fts", match)

    async def _by_trigrams(self, text: str) -> list[Product]:
        grams = trigrams(text)
        return await self._candidates("products_trgm", " OR ".join(f'"{g}"' for g in grams))

    async def _candidates(self, table: str, match: str) -> list[Product]:
        sql = (
            f"SELECT {SELECTED} FROM products p WHERE p.pk IN (SELECT rowid FROM {table} "
            f"WHERE {table} MATCH ? ORDER BY rank LIMIT {_CANDIDATES})"
        )
        return await self._products(sql, (match,), indexed=True)

    async def _write_import(self, tx: _Writes, plan: UpsertPlan) -> None:
        """Row by row through the index triggers; a large import silences them and
        rebuilds the text indexes once, in the same transaction."""
        bulk = plan.changes >= _BULK_ROWS
        if bulk:
            await tx.run("INSERT INTO meta (key, value) VALUES ('bulk_import', 1)")
        await tx.run_many(_UPSERT, plan.write)
        await tx.run_many("DELETE FROM products WHERE id = ?", [(k,) for k in plan.removed])
        if bulk:
            await tx.run("DELETE FROM meta WHERE key = 'bulk_import'")
            for table in _TEXT_INDEXES:
                await tx.run(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
