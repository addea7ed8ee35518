"""Catalog sentence first, then one checked sentence of the model's; shed in steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.api.test_streaming import SEED, post_burst, serving, sse_events
from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.catalog.seed import demo_products
from weedgo.engine.fake import FakeEngine
from weedgo.pipeline.lead import (
    LEAD_CUE,
    LEAD_PREFIX,
    Shedding,
    brief_facts,
    build_lead_prompt,
    own_sentence,
)
from weedgo.pipeline.prompt import SYSTEM_PREFIX, build_prompt

OWN = "A calm pick for a quiet evening at home."


# --- the pieces -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (" A calm pick. And more.", "A calm pick."),
        (" Great for a night in!\nCustomer: x", "Great for a night in!"),
        (" It is $32.99 for a cozy night.", "It is $32.99 for a cozy night."),
        (" A calm pick for", None),  # out of tokens mid-sentence: never cut
        ("", None),
        (" Yes.", None),  # one word says nothing
    ],
)
def test_own_sentence_takes_one_whole_sentence(text: str, sentence: str | None) -> None:
    assert own_sentence(text) == sentence


def test_shedding_steps_by_load() -> None:
    shedding = Shedding(shorten_at=2, skip_at=4, full_tokens=32, short_tokens=16)
    assert [shedding.step(n) for n in range(6)] == [
        "full", "full", "short", "short", "skip", "skip"
    ]  # fmt: skip
    assert shedding.max_tokens("full") == 32 and shedding.max_tokens("short") == 16


def test_the_tail_is_the_message_the_product_in_brief_and_the_cue() -> None:
    products = [p for p in demo_products() if p.in_stock and p.effects and p.flavors][:2]
    prompt = build_lead_prompt("indica for sleep", products[0])
    assert prompt.startswith(LEAD_PREFIX)
    tail = prompt[len(LEAD_PREFIX) :]
    assert tail.endswith(f"Customer: indica for sleep\nFacts: {brief_facts(products[0])}\nLeaf:")
    facts = brief_facts(products[0])
    assert facts.startswith(f"{products[0].name}, ") and not any(ch.isdigit() for ch in facts[-30:])
    assert products[0].effects[0].lower() in facts and "notes of" in facts
    old_tail = build_prompt("indica for sleep", products)[len(SYSTEM_PREFIX) :]
    assert len(tail) < len(old_tail) / 2


# --- through the API --------------------------------------------------------------------------
def ask(client: TestClient, message: str, customer: str = "lead") -> dict[str, Any]:
    response = client.post("/api/v1/chat", json={"message": message, "customer_id": customer})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_first_words_are_the_catalog_sentence_then_the_model_adds_its_own(
    tmp_path: Path,
) -> None:
    engine = FakeEngine(OWN, delay_s=0.02)
    app = create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)
    with TestClient(app) as c, c.stream("POST", "/api/v1/chat/stream", json=SEED) as response:
        events = sse_events(response.iter_lines())
    names = [name for name, _ in events]
    assert names[0] == "meta" and names[-1] == "done"
    tokens = [data["text"] for name, data in events if name == "token"]
    card = events[0][1]["products"][0]
    assert card["name"] in tokens[0] and OWN not in tokens[0]
    assert tokens[1] == f" {OWN}"  # checked whole, sent whole
    done = events[-1][1]
    assert done["message"] == tokens[0] + tokens[1]
    assert done["ttft_ms"] < done["response_time_ms"]
    assert engine.prompts[-1].endswith(LEAD_CUE)


def test_only_the_first_sentence_is_kept_and_generation_stops_there(tmp_path: Path) -> None:
    engine = FakeEngine(f"{OWN} It also cures insomnia. " + "word " * 60, delay_s=0.005)
    with TestClient(create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)) as c:
        body = ask(c, SEED["message"])
    assert body["message"].endswith(f" {OWN}")
    assert "cures" not in body["message"]
    assert body["authors"] == ["catalog", "model"]
    assert engine.pieces_sent <= len(OWN.split()) + 2


def test_an_unfinished_sentence_is_dropped_for_the_catalogs_own(tmp_path: Path) -> None:
    engine = FakeEngine("a calm pick for " * 20)
    with TestClient(create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)) as c:
        body = ask(c, SEED["message"])
        metrics = c.get("/api/v1/metrics").json()
    assert "calm pick for" not in body["message"]
    assert body["message"].endswith("Tap a card for the details.")
    assert body["authors"] == ["catalog", "fallback"] and body["fallback"] is True
    assert metrics["guard_fallbacks"] == {"unfinished": 1}


def test_a_sentence_about_driving_is_rejected(tmp_path: Path) -> None:
    engine = FakeEngine("A great pick for the drive home after work.")
    with TestClient(create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)) as c:
        body = ask(c, SEED["message"])
    assert "drive" not in body["message"]
    assert body["authors"] == ["catalog", "fallback"]


def test_without_lead_replies_the_model_writes_the_whole_reply(tmp_path: Path) -> None:
    engine = FakeEngine("Here are a few options from our menu that fit what you asked for.")
    settings = make_settings(tmp_path, lead_reply=False)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as c:
        body = ask(c, SEED["message"])
    assert body["message"] == engine.default
    assert body["authors"] == ["model"]
    assert "Products:" in engine.prompts[-1]


# --- load shedding ----------------------------------------------------------------------------
def shed_steps(url: str) -> dict[str, int]:
    steps: dict[str, int] = httpx.get(f"{url}/api/v1/metrics").json()["shed_steps"]
    return steps


def test_under_load_the_model_sentence_is_skipped_and_the_reply_still_complete(
    tmp_path: Path,
) -> None:
    engine = FakeEngine(OWN, delay_s=0.05)
    with serving(engine, tmp_path, enable_caching=False, shed_skip_at=1) as url:
        bodies = [r.json() for r in post_burst(url, 4)]
        steps = shed_steps(url)
        prom = httpx.get(f"{url}/metrics").text
    authors = [body["authors"] for body in bodies]
    assert ["catalog", "model"] in authors and ["catalog"] in authors
    for body in bodies:
        assert body["products"][0]["name"] in body["message"]
        assert body["fallback"] is False  # the model was not asked: nothing fell back
    assert steps["full"] >= 1 and steps["skip"] >= 1
    assert 'weedgo_shed_steps_total{step="skip"}' in prom


def test_before_skipping_the_model_sentence_is_shortened(tmp_path: Path) -> None:
    engine = FakeEngine(OWN, delay_s=0.05)
    with serving(
        engine, tmp_path, enable_caching=False, shed_shorten_at=1, lead_short_tokens=4
    ) as url:
        bodies = [r.json() for r in post_burst(url, 4)]
        steps = shed_steps(url)
    assert steps["full"] >= 1 and steps["short"] >= 1 and "skip" not in steps
    # four tokens cannot finish the sentence: a shortened turn keeps the catalog's own words
    assert any(body["authors"] == ["catalog", "fallback"] for body in bodies)


class _Loaded(FakeEngine):
    """A fake whose waiting line the test sets."""

    waiting = 0

    def queue_depth(self) -> int:
        return self.waiting


def test_a_shed_reply_is_not_cached(tmp_path: Path) -> None:
    engine = _Loaded(OWN)
    with TestClient(create_app(make_settings(tmp_path), engine=engine, wait_for_engine=True)) as c:
        engine.waiting = 100
        busy = ask(c, SEED["message"], "first")
        engine.waiting = 0
        calm = ask(c, SEED["message"], "second")
        again = ask(c, SEED["message"], "third")
    assert busy["authors"] == ["catalog"] and len(engine.prompts) == 1  # calm only
    assert calm["cached"] is False and calm["authors"] == ["catalog", "model"]
    assert again["cached"] is True and again["message"] == calm["message"]


def test_a_whole_model_reply_that_ends_mid_sentence_is_replaced(tmp_path: Path) -> None:
    """With WEEDGO_LEAD_REPLY=false the model writes the whole reply; a fragment (out of
    tokens, or a copied facts line) is not a sentence, and the catalog-built reply replaces
    it."""
    engine = FakeEngine("A calm pick for a quiet evening, depending on the")
    settings = make_settings(tmp_path, lead_reply=False)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as c:
        body = ask(c, "show me indica flower")
        metrics = c.get("/api/v1/metrics").json()
    assert body["products"] and "depending on the" not in body["message"]
    assert body["fallback"] is True and metrics["guard_fallbacks"] == {"unfinished": 1}
