"""The shared store: PostgreSQL through an asyncpg pool.

Relevance comes from a weighted ``tsvector`` column (A name and brand; B category,
subcategory, strain type, effects, flavors, terpenes; C description) ranked with
``ts_rank``; misspelled names from ``pg_trgm``. Imports copy the batch into a temporary
table and merge it with one ``INSERT ... ON CONFLICT``, in one transaction.

Every call of the request path (reads, sessions, turns) must finish within
``timeout_s``, the wait for a pooled connection included, and within the request's
deadline (:mod:`weedgo.deadline`). A call that overruns has its connection terminated
rather than returned: resetting it would wait on the server that stopped answering.
Imports and migrations have no such cap.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import asyncpg

from weedgo import deadline
from weedgo.domain import Product, SearchQuery
from weedgo.errors import StoreError
from weedgo.store.dialect import POSTGRES
from weedgo.store.migrations import migrate_postgres
from weedgo.store.rows import PRODUCT_COLUMNS, SELECTED, UpsertPlan
from weedgo.store.scoring import SqlParts, TextMatch
from weedgo.store.sqlstore import SqlStore, product_upsert
from weedgo.store.terms import query_terms, tsquery_text

if TYPE_CHECKING:
    from weedgo.store.migrations import PgConnection

logger = logging.getLogger(__name__)

_PLAIN_COLUMNS = ", ".join(PRODUCT_COLUMNS)
_NAME_KEY = "lower(p.name || ' ' || p.brand)"
_CANDIDATES = 50
_ANALYZE_ROWS = 500
# ts_rank divided by 1 + log(document length), as bm25 also weighs long documents down.
_RANK_NORMALISATION = 1
_CONNECT_TIMEOUT_S = 10
_MIGRATE_TIMEOUT_S = 120
_CLOSE_TIMEOUT_S = 2
_PING_TIMEOUT_S = 0.5  # /health answers within a second
_SERVER_SETTINGS = {
    "jit": "off",  # compiling plans costs more than these small queries take
    "pg_trgm.word_similarity_threshold": "0.3",
    "application_name": "weedgo",
}
_BY_WORDS = (
    f"SELECT {SELECTED} FROM products p WHERE p.search_vector @@ to_tsquery('english', $1) "
    f"ORDER BY ts_rank(p.search_vector, to_tsquery('english', $1)) DESC LIMIT {_CANDIDATES}"
)
_BY_TRIGRAMS = (
    f"SELECT {SELECTED} FROM products p WHERE $1 <% {_NAME_KEY} "
    f"ORDER BY word_similarity($1, {_NAME_KEY}) DESC LIMIT {_CANDIDATES}"
)
_STAGE = (
    "CREATE TEMP TABLE products_stage ON COMMIT DROP AS "
    f"SELECT {_PLAIN_COLUMNS} FROM products WITH NO DATA"
)
_MERGE = product_upsert(f"SELECT {_PLAIN_COLUMNS} FROM products_stage", POSTGRES)


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


class _Work:
    """A pooled connection inside one transaction; ``conn`` for what only asyncpg does."""

    def __init__(self, conn: PgConnection) -> None:
        self.conn = conn

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        return list(await self.conn.fetch(sql, *params))

    async def run(self, sql: str, params: Sequence[object] = ()) -> None:
        await self.conn.execute(sql, *params)

    async def run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        await self.conn.executemany(sql, rows)


class PostgresStore(SqlStore[_Work]):
    """:class:`weedgo.store.base.Store` on a PostgreSQL database."""

    dialect = POSTGRES
    failures = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)

    def __init__(
        self, url: str, *, pool_min: int = 1, pool_max: int = 10, timeout_s: float = 1.0
    ) -> None:
        self._url = url
        self._timeout = timeout_s
        self._pool_min = max(1, min(pool_min, pool_max))
        self._pool_max = max(1, pool_max)
        self._pool: asyncpg.Pool | None = None

    # --- life cycle ---------------------------------------------------------------

    async def open(self) -> None:
        if self._pool is not None:
            return
        try:
            pool = await asyncpg.create_pool(
                self._url,
                min_size=self._pool_min,
                max_size=self._pool_max,
                server_settings=_SERVER_SETTINGS,
                timeout=_CONNECT_TIMEOUT_S,
                command_timeout=60,
            )
        except (asyncpg.PostgresError, OSError, TimeoutError, ValueError) as exc:
            raise StoreError(f"cannot connect to {safe_url(self._url)}: {exc}") from exc
        self._pool = pool
        try:
            async with self._connection("migrate the schema", _MIGRATE_TIMEOUT_S) as conn:
                await migrate_postgres(conn)
        except BaseException:
            self._pool = None
            pool.terminate()
            raise
        logger.info("PostgreSQL store open: %s", safe_url(self._url))

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:  # a server that stopped answering must not hold the shutdown
                await asyncio.wait_for(pool.close(), _CLOSE_TIMEOUT_S)
            except (TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
                pool.terminate()

    async def ping(self) -> bool:
        try:
            async with self._connection("answer a ping", min(self._timeout, _PING_TIMEOUT_S)) as c:
                return await c.fetchval("SELECT 1") == 1
        except StoreError:
            return False

    # --- plumbing -------------------------------------------------------------------

    def _pool_or_fail(self) -> asyncpg.Pool:
        if self._pool is None:
            raise StoreError("the PostgreSQL store is not open")
        return self._pool

    @asynccontextmanager
    async def _connection(self, action: str, timeout: float | None) -> AsyncIterator[PgConnection]:
        """A pooled connection for work that must end within ``timeout`` seconds, counted
        from now (the wait for the pool included); None for no limit."""
        pool = self._pool_or_fail()
        loop = asyncio.get_running_loop()
        at = None if timeout is None else loop.time() + timeout
        with self._errors(action):
            async with asyncio.timeout_at(at):
                conn = await pool.acquire()
            try:
                async with asyncio.timeout_at(at):
                    yield conn
            except asyncpg.PostgresError:
                raise  # the server answered: the connection is fine
            except BaseException:
                conn.terminate()  # stuck, cancelled or broken: never reset it
                raise
            finally:
                await pool.release(conn, timeout=self._timeout)

    async def _fetch(
        self, sql: str, params: Sequence[object] = (), *, indexed: bool = False
    ) -> list[Any]:
        """One read. An ``indexed`` one must use the indexes: the planner under-prices
        ``@@`` and ``<%`` and scans the whole table when a term matches many rows, where
        the GIN indexes answer two to ten times faster."""
        if not indexed:
            async with self._connection("read", deadline.db_timeout(self._timeout)) as conn:
                return list(await conn.fetch(sql, *params))
        async with self._transaction("read") as work:
            await work.run("SET LOCAL enable_seqscan = off")
            return await work.rows(sql, params)

    @asynccontextmanager
    async def _transaction(self, action: str, *, limited: bool = True) -> AsyncIterator[_Work]:
        """A transaction on a connection of :meth:`_connection`. Only an error of the
        server's is rolled back here; on any other the connection is terminated, which
        ends the transaction without waiting on a server that may not answer."""
        timeout = deadline.db_timeout(self._timeout) if limited else None
        async with self._connection(action, timeout) as conn:
            await conn.execute("BEGIN")
            try:
                yield _Work(conn)
            except asyncpg.PostgresError:
                await conn.execute("ROLLBACK")
                raise
            await conn.execute("COMMIT")

    # --- what PostgreSQL does its own way ---------------------------------------------

    def _text_match(self, query: SearchQuery, parts: SqlParts) -> TextMatch | None:
        terms = query_terms(query)
        if not terms:
            return None
        tsquery = f"to_tsquery('english', {parts.param(tsquery_text(terms))})"
        return TextMatch(
            source="products p",
            condition=f"p.search_vector @@ {tsquery}",
            rank=f"ts_rank(p.search_vector, {tsquery}, {_RANK_NORMALISATION})::float8",
        )

    async def _by_words(self, words: list[str]) -> list[Product]:
        return await self._products(_BY_WORDS, (tsquery_text(words, "AB", 1),), indexed=True)

    async def _by_trigrams(self, text: str) -> list[Product]:
        return await self._products(_BY_TRIGRAMS, (text,), indexed=True)

    async def _before_import(self, tx: _Work) -> None:
        # One importer at a time; readers go on reading the committed catalog.
        await tx.run("LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE")

    async def _write_import(self, tx: _Work, plan: UpsertPlan) -> None:
        """Copy the rows into a temporary table, then insert or update them in one
        statement; fresh planner statistics after a large change."""
        if plan.write:
            await tx.run(_STAGE)
            columns = list(PRODUCT_COLUMNS)
            await tx.conn.copy_records_to_table(
                "products_stage", records=plan.write, columns=columns
            )
            await tx.run(_MERGE)
        if plan.removed:
            await tx.run("DELETE FROM products WHERE id = ANY($1::text[])", (plan.removed,))
        if plan.changes >= _ANALYZE_ROWS:
            await tx.run("ANALYZE products")
