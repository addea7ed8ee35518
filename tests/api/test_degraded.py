"""A failing database degrades the reply; it never takes the chat down."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from weedgo.errors import StoreError

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "d"}


def _break(client: TestClient, *names: str) -> None:
    store = client.app.state.services.store  # type: ignore[attr-defined]

    async def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("could not connect to the database")

    for name in names:
        setattr(store, name, fail)
    client.app.state.services.caches.clear()  # type: ignore[attr-defined]


def test_search_failure_gives_a_reply_without_products(client: TestClient) -> None:
    _break(client, "search")
    response = client.post("/api/v1/chat", json=SEED)
    assert response.status_code == 200
    body = response.json()
    assert body["products"] == []
    assert body["message"]


def test_session_store_failure_still_answers(client: TestClient) -> None:
    _break(client, "get_session", "save_session", "recent_turns", "add_turns")
    response = client.post("/api/v1/chat", json=SEED)
    assert response.status_code == 200
    assert response.json()["products"]


def test_database_down_shows_in_health(client: TestClient) -> None:
    store = client.app.state.services.store  # type: ignore[attr-defined]

    async def down() -> bool:
        return False

    store.ping = down
    health = client.get("/health")
    assert health.status_code == 503
    assert health.json()["database"]["status"] == "down"
