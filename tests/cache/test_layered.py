from __future__ import annotations

import asyncio
import time

import pytest

from weedgo.cache.layered import CacheLevel
from weedgo.cache.memory import MemoryCache
from weedgo.cache.redis import RedisCache


async def test_single_flight_computes_once() -> None:
    level = CacheLevel("response", ttl=60, maxsize=100)
    calls = 0

    async def compute() -> dict[str, int]:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return {"answer": 42}

    results = await asyncio.gather(*(level.get_or_compute("k", compute) for _ in range(10)))
    assert calls == 1
    assert all(value == {"answer": 42} for value, _ in results)
    assert sum(1 for _, shared in results if not shared) == 1


async def test_single_flight_error_reaches_every_waiter_and_is_not_cached() -> None:
    level = CacheLevel("response", ttl=60, maxsize=100)

    async def boom() -> None:
        await asyncio.sleep(0.01)
        raise ValueError("db down")

    results = await asyncio.gather(
        *(level.get_or_compute("k", boom) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(r, ValueError) for r in results)
    assert await level.get("k") is None


async def test_disabled_level_never_hits() -> None:
    level = CacheLevel("response", ttl=60, maxsize=100, enabled=False)
    await level.set("k", {"v": 1})
    assert await level.get("k") is None


def test_memory_cache_expires_and_is_bounded() -> None:
    cache = MemoryCache(maxsize=2, ttl=0.05)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("c", 3)
    assert len(cache) == 2
    assert cache.get("a") is None
    time.sleep(0.06)
    assert cache.get("c") is None


async def test_redis_down_is_a_miss_not_an_error() -> None:
    redis = RedisCache("redis://127.0.0.1:1/0", timeout_s=0.05)
    level = CacheLevel("response", ttl=60, maxsize=10, redis=redis)
    began = time.perf_counter()
    await level.set("k", {"v": 1})
    assert await level.get("k") == {"v": 1}  # served by the in-process level
    assert await level.get("other") is None
    assert time.perf_counter() - began < 1.0
    assert redis.health()["status"] == "down"
    await redis.aclose()


@pytest.mark.redis
async def test_redis_level_is_shared_between_processes(redis_url: str) -> None:
    writer = CacheLevel("response", ttl=60, maxsize=10, redis=RedisCache(redis_url, timeout_s=1))
    reader = CacheLevel("response", ttl=60, maxsize=10, redis=RedisCache(redis_url, timeout_s=1))
    key = f"shared-{time.time_ns()}"
    await writer.set(key, {"message": "hello"})
    assert await reader.get(key) == {"message": "hello"}
    assert reader.hits == 1
    assert writer.redis is not None and reader.redis is not None
    await writer.redis.aclose()
    await reader.redis.aclose()
