"""In-process LRU cache with a time to live, one per namespace (cachetools)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from cachetools import TTLCache


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    sets: int = 0
    errors: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class MemoryCache:
    """A bounded LRU whose entries expire ``ttl`` seconds after they were set."""

    def __init__(self, maxsize: int, ttl: float) -> None:
        self.ttl = ttl
        self._data: TTLCache[str, Any] = TTLCache(maxsize=maxsize, ttl=ttl, timer=time.monotonic)
        self.stats = CacheStats()

    def get(self, key: str) -> Any | None:
        value = self._data.get(key)
        if value is None:
            self.stats.misses += 1
        else:
            self.stats.hits += 1
        return value

    def set(self, key: str, value: Any) -> None:
        self._data[key] = value
        self.stats.sets += 1

    def delete(self, key: str) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
