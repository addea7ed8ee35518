"""What both back-ends do alike: catalog reads, imports and sessions in plain SQL.

:class:`SqlStore` implements the catalog and session methods of
:class:`weedgo.store.base.Store` once. A back-end adds what is its database's own: its
connections (:meth:`SqlStore._fetch`, :meth:`SqlStore._transaction`), its
:class:`~weedgo.store.dialect.Dialect`, how it matches text and names, and how an import
writes its rows.
"""

from __future__ import annotations

import functools
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from weedgo.domain import Product, ScoredProduct, SearchQuery, SessionInfo, Turn
from weedgo.errors import StoreError, StoreTimeout
from weedgo.store.base import ImportResult
from weedgo.store.dialect import Dialect
from weedgo.store.names import resolve_name
from weedgo.store.rows import (
    PRODUCT_COLUMNS,
    SELECTED,
    SESSION_COLUMNS,
    TURN_COLUMNS,
    UpsertPlan,
    plan_upsert,
    product_row,
    row_product,
    row_session,
    row_turn,
    session_row,
    turn_row,
)
from weedgo.store.scoring import SqlParts, TextMatch, count_sql, search_sql

VERSION = "SELECT value FROM meta WHERE key = 'catalog_version'"
BUMP = "UPDATE meta SET value = value + 1 WHERE key = 'catalog_version' RETURNING value"
STORED = f"SELECT {SELECTED} FROM products p"
CATEGORIES = "SELECT category, count(*) FROM products GROUP BY category ORDER BY category"


def updates(columns: Sequence[str], dialect: Dialect) -> str:
    """``SET`` of an upsert: the new values of ``columns``, and the time of the change."""
    changed = ", ".join(f"{name} = excluded.{name}" for name in columns)
    return f"DO UPDATE SET {changed}, updated_at = {dialect.now}"


def product_upsert(source: str, dialect: Dialect) -> str:
    """Insert the product rows of ``source`` (VALUES or a SELECT), updating by id."""
    return (
        f"INSERT INTO products ({', '.join(PRODUCT_COLUMNS)}) {source} "
        f"ON CONFLICT (id) {updates(PRODUCT_COLUMNS[1:], dialect)}"
    )


@dataclass(frozen=True)
class Statements:
    """The fixed statements that differ only by dialect."""

    names: str
    session: str
    save_session: str
    ensure_session: str
    add_turn: str
    recent_turns: str

    @staticmethod
    @functools.cache
    def render(d: Dialect) -> Statements:
        marks = [d.placeholder(n) for n in range(1, len(SESSION_COLUMNS) + 1)]
        sessions, turns = ", ".join(SESSION_COLUMNS), ", ".join(TURN_COLUMNS)
        return Statements(
            names=f"SELECT p.id, p.name, p.brand FROM products p ORDER BY {d.id_order}",
            session=f"SELECT {sessions} FROM sessions WHERE session_id = {marks[0]}",
            save_session=(
                f"INSERT INTO sessions ({sessions}) VALUES ({', '.join(marks)}) "
                f"ON CONFLICT (session_id) {updates(SESSION_COLUMNS[1:], d)}"
            ),
            ensure_session=(
                f"INSERT INTO sessions (session_id) VALUES ({marks[0]}) "
                f"ON CONFLICT (session_id) DO UPDATE SET updated_at = {d.now}"
            ),
            add_turn=f"INSERT INTO turns (session_id, {turns}) VALUES ({', '.join(marks)})",
            recent_turns=(
                f"SELECT {turns} FROM (SELECT id, {turns} FROM turns "
                f"WHERE session_id = {marks[0]} ORDER BY id DESC LIMIT {marks[1]}) t ORDER BY id"
            ),
        )


class Transaction(Protocol):
    """The statements of one open transaction, whatever the driver."""

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]: ...

    async def run(self, sql: str, params: Sequence[object] = ()) -> None: ...

    async def run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None: ...


TxT = TypeVar("TxT", bound=Transaction)


