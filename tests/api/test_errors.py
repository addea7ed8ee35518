"""Bad input gets a clear 4xx with {"error": {"code", "message"}}; never a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient


def _error(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert body["error"]["code"]
    assert body["error"]["message"]
    return body["error"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("payload", "status", "needle"),
    [
        ({"message": "", "customer_id": "c"}, 422, "message"),
        ({"message": "   \n\t ", "customer_id": "c"}, 422, "empty"),
        ({"message": "x" * 1001, "customer_id": "c"}, 413, "1000"),
        ({"customer_id": "c"}, 422, "message"),
        ({"message": "hi"}, 422, "customer_id"),
        ({"message": 42, "customer_id": "c"}, 422, "message"),
        ({"message": "hi", "customer_id": "c", "session_id": "bad id!"}, 422, "session_id"),
        ({"message": "hi", "customer_id": "c", "session_id": "short"}, 422, "session_id"),
    ],
)
def test_bad_chat_input(
    client: TestClient, payload: dict[str, object], status: int, needle: str
) -> None:
    response = client.post("/api/v1/chat", json=payload)
    assert response.status_code == status, response.text
    assert needle in _error(response)["message"]


def test_invalid_json(client: TestClient) -> None:
    response = client.post(
        "/api/v1/chat", content=b'{"message": "hi", ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert _error(response)["code"] == "invalid_json"


def test_bad_input_stores_no_turn(client: TestClient) -> None:
    first = client.post("/api/v1/chat", json={"message": "hello", "customer_id": "c"}).json()
    sid = first["session_id"]
    bad = client.post("/api/v1/chat", json={"message": "", "customer_id": "c", "session_id": sid})
    assert bad.status_code == 422
    services = client.app.state.services  # type: ignore[attr-defined]
    turns = client.portal.call(services.store.recent_turns, sid, 10)  # type: ignore[attr-defined]
    assert [t.content for t in turns] == ["hello", first["message"]]


def test_unknown_route_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_unknown_product_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/products/NO-SUCH-SKU")
    assert response.status_code == 404
    assert "NO-SUCH-SKU" in _error(response)["message"]


def test_bad_product_filter_is_4xx(client: TestClient) -> None:
    assert client.get("/api/v1/products?limit=500").status_code == 422
    assert client.get("/api/v1/products?category=spaceship").status_code == 422
    response = client.get("/api/v1/products?min_price=50&max_price=10")
    assert response.status_code == 400
    assert "price" in _error(response)["message"]


def test_a_body_over_the_limit_is_refused_before_parsing(client: TestClient) -> None:
    huge = '{"message": "hi", "customer_id": "c", "padding": "' + "x" * 70_000 + '"}'
    response = client.post(
        "/api/v1/chat", content=huge, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert "65,536 bytes" in response.json()["error"]["message"]


def test_a_chunked_body_over_the_limit_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"message": "hi", "customer_id": "c", "padding": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    response = client.post(
        "/api/v1/chat", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_body_under_the_limit_is_served(client: TestClient) -> None:
    body = {"message": "hello", "customer_id": "c", "padding": "x" * 30_000}
    assert client.post("/api/v1/chat", json=body).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/chat", "/api/v1/chat/stream"])
def test_a_lone_surrogate_is_refused_with_422(client: TestClient, path: str) -> None:
    raw = '{"message": "hi \\ud800 there", "customer_id": "c"}'
    response = client.post(path, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "invalid_request"
    assert "surrogate" in error["message"]
