"""Database faults on the embedded store (SQLite) and through the API.

A failed search is told honestly and never cached; a chat refused with 503 writes
nothing; serving never creates a database without a word; a file removed while the
service runs shows in /health.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.bootstrap import run_setup
from weedgo.engine.fake import FakeEngine
from weedgo.errors import StoreError
from weedgo.pipeline.fallback import CATALOG_UNAVAILABLE

SLEEP = {"message": "Show me some indica strains for sleep", "customer_id": "faults"}


def _sessions(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


def test_a_failed_search_is_not_nothing_found_and_is_not_cached(client: TestClient) -> None:
    store = client.app.state.services.store  # type: ignore[attr-defined]
    search = store.search

    async def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("could not connect to the database")

    store.search = fail
    down = client.post("/api/v1/chat", json=SLEEP).json()
    assert down["message"].startswith(CATALOG_UNAVAILABLE)
    assert down["products"] == [] and down["fallback"] is True
    assert down["degraded"] == ["catalog"] and down["cached"] is False
    caches = client.app.state.services.caches  # type: ignore[attr-defined]
    assert len(caches.response.memory) == 0 and len(caches.search.memory) == 0
    store.search = search
    up = client.post("/api/v1/chat", json=SLEEP).json()
    assert up["cached"] is False and up["products"]
    assert up["degraded"] == [] and up["stored"] is True


def test_a_failed_search_is_told_in_the_stream_too(client: TestClient) -> None:
    store = client.app.state.services.store  # type: ignore[attr-defined]

    async def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("could not connect to the database")

    store.search = fail
    with client.stream("POST", "/api/v1/chat/stream", json=SLEEP) as response:
        text = "".join(response.iter_text())
    assert "catalog is unavailable" in text and '"degraded": ["catalog"]' in text


def test_a_chat_refused_with_503_writes_nothing(tmp_path: Path) -> None:
    # the model writes the whole reply, so a full queue refuses the turn
    settings = make_settings(tmp_path, lead_reply=False)
    engine = FakeEngine()
    engine.queue_depth = lambda: 10_000  # type: ignore[method-assign]
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        for path in ("/api/v1/chat", "/api/v1/chat/stream"):
            response = client.post(path, json={**SLEEP, "session_id": "refused-session-1"})
            assert response.status_code == 503
            assert response.headers["Retry-After"]
    assert _sessions(tmp_path / "weedgo.db") == 0


def test_the_session_is_saved_with_its_first_turn(client: TestClient, tmp_path: Path) -> None:
    first = client.post("/api/v1/chat", json=SLEEP).json()
    assert first["stored"] is True and _sessions(tmp_path / "weedgo.db") == 1
    other = client.post(
        "/api/v1/chat",
        json={**SLEEP, "customer_id": "someone-else", "session_id": first["session_id"]},
    )
    assert other.status_code == 403  # the session row names its customer


def test_serving_never_creates_a_missing_database(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, create_database=False)
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert "weedgo setup" in health.json()["database"]["reason"]
        chat = client.post("/api/v1/chat", json=SLEEP)
        assert chat.status_code == 503 and "weedgo setup" in chat.json()["error"]["message"]
    assert not (tmp_path / "weedgo.db").exists()


def test_a_database_removed_between_runs_is_not_silently_replaced(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, create_database=False)
    assert asyncio.run(run_setup(settings, prewarm=False)) == 0  # setup creates it, explicitly
    database = tmp_path / "weedgo.db"
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        assert client.post("/api/v1/chat", json=SLEEP).json()["products"]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        assert client.get("/health").status_code == 503
        assert client.post("/api/v1/chat", json=SLEEP).status_code == 503
    assert not database.exists()


def test_a_database_removed_while_serving_shows_in_health(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, create_database=False)
    asyncio.run(run_setup(settings, prewarm=False))
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        assert client.get("/health").status_code == 200
        os.remove(tmp_path / "weedgo.db")
        with caplog.at_level(logging.ERROR):
            assert client.get("/health").status_code == 503
            assert client.get("/health").status_code == 503
        removed = [r for r in caplog.records if "was removed or replaced" in r.getMessage()]
        assert len(removed) == 1  # said once, loudly


def test_creating_a_database_on_start_is_said_loudly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = make_settings(tmp_path, create_database=True)
    app = create_app(settings, engine=FakeEngine(), wait_for_engine=True)
    with caplog.at_level(logging.WARNING), TestClient(app) as client:
        assert client.get("/health").status_code == 200
    assert any("NEW, EMPTY database" in r.getMessage() for r in caplog.records)


def test_a_failed_search_is_told_in_french_to_a_french_question(client: TestClient) -> None:
    store = client.app.state.services.store  # type: ignore[attr-defined]

    async def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("could not connect to the database")

    store.search = fail
    question = {"message": "Avez-vous des jujubes à moins de 20 $?", "customer_id": "faults"}
    body = client.post("/api/v1/chat", json=question).json()
    assert body["message"].startswith("Notre catalogue de produits n'est pas disponible")
    assert body["degraded"] == ["catalog"] and body["products"] == []
