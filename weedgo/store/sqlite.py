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
import json
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from weedgo import deadline
from weedgo.domain import Product, ScoredProduct, SearchQuery, SessionInfo, Turn
from weedgo.errors import StoreError, StoreTimeout
from weedgo.store import scoring
from weedgo.store.base import ImportResult
from weedgo.store.migrations import migrate_sqlite

logger = logging.getLogger(__name__)

_COLUMNS = ", ".join(f"p.{name}" for name in scoring.PRODUCT_COLUMNS)
_LISTS = ("terpenes", "effects", "flavors")
# bm25 column weights, in the order of the products_fts columns: the ts_rank weights
# of PostgreSQL (A 1.0, B 0.4, C 0.2), so that both back-ends weigh the fields alike.
_BM25 = "1.0, 1.0, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.2"
_CANDIDATES = 50
_BULK_ROWS = 500  # from this many changed rows, rebuilding the text indexes is faster
_PRAGMAS = (
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -16000",
)


def encode_product(product: Product) -> tuple[object, ...]:
    """The stored row of a product, in the order of ``PRODUCT_COLUMNS``."""
    values: list[object] = []
    for name in scoring.PRODUCT_FIELDS:
        value = getattr(product, name)
        if name in _LISTS:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        elif name in ("category", "strain_type"):
            value = getattr(value, "value", value)
        values.append(value)
    values += [scoring.effects_key(product.effects or []), scoring.size_key(product.size or "")]
    return tuple(values)


def _text_match(query: SearchQuery, parts: scoring.SqlParts) -> scoring.TextMatch | None:
    terms = scoring.query_terms(query)
    if not terms:
        return None
    return scoring.TextMatch(
        # CROSS JOIN keeps the text index as the outer loop (SQLite takes it as an order).
        source="products_fts CROSS JOIN products p ON p.pk = products_fts.rowid",
        condition=f"products_fts MATCH {parts.param(scoring.fts5_match(terms))}",
        rank=f"-bm25(products_fts, {_BM25})",
    )


def decode_product(row: Sequence[Any]) -> Product:
    data = dict(zip(scoring.PRODUCT_FIELDS, row, strict=False))
    for name in _LISTS:
        data[name] = json.loads(data[name])
    return Product.model_validate(data)


def _check_openable(path: str) -> None:
    sqlite3.connect(path).close()


