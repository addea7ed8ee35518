"""In-process LRU cache with a time to live, one per namespace (cachetools)."""

from __future__ import annotations

import time
from typing import Any

from cachetools import TTLCache


class MemoryCache:
    """A bounded LRU whose entries expire ``ttl`` seconds after they were set."""

    def __init__(self, maxsize: int, ttl: float) -> None:
        self._data: TTLCache[str, Any] = TTLCache(maxsize=maxsize, ttl=ttl, timer=time.monotonic)

    def get(self, key: str) -> Any | None:
        return self._data.get(key)

    def set(self, key: str, value: Any) -> None:
        self._data[key] = value

    def clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
