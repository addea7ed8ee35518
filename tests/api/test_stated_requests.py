"""Through the chat endpoint, on the demo catalog and the fake engine: named products come
first, nothing is refused that a customer might ask at the counter, and a reply whose
cards only come near the request says so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from weedgo.app import create_app
from weedgo.catalog.seed import demo_products
from weedgo.compliance import responsible
from weedgo.config import Settings
from weedgo.engine.fake import FakeEngine
from weedgo.pipeline.search import NOT_CARRIED, NOTHING_MATCHES, price_per_gram

CATALOG = demo_products()
IN_STOCK_NAMES = sorted({p.name for p in CATALOG if p.in_stock})


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from tests.conftest import make_settings

    settings: Settings = make_settings(tmp_path_factory.mktemp("shop"))
    engine = FakeEngine()
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        yield client


def _ask(client: TestClient, message: str, customer: str = "shopper") -> dict[str, object]:
    response = client.post("/api/v1/chat", json={"message": message, "customer_id": customer})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def _misspell(name: str) -> str | None:
    """The name with one inner letter of its longest word left out ("Blue Drem")."""
    words = name.split()
    longest = max(words, key=len)
    if len(longest) < 6 or not longest.isalpha() or len(name) < 8:
        return None
    cut = len(longest) // 2
    return name.replace(longest, longest[:cut] + longest[cut + 1 :], 1)


MISSPELLED = [(m, n) for n in IN_STOCK_NAMES if (m := _misspell(n))][::3][:50]


def test_every_demo_name_comes_first(shop: TestClient) -> None:
    missed = []
    for name in IN_STOCK_NAMES:
        cards = _ask(shop, f"do you have {name}?")["products"]
        assert isinstance(cards, list)
        if not cards or cards[0]["name"] != name:
            missed.append(name)
    assert not missed, f"{len(missed)} of {len(IN_STOCK_NAMES)} names not first: {missed[:10]}"


def test_fifty_misspelled_names_come_first(shop: TestClient) -> None:
    assert len(MISSPELLED) == 50
    missed = []
    for typed, name in MISSPELLED:
        cards = _ask(shop, f"do you have {typed}")["products"]
        assert isinstance(cards, list)
        if not cards or cards[0]["name"] != name:
            missed.append(typed)
    assert not missed, f"{len(missed)} misspellings not first: {missed}"


def _formats(name: str) -> set[str]:
    """The in-stock products of other formats named after the flower ``name``."""
    return {p.name for p in CATALOG if p.in_stock and p.name.startswith(f"{name} ")}


STRAINS_IN_FORMATS = [
    p.name for p in CATALOG if p.category == "flower" and p.in_stock and _formats(p.name)
]


def test_a_named_strain_then_its_other_formats_and_never_accessories(shop: TestClient) -> None:
    assert len(STRAINS_IN_FORMATS) >= 5
    for name in STRAINS_IN_FORMATS:
        cards = _ask(shop, f"do you have {name}?")["products"]
        assert isinstance(cards, list)
        names = [card["name"] for card in cards]
        assert names[0] == name
        assert _formats(name) & set(names[1:]), (name, names)
        assert all(card["category"] != "accessory" for card in cards), name


def test_accessories_when_asked_for(shop: TestClient) -> None:
    cards = _ask(shop, "do you sell rolling papers?")["products"]
    assert isinstance(cards, list) and cards
    assert all(card["category"] == "accessory" for card in cards)


@pytest.mark.parametrize(
    "message",
    [
        "movie night at home",
        "going to the beach",
        "anything fruity?",
        "never smoked before, a bit scared",
        "do you have Gorilla Glue?",
        "is there anything with myrcene?",
        "something for a camping trip",
        "what's your strongest flower?",
        "what do you recommend for a first date?",
        "I like the taste of lemons",
        "what would you get?",
        "a gift for my dad",
        "what's smooth on the throat?",
        "what's good for a lazy sunday",
    ],
)
def test_counter_questions_get_products_not_a_refusal(shop: TestClient, message: str) -> None:
    body = _ask(shop, message)
    assert body["intent"] in ("product_search", "recommendation"), body["intent"]
    assert body["products"], message
    assert responsible.OUT_OF_SCOPE not in str(body["message"])


def test_a_strain_we_do_not_carry_is_said_plainly(shop: TestClient) -> None:
    body = _ask(shop, "do you have Gorilla Glue?")
    assert str(body["message"]).startswith(NOT_CARRIED)
    assert "Gorilla" not in str(body["message"])


def test_nothing_matching_says_so_and_offers_the_nearest(shop: TestClient) -> None:
    body = _ask(shop, "indica flower under 10% thc")
    assert str(body["message"]).startswith(f"{NOTHING_MATCHES}; here are the mildest we have.")
    cards = body["products"]
    assert isinstance(cards, list) and cards
    assert all(c["category"] == "flower" and c["strain_type"] == "indica" for c in cards)
    lowest = [max(c["thc_min"], c["thc_max"]) for c in cards]
    assert lowest == sorted(lowest)


def test_a_stated_limit_is_kept_and_the_reply_does_not_apologise(shop: TestClient) -> None:
    body = _ask(shop, "an indica under 18% thc")
    cards = body["products"]
    assert isinstance(cards, list) and cards
    assert all(max(c["thc_min"], c["thc_max"]) <= 18 for c in cards)
    assert all(c["strain_type"] == "indica" for c in cards)
    assert not str(body["message"]).startswith(NOTHING_MATCHES)


def test_clearly_unrelated_questions_stay_out_of_scope(shop: TestClient) -> None:
    for message in ("what's the weather like tomorrow?", "can you do my homework"):
        body = _ask(shop, message)
        assert body["intent"] == "out_of_scope"
        assert not body["products"]


@pytest.mark.parametrize(
    ("message", "category"),
    [("best value flower", "flower"), ("best bang for the buck pre-rolls", "pre-roll")],
)
def test_best_value_is_the_lowest_price_per_gram(
    shop: TestClient, message: str, category: str
) -> None:
    cards = _ask(shop, message)["products"]
    assert isinstance(cards, list) and len(cards) == 5
    by_id = {p.id: p for p in CATALOG}
    per_gram = [price_per_gram(by_id[card["id"]]) for card in cards]
    assert all(card["category"] == category for card in cards)
    assert None not in per_gram and per_gram == sorted(per_gram)  # type: ignore[type-var]
    options = [price_per_gram(p) for p in CATALOG if p.category == category and p.in_stock]
    assert per_gram[0] == min(v for v in options if v is not None)
