"""The pipeline on a remote OpenAI-compatible engine: llama-cpp-python's own server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN, make_settings
from tests.integration.remote import free_port, start_llama_server, stop
from weedgo.app import create_app

pytestmark = [pytest.mark.model, pytest.mark.slow]

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "remote_user"}


@pytest.fixture(scope="module")
def llama_server(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    proc, url = start_llama_server(model_path, tmp_path_factory.mktemp("ls") / "server.log")
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def remote_client(
    llama_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = make_settings(
        tmp_path_factory.mktemp("remote"),
        engine="openai",
        engine_url=llama_server,
        parallel=1,  # llama_cpp.server serves one request at a time
        request_deadline_s=60,
    )
    with TestClient(create_app(settings, wait_for_engine=True)) as client:
        yield client


def test_chat_through_the_remote_engine(remote_client: TestClient) -> None:
    health = remote_client.get("/health").json()
    assert health["model"]["status"] == "ok"
    assert health["model"]["model"] == "gemma-3-270m-q4_k_m"
    body = remote_client.post("/api/v1/chat", json=SEED).json()
    assert body["model"] == "gemma-3-270m-q4_k_m"
    assert body["grounded"] is True
    assert body["products"]
    assert all(card["strain_type"] == "indica" for card in body["products"])
    again = remote_client.post("/api/v1/chat", json={**SEED, "customer_id": "other"}).json()
    assert again["cached"] is True


def test_streaming_through_the_remote_engine(remote_client: TestClient) -> None:
    payload = {"message": "any sativa pre-rolls for daytime?", "customer_id": "r2"}
    with remote_client.stream("POST", "/api/v1/chat/stream", json=payload) as response:
        names = [
            line.split(":", 1)[1].strip()
            for line in response.iter_lines()
            if line.startswith("event:")
        ]
    assert names[0] == "meta" and names[-1] == "done"
    assert names.count("token") >= 1
    metrics = remote_client.get("/api/v1/metrics").json()
    assert metrics["completion_tokens"] > 0


def test_engine_killed_mid_stream_gives_catalog_reply_and_stores_turn(
    model_path: Path, tmp_path: Path
) -> None:
    proc, url = start_llama_server(model_path, tmp_path / "server.log")
    settings = make_settings(
        tmp_path,
        engine="openai",
        engine_url=url,
        stop=["@@@@"],
        max_tokens=400,
        enable_caching=False,
        engine_retries=0,
        request_deadline_s=60,
    )
    try:
        with TestClient(create_app(settings, wait_for_engine=True)) as client:
            events = []
            with client.stream("POST", "/api/v1/chat/stream", json=SEED) as response:
                for line in response.iter_lines():
                    if line.startswith("data:"):
                        events.append(json.loads(line[5:]))
                        if events[-1]["type"] == "token" and proc.poll() is None:
                            proc.kill()
            done = events[-1]
            assert done["type"] == "done"
            assert done["fallback"] is True
            assert done["message"]
            assert events[0]["products"]
            sid = events[0]["session_id"]
            services = client.app.state.services  # type: ignore[attr-defined]
            turns = client.portal.call(services.store.recent_turns, sid, 10)  # type: ignore[attr-defined]
            assert [t.role for t in turns] == ["user", "assistant"]
            assert turns[1].content == done["message"]
            health = client.get("/health")
            assert health.status_code == 503
            assert health.json()["model"]["status"] == "down"
    finally:
        stop(proc)


def test_unreachable_engine_is_reported_and_chat_degrades(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    settings = make_settings(tmp_path, engine="openai", engine_url=url, engine_retries=1)
    with TestClient(create_app(settings, wait_for_engine=True)) as client:
        health = client.get("/health", params={"detail": "true"}, headers=ADMIN)
        assert health.status_code == 503
        assert url in health.json()["model"]["error"]
        assert url not in client.get("/health").text
        body = client.post("/api/v1/chat", json=SEED)
        assert body.status_code == 200
        assert body.json()["fallback"] is True
        assert body.json()["products"]
