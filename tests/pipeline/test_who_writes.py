"""Questions of fact, dose and health are never the model's: it cannot know the answers.

The packaged model, tuned or not, answered "how long does a high last?" with "about 10
days", "can I mix weed with my antidepressants?" with "Mix weed with your regular
medications to see how it works", and "I took an edible an hour ago and feel nothing,
should I take more?" with "Yes ... it's not necessary to wait". The policy keeps the model
out of such turns (``model_writes``); vetted answers, the catalog and the responsible-use
guidance reply instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.compliance import responsible
from weedgo.compliance.jurisdictions import get_jurisdiction
from weedgo.compliance.policy import decide
from weedgo.domain import SessionInfo
from weedgo.engine.fake import FakeEngine
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.knowledge import TOPICS

# What the model would say if it were asked: none of it may reach the customer.
INVENTED = "Mix it with your medications and take another one right away."


def _ask(client: TestClient, message: str, customer: str) -> dict[str, Any]:
    response = client.post("/api/v1/chat", json={"message": message, "customer_id": customer})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def chat(tmp_path: Path) -> Any:
    engine = FakeEngine(INVENTED)
    with TestClient(create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)) as c:
        yield c, engine


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("whats a good starting dose", "dosage"),
        ("how many capsules should i take", "dosage"),
        ("gummies for my back pain", "medical"),
        ("indica flower for my insomnia", "medical"),
        ("how does a vape pen battery work", "education"),
    ],
)
def test_the_model_is_not_asked_questions_of_fact_dose_or_health(
    chat: Any, message: str, intent: str
) -> None:
    client, engine = chat
    body = _ask(client, message, f"c-{intent}")
    assert body["intent"] == intent
    assert not engine.prompts, "the model was asked"
    assert "model" not in body["authors"] and INVENTED not in body["message"]
    assert body["message"].strip()


def test_a_health_question_with_products_shows_them_from_the_catalog(chat: Any) -> None:
    client, engine = chat
    body = _ask(client, "gummies for my back pain", "medical")
    assert body["products"] and not engine.prompts
    assert body["authors"] == ["catalog", "guidance"]
    assert body["products"][0]["name"] in body["message"]
    assert responsible.MEDICAL in body["message"]


def test_a_dose_question_gets_the_responsible_use_guidance(chat: Any) -> None:
    client, _ = chat
    body = _ask(client, "whats a good starting dose", "dose")
    assert responsible.START_LOW in body["message"]
    assert body["message"].count(responsible.START_LOW) == 1  # not twice, as reply and note


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("how long does a high last", "high_duration"),
        ("can i mix weed with my antidepressants", "medication"),
        ("i took an edible an hour ago and feel nothing, should i take more", "redosing"),
        ("what do i do if i greened out", "too_much"),
        ("how does tolerance work", "tolerance"),
        ("what is the entourage effect", "entourage"),
        ("what's the difference between shatter and live resin", "concentrates"),
        ("how to roll a joint", "rolling"),
        ("what is limonene", "terpenes"),
        ("thc vs cbd?", "thc_cbd"),
    ],
)
def test_vetted_answers_reply_to_the_common_questions(chat: Any, message: str, topic: str) -> None:
    client, engine = chat
    body = _ask(client, message, f"k-{topic}")
    answer = next(t.answer for t in TOPICS if t.name == topic)
    assert answer in body["message"] and "knowledge" in body["authors"]
    assert not engine.prompts


def test_the_policy_says_who_may_write() -> None:
    jurisdiction = get_jurisdiction("ON")
    session = SessionInfo(session_id="s", customer_id="c")
    for message, writes in [
        ("show me indica flower", True),
        ("any sativa vapes for a hike?", True),
        ("how much should i take", False),
        ("what is rosin", False),
        ("cbd oil for inflammation", False),
    ]:
        decision = decide(analyze(message), session, jurisdiction)
        assert decision.model_writes is writes, message
