"""The service's cache levels, built from settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from weedgo.cache.layered import CacheLevel
from weedgo.config import Settings
from weedgo.extras import require

if TYPE_CHECKING:  # redis-py is the [redis] extra
    from weedgo.cache.redis import RedisCache


class Caches:
    """Response (15 min), search (10 min) and analysis caches, plus the Redis link."""

    def __init__(self, settings: Settings) -> None:
        self.redis: RedisCache | None = None
        if settings.redis_url:
            require("redis", "redis", "WEEDGO_REDIS_URL")
            from weedgo.cache.redis import RedisCache

            self.redis = RedisCache(settings.redis_url, timeout_s=settings.redis_timeout_s)
        enabled = settings.enable_caching
        size = settings.cache_max_entries
        self.response = CacheLevel(
            "response", ttl=settings.cache_ttl, maxsize=size, redis=self.redis, enabled=enabled
        )
        self.search = CacheLevel(
            "search",
            ttl=settings.product_cache_ttl,
            maxsize=size,
            redis=self.redis,
            enabled=enabled,
        )
        # Analysis is pure and cheap: an in-process level is enough.
        self.analysis = CacheLevel(
            "analysis", ttl=settings.analysis_cache_ttl, maxsize=size, enabled=enabled
        )

    @property
    def levels(self) -> tuple[CacheLevel, ...]:
        return (self.response, self.search, self.analysis)

    def clear(self) -> None:
        for level in self.levels:
            level.clear()

    async def start(self) -> None:
        if self.redis is not None:
            await self.redis.ping()

    async def aclose(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()

    async def check_health(self) -> dict[str, Any]:
        """``health()`` after asking Redis itself (one PING within the Redis time-out)."""
        if self.redis is not None:
            await self.redis.ping()
        return self.health()

    def health(self) -> dict[str, Any]:
        if self.redis is None:
            return {"status": "ok", "backend": "memory"}
        redis = self.redis.health()
        status = "ok" if redis["status"] == "ok" else "degraded"
        return {"status": status, "backend": "memory+redis", "redis": redis}

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {level.name: level.figures() for level in self.levels}
        if self.redis is not None:
            stats = self.redis.stats
            out["redis"] = {
                "hits": stats.hits,
                "misses": stats.misses,
                "errors": stats.errors,
                "status": self.redis.health()["status"],
            }
        return out
