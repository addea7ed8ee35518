"""How the API chooses a turn's language: the request's field, the message, the session,
the page, the store's default; and the caches keep the languages apart."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine
from weedgo.i18n.detect import detect_language
from weedgo.pipeline.prompt import prompt_version


def _chat(client: TestClient, message: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/v1/chat", json={"message": message, "customer_id": "c1", **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_french_message_gets_a_french_reply(client: TestClient) -> None:
    body = _chat(client, "Bonjour!")
    assert detect_language(body["message"]) == "fr"
    assert detect_language(" ".join(body["quick_replies"])) == "fr"


def test_the_language_field_wins_over_the_message(client: TestClient) -> None:
    body = _chat(client, "hello", language="fr")
    assert detect_language(body["message"]) == "fr"
    body = _chat(client, "Bonjour", language="en-CA")
    assert detect_language(body["message"]) == "en"


def test_an_undecided_message_follows_the_session_then_the_page(client: TestClient) -> None:
    first = _chat(client, "avez-vous des fleurs indica?")
    again = _chat(client, "ok", session_id=first["session_id"], page_language="en")
    assert detect_language(again["message"]) == "fr"  # the session remembers French
    fresh = _chat(client, "ok", page_language="fr")
    assert detect_language(fresh["message"]) == "fr"
    english = _chat(client, "ok", page_language="en")
    assert detect_language(english["message"]) == "en"


def test_the_store_default_language(tmp_path: Path) -> None:
    app = create_app(
        make_settings(tmp_path, default_language="fr"), engine=FakeEngine(), wait_for_engine=True
    )
    with TestClient(app) as client:
        assert detect_language(_chat(client, "ok")["message"]) == "fr"
        assert detect_language(_chat(client, "hi there")["message"]) == "en"


def test_the_same_words_are_cached_apart_per_language(client: TestClient) -> None:
    english = _chat(client, "indica?", page_language="en")
    french = _chat(client, "indica?", page_language="fr")
    assert french["cached"] is False
    assert french["products"][0]["pitch"] != english["products"][0]["pitch"]
    assert _chat(client, "indica?", page_language="fr")["cached"] is True


def test_the_session_stores_the_language(client: TestClient) -> None:
    body = _chat(client, "des jujubes svp")
    store = client.app.state.services.store  # type: ignore[attr-defined]
    stored = asyncio.run(store.get_session(body["session_id"]))
    assert stored is not None and stored.language == "fr"


def test_an_unknown_language_field_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/v1/chat", json={"message": "hi", "customer_id": "c1", "language": "french"}
    )
    assert response.status_code == 422


def test_the_sequential_pipeline_speaks_french_too(tmp_path: Path) -> None:
    engine = FakeEngine(default="Voici quelques options de notre menu.")
    settings = make_settings(tmp_path, pipeline="sequential", model_languages=["en", "fr"])
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        body = _chat(client, "j'ai 16 ans, avez-vous des jujubes?")
        assert body["authors"] == ["refusal"]
        assert detect_language(body["message"]) == "fr"
        _chat(client, "des préroulés sativa")
        assert any("-fr1)" in prompt[:80] for prompt in engine.prompts)


def test_the_sequential_pipeline_follows_the_model_languages_too(tmp_path: Path) -> None:
    engine = FakeEngine(default="Voici quelques options de notre menu.")
    settings = make_settings(tmp_path, pipeline="sequential", model_languages=["en"])
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        body = _chat(client, "des préroulés sativa")
    assert body["authors"] == ["catalog"]
    assert detect_language(body["message"]) == "fr"
    assert not any("-fr1)" in prompt[:80] for prompt in engine.prompts)


def test_french_product_replies_are_built_from_the_catalog_by_default(tmp_path: Path) -> None:
    engine = FakeEngine()
    app = create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)
    with TestClient(app) as client:
        body = _chat(client, "des préroulés sativa à moins de 20 $")
        assert body["authors"] == ["catalog"]
        assert body["message"].startswith(body["products"][0]["pitch"])
        assert engine.prompts == []
        assert _chat(client, "sativa pre-rolls under $20")["authors"] == ["catalog", "model"]


def test_a_store_may_let_the_model_write_french(tmp_path: Path) -> None:
    engine = FakeEngine(default="Voici quelques options de notre menu.")
    settings = make_settings(tmp_path, model_languages="en,fr")
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        body = _chat(client, "des préroulés sativa à moins de 20 $")
        assert body["authors"] == ["model"]
        header = f"# Budtender chats ({prompt_version('fr')})"
        assert engine.prompts[-1].startswith(header)


def test_a_french_conversation_over_the_socket(client: TestClient) -> None:
    def turn(ws: Any, **body: Any) -> list[dict[str, Any]]:
        ws.send_json({"customer_id": "ws-fr", **body})
        events = [ws.receive_json()]
        while events[-1]["type"] not in ("done", "error"):
            events.append(ws.receive_json())
        return events

    with client.websocket_connect("/ws/chat") as ws:
        first = turn(ws, message="des fleurs indica à moins de 40 $?")
        assert detect_language(first[-1]["message"]) == "fr"
        session_id = first[0]["session_id"]
        second = turn(ws, message="moins cher?", session_id=session_id)
        assert detect_language(second[-1]["message"]) == "fr"
        third = turn(ws, message="ok", session_id=session_id, page_language="en")
        assert detect_language(third[-1]["message"]) == "fr"  # the session remembers


def test_the_stream_speaks_french(client: TestClient) -> None:
    body = {"message": "avez-vous des jujubes?", "customer_id": "sse-fr"}
    with client.stream("POST", "/api/v1/chat/stream", json=body) as response:
        text = "".join(response.iter_text())
    assert '"authors": ["catalog"]' in text
    assert "Touchez une fiche" in text or "Rien en magasin" in text
