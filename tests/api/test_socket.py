"""The chat socket under bad frames and bursts: every frame is answered, the socket lives."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from websockets.sync.client import connect

from tests.conftest import make_settings
from tests.live import LiveServer
from weedgo.app import create_app
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.engine.fake import FakeEngine

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "s"}
QUESTIONS = [
    "any sativa pre-rolls under $20?",
    "show me a hybrid vape",
    "what edibles do you have?",
    "something for creativity",
    "cheap indica flower",
    "a strong sativa",
]


class _Gated(FakeEngine):
    """Holds each reply until the gate opens (at the latest after ``hold_s``)."""

    def __init__(self, hold_s: float = 10.0) -> None:
        super().__init__()
        self.hold_s = hold_s
        self.gate: asyncio.Event | None = None

    def open(self) -> None:
        self._gate().set()

    def _gate(self) -> asyncio.Event:
        if self.gate is None:
            self.gate = asyncio.Event()
        return self.gate

    async def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncIterator[str]:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._gate().wait(), self.hold_s)
        async for piece in super().stream(prompt, params, stats):
            yield piece


@contextlib.contextmanager
def _gated_client(tmp_path: Path, **overrides: object) -> Iterator[tuple[TestClient, _Gated]]:
    engine = _Gated()
    settings = make_settings(tmp_path, request_deadline_s=30.0, **overrides)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        yield client, engine


def _until_done(ws: Any) -> list[dict[str, Any]]:
    events = []
    while True:
        events.append(ws.receive_json())
        if events[-1]["type"] in ("done", "error"):
            return events


BAD_FRAMES: list[tuple[str, str | bytes, str]] = [
    ("binary", b"\x00\x01binary", "invalid_frame"),
    ("nested list", "[" * 5000 + "]" * 5000, "invalid_json"),
    ("nested object", '{"a":' * 5000 + "1" + "}" * 5000, "invalid_json"),
    ("not json", "not json", "invalid_json"),
    ("surrogate message", '{"message": "hi \\ud800 there", "customer_id": "c"}', "invalid_request"),
    ("surrogate customer", '{"message": "hi", "customer_id": "\\udfff"}', "invalid_request"),
    ("a list", "[1, 2]", "invalid_request"),
    ("empty message", '{"message": "", "customer_id": "c"}', "invalid_request"),
    ("over the size limit", json.dumps({**SEED, "pad": "x" * 70_000}), "payload_too_large"),
]


@pytest.mark.parametrize(
    ("frame", "code"), [(f, c) for _, f, c in BAD_FRAMES], ids=[n for n, _, _ in BAD_FRAMES]
)
def test_a_bad_frame_gets_an_error_and_the_socket_stays_usable(
    client: TestClient, frame: str | bytes, code: str
) -> None:
    with client.websocket_connect("/ws/chat") as ws:
        if isinstance(frame, bytes):
            ws.send_bytes(frame)
        else:
            ws.send_text(frame)
        error = ws.receive_json()
        assert (error["type"], error["code"]) == ("error", code)
        assert error["message"]
        ws.send_json({"type": "ping", "id": "after"})
        assert ws.receive_json() == {"type": "pong", "id": "after"}
        ws.send_json(SEED)
        assert _until_done(ws)[-1]["type"] == "done"


def test_half_a_character_outside_the_fields_is_ignored(client: TestClient) -> None:
    with client.websocket_connect("/ws/chat") as ws:
        ws.send_text('{"type": "ping", "id": "\\ud800"}')
        pong = ws.receive_json()
        assert pong["type"] == "pong" and pong["id"] != "\ud800"
        ws.send_text('{"message": "hello", "customer_id": "c", "note": "\\ud800"}')
        assert _until_done(ws)[-1]["type"] == "done"


def test_a_ping_is_answered_while_a_reply_is_written(tmp_path: Path) -> None:
    with _gated_client(tmp_path) as (client, engine), client.websocket_connect("/ws/chat") as ws:
        ws.send_json({**SEED, "id": "t0"})
        assert ws.receive_json()["type"] == "meta"
        assert ws.receive_json()["type"] == "token"  # the catalog's sentence; the model is held
        ws.send_json({"type": "ping", "id": "p"})
        assert ws.receive_json() == {"type": "pong", "id": "p"}
        client.portal.call(engine.open)  # type: ignore[union-attr]
        events = _until_done(ws)
        assert events[-1]["type"] == "done" and {e["id"] for e in events} == {"t0"}


def test_frames_beyond_the_queue_are_refused_and_the_rest_answered(tmp_path: Path) -> None:
    with (
        _gated_client(tmp_path, socket_queue_size=2) as (client, engine),
        client.websocket_connect("/ws/chat") as ws,
    ):
        ws.send_json({**SEED, "id": "t0"})
        assert ws.receive_json()["type"] == "meta"  # t0 is being answered
        assert ws.receive_json()["type"] == "token"  # its catalog sentence; the model is held
        for number, question in enumerate(QUESTIONS, start=1):
            ws.send_json({"message": question, "customer_id": "s", "id": f"t{number}"})
        refused = [ws.receive_json() for _ in range(len(QUESTIONS) - 2)]
        assert [(e["type"], e["code"], e["id"]) for e in refused] == [
            ("error", "too_many_turns", f"t{n}") for n in range(3, len(QUESTIONS) + 1)
        ]
        assert "2 messages" in refused[0]["message"]
        client.portal.call(engine.open)  # type: ignore[union-attr]
        answered = [_until_done(ws)[-1] for _ in range(3)]
        assert [(e["type"], e["id"]) for e in answered] == [
            ("done", "t0"),
            ("done", "t1"),
            ("done", "t2"),
        ]


def test_a_burst_of_fifty_frames_is_answered_and_keep_alive_holds(tmp_path: Path) -> None:
    """On a real server with a short keep-alive: no frame goes unanswered, no 1011 close."""
    engine = _Gated(hold_s=1.5)
    app = create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)
    live = LiveServer(app, ws_ping_interval=0.2, ws_ping_timeout=0.5)
    url = live.start().replace("http://", "ws://")
    try:
        with connect(f"{url}/ws/chat", ping_interval=None) as ws:
            for number in range(50):
                question = QUESTIONS[number % len(QUESTIONS)]
                ws.send(json.dumps({"message": question, "customer_id": "b", "id": f"t{number}"}))
            final: dict[str, str] = {}
            while len(final) < 50:
                event = json.loads(ws.recv(timeout=30))
                if event["type"] in ("done", "error"):
                    assert event["id"] not in final
                    final[event["id"]] = event.get("code", "done")
    finally:
        live.stop()
    assert set(final.values()) <= {"done", "too_many_turns"}
    assert list(final.values()).count("done") >= 8  # at least the queue's worth
