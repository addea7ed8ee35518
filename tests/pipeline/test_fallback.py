from __future__ import annotations

import json
from pathlib import Path

import pytest

import weedgo
from weedgo.compliance import responsible
from weedgo.compliance.claims import find_claims
from weedgo.domain import Category, Product
from weedgo.domain.turn import Analysis, Intent
from weedgo.pipeline import fallback
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.fallback import catalog_reply
from weedgo.pipeline.guard import check_reply
from weedgo.text import split_sentences

DEMO = Path(weedgo.__file__).parent / "data" / "demo_catalog.json"
PRODUCTS = [Product.model_validate(row) for row in json.loads(DEMO.read_text("utf-8"))]
NAMES = {p.name.lower() for p in PRODUCTS} | {p.brand.lower() for p in PRODUCTS}


def test_products_reply_is_short_and_grounded() -> None:
    found = PRODUCTS[:3]
    reply = catalog_reply(analyze("show me some indica strains for sleep"), found)
    assert 1 <= len(split_sentences(reply)) <= 3
    assert found[0].name in reply and f"${found[0].price:.2f}" in reply
    assert check_reply(reply, found, catalog_names=NAMES).ok


@pytest.mark.parametrize("start", range(0, len(PRODUCTS), 17))
def test_replies_over_the_demo_catalog_pass_the_guard(start: int) -> None:
    found = PRODUCTS[start : start + 3]
    for message in ("show me something", "tell me more about the first one"):
        reply = catalog_reply(analyze(message), found)
        result = check_reply(reply, found, catalog_names=NAMES)
        assert result.ok and not result.reasons, (reply, result.reasons)


def test_product_info_describes_one_product() -> None:
    first, second = PRODUCTS[0], next(p for p in PRODUCTS if PRODUCTS[0].name not in p.name)
    reply = catalog_reply(analyze("tell me more about the second one"), [second, first])
    assert second.name in reply and first.name not in reply


def test_without_prices() -> None:
    reply = catalog_reply(analyze("show me vapes"), PRODUCTS[:2], show_prices=False)
    assert "$" not in reply and PRODUCTS[0].name in reply


def test_no_products() -> None:
    assert catalog_reply(analyze("show me purple unicorn vapes"), []) == fallback.NO_PRODUCTS


def test_greeting() -> None:
    assert catalog_reply(analyze("hi!"), PRODUCTS[:2]) == fallback.GREETING
    assert catalog_reply(analyze("hi!"), [], education_only=True) == fallback.GREETING_EDUCATION


def test_education_only_never_shows_products() -> None:
    reply = catalog_reply(analyze("show me indica"), PRODUCTS[:3], education_only=True)
    assert "$" not in reply and all(p.name not in reply for p in PRODUCTS[:3])
    assert check_reply(reply, [], catalog_names=NAMES, education_only=True).ok


@pytest.mark.parametrize(
    ("analysis", "expected"),
    [
        (Analysis(Intent.OUT_OF_SCOPE), responsible.OUT_OF_SCOPE),
        (Analysis(Intent.MEDICAL), responsible.MEDICAL_ONLY),
        (Analysis(Intent.STORE_INFO), fallback.STORE_INFO),
        (Analysis(Intent.EDUCATION), fallback.EDUCATION),
    ],
)
def test_lines_without_products(analysis: Analysis, expected: str) -> None:
    assert catalog_reply(analysis, []) == expected


def test_dosage_and_edibles_get_responsible_use() -> None:
    reply = catalog_reply(analyze("how much of an edible should I take?"), [])
    assert responsible.START_LOW in reply and responsible.EDIBLES_TIMING in reply
    assert Analysis(Intent.DOSAGE, category=Category.FLOWER).category is Category.FLOWER


def test_education_facts() -> None:
    assert "THC" in catalog_reply(analyze("what's the difference between THC and CBD?"), [])
    assert "lineage" in catalog_reply(analyze("what's an indica?"), [])
    assert "aromatic" in catalog_reply(analyze("what are terpenes?"), [])


@pytest.mark.parametrize("message", ["hi", "what are terpenes?", "show me vapes", "cure me",
                                     "how long do edibles take?", "store hours?"])  # fmt: skip
def test_fallback_text_never_makes_claims(message: str) -> None:
    for education_only in (False, True):
        reply = catalog_reply(analyze(message), PRODUCTS[:2], education_only=education_only)
        assert reply and find_claims(reply) == []
