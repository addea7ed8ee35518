"""``authors`` in the done event and the JSON reply: who wrote each part of the reply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_streaming import sse_events
from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.compliance import responsible
from weedgo.domain.turn import AUTHORS
from weedgo.engine.fake import FakeEngine

SLEEP = "Show me some indica strains for sleep"


def ask(client: TestClient, message: str, customer: str = "authors") -> dict[str, Any]:
    response = client.post("/api/v1/chat", json={"message": message, "customer_id": customer})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert set(body["authors"]) <= set(AUTHORS)
    return body


OWN = "A calm pick for a quiet evening at home."


def test_the_catalog_sentence_comes_first_then_the_models(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    fake_engine.enqueue(OWN)
    body = ask(client, "indica strains for sleep please")
    assert body["products"][0]["name"] in body["message"].split(".")[0]
    assert body["message"].endswith(f" {OWN}")
    assert body["authors"] == ["catalog", "model"]
    assert body["fallback"] is False


def test_rejected_model_text_is_a_fallback(client: TestClient, fake_engine: FakeEngine) -> None:
    fake_engine.enqueue("Try Moonbeam Haze Supreme, our best seller at $4.99.")
    body = ask(client, SLEEP)
    assert body["authors"] == ["catalog", "fallback"]
    assert body["fallback"] is True
    assert body["products"][0]["name"] in body["message"]
    assert "Moonbeam" not in body["message"]


def test_engine_failure_is_a_fallback(client: TestClient, fake_engine: FakeEngine) -> None:
    fake_engine.fail_next = RuntimeError("model crashed")
    body = ask(client, SLEEP)
    assert body["authors"] == ["catalog", "fallback"]
    assert body["fallback"] is True


@pytest.fixture
def slow_client(tmp_path: Path) -> Iterator[TestClient]:
    engine = FakeEngine("word " * 100, delay_s=0.05)
    settings = make_settings(tmp_path, request_deadline_s=0.2, enable_caching=False)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        yield client


def test_late_model_is_a_fallback(slow_client: TestClient) -> None:
    body = ask(slow_client, SLEEP)
    assert body["authors"] == ["catalog", "fallback"]
    assert body["fallback"] is True
    assert "word word" not in body["message"]


def test_greeting_is_knowledge(client: TestClient, fake_engine: FakeEngine) -> None:
    body = ask(client, "hi there")
    assert body["authors"] == ["knowledge"]
    assert body["fallback"] is False
    assert fake_engine.prompts == []


def test_education_answer_is_knowledge(client: TestClient) -> None:
    body = ask(client, "what are terpenes?")
    assert body["authors"] == ["knowledge"]
    assert "Terpenes" in body["message"]


def test_out_of_scope_is_a_refusal(client: TestClient, fake_engine: FakeEngine) -> None:
    body = ask(client, "who won the hockey game last night?")
    assert body["intent"] == "out_of_scope"
    assert body["authors"] == ["refusal"]
    assert body["message"] == responsible.OUT_OF_SCOPE
    assert body["fallback"] is False
    assert fake_engine.prompts == []


def test_the_nearest_products_note_is_catalog_written(client: TestClient) -> None:
    """Nothing is that cheap: the catalog's note, then the model on the nearest products."""
    body = ask(client, "indica flower under $1")
    assert body["message"].startswith("Nothing in stock matches all of that")
    assert body["products"]
    assert body["authors"] == ["catalog", "model"]
    assert body["fallback"] is False


def test_guidance_follows_the_model(client: TestClient) -> None:
    body = ask(client, "first time trying cannabis, any indica pre-rolls?")
    assert body["authors"] == ["catalog", "model", "guidance"]
    assert body["message"].endswith(responsible.START_LOW)


def test_cache_hit_keeps_the_authors(client: TestClient, fake_engine: FakeEngine) -> None:
    fake_engine.enqueue("Try Moonbeam Haze Supreme, our best seller at $4.99.")
    first = ask(client, SLEEP, "first")
    second = ask(client, SLEEP, "second")
    assert second["cached"] is True
    assert second["authors"] == first["authors"] == ["catalog", "fallback"]


def test_streamed_done_event_names_the_authors(client: TestClient) -> None:
    body = {"message": "hello", "customer_id": "stream"}
    with client.stream("POST", "/api/v1/chat/stream", json=body) as response:
        events = sse_events(response.iter_lines())
    name, done = events[-1]
    assert name == "done"
    assert done["authors"] == ["knowledge"]


def test_sequential_pipeline_names_the_model(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, pipeline="sequential")
    engine = FakeEngine("Here is something from our menu you might like.")
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        assert ask(client, "any sativa vapes?")["authors"] == ["model"]
        assert ask(client, "what's the capital of France?")["authors"] == ["refusal"]
