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
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from urllib.parse import urlsplit

import asyncpg

from weedgo import deadline
from weedgo.domain import Product, ScoredProduct, SearchQuery, SessionInfo, Turn
from weedgo.errors import StoreError, StoreTimeout
from weedgo.store import scoring
from weedgo.store.base import ImportResult
from weedgo.store.migrations import PgConnection, migrate_postgres

logger = logging.getLogger(__name__)

_COLUMNS = ", ".join(f"p.{name}" for name in scoring.PRODUCT_COLUMNS)
_PLAIN_COLUMNS = ", ".join(scoring.PRODUCT_COLUMNS)
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


def encode_product(product: Product) -> tuple[object, ...]:
    """The stored row of a product, in the order of ``PRODUCT_COLUMNS``."""
    values: list[object] = []
    for name in scoring.PRODUCT_FIELDS:
        value = getattr(product, name)
        if name in ("category", "strain_type"):
            value = getattr(value, "value", value)
        elif isinstance(value, list):
            value = list(value)
        values.append(value)
    values += [scoring.effects_key(product.effects or []), scoring.size_key(product.size or "")]
    return tuple(values)


def decode_product(row: asyncpg.Record) -> Product:
    return Product.model_validate(dict(zip(scoring.PRODUCT_FIELDS, row, strict=False)))


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


@contextmanager
def _wrap(action: str) -> Iterator[None]:
    try:
        yield
    except TimeoutError as exc:
        raise StoreTimeout(f"PostgreSQL did not answer in time to {action}") from exc
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
        raise StoreError(f"PostgreSQL failed to {action}: {exc}") from exc


class PostgresStore:
    """:class:`weedgo.store.base.Store` on a PostgreSQL database."""

    backend = "postgresql"

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
        with _wrap(action):
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

    def _call_timeout(self) -> float:
        return deadline.db_timeout(self._timeout)

    async def _fetch(self, sql: str, *params: object) -> list[asyncpg.Record]:
        async with self._connection("read", self._call_timeout()) as conn:
            return list(await conn.fetch(sql, *params))

    async def _fetch_indexed(self, sql: str, *params: object) -> list[asyncpg.Record]:
        """A read for which the planner must use the indexes (text and trigram matches).

        It under-prices ``@@`` and ``<%``, and scans the whole table when a term matches
        many rows; the GIN indexes answer two to ten times faster.
        """
        async with self._transaction("read") as conn:
            await conn.execute("SET LOCAL enable_seqscan = off")
            return list(await conn.fetch(sql, *params))

    @asynccontextmanager
    async def _transaction(
        self, action: str, *, limited: bool = True
    ) -> AsyncIterator[PgConnection]:
        """A transaction on a connection of :meth:`_connection`. Only an error of the
        server's is rolled back here; on any other the connection is terminated, which
        ends the transaction without waiting on a server that may not answer."""
        timeout = self._call_timeout() if limited else None
        async with self._connection(action, timeout) as conn:
            await conn.execute("BEGIN")
            try:
                yield conn
            except asyncpg.PostgresError:
                await conn.execute("ROLLBACK")
                raise
            await conn.execute("COMMIT")

    # --- catalog --------------------------------------------------------------------

    async def catalog_version(self) -> int:
        rows = await self._fetch("SELECT value FROM meta WHERE key = 'catalog_version'")
        return int(rows[0][0]) if rows else 0

    async def search(self, query: SearchQuery) -> list[ScoredProduct]:
        parts = scoring.SqlParts(scoring.POSTGRES)
        text = _text_match(query, parts)
        sql = scoring.search_sql(query, parts, key="id", text=text)
        rows = await (self._fetch_indexed if text else self._fetch)(sql, *parts.params)
        return [ScoredProduct(product=decode_product(row), score=row[-1]) for row in rows]

    async def count(self, query: SearchQuery) -> int:
        parts = scoring.SqlParts(scoring.POSTGRES)
        text = _text_match(query, parts)
        sql = scoring.count_sql(query, parts, text=text)
        rows = await (self._fetch_indexed if text else self._fetch)(sql, *parts.params)
        return int(rows[0][0])

    async def get_product(self, product_id: str) -> Product | None:
        products = await self.get_products([product_id])
        return products[0] if products else None

    async def get_products(self, product_ids: Sequence[str]) -> list[Product]:
        if not product_ids:
            return []
        sql = f"SELECT {_COLUMNS} FROM products p WHERE p.id = ANY($1::text[])"
        rows = await self._fetch(sql, list(dict.fromkeys(product_ids)))
        found = {row[0]: decode_product(row) for row in rows}
        return [found[key] for key in product_ids if key in found]

    async def find_by_name(self, text: str, limit: int = 3) -> list[ScoredProduct]:
        return await scoring.resolve_name(text, limit, self._by_words, self._by_trigrams)

    async def _by_words(self, words: list[str]) -> list[Product]:
        rows = await self._fetch_indexed(_BY_WORDS, scoring.tsquery_text(words, "AB", 1))
        return [decode_product(row) for row in rows]

    async def _by_trigrams(self, text: str) -> list[Product]:
        return [decode_product(row) for row in await self._fetch_indexed(_BY_TRIGRAMS, text)]

    async def product_names(self) -> list[tuple[str, str, str]]:
        rows = await self._fetch('SELECT id, name, brand FROM products ORDER BY id COLLATE "C"')
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
            # One importer at a time; readers go on reading the committed catalog.
            await conn.execute("LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE")
            stored = await conn.fetch(f"SELECT {_COLUMNS} FROM products p")
            plan = scoring.plan_upsert(
                {row[0]: tuple(row) for row in stored}, rows, replace=replace
            )
            if plan.write:
                await _merge(conn, plan.write)
            if plan.removed:
                await conn.execute("DELETE FROM products WHERE id = ANY($1::text[])", plan.removed)
            if plan.changes >= _ANALYZE_ROWS:  # fresh statistics for the planner
                await conn.execute("ANALYZE products")
            version = await conn.fetchval(_BUMP if plan.changes else _VERSION)
        result = ImportResult(plan.inserted, plan.updated, len(plan.removed), [], version)
        logger.info("catalog import: %s", result)
        return result

    # --- sessions -------------------------------------------------------------------

    async def get_session(self, session_id: str) -> SessionInfo | None:
        rows = await self._fetch(
            "SELECT session_id, customer_id, age_verified, education_only, language "
            "FROM sessions WHERE session_id = $1",
            session_id,
        )
        return SessionInfo.model_validate(dict(rows[0])) if rows else None

    async def save_session(self, session: SessionInfo) -> None:
        async with self._transaction("save the session") as conn:
            await conn.execute(
                _SAVE_SESSION,
                session.session_id,
                session.customer_id,
                session.age_verified,
                session.education_only,
                session.language,
            )

    async def add_turns(self, session_id: str, turns: Sequence[Turn]) -> None:
        rows = [(session_id, t.role, t.content, list(t.product_ids), t.intent) for t in turns]
        async with self._transaction("store the turns") as conn:
            await conn.execute(_ENSURE_SESSION, session_id)
            await conn.executemany(_ADD_TURN, rows)

    async def recent_turns(self, session_id: str, limit: int = 6) -> list[Turn]:
        rows = await self._fetch(_RECENT_TURNS, session_id, max(0, limit))
        return [Turn.model_validate(dict(row)) for row in rows]