class SqlStore(ABC, Generic[TxT]):
    """The catalog and the sessions of a store, over a back-end's connections."""

    dialect: Dialect
    failures: tuple[type[Exception], ...]  # the driver's errors, reported as StoreError

    # --- what a back-end supplies ---------------------------------------------------

    @abstractmethod
    async def _fetch(
        self, sql: str, params: Sequence[object] = (), *, indexed: bool = False
    ) -> list[Any]:
        """The rows of one read, within the call's time-out. ``indexed`` marks text and
        trigram matches, for which the database should use its text indexes."""

    @abstractmethod
    def _transaction(
        self, action: str, *, limited: bool = True
    ) -> AbstractAsyncContextManager[TxT]:
        """One transaction; ``limited`` by the call's time-out (imports are not)."""

    @abstractmethod
    def _text_match(self, query: SearchQuery, parts: SqlParts) -> TextMatch | None:
        """How the query text matches, or None when it has no terms."""

    @abstractmethod
    async def _by_words(self, words: list[str]) -> list[Product]:
        """Name candidates that share words with the text."""

    @abstractmethod
    async def _by_trigrams(self, text: str) -> list[Product]:
        """Name candidates that share three-letter pieces with the text."""

    @abstractmethod
    async def _write_import(self, tx: TxT, plan: UpsertPlan) -> None:
        """Write the new and changed rows of an import and delete the removed ids."""

    async def _before_import(self, tx: TxT) -> None:
        """Anything an import must do before it reads the stored catalog."""

    # --- shared plumbing --------------------------------------------------------------

    @property
    def backend(self) -> str:
        return self.dialect.backend

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """The driver's failures as StoreError, time-outs as StoreTimeout."""
        try:
            yield
        except TimeoutError as exc:
            raise StoreTimeout(f"{self.dialect.name} did not answer in time to {action}") from exc
        except self.failures as exc:
            raise StoreError(f"{self.dialect.name} failed to {action}: {exc}") from exc

    @property
    def _sql(self) -> Statements:
        return Statements.render(self.dialect)

    async def _products(
        self, sql: str, params: Sequence[object] = (), *, indexed: bool = False
    ) -> list[Product]:
        rows = await self._fetch(sql, params, indexed=indexed)
        return [row_product(row, self.dialect) for row in rows]

    # --- catalog --------------------------------------------------------------------

    async def catalog_version(self) -> int:
        rows = await self._fetch(VERSION)
        return int(rows[0][0]) if rows else 0

    async def search(self, query: SearchQuery) -> list[ScoredProduct]:
        parts = SqlParts(self.dialect)
        text = self._text_match(query, parts)
        sql = search_sql(query, parts, key=self.dialect.row_key, text=text)
        rows = await self._fetch(sql, parts.params, indexed=text is not None)
        return [
            ScoredProduct(product=row_product(row, self.dialect), score=row[-1]) for row in rows
        ]

    async def count(self, query: SearchQuery) -> int:
        parts = SqlParts(self.dialect)
        text = self._text_match(query, parts)
        sql = count_sql(query, parts, text=text)
        return int((await self._fetch(sql, parts.params, indexed=text is not None))[0][0])

    async def get_product(self, product_id: str) -> Product | None:
        products = await self.get_products([product_id])
        return products[0] if products else None

    async def get_products(self, product_ids: Sequence[str]) -> list[Product]:
        wanted = list(dict.fromkeys(product_ids))
        if not wanted:
            return []
        parts = SqlParts(self.dialect)
        sql = f"SELECT {SELECTED} FROM products p WHERE {parts.one_of('p.id', wanted)}"
        found = {product.id: product for product in await self._products(sql, parts.params)}
        return [found[key] for key in product_ids if key in found]

    async def find_by_name(self, text: str, limit: int = 3) -> list[ScoredProduct]:
        return await resolve_name(text, limit, self._by_words, self._by_trigrams)

    async def product_names(self) -> list[tuple[str, str, str]]:
        rows = await self._fetch(self._sql.names)
        return [(row[0], row[1], row[2]) for row in rows]

    async def categories(self) -> dict[str, int]:
        rows = await self._fetch(CATEGORIES)
        return {str(row[0]): int(row[1]) for row in rows}

    async def upsert_products(
        self, products: Sequence[Product], *, replace: bool = False
    ) -> ImportResult:
        rows = [product_row(product, self.dialect) for product in products]
        async with self._transaction("import products", limited=False) as tx:
            await self._before_import(tx)
            stored = {row[0]: tuple(row) for row in await tx.rows(STORED)}
            plan = plan_upsert(stored, rows, replace=replace)
            await self._write_import(tx, plan)
            version = int((await tx.rows(BUMP if plan.changes else VERSION))[0][0])
        result = ImportResult(plan.inserted, plan.updated, len(plan.removed), [], version)
        logging.getLogger(type(self).__module__).info("catalog import: %s", result)
        return result

    # --- sessions -------------------------------------------------------------------

    async def get_session(self, session_id: str) -> SessionInfo | None:
        rows = await self._fetch(self._sql.session, (session_id,))
        return row_session(rows[0]) if rows else None

    async def save_session(self, session: SessionInfo) -> None:
        async with self._transaction("save the session") as tx:
            await tx.run(self._sql.save_session, session_row(session))

    async def add_turns(self, session_id: str, turns: Sequence[Turn]) -> None:
        rows = [turn_row(session_id, turn, self.dialect) for turn in turns]
        async with self._transaction("store the turns") as tx:
            await tx.run(self._sql.ensure_session, (session_id,))
            await tx.run_many(self._sql.add_turn, rows)

    async def recent_turns(self, session_id: str, limit: int = 6) -> list[Turn]:
        rows = await self._fetch(self._sql.recent_turns, (session_id, max(0, limit)))
        return [row_turn(row, self.dialect) for row in rows]
