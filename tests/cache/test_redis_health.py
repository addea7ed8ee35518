"""/health asks Redis itself: a Redis that went away shows at once, with no address."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from tests.faults.proxy import TcpProxy
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine

pytestmark = pytest.mark.redis


def test_health_sees_redis_go_away_without_a_cache_call(tmp_path: Path, redis_url: str) -> None:
    host_port, _, database = redis_url.removeprefix("redis://").partition("/")
    host, _, port = host_port.partition(":")
    proxy = TcpProxy((host, int(port)))
    settings = make_settings(tmp_path, redis_url=f"redis://127.0.0.1:{proxy.port}/{database}")
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        assert client.get("/health").json()["cache"]["status"] == "ok"
        proxy.cut()
        started = time.perf_counter()
        health = client.get("/health")
        assert time.perf_counter() - started < 1.0
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "degraded"
        assert body["cache"]["redis"]["status"] == "down"
        assert str(proxy.port) not in health.text and "redis://" not in health.text
