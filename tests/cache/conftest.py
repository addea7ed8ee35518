from __future__ import annotations

import pytest
import redis as redis_sync

from tests.conftest import REDIS_URL, unavailable_in_ci


@pytest.fixture
def redis_url() -> str:
    try:
        redis_sync.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis_sync.exceptions.RedisError:
        unavailable_in_ci(f"Redis at {REDIS_URL}")
    return REDIS_URL
