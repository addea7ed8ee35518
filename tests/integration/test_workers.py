"""Two WeedGo workers on different ports sharing a remote engine, PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import redis as redis_sync

from tests.conftest import ADMIN, ADMIN_KEY, POSTGRES_URL, REDIS_URL, unavailable_in_ci
from tests.integration.remote import start_llama_server, start_worker, stop
from weedgo.pipeline.search import NOTHING_MATCHES

pytestmark = [pytest.mark.model, pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "w_user"}


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(POSTGRES_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="module")
def fleet(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """A llama_cpp.server engine and two workers; a fresh database and Redis db."""
    try:
        asyncio.run(_admin("SELECT 1"))
        redis_sync.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except (OSError, asyncpg.PostgresError, redis_sync.RedisError):
        unavailable_in_ci("PostgreSQL and Redis")
    logs = tmp_path_factory.mktemp("fleet")
    database = f"weedgo_fleet_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{database}"'))
    redis_url = REDIS_URL.rsplit("/", 1)[0] + "/14"
    redis_sync.Redis.from_url(redis_url).flushdb()
    engine, engine_url = start_llama_server(model_path, logs / "engine.log")
    env = {
        "WEEDGO_ENGINE": "openai",
        "WEEDGO_ENGINE_URL": engine_url,
        "WEEDGO_DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + f"/{database}",
        "WEEDGO_REDIS_URL": redis_url,
        "WEEDGO_PRECOMPUTE": "false",
        "WEEDGO_PARALLEL": "1",  # llama_cpp.server serves one request at a time
        "WEEDGO_REQUEST_DEADLINE_S": "60",
        "WEEDGO_LOG_LEVEL": "warning",
        "WEEDGO_ADMIN_API_KEY": ADMIN_KEY,
    }
    workers = []
    try:
        workers.append(start_worker(env, logs / "a.log"))
        workers.append(start_worker(env, logs / "b.log"))
        yield [url for _, url in workers]
    finally:
        for proc, _ in workers:
            stop(proc)
        stop(engine)
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


def test_both_workers_are_healthy_on_postgres_and_redis(fleet: list[str]) -> None:
    for url in fleet:
        health = httpx.get(f"{url}/health", timeout=10).json()
        assert health["status"] == "ok", health
        assert health["database"]["backend"] == "postgresql"
        assert health["cache"]["backend"] == "memory+redis"


def test_cache_entry_made_through_one_worker_is_a_hit_through_the_other(fleet: list[str]) -> None:
    a, b = fleet
    first = httpx.post(f"{a}/api/v1/chat", json=SEED, timeout=60).json()
    second = httpx.post(f"{b}/api/v1/chat", json={**SEED, "customer_id": "other"}, timeout=60)
    assert first["cached"] is False
    assert second.json()["cached"] is True
    assert second.json()["message"] == first["message"]


def test_conversation_started_on_one_worker_continues_on_the_other(fleet: list[str]) -> None:
    a, b = fleet
    first = httpx.post(f"{a}/api/v1/chat", json={**SEED, "customer_id": "conv"}, timeout=60).json()
    cheapest = min(card["price"] for card in first["products"])
    follow = httpx.post(
        f"{b}/api/v1/chat",
        json={
            "message": "anything cheaper?",
            "customer_id": "conv",
            "session_id": first["session_id"],
        },
        timeout=60,
    ).json()
    assert follow["session_id"] == first["session_id"]
    # No indica flower is cheaper in the demo catalog: said so, the cheapest ones shown.
    assert follow["message"].startswith(NOTHING_MATCHES)
    assert follow["products"] and min(card["price"] for card in follow["products"]) <= cheapest
    assert all(card["strain_type"] == "indica" for card in follow["products"])


def test_catalog_import_through_one_worker_is_seen_by_both(fleet: list[str]) -> None:
    a, b = fleet
    product = {
        "id": "FLEET-0001",
        "name": "Fleetwood Nightcap",
        "brand": "Harbour Farms",
        "category": "flower",
        "strain_type": "indica",
        "thc_min": 18,
        "thc_max": 21,
        "effects": ["Sleepy", "Relaxed"],
        "size": "3.5 g",
        "price": 19.99,
        "stock": 12,
    }
    files = {
        "file": ("fleet.json", str.encode(__import__("json").dumps([product])), "application/json")
    }
    url = f"{a}/api/v1/admin/catalog/import"
    result = httpx.post(url, files=files, headers=ADMIN, timeout=30).json()
    assert result["inserted"] == 1
    for url in (a, b):
        got = httpx.get(f"{url}/api/v1/products/FLEET-0001", timeout=10)
        assert got.status_code == 200
        assert got.json()["name"] == "Fleetwood Nightcap"
    time.sleep(1.2)  # a worker checks the catalog version at most once a second
    chat = httpx.post(
        f"{b}/api/v1/chat",
        json={"message": "tell me about Fleetwood Nightcap", "customer_id": "imp"},
        timeout=60,
    ).json()
    assert any(card["id"] == "FLEET-0001" for card in chat["products"])
