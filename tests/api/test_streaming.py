"""SSE and WebSocket chat: event order, multi-turn, disconnects, a full queue."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.conftest import make_settings
from tests.live import LiveServer
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "s"}


def sse_events(lines: Iterator[str]) -> list[tuple[str, dict[str, Any]]]:
    events, name = [], ""
    for line in lines:
        if line.startswith("event:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and name:
            events.append((name, json.loads(line.split(":", 1)[1])))
            name = ""
    return events


def test_sse_event_order_and_content(client: TestClient) -> None:
    with client.stream("POST", "/api/v1/chat/stream", json=SEED) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = sse_events(response.iter_lines())
    names = [name for name, _ in events]
    assert names[0] == "meta"
    assert names[-1] == "done"
    assert names.count("token") >= 2
    meta, done = events[0][1], events[-1][1]
    assert meta["products"] and meta["quick_replies"] and meta["session_id"]
    streamed = "".join(data["text"] for name, data in events if name == "token")
    assert done["message"] == streamed.strip() or done["replaced"]
    assert done["ttft_ms"] is not None and done["ttft_ms"] <= done["response_time_ms"]


def test_sse_cache_hit_streams_the_same_events(client: TestClient) -> None:
    with client.stream("POST", "/api/v1/chat/stream", json=SEED) as response:
        first = sse_events(response.iter_lines())
    with client.stream("POST", "/api/v1/chat/stream", json={**SEED, "customer_id": "t"}) as r:
        second = sse_events(r.iter_lines())
    assert [n for n, _ in second] == ["meta", "token", "done"]
    assert second[-1][1]["cached"] is True
    assert second[-1][1]["message"] == first[-1][1]["message"]
    assert second[0][1]["products"] == first[0][1]["products"]


def test_sse_bad_input_is_a_plain_4xx(client: TestClient) -> None:
    response = client.post("/api/v1/chat/stream", json={"message": "", "customer_id": "c"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_websocket_many_turns_and_ping(client: TestClient) -> None:
    with client.websocket_connect("/ws/chat") as ws:
        ws.send_text(json.dumps({"type": "ping", "id": "p1"}))
        assert ws.receive_json() == {"type": "pong", "id": "p1"}
        ws.send_text(json.dumps(SEED))
        first = _turn(ws)
        assert first[0]["type"] == "meta"
        assert first[-1]["type"] == "done"
        sid = first[0]["session_id"]
        ws.send_text(
            json.dumps({"message": "anything cheaper?", "customer_id": "s", "session_id": sid})
        )
        second = _turn(ws)
        assert second[0]["session_id"] == sid
        ws.send_text("not json")
        assert ws.receive_json()["code"] == "invalid_json"
        ws.send_text(json.dumps({"message": "", "customer_id": "s"}))
        assert ws.receive_json()["type"] == "error"
        ws.send_text(json.dumps({"message": "hello again", "customer_id": "s"}))
        assert _turn(ws)[-1]["type"] == "done"
        ws.close()


def _turn(ws: Any) -> list[dict[str, Any]]:
    events = []
    while True:
        event = ws.receive_json()
        events.append(event)
        if event["type"] in ("done", "error"):
            return events


class _Busy(FakeEngine):
    def queue_depth(self) -> int:
        return 10**6


# A question the model answers whole (WEEDGO_LEAD_REPLY=false): refused when it is full.
MODEL_ONLY = {"message": "show me indica flower", "customer_id": "m"}


def test_full_queue_gives_503_with_retry_after(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, lead_reply=False)
    app = create_app(settings, engine=_Busy(), wait_for_engine=True)
    with TestClient(app) as client:
        response = client.post("/api/v1/chat", json=MODEL_ONLY)
        assert response.status_code == 503
        assert response.headers["Retry-After"]
        assert response.json()["error"]["code"] == "overloaded"
        stream = client.post("/api/v1/chat/stream", json=MODEL_ONLY)
        assert stream.status_code == 503
        # a greeting needs no model and is still answered
        assert (
            client.post("/api/v1/chat", json={"message": "hi", "customer_id": "c"}).status_code
            == 200
        )
    # with the catalog's sentence first (the default), a product question is answered from
    # the catalog alone: its model sentence is shed
    app = create_app(make_settings(tmp_path / "lead"), engine=_Busy(), wait_for_engine=True)
    with TestClient(app) as client:
        product = client.post("/api/v1/chat", json=SEED)
        assert product.status_code == 200
        assert product.json()["authors"] == ["catalog"]
        assert product.json()["fallback"] is False


@contextmanager
def serving(engine: FakeEngine, tmp_path: Path, **overrides: object) -> Iterator[str]:
    """The service on a real socket, for tests that need concurrent clients."""
    live = LiveServer(
        create_app(make_settings(tmp_path, **overrides), engine=engine, wait_for_engine=True)
    )
    url = live.start()
    try:
        yield url
    finally:
        live.stop()


def post_burst(url: str, count: int, body: dict[str, Any] | None = None) -> list[httpx.Response]:
    """``count`` identical chat requests from different customers, all at once."""
    message = body or SEED

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=url, timeout=30) as http:
            calls = [
                http.post("/api/v1/chat", json={**message, "customer_id": f"c{i}"})
                for i in range(count)
            ]
            return list(await asyncio.gather(*calls))

    return asyncio.run(burst())


def test_real_queue_full_gives_503(tmp_path: Path) -> None:
    """Requests beyond the queue are refused at once while the model is busy."""
    engine = FakeEngine("word " * 40, delay_s=0.02, max_queue=50)
    with serving(engine, tmp_path, queue_size=2, enable_caching=False, lead_reply=False) as url:
        codes = [r.status_code for r in post_burst(url, 8, MODEL_ONLY)]
    assert codes.count(200) >= 1
    assert codes.count(503) >= 1
    assert set(codes) <= {200, 503}


def test_client_disconnect_stops_generation(tmp_path: Path) -> None:
    engine = FakeEngine("word " * 200, delay_s=0.02)
    with (
        serving(engine, tmp_path, enable_caching=False, request_deadline_s=30) as url,
        httpx.Client(base_url=url, timeout=30) as http,
    ):
        with http.stream("POST", "/api/v1/chat/stream", json=SEED) as response:
            for line in response.iter_lines():
                if line.startswith("event: token"):
                    break
        sent_at_close = engine.pieces_sent
        time.sleep(0.5)
        assert engine.pieces_sent - sent_at_close < 10, "generation went on after close"
        began = time.perf_counter()
        again = http.post("/api/v1/chat", json={"message": "hello", "customer_id": "n"})
        assert again.status_code == 200
        other = http.post("/api/v1/chat", json={**SEED, "customer_id": "n2"})
        assert other.status_code == 200
        assert time.perf_counter() - began < 20


@pytest.mark.parametrize("path", ["/api/v1/chat", "/api/v1/chat/stream"])
def test_message_too_long_is_413(client: TestClient, path: str) -> None:
    response = client.post(path, json={"message": "x" * 1001, "customer_id": "c"})
    assert response.status_code == 413


def test_concurrent_identical_misses_are_computed_once(tmp_path: Path) -> None:
    engine = FakeEngine("Darkside OG is a relaxing pick.", delay_s=0.05)
    with serving(engine, tmp_path) as url:
        bodies = [r.json() for r in post_burst(url, 6)]
        figures = httpx.get(f"{url}/api/v1/metrics").json()["cache"]["response"]
    assert len(engine.prompts) == 1
    assert sorted(b["cached"] for b in bodies) == [False] + [True] * 5
    assert len({b["message"] for b in bodies}) == 1
    assert (figures["hits"], figures["misses"]) == (5, 1)


def test_followers_compute_their_own_reply_when_the_leader_fails(tmp_path: Path) -> None:
    engine = FakeEngine("Darkside OG is a relaxing pick.", delay_s=0.05)
    engine.fail_next = RuntimeError("model crashed")
    with serving(engine, tmp_path) as url:
        assert [r.status_code for r in post_burst(url, 3)] == [200, 200, 200]


def _socket_client(tmp_path: Path, origins: list[str]) -> TestClient:
    settings = make_settings(tmp_path, cors_origins=origins)
    return TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True))


@pytest.mark.parametrize("origins", [[], ["https://shop.example"]])
def test_the_socket_refuses_a_page_from_another_origin(tmp_path: Path, origins: list[str]) -> None:
    with _socket_client(tmp_path, origins) as client:
        with pytest.raises(WebSocketDisconnect) as refused:  # noqa: SIM117
            with client.websocket_connect("/ws/chat", headers={"origin": "https://evil.example"}):
                pass
        assert refused.value.code == 1008


@pytest.mark.parametrize(
    ("origins", "origin"),
    [
        (["https://shop.example"], "https://shop.example"),  # configured
        ([], "http://testserver"),  # the page the service serves itself
        ([], None),  # not a browser
    ],
)
def test_the_socket_lets_in_what_http_lets_in(
    tmp_path: Path, origins: list[str], origin: str | None
) -> None:
    headers = {"origin": origin} if origin else {}
    with (
        _socket_client(tmp_path, origins) as client,
        client.websocket_connect("/ws/chat", headers=headers) as ws,
    ):
        ws.send_json({"type": "ping", "id": "p"})
        assert ws.receive_json() == {"type": "pong", "id": "p"}