def _text_match(query: SearchQuery, parts: scoring.SqlParts) -> scoring.TextMatch | None:
    terms = scoring.query_terms(query)
    if not terms:
        return None
    tsquery = f"to_tsquery('english', {parts.param(scoring.tsquery_text(terms))})"
    return scoring.TextMatch(
        source="products p",
        condition=f"p.search_vector @@ {tsquery}",
        rank=f"ts_rank(p.search_vector, {tsquery}, {_RANK_NORMALISATION})::float8",
    )


async def _merge(conn: PgConnection, rows: Sequence[Sequence[object]]) -> None:
    """Copy rows into a temporary table, then insert or update them in one statement."""
    await conn.execute(
        f"CREATE TEMP TABLE products_stage ON COMMIT DROP AS "
        f"SELECT {_PLAIN_COLUMNS} FROM products WITH NO DATA"
    )
    await conn.copy_records_to_table(
        "products_stage", records=rows, columns=list(scoring.PRODUCT_COLUMNS)
    )
    await conn.execute(_MERGE)


_BY_WORDS = (
    f"SELECT {_COLUMNS} FROM products p WHERE p.search_vector @@ to_tsquery('english', $1) "
    f"ORDER BY ts_rank(p.search_vector, to_tsquery('english', $1)) DESC LIMIT {_CANDIDATES}"
)
_BY_TRIGRAMS = (
    f"SELECT {_COLUMNS} FROM products p WHERE $1 <% {_NAME_KEY} "
    f"ORDER BY word_similarity($1, {_NAME_KEY}) DESC LIMIT {_CANDIDATES}"
)
_MERGE = (
    f"INSERT INTO products ({_PLAIN_COLUMNS}) SELECT {_PLAIN_COLUMNS} FROM products_stage "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in scoring.PRODUCT_COLUMNS[1:])
    + ", updated_at = now()"
)
_BUMP = "UPDATE meta SET value = value + 1 WHERE key = 'catalog_version' RETURNING value"
_VERSION = "SELECT value FROM meta WHERE key = 'catalog_version'"
_SAVE_SESSION = (
    "INSERT INTO sessions (session_id, customer_id, age_verified, education_only, language) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_id) DO UPDATE SET "
    "customer_id = excluded.customer_id, age_verified = excluded.age_verified, "
    "education_only = excluded.education_only, language = excluded.language, "
    "updated_at = now()"
)
_ENSURE_SESSION = (
    "INSERT INTO sessions (session_id) VALUES ($1) "
    "ON CONFLICT (session_id) DO UPDATE SET updated_at = now()"
)
_ADD_TURN = (
    "INSERT INTO turns (session_id, role, content, product_ids, intent) VALUES ($1, $2, $3, $4, $5)"
)
_RECENT_TURNS = (
    "SELECT role, content, product_ids, intent FROM ("
    "SELECT id, role, content, product_ids, intent FROM turns WHERE session_id = $1 "
    "ORDER BY id DESC LIMIT $2) t ORDER BY id"
)
