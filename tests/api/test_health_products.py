"""Health, products, metrics and admin endpoints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN, make_settings
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine


def test_health_ok_when_ready(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["model"]["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["database"]["backend"] == "sqlite"
    assert body["cache"]["status"] == "ok"


class _SlowStart(FakeEngine):
    async def start(self) -> None:  # never finishes loading during the test
        import asyncio

        await asyncio.Event().wait()


def test_health_503_while_loading_and_chat_refused(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path), engine=_SlowStart())
    with TestClient(app) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json()["status"] == "loading"
        chat = client.post("/api/v1/chat", json={"message": "hi", "customer_id": "c"})
        assert chat.status_code == 503
        assert "starting" in chat.json()["error"]["message"]


def _broken_engine(message: str) -> FakeEngine:
    engine = FakeEngine()

    async def broken() -> None:
        raise RuntimeError(message)

    engine.start = broken  # type: ignore[method-assign]
    return engine


def _settled_health(client: TestClient, **kwargs: object) -> Any:
    for _ in range(50):
        body = client.get("/health", **kwargs)  # type: ignore[arg-type]
        if body.json()["model"]["status"] != "loading":
            break
    return body


def test_health_503_when_model_failed(tmp_path: Path) -> None:
    engine = _broken_engine("no such model file")
    with TestClient(create_app(make_settings(tmp_path), engine=engine)) as client:
        body = _settled_health(client, params={"detail": "true"}, headers=ADMIN)
        assert body.status_code == 503
        assert "no such model file" in body.json()["model"]["error"]


SECRET = "/srv/secret-models/gemma.gguf"


def test_public_health_and_errors_show_no_model_path(tmp_path: Path) -> None:
    engine = _broken_engine(f"The model file {SECRET} does not exist.")
    with TestClient(create_app(make_settings(tmp_path), engine=engine)) as client:
        public = _settled_health(client)
        assert public.status_code == 503
        assert public.json()["model"]["status"] == "down"
        assert "server log" in public.json()["model"]["error"]
        chat = client.post("/api/v1/chat", json={"message": "indica for sleep", "customer_id": "c"})
        stream = client.post(
            "/api/v1/chat/stream", json={"message": "sativa vapes", "customer_id": "c"}
        )
        for response in (public, chat, stream, client.get("/api/v1/metrics")):
            assert "secret-models" not in response.text, response.url
        detail = client.get("/health", params={"detail": "true"}, headers=ADMIN)
        assert SECRET in detail.json()["model"]["error"]


def test_the_health_detail_view_needs_the_admin_key(tmp_path: Path) -> None:
    with TestClient(create_app(make_settings(tmp_path), engine=FakeEngine())) as client:
        refused = client.get("/health", params={"detail": "true"})
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "unauthorized"
    settings = make_settings(tmp_path, admin_api_key=None)
    with TestClient(create_app(settings, engine=FakeEngine())) as client:
        off = client.get("/health", params={"detail": "true"}, headers=ADMIN)
        assert off.status_code == 403


def test_health_degraded_when_redis_down(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, redis_url="redis://127.0.0.1:1/0")
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        health = client.get("/health")
        assert health.status_code == 200
        assert health.json()["status"] == "degraded"
        chat = client.post("/api/v1/chat", json={"message": "hello", "customer_id": "c"})
        assert chat.status_code == 200


def test_products_search_and_filters(client: TestClient) -> None:
    body = client.get(
        "/api/v1/products",
        params={"q": "sleep", "strain_type": "indica", "max_price": 40, "in_stock": True},
    ).json()
    assert body["items"]
    assert body["total"] >= len(body["items"])
    for item in body["items"]:
        assert item["strain_type"] == "indica"
        assert item["price"] <= 40
        assert item["stock"] > 0


def test_products_pagination_and_sort(client: TestClient) -> None:
    page1 = client.get("/api/v1/products", params={"limit": 5, "sort": "price_asc"}).json()
    page2 = client.get(
        "/api/v1/products", params={"limit": 5, "offset": 5, "sort": "price_asc"}
    ).json()
    prices = [p["price"] for p in page1["items"] + page2["items"]]
    assert prices == sorted(prices)
    assert not {p["id"] for p in page1["items"]} & {p["id"] for p in page2["items"]}


def test_product_by_id_and_categories(client: TestClient) -> None:
    first = client.get("/api/v1/products", params={"limit": 1}).json()["items"][0]
    again = client.get(f"/api/v1/products/{first['id']}").json()
    assert again == first
    categories = client.get("/api/v1/products/categories").json()
    assert {"flower", "pre-roll", "edible", "accessory"} <= set(categories)
    assert sum(categories.values()) >= 300


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/api/v1/chat" in spec["paths"]


def test_admin_import_requires_key_when_set(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, admin_api_key="s3cret")
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        files = {"file": ("p.json", b"[]", "application/json")}
        assert client.post("/api/v1/admin/catalog/import", files=files).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert (
            client.post("/api/v1/admin/catalog/import", files=files, headers=wrong).status_code
            == 401
        )


@pytest.mark.parametrize("peer", ["127.0.0.1", "testclient", "203.0.113.9"])
def test_admin_is_off_without_a_key_whoever_asks(tmp_path: Path, peer: str) -> None:
    """Loopback included: behind a reverse proxy on the same host, everyone is loopback."""
    settings = make_settings(tmp_path, admin_api_key=None)
    app = create_app(settings, engine=FakeEngine(), wait_for_engine=True)
    with TestClient(app, client=(peer, 5000)) as client:
        files = {"file": ("p.json", b"[]", "application/json")}
        response = client.post("/api/v1/admin/catalog/import", files=files)
        assert response.status_code == 403
        assert "Admin endpoints are off" in response.json()["error"]["message"]
