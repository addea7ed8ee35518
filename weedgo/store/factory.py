"""Pick the store back-end from the database URL.

    sqlite:///data/weedgo.db      a file, relative to the working directory
    sqlite:////var/lib/weedgo.db  an absolute path
    sqlite:///:memory:            a private in-memory database (tests)
    postgresql://user@host:5432/db (or postgres://), pooled ``pool_min``..``pool_max``

The store comes back closed: ``await store.open()`` connects and migrates.
"""

from __future__ import annotations

from weedgo.errors import StoreError
from weedgo.extras import require
from weedgo.store.base import Store
from weedgo.store.sqlite import SqliteStore

_SQLITE_PREFIX = "sqlite:///"
_MAX_SQLITE_READERS = 4


def sqlite_path(url: str) -> str:
    """The file path of a ``sqlite:///`` URL (``:memory:`` stays as it is)."""
    path = url[len(_SQLITE_PREFIX) :].split("?", 1)[0]
    if not path:
        raise StoreError(f"the SQLite URL {url!r} names no file (sqlite:///data/weedgo.db)")
    return path


def open_store(
    url: str,
    *,
    pool_min: int = 1,
    pool_max: int = 10,
    timeout_s: float = 1.0,
    create: bool = True,
) -> Store:
    """A store for ``url``, not yet opened. ``timeout_s`` caps each call of the request
    path; ``create`` lets ``open`` create a missing SQLite file (loudly)."""
    if url.startswith(_SQLITE_PREFIX):
        readers = max(1, min(pool_max, _MAX_SQLITE_READERS))
        return SqliteStore(sqlite_path(url), readers=readers, timeout_s=timeout_s, create=create)
    if url.startswith(("postgresql://", "postgres://")):
        require("asyncpg", "postgres", "a PostgreSQL database URL")
        from weedgo.store.postgres import PostgresStore

        return PostgresStore(url, pool_min=pool_min, pool_max=pool_max, timeout_s=timeout_s)
    scheme = url.split(":", 1)[0] if ":" in url else url
    raise StoreError(
        f"unsupported database URL scheme {scheme!r}: use sqlite:///path/to/file.db "
        "or postgresql://user@host:5432/database"
    )
