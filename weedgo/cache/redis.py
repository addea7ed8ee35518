"""A shared second cache level in Redis (redis-py asyncio).

Every operation has a short timeout. When Redis fails, the client marks itself down
for a back-off period and answers "miss" without calling Redis, so a dead or slow Redis
never fails a chat; ``health()`` says so.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


@dataclass
class CacheStats:
    """What Redis answered: hits, misses and failed calls."""

    hits: int = 0
    misses: int = 0
    errors: int = 0


class RedisCache:
    def __init__(
        self, url: str, *, timeout_s: float = 0.05, backoff_s: float = 5.0, prefix: str = "weedgo:"
    ) -> None:
        self.prefix = prefix
        self.backoff_s = backoff_s
        self._client: aioredis.Redis = aioredis.Redis.from_url(
            url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s, decode_responses=True
        )
        self._down_until = 0.0
        self.last_error = ""
        self.stats = CacheStats()

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _fail(self, error: Exception) -> None:
        self.stats.errors += 1
        self.last_error = f"{type(error).__name__}: {error}"
        if self.available:
            logger.warning("Redis cache unavailable (%s); using the in-process cache", error)
        self._down_until = time.monotonic() + self.backoff_s

    async def ping(self) -> bool:
        try:
            ok = bool(await self._client.ping())
        except (RedisError, OSError, TimeoutError) as error:
            self._fail(error)
            return False
        self._down_until = 0.0
        return ok

    async def get(self, key: str) -> Any | None:
        if not self.available:
            return None
        try:
            raw = await self._client.get(self.prefix + key)
        except (RedisError, OSError, TimeoutError) as error:
            self._fail(error)
            return None
        if raw is None:
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return json.loads(raw)

    async def set(self, key: str, value: Any, ttl: float) -> None:
        if not self.available:
            return
        try:
            await self._client.set(self.prefix + key, json.dumps(value), ex=max(1, int(ttl)))
        except (RedisError, OSError, TimeoutError) as error:
            self._fail(error)

    def health(self) -> dict[str, Any]:
        status = "ok" if self.available else "down"
        # no address: /health is public (the URL stays in the operator's configuration)
        return {"status": status, "error": self.last_error or None}

    async def aclose(self) -> None:
        await self._client.aclose()
