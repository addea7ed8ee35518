"""Real PostgreSQL behind a TCP proxy that a test can cut, restore, pause and resume.

Each test gets a schema of its own (``search_path`` in the URL), dropped afterwards.
Without a reachable server the tests are skipped locally and fail in CI.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest
from fastapi.testclient import TestClient

from tests.conftest import POSTGRES_URL, make_settings, unavailable_in_ci
from tests.faults.proxy import TcpProxy
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(POSTGRES_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@dataclass
class ProxiedPostgres:
    proxy: TcpProxy
    url: str  # the test's schema, reached through the proxy


@pytest.fixture
def pg_schema() -> Iterator[str]:
    schema = f"weedgo_fault_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_admin(f"CREATE SCHEMA {schema}"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        unavailable_in_ci(f"PostgreSQL at {POSTGRES_URL} ({exc})")
    with contextlib.suppress(asyncpg.UniqueViolationError):
        asyncio.run(_admin("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    try:
        yield schema
    finally:
        asyncio.run(_admin(f"DROP SCHEMA {schema} CASCADE"))


@pytest.fixture
def proxied_pg(pg_schema: str) -> Iterator[ProxiedPostgres]:
    parts = urlsplit(POSTGRES_URL)
    proxy = TcpProxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    user = f"{parts.username}@" if parts.username else ""
    url = f"postgresql://{user}127.0.0.1:{proxy.port}{parts.path}?search_path={pg_schema},public"
    try:
        yield ProxiedPostgres(proxy, url)
    finally:
        proxy.resume()
        proxy.close()


def pg_client(tmp_path: Path, url: str, **overrides: object) -> TestClient:
    """The app (fake engine) on PostgreSQL at ``url``, the demo catalog loaded."""
    values: dict[str, object] = {"database_url": url, "db_timeout_s": 0.5}
    values.update(overrides)
    settings = make_settings(tmp_path, **values)
    return TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True))