def _identity(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


@contextmanager
def _wrap(action: str) -> Iterator[None]:
    try:
        yield
    except TimeoutError as exc:
        raise StoreTimeout(f"SQLite did not answer in time to {action}") from exc
    except (sqlite3.Error, ValueError) as exc:
        raise StoreError(f"SQLite failed to {action}: {exc}") from exc


class SqliteStore:
    """:class:`weedgo.store.base.Store` on one SQLite database file."""

    backend = "sqlite"

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
        with _wrap(f"open {self._path}"):
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

    async def _fetch(self, sql: str, params: Any = ()) -> list[Any]:
        """One read statement, on the read connections in turn."""
        writer = self._writer_conn()
        with _wrap("read"):
            async with asyncio.timeout(deadline.db_timeout(self._timeout)):
                if not self._readers:
                    async with self._lock:
                        return list(await writer.execute_fetchall(sql, params))
                self._next_reader = (self._next_reader + 1) % len(self._readers)
                reader = self._readers[self._next_reader]
                return list(await reader.execute_fetchall(sql, params))

    @asynccontextmanager
    async def _transaction(
        self, action: str, *, limited: bool = True
    ) -> AsyncIterator[aiosqlite.Connection]:
        conn = self._writer_conn()
        timeout = deadline.db_timeout(self._timeout) if limited else None
        with _wrap(action):
            async with asyncio.timeout(timeout):
                await self._lock.acquire()
            try:
                async with asyncio.timeout(timeout):
                    await conn.execute("BEGIN IMMEDIATE")
                    try:
                        yield conn
                    except BaseException:
                        await asyncio.shield(conn.execute("ROLLBACK"))
                        raise
                    await conn.execute("COMMIT")
            finally:
                self._lock.release()

    # --- catalog --------------------------------------------------------------------

    async def catalog_version(self) -> int:
        rows = await self._fetch("SELECT value FROM meta WHERE key = 'catalog_version'")
        return int(rows[0][0]) if rows else 0

    async def search(self, query: SearchQuery) -> list[ScoredProduct]:
        parts = scoring.SqlParts(scoring.SQLITE)
        sql = scoring.search_sql(query, parts, key="pk", text=_text_match(query, parts))
        rows = await self._fetch(sql, parts.named())
        return [ScoredProduct(product=decode_product(row), score=row[-1]) for row in rows]

    async def count(self, query: SearchQuery) -> int:
        parts = scoring.SqlParts(scoring.SQLITE)
        sql = scoring.count_sql(query, parts, text=_text_match(query, parts))
        return int((await self._fetch(sql, parts.named()))[0][0])

    async def get_product(self, product_id: str) -> Product | None:
        products = await self.get_products([product_id])
        return products[0] if products else None

    async def get_products(self, product_ids: Sequence[str]) -> list[Product]:
        wanted = list(dict.fromkeys(product_ids))
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = await self._fetch(
            f"SELECT {_COLUMNS} FROM products p WHERE p.id IN ({marks})", wanted
        )
        found = {row[0]: decode_product(row) for row in rows}
        return [found[key] for key in product_ids if key in found]

    async def find_by_name(self, text: str, limit: int = 3) -> list[ScoredProduct]:
        return await scoring.resolve_name(text, limit, self._by_words, self._by_trigrams)

    async def _by_words(self, words: list[str]) -> list[Product]:
        match = f"{{name brand category subcategory}} : ({scoring.fts5_match(words, 1)})"
        return await self._candidates("products_fts", match)

    async def _by_trigrams(self, text: str) -> list[Product]:
        grams = scoring.trigrams(text)
        return await self._candidates("products_trgm", " OR ".join(f'"{g}"' for g in grams))

    async def _candidates(self, table: str, match: str) -> list[Product]:
        sql = (
            f"SELECT {_COLUMNS} FROM products p WHERE p.pk IN (SELECT rowid FROM {table} "
            f"WHERE {table} MATCH ? ORDER BY rank LIMIT {_CANDIDATES})"
        )
        return [decode_product(row) for row in await self._fetch(sql, (match,))]

    async def product_names(self) -> list[tuple[str, str, str]]:
        rows = await self._fetch("SELECT id, name, brand FROM products ORDER BY id")
        return [(row[0], row[1], row[2]) for row in rows]

    async def categories(self) -> dict[str, int]:
        rows = await self._fetch(
            "SELECT category, count(*) FROM products GROUP BY category ORDER BY category"
        )
        return {str(row[0]): int(row[1]) for row in rows}

    async def upsert_products(
        self, products: Sequence[Product], *, replace: bool = False
    ) -> ImportResult:
        rows = [encode_product(product) for product in products]
        async with self._transaction("import products", limited=False) as conn:
            stored = await conn.execute_fetchall(f"SELECT {_COLUMNS} FROM products p")
            plan = scoring.plan_upsert({r[0]: tuple(r) for r in stored}, rows, replace=replace)
            bulk = plan.changes >= _BULK_ROWS
            if bulk:  # silences the index triggers; rebuilt below, in this transaction
                await conn.execute("INSERT INTO meta (key, value) VALUES ('bulk_import', 1)")
            await conn.executemany(_UPSERT, plan.write)
            await conn.executemany(
                "DELETE FROM products WHERE id = ?", [(k,) for k in plan.removed]
            )
            if bulk:
                await conn.execute("DELETE FROM meta WHERE key = 'bulk_import'")
                for table in ("products_fts", "products_trgm"):
                    await conn.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
            sql = _BUMP if plan.changes else _VERSION
            version = int(next(iter(await conn.execute_fetchall(sql)))[0])
        result = ImportResult(plan.inserted, plan.updated, len(plan.removed), [], version)
        logger.info("catalog import: %s", result)
        return result

    # --- sessions -------------------------------------------------------------------

    async def get_session(self, session_id: str) -> SessionInfo | None:
        rows = await self._fetch(
            "SELECT session_id, customer_id, age_verified, education_only, language "
            "FROM sessions WHERE session_id = ?",
            (session_id,),
        )
        if not rows:
            return None
        keys = ("session_id", "customer_id", "age_verified", "education_only", "language")
        return SessionInfo.model_validate(dict(zip(keys, rows[0], strict=True)))

    async def save_session(self, session: SessionInfo) -> None:
        values = (
            session.session_id,
            session.customer_id,
            int(session.age_verified),
            int(session.education_only),
            session.language,
        )
        async with self._transaction("save the session") as conn:
            await conn.execute(_SAVE_SESSION, values)

    async def add_turns(self, session_id: str, turns: Sequence[Turn]) -> None:
        rows = [(session_id, t.role, t.content, json.dumps(t.product_ids), t.intent) for t in turns]
        async with self._transaction("store the turns") as conn:
            await conn.execute(_ENSURE_SESSION, (session_id,))
            await conn.executemany(_ADD_TURN, rows)

    async def recent_turns(self, session_id: str, limit: int = 6) -> list[Turn]:
        rows = await self._fetch(_RECENT_TURNS, (session_id, max(0, limit)))
        return [
            Turn(role=row[0], content=row[1], product_ids=json.loads(row[2]), intent=row[3])
            for row in rows
        ]


_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_UPSERT = (
    f"INSERT INTO products ({', '.join(scoring.PRODUCT_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in scoring.PRODUCT_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in scoring.PRODUCT_COLUMNS[1:])
    + f", updated_at = {_NOW}"
)
_BUMP = "UPDATE meta SET value = value + 1 WHERE key = 'catalog_version' RETURNING value"
_VERSION = "SELECT value FROM meta WHERE key = 'catalog_version'"
_SAVE_SESSION = (
    "INSERT INTO sessions (session_id, customer_id, age_verified, education_only, language) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
    "customer_id = excluded.customer_id, age_verified = excluded.age_verified, "
    f"education_only = excluded.education_only, language = excluded.language, updated_at = {_NOW}"
)
_ENSURE_SESSION = (
    f"INSERT INTO sessions (session_id) VALUES (?) "
    f"ON CONFLICT (session_id) DO UPDATE SET updated_at = {_NOW}"
)
_ADD_TURN = (
    "INSERT INTO turns (session_id, role, content, product_ids, intent) VALUES (?, ?, ?, ?, ?)"
)
_RECENT_TURNS = (
    "SELECT role, content, product_ids, intent FROM ("
    "SELECT id, role, content, product_ids, intent FROM turns WHERE session_id = ? "
    "ORDER BY id DESC LIMIT ?) ORDER BY id"
)
