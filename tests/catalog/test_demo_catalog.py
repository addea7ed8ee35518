"""The shipped demo catalog and the building blocks behind it."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from importlib import resources

import pytest

from weedgo.catalog.builders import CatalogBuilder, clean_effects, pick_price
from weedgo.catalog.demo import (
    _fix_name,
    _profile,
    build_demo_catalog,
    load_demo_catalog,
)
from weedgo.catalog.importer import strip_health_claims
from weedgo.domain import Category, Product, StrainType

CLAIM_WORDS = re.compile(
    r"\b(treat|treats|treatment|cure|cures|relief|relieve|pain|anxiety|insomnia|medical|"
    r"medicinal|therapeutic|heal|healing|helps with|depression|nausea|symptom|disease)\b",
    re.IGNORECASE,
)
SIDE_EFFECTS = {"Dry Mouth", "Dry Eyes", "Paranoid", "Anxious", "Dizzy", "Headache"}


@pytest.fixture(scope="module")
def catalog() -> list[Product]:
    return load_demo_catalog()


def test_demo_json_has_exactly_product_fields() -> None:
    raw = (resources.files("weedgo") / "data" / "demo_catalog.json").read_text("utf-8")
    items = json.loads(raw)
    assert isinstance(items, list)
    assert all(set(item) == set(Product.model_fields) for item in items)


def test_demo_catalog_size_and_categories(catalog: list[Product]) -> None:
    assert len(catalog) >= 400
    counts = Counter(p.category for p in catalog)
    assert set(counts) == set(Category)
    assert min(counts.values()) >= 10


def test_ids_unique_and_stable_format(catalog: list[Product]) -> None:
    ids = [p.id for p in catalog]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"WG-[A-Z]{2}-\d{4}", i) for i in ids)
    assert "WG-FL-0001" in ids


def test_no_health_claims_or_side_effects(catalog: list[Product]) -> None:
    for product in catalog:
        assert not CLAIM_WORDS.search(product.description), product.description
        assert not CLAIM_WORDS.search(" ".join(product.effects)), product.effects
        assert not SIDE_EFFECTS & set(product.effects)
        assert strip_health_claims(product.description) == product.description


def test_edibles_and_beverages_within_legal_limit(catalog: list[Product]) -> None:
    drinkables = [p for p in catalog if p.category in (Category.EDIBLE, Category.BEVERAGE)]
    assert drinkables
    for product in drinkables:
        assert product.potency_unit == "mg"
        assert product.thc_max <= 10.0
    assert all(p.size == "355 mL" for p in catalog if p.category == Category.BEVERAGE)


def test_potencies_plausible(catalog: list[Product]) -> None:
    for product in catalog:
        if product.category == Category.FLOWER and product.strain_type == StrainType.CBD:
            assert product.thc_max < 1 and 8 <= product.cbd_min <= product.cbd_max <= 15
        elif product.category == Category.FLOWER:
            assert 12 <= product.thc_min <= product.thc_max <= 30
        elif product.category == Category.VAPE:
            assert 60 <= product.thc_min <= product.thc_max <= 90
        elif product.category == Category.ACCESSORY:
            assert product.thc_max == product.cbd_max == 0
            assert product.strain_type == StrainType.NONE


def test_flower_prices_plausible(catalog: list[Product]) -> None:
    eighths = [p.price for p in catalog if p.category == Category.FLOWER and p.size == "3.5 g"]
    ounces = [p.price for p in catalog if p.category == Category.FLOWER and p.size == "28 g"]
    assert eighths and all(25 <= price <= 60 for price in eighths)
    assert ounces and all(100 <= price <= 250 for price in ounces)


def test_some_out_of_stock(catalog: list[Product]) -> None:
    share = sum(not p.in_stock for p in catalog) / len(catalog)
    assert 0.08 <= share <= 0.18


def test_known_products_exist(catalog: list[Product]) -> None:
    names = {(p.category, p.name) for p in catalog}
    assert (Category.FLOWER, "Blue Dream") in names
    assert (Category.FLOWER, "Pink Kush") in names
    assert any(c == Category.PRE_ROLL and n.startswith("Pink Kush Pre-Roll") for c, n in names)
    assert any(c == Category.PRE_ROLL and n.startswith("Blue Dream Pre-Roll") for c, n in names)
    wana = [p for p in catalog if p.brand == "Wana"]
    assert len(wana) >= 3 and all("Gummies" in p.name for p in wana)


def test_sleepy_indica_flower_under_40(catalog: list[Product]) -> None:
    sleepy = [
        p
        for p in catalog
        if p.category == Category.FLOWER
        and p.strain_type == StrainType.INDICA
        and {"Sleepy", "Relaxed"} & set(p.effects)
        and p.price < 40
        and p.in_stock
    ]
    assert len(sleepy) >= 8


def test_build_is_deterministic_and_complete() -> None:
    first = build_demo_catalog([], seed=3)
    again = build_demo_catalog([], seed=3)
    assert first == again
    assert {p.category for p in first} == set(Category)


def test_kushy_row_filtering() -> None:
    row = {
        "name": "Test Strain",
        "type": "Indica",
        "effects": "Happy, Dry Mouth, Sleepy, Paranoid, Horny",
        "flavor": "Earthy, Ammonia",
        "ailment": "Insomnia, Pain",
    }
    profile = _profile(row)
    assert profile is not None
    assert profile.effects == ("Sleepy", "Happy", "Aroused")
    assert profile.flavors == ("Earthy",)
    assert _profile(row | {"type": "Organi"}) is None
    assert _profile(row | {"effects": "Dry Mouth, Happy"}) is None
    assert _fix_name("Hawaiâ€™i â€˜78") == "Hawai'i '78"
    assert _fix_name("Pain Killer") is None


def test_clean_effects_and_prices() -> None:
    assert clean_effects(["happy", " Paranoid", "Horny", "Happy"]) == ("Happy", "Aroused")
    rng = random.Random(1)
    prices = [pick_price(rng, (24.99, 54.99), q / 10) for q in range(11)]
    assert all(24.99 <= p <= 54.99 and f"{p:.2f}".endswith(".99") for p in prices)


def test_builder_skips_repeats() -> None:
    builder = CatalogBuilder(random.Random(0))
    fields = {"name": "Grinder", "brand": "X", "category": "accessory", "size": "1", "price": 5}
    assert builder.add(**fields) is not None
    assert builder.add(**fields) is None
    assert [p.id for p in builder.products] == ["WG-AC-0001"]
