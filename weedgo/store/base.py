"""Storage protocols.

A back-end (SQLite by default, PostgreSQL for a chain) implements both protocols on
one database. ``open_store(url)`` in :mod:`weedgo.store.factory` picks it from the URL.
Every method is async; failures of the database raise :class:`weedgo.errors.StoreError`.
The calls of the request path (reads, sessions, turns) end within the store's own
timeout and the request's deadline (:mod:`weedgo.deadline`), raising
:class:`weedgo.errors.StoreTimeout` when the database does not answer in time; imports
have no such limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from weedgo.domain import Product, ScoredProduct, SearchQuery, SessionInfo, Turn


@dataclass
class ImportResult:
    inserted: int = 0
    updated: int = 0
    removed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (file line, reason)
    catalog_version: int = 0


@runtime_checkable
class CatalogStore(Protocol):
    async def catalog_version(self) -> int:
        """A number that grows with every change of the catalog."""

    async def search(self, query: SearchQuery) -> list[ScoredProduct]:
        """Products matching the filters, best first (relevance scored in SQL)."""

    async def count(self, query: SearchQuery) -> int:
        """How many products match the filters (for pagination)."""

    async def get_product(self, product_id: str) -> Product | None: ...

    async def get_products(self, product_ids: Sequence[str]) -> list[Product]:
        """The products with these ids, in the given order, skipping unknown ids."""

    async def find_by_name(self, text: str, limit: int = 3) -> list[ScoredProduct]:
        """Products whose name or brand resembles ``text`` (misspelled, partial)."""

    async def product_names(self) -> list[tuple[str, str, str]]:
        """(id, name, brand) of every product, for recognising names in messages."""

    async def categories(self) -> dict[str, int]:
        """Category -> number of products."""

    async def upsert_products(
        self, products: Sequence[Product], *, replace: bool = False
    ) -> ImportResult:
        """Insert or update by id in one transaction; ``replace`` drops the others."""


@runtime_checkable
class SessionStore(Protocol):
    async def get_session(self, session_id: str) -> SessionInfo | None: ...

    async def save_session(self, session: SessionInfo) -> None:
        """Create the session or update its flags."""

    async def add_turns(self, session_id: str, turns: Sequence[Turn]) -> None:
        """Append turns to the session's history in one transaction."""

    async def recent_turns(self, session_id: str, limit: int = 6) -> list[Turn]:
        """The last ``limit`` turns, oldest first."""


class Store(CatalogStore, SessionStore, Protocol):
    """Both protocols on one database, plus its life cycle."""

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""

    async def open(self) -> None:
        """Connect (pool) and run pending migrations."""

    async def close(self) -> None: ...

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
