"""The whole service through the real model and real SQLite."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from weedgo.pipeline.search import NOTHING_MATCHES

pytestmark = [pytest.mark.model, pytest.mark.slow]

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "test_user"}
_PRICE = re.compile(r"\$\s?(\d+(?:\.\d{1,2})?)")


def _catalog_names(client: TestClient) -> set[str]:
    services = client.app.state.services  # type: ignore[attr-defined]
    return set(services.pipeline.known_names)


def test_seed_example_through_the_real_model(vocab_client: TestClient) -> None:
    """Grounded with either vocabulary: only shown products, only their prices."""
    real_client = vocab_client
    response = real_client.post("/api/v1/chat", json=SEED)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["model"].startswith("gemma-3-270m")
    assert body["products"]
    for card in body["products"]:
        assert card["strain_type"] == "indica"
        assert {"Sleepy", "Relaxed"} & set(card["effects"])
    assert body["grounded"] is True
    shown = {card["name"] for card in body["products"]} | {c["brand"] for c in body["products"]}
    others = _catalog_names(real_client) - shown
    for name in others:
        if len(name) > 4:
            assert not re.search(rf"\b{re.escape(name)}\b", body["message"]), name
    prices = {round(card["price"], 2) for card in body["products"]}
    for price in _PRICE.findall(body["message"]):
        assert round(float(price), 2) in prices


def test_streaming_through_the_real_model(real_client: TestClient) -> None:
    payload = {"message": "any sativa for daytime under $45?", "customer_id": "stream_user"}
    with real_client.stream("POST", "/api/v1/chat/stream", json=payload) as response:
        assert response.status_code == 200
        events = [
            line.split(":", 1)[1].strip()
            for line in response.iter_lines()
            if line.startswith("event:")
        ]
    assert events[0] == "meta"
    assert events[-1] == "done"
    assert "token" in events


def test_real_reply_is_cached_the_second_time(real_client: TestClient) -> None:
    payload = {"message": "do you have any CBD oils?", "customer_id": "a"}
    first = real_client.post("/api/v1/chat", json=payload).json()
    second = real_client.post("/api/v1/chat", json={**payload, "customer_id": "b"}).json()
    assert first["cached"] is False
    assert second["cached"] is True
    assert second["message"] == first["message"]
    assert second["response_time_ms"] < first["response_time_ms"]


def test_follow_up_through_the_real_model(real_client: TestClient) -> None:
    first = real_client.post("/api/v1/chat", json={**SEED, "customer_id": "f"}).json()
    cheapest = min(card["price"] for card in first["products"])
    follow = real_client.post(
        "/api/v1/chat",
        json={
            "message": "anything cheaper?",
            "customer_id": "f",
            "session_id": first["session_id"],
        },
    ).json()
    assert follow["grounded"] is True
    # No indica flower is cheaper in the demo catalog: said so, the cheapest ones shown.
    assert follow["message"].startswith(NOTHING_MATCHES)
    assert follow["products"] and min(card["price"] for card in follow["products"]) <= cheapest


def test_health_and_metrics_name_the_native_options(real_client: TestClient) -> None:
    native = real_client.get("/health").json()["model"]["native"]
    assert isinstance(native["repack"], bool)
    assert native["flash_attn"] in ("auto", "off")
    assert native["decided_by"] in ("probe", "remembered")
    assert native["probe_decode_tokens_per_s"] > 0
    assert real_client.get("/api/v1/metrics").json()["model"]["native"] == native
    text = real_client.get("/metrics").text
    value = "1.0" if native["repack"] else "0.0"
    line = f'weedgo_native_option{{decided_by="{native["decided_by"]}",option="repack"}} {value}'
    assert line in text


def test_the_vocabulary_in_use_is_reported(
    real_client: TestClient, full_vocab_client: TestClient
) -> None:
    trimmed = real_client.get("/health").json()["model"]
    full = full_vocab_client.get("/health").json()["model"]
    assert (trimmed["vocab_size"], full["vocab_size"]) == (48_000, 262_144)
    assert trimmed["model"].endswith(".vocab-48k")
