"""One deadline per request: waiting for the database, the model's queue and the model
all count against WEEDGO_REQUEST_DEADLINE_S. Bounds allow a busy machine's margin."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine

SLEEP = {"message": "Show me some indica strains for sleep", "customer_id": "deadline"}
MARGIN_S = 0.8
SLOW_WORDS = 0.5  # seconds per word of the fake model: a reply takes far past the deadline


def test_a_slow_database_counts_against_the_deadline(tmp_path: Path) -> None:
    deadline_s = 1.5
    settings = make_settings(tmp_path, request_deadline_s=deadline_s, db_timeout_s=5.0)
    engine = FakeEngine(delay_s=SLOW_WORDS)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        store = client.app.state.services.store  # type: ignore[attr-defined]
        search = store.search

        async def slow(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(1.2)
            return await search(*args, **kwargs)

        store.search = slow
        began = time.perf_counter()
        response = client.post("/api/v1/chat", json=SLEEP)
        took = time.perf_counter() - began
    assert response.status_code == 200
    assert took < deadline_s + MARGIN_S, f"chat took {took:.2f} s, deadline {deadline_s} s"
    body = response.json()
    assert body["products"] and body["fallback"] is True


async def test_a_follower_waits_no_longer_than_its_own_deadline(tmp_path: Path) -> None:
    deadline_s = 1.0
    settings = make_settings(tmp_path, request_deadline_s=deadline_s)
    app = create_app(settings, engine=FakeEngine(delay_s=SLOW_WORDS), wait_for_engine=True)

    async def timed(client: httpx.AsyncClient) -> float:
        began = time.perf_counter()
        response = await client.post("/api/v1/chat", json=SLEEP)
        assert response.status_code == 200
        return time.perf_counter() - began

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            took = await asyncio.gather(timed(client), timed(client))
    assert max(took) < deadline_s + MARGIN_S, f"took {took} s, deadline {deadline_s} s"


def test_product_search_keeps_the_deadline(tmp_path: Path) -> None:
    deadline_s = 1.0
    settings = make_settings(tmp_path, request_deadline_s=deadline_s, db_timeout_s=5.0)
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        store = client.app.state.services.store  # type: ignore[attr-defined]

        async def stuck(*_args: Any, **_kwargs: Any) -> Any:
            await asyncio.sleep(30)

        store.count = stuck
        began = time.perf_counter()
        response = client.get("/api/v1/products", params={"q": "kush"})
        took = time.perf_counter() - began
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert took < deadline_s + MARGIN_S, f"product search took {took:.2f} s"
