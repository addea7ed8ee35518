"""The chat endpoint through the app's lifespan, on SQLite and the fake engine."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from weedgo.engine.fake import FakeEngine
from weedgo.pipeline.search import NOTHING_MATCHES

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "test_user"}


def test_seed_example_returns_indica_sleep_products(client: TestClient) -> None:
    response = client.post("/api/v1/chat", json=SEED)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["intent"] in ("product_search", "recommendation")
    assert body["products"], "expected product cards"
    for card in body["products"]:
        assert card["strain_type"] == "indica"
        assert card["in_stock"] is True
        assert {"Sleepy", "Relaxed"} & set(card["effects"])
        assert card["pitch"]
    assert body["quick_replies"]
    assert body["session_id"]
    assert body["cached"] is False
    assert body["model"] == "fake-engine"
    assert "Server-Timing" in response.headers
    assert "search;dur=" in response.headers["Server-Timing"]


def test_card_has_every_documented_field(client: TestClient) -> None:
    card = client.post("/api/v1/chat", json=SEED).json()["products"][0]
    for field in (
        "id",
        "name",
        "brand",
        "category",
        "strain_type",
        "thc_min",
        "thc_max",
        "cbd_min",
        "cbd_max",
        "potency_unit",
        "price",
        "size",
        "in_stock",
        "effects",
        "pitch",
    ):
        assert field in card


def test_model_reply_naming_a_product_outside_the_found_set_is_replaced(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    fake_engine.enqueue("Try Moonbeam Haze Supreme, our best seller at $4.99.")
    body = client.post("/api/v1/chat", json=SEED).json()
    assert body["grounded"] is True
    assert body["fallback"] is True
    assert "Moonbeam" not in body["message"]
    assert "$4.99" not in body["message"]
    names = [card["name"] for card in body["products"]]
    assert any(name in body["message"] for name in names)


def test_grounded_model_sentence_is_sent_as_written(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    first = client.post("/api/v1/chat", json={**SEED, "customer_id": "probe"}).json()
    card = first["products"][0]
    own = f"{card['name']} is a relaxing pick at ${card['price']:.2f}."
    fake_engine.enqueue(own)
    body = client.post(
        "/api/v1/chat",
        json={"message": "indica strains for sleep please", "customer_id": "c2"},
    ).json()
    assert body["fallback"] is False
    assert body["message"].endswith(f" {own}")


def test_second_identical_question_is_a_cache_hit(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    first = client.post("/api/v1/chat", json=SEED).json()
    second = client.post("/api/v1/chat", json={**SEED, "customer_id": "someone_else"}).json()
    assert first["cached"] is False
    assert second["cached"] is True
    assert second["message"] == first["message"]
    assert second["products"] == first["products"]
    assert len(fake_engine.prompts) == 1


def test_session_continues_and_follow_up_uses_history(client: TestClient) -> None:
    first = client.post("/api/v1/chat", json=SEED).json()
    sid = first["session_id"]
    cheapest = min(card["price"] for card in first["products"])
    follow = client.post(
        "/api/v1/chat",
        json={"message": "anything cheaper?", "customer_id": "test_user", "session_id": sid},
    ).json()
    assert follow["session_id"] == sid
    assert follow["cached"] is False
    # The demo catalog has no cheaper indica flower: the reply says so, and shows the
    # cheapest indica flowers it has; the stated category and strain type are kept.
    assert follow["message"].startswith(f"{NOTHING_MATCHES}; here are the cheapest we have.")
    prices = [card["price"] for card in follow["products"]]
    assert prices and prices == sorted(prices) and prices[0] <= cheapest
    for card in follow["products"]:
        assert (card["strain_type"], card["category"]) == ("indica", "flower")


def test_a_cheaper_follow_up_shows_cheaper_products(client: TestClient) -> None:
    first = client.post(
        "/api/v1/chat", json={"message": "any indica for sleep?", "customer_id": "cheap"}
    ).json()
    cheapest = min(card["price"] for card in first["products"])
    follow = client.post(
        "/api/v1/chat",
        json={
            "message": "anything cheaper?",
            "customer_id": "cheap",
            "session_id": first["session_id"],
        },
    ).json()
    assert follow["products"] and not follow["message"].startswith(NOTHING_MATCHES)
    for card in follow["products"]:
        assert card["price"] < cheapest and card["strain_type"] == "indica"


def test_tell_me_more_about_the_second_one(client: TestClient) -> None:
    first = client.post("/api/v1/chat", json=SEED).json()
    second_id = first["products"][1]["id"]
    more = client.post(
        "/api/v1/chat",
        json={
            "message": "tell me more about the second one",
            "customer_id": "test_user",
            "session_id": first["session_id"],
        },
    ).json()
    assert [card["id"] for card in more["products"]] == [second_id]


def test_unknown_well_formed_session_id_starts_that_session(client: TestClient) -> None:
    body = client.post("/api/v1/chat", json={**SEED, "session_id": "my-kiosk-session-0001"}).json()
    assert body["session_id"] == "my-kiosk-session-0001"


def test_session_of_another_customer_is_refused(client: TestClient) -> None:
    sid = client.post("/api/v1/chat", json=SEED).json()["session_id"]
    response = client.post(
        "/api/v1/chat", json={**SEED, "customer_id": "intruder", "session_id": sid}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_model_failure_degrades_to_catalog_reply(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    fake_engine.fail_next = RuntimeError("model crashed")
    body = client.post("/api/v1/chat", json=SEED).json()
    assert body["fallback"] is True
    assert body["products"]
    assert body["message"]


def test_a_personal_reply_never_reaches_another_customer(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    first = client.post("/api/v1/chat", json={**SEED, "customer_id": "alice"}).json()
    fake_engine.enqueue("Alice-only answer about cheaper picks.")
    alice = client.post(
        "/api/v1/chat",
        json={
            "message": "anything cheaper?",
            "customer_id": "alice",
            "session_id": first["session_id"],
        },
    ).json()
    assert alice["cached"] is False
    bob = client.post("/api/v1/chat", json={"message": "anything cheaper?", "customer_id": "bob"})
    body = bob.json()
    assert body["cached"] is False
    assert body["message"] != alice["message"]
    assert "Alice-only" not in body["message"]


def test_a_product_question_that_finds_nothing_says_so_and_shows_the_nearest(
    client: TestClient,
) -> None:
    body = client.post(
        "/api/v1/chat",
        json={"message": "any sativa vapes under $1?", "customer_id": "n"},
    ).json()
    assert body["message"].startswith(NOTHING_MATCHES)
    prices = [card["price"] for card in body["products"]]
    assert prices and prices == sorted(prices)  # the cheapest sativa vapes we have
    for card in body["products"]:
        assert (card["strain_type"], card["category"]) == ("sativa", "vape")


def test_a_reply_that_repeats_the_prompt_layout_is_replaced(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    fake_engine.enqueue("none match this question; offer help with something else")
    body = client.post("/api/v1/chat", json=SEED).json()
    assert body["fallback"] is True
    assert "none match" not in body["message"]


@pytest.mark.parametrize("message", ["19 years old, any indica?", "just turned 19, edibles?"])
def test_a_stated_age_keeps_the_reply_out_of_the_shared_cache(
    client: TestClient, fake_engine: FakeEngine, message: str
) -> None:
    fake_engine.enqueue("A reply for this customer only.")
    first = client.post("/api/v1/chat", json={"message": message, "customer_id": "carol"})
    second = client.post("/api/v1/chat", json={"message": message, "customer_id": "dave"})
    assert first.status_code == second.status_code == 200
    assert first.json()["cached"] is False
    assert second.json()["cached"] is False


@pytest.mark.parametrize(
    "message", ["do you have Gorilla Glue?", "do you carry Runtz?", "got any Gelonade"]
)
def test_a_strain_we_do_not_carry_gets_the_closest_flowers(
    client: TestClient, message: str
) -> None:
    body = client.post("/api/v1/chat", json={"message": message, "customer_id": "c"}).json()
    assert body["message"].startswith("We don't carry that one")
    assert body["products"]
    assert {card["category"] for card in body["products"]} == {"flower"}
