"""Bad input gets a clear 4xx with {"error": {"code", "message"}}; never a 500."""

from __future__ import annotations

import argparse
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from tests.live import LiveServer
from weedgo import cli
from weedgo import workers as workers_module
from weedgo.api.protocol import HTTP_PROTOCOL
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine


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


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b'{"message": "caf\xe9", "customer_id": "c"}', "UTF-8"),  # Latin-1, not UTF-8
        (b"[" * 5000 + b"]" * 5000, "nested too deep"),
        (b'{"a":' * 5000 + b"1" + b"}" * 5000, "nested too deep"),
    ],
    ids=["not utf-8", "deep list", "deep object"],
)
def test_unreadable_json_is_invalid_json(client: TestClient, body: bytes, needle: str) -> None:
    response = client.post(
        "/api/v1/chat", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    error = _error(response)
    assert error["code"] == "invalid_json"
    assert needle in error["message"]


def test_a_refused_cors_preflight_is_a_json_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, cors_origins=["https://shop.example"])
    preflight = {"access-control-request-method": "POST"}
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as client:
        allowed = client.options(
            "/api/v1/chat", headers={**preflight, "origin": "https://shop.example"}
        )
        refused = client.options(
            "/api/v1/chat", headers={**preflight, "origin": "https://evil.example"}
        )
    assert allowed.status_code == 200
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/json"
    error = _error(refused)
    assert error["code"] == "cors_refused"
    assert "origin" in error["message"]


@pytest.mark.parametrize(
    "request_bytes",
    [b"GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", b"NOT HTTP AT ALL\r\n\r\n"],
    ids=["bad header", "bad request line"],
)
def test_uvicorns_own_parse_error_is_json(tmp_path: Path, request_bytes: bytes) -> None:
    app = create_app(make_settings(tmp_path), engine=FakeEngine(), wait_for_engine=True)
    live = LiveServer(app, http=HTTP_PROTOCOL)
    url = live.start()
    try:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(request_bytes)
            answer = b""
            while chunk := conn.recv(4096):
                answer += chunk
    finally:
        live.stop()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/json" in head.lower()
    assert json.loads(body)["error"]["code"] == "invalid_http"


@pytest.mark.parametrize("workers", [1, 2])
def test_weedgo_serve_uses_the_json_error_protocol(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    given: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: given.update(kwargs))
    monkeypatch.setattr(workers_module, "check_workers", lambda *args: None)
    args = argparse.Namespace(port=18999, workers=workers)
    assert cli._serve(args, make_settings(tmp_path)) == 0
    assert given["http"] == HTTP_PROTOCOL
