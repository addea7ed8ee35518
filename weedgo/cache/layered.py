"""Named cache levels (response, search, analysis) over memory and optional Redis.

``get_or_compute`` runs concurrent identical misses once (single flight): the first
caller computes, the others await its result.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from weedgo.cache.memory import MemoryCache

if TYPE_CHECKING:  # redis-py is the [redis] extra
    from weedgo.cache.redis import RedisCache

logger = logging.getLogger(__name__)


class CacheLevel:
    """One namespace: an in-process LRU, backed by Redis when configured."""

    def __init__(
        self,
        name: str,
        *,
        ttl: float,
        maxsize: int,
        redis: RedisCache | None = None,
        enabled: bool = True,
    ) -> None:
        self.name = name
        self.ttl = ttl
        self.enabled = enabled
        self.memory = MemoryCache(maxsize=maxsize, ttl=ttl)
        self.redis = redis
        self.hits = 0
        self.misses = 0
        self._inflight: dict[str, asyncio.Future[Any]] = {}

    async def get(self, key: str) -> Any | None:
        if not self.enabled:
            return None
        value = self.memory.get(key)
        if value is None and self.redis is not None:
            value = await self.redis.get(key)
            if value is not None:
                self.memory.set(key, value)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    async def set(self, key: str, value: Any) -> None:
        if not self.enabled:
            return
        self.memory.set(key, value)
        if self.redis is not None:
            await self.redis.set(key, value, self.ttl)

    async def get_or_compute(
        self, key: str, compute: Callable[[], Awaitable[Any]]
    ) -> tuple[Any, bool]:
        """The cached value and True, or the computed value and False (single flight)."""
        value = await self.get(key)
        if value is not None:
            return value, True
        pending = self._inflight.get(key)
        if pending is not None:
            return await asyncio.shield(pending), True
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            value = await compute()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # mark retrieved: waiters re-raise it themselves
            raise
        finally:
            self._inflight.pop(key, None)
        if value is not None:
            await self.set(key, value)
        future.set_result(value)
        return value, False

    def lead(self, key: str) -> bool:
        """Claim the computation of ``key``; False when another caller already leads it.

        The leader must call :meth:`settle` (with None on failure) when done; followers
        await :meth:`follow`.
        """
        if key in self._inflight:
            return False
        self._inflight[key] = asyncio.get_running_loop().create_future()
        return True

    def settle(self, key: str, value: Any | None) -> None:
        future = self._inflight.pop(key, None)
        if future is not None and not future.done():
            future.set_result(value)

    async def follow(self, key: str, *, timeout: float | None = None) -> Any | None:
        """The value the leader computes for ``key`` (None if it failed, none leads, or
        it takes longer than ``timeout`` seconds)."""
        future = self._inflight.get(key)
        if future is None:
            return None
        try:
            value = await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            return None
        if value is not None:  # served without computing: a hit, not the miss it looked
            self.hits += 1
            self.misses -= 1
        return value

    def clear(self) -> None:
        self.memory.clear()

    def figures(self) -> dict[str, Any]:
        total = self.hits + self.misses
        return {
            "hits": self.hits,
            "misses": self.misses,
            "hit_rate": round(self.hits / total, 4) if total else 0.0,
            "size": len(self.memory),
            "ttl_s": self.ttl,
            "enabled": self.enabled,
        }
