from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.compliance.claims import find_claims
from weedgo.domain.turn import Intent
from weedgo.engine.fake import FakeEngine
from weedgo.pipeline import knowledge
from weedgo.pipeline.analyze import analyze


def test_every_vetted_answer_is_free_of_health_claims() -> None:
    for topic in knowledge.TOPICS:
        assert find_claims(topic.answer) == [], topic.name
    for text in knowledge._GREETINGS:
        assert find_claims(text) == []


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("what's the difference between indica and sativa?", "indica_sativa"),
        ("what is CBD?", "thc_cbd"),
        ("what are terpenes", "terpenes"),
        ("how long do edibles take to kick in?", "edible_timing"),
        ("how much is an eighth?", "sizes"),
        ("how much can I legally carry?", "possession"),
        ("whats cbn", "cbn"),
        ("what does full spectrum mean", "spectrum"),
        ("what's decarboxylation", "decarboxylation"),
        ("what does 1:1 mean on the label", "ratio"),
        ("can i bring cannabis on a plane", "travel"),
    ],
)
def test_education_questions_find_their_topic(message: str, topic: str) -> None:
    answer = knowledge.education_answer(message)
    assert answer == next(t.answer for t in knowledge.TOPICS if t.name == topic)


def test_unknown_education_question_goes_to_the_model() -> None:
    assert knowledge.education_answer("why is the sky blue") is None


def test_store_reply_uses_the_store_settings(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, store_name="Leaf & Co", store_hours="10am-10pm daily")
    reply = knowledge.store_reply(settings)
    assert "Leaf & Co is open 10am-10pm daily." in reply
    bare = knowledge.store_reply(make_settings(tmp_path))
    assert "website" in bare


def test_greeting_is_answered_without_the_model(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    body = client.post("/api/v1/chat", json={"message": "hi there", "customer_id": "g"}).json()
    assert body["intent"] == "greeting"
    assert body["message"] == knowledge.greeting("hi there")
    assert fake_engine.prompts == []


def test_templated_reply_is_none_for_product_questions(tmp_path: Path) -> None:
    analysis = analyze("show me some indica strains for sleep")
    assert knowledge.templated_reply(analysis, "show me", make_settings(tmp_path)) is None


@pytest.mark.parametrize(
    "message",
    ["whats cbn", "what does full spectrum mean", "what's decarboxylation",
     "can i bring cannabis on a plane"],
)  # fmt: skip
def test_these_education_questions_are_in_scope(message: str) -> None:
    assert analyze(message).intent is Intent.EDUCATION
