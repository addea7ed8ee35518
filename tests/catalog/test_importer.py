"""Catalog file import: the OCS export and the project's own CSV / JSON layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from weedgo.catalog.importer import (
    CatalogFormatError,
    catalog_to_csv,
    parse_catalog_bytes,
    parse_catalog_file,
    strip_health_claims,
)
from weedgo.domain import Category, Product, StrainType

DATA = Path(__file__).resolve().parents[1] / "data"
OCS_SAMPLE = DATA / "ocs_sample.csv"
OWN_SAMPLE = DATA / "own_format_sample.json"
OCS_HEADER = (
    "Product Name,Brand,Category,Sub-Category,Minimum THC Content (%),"
    "Maximum THC Content (%),THC Content Per Unit,Size,Unit Price,Stock Status,"
    "Plant Type,OCS Variant Number"
)


def by_id(products: list[Product]) -> dict[str, Product]:
    return {p.id: p for p in products}


def test_ocs_sample_errors_at_expected_lines() -> None:
    result = parse_catalog_file(OCS_SAMPLE)
    assert result.format == "ocs-csv"
    assert result.errors == [
        (8, "product name is missing"),
        (23, "price is negative (-4.99)"),
        (36, "THC is over 100 % (140 %)"),
    ]
    assert len(result.products) == 47
    assert result.messages()[1] == "line 23: price is negative (-4.99)"


def test_ocs_sample_mapping() -> None:
    products = by_id(parse_catalog_file(OCS_SAMPLE).products)
    assert {p.category for p in products.values()} == set(Category)
    kush = products["1002100_35G"]  # first data row, with a UTF-8 BOM before the header
    assert (kush.name, kush.brand, kush.category) == (
        "Pink Kush",
        "Rideau Valley Growers",
        "flower",
    )
    assert kush.strain_type == StrainType.INDICA
    assert (kush.thc_min, kush.thc_max, kush.potency_unit) == (20.0, 26.0, "%")
    assert kush.terpenes == ["myrcene", "caryophyllene", "linalool"]
    assert (kush.price, kush.size, kush.stock) == (39.95, "3.5 g", 20)
    gummies = [p for p in products.values() if p.brand == "Wana"]
    assert gummies and all(p.potency_unit == "mg" and p.thc_max == 10 for p in gummies)
    drink = next(p for p in products.values() if p.name == "Grapefruit Sparkling Water")
    assert (drink.category, drink.size, drink.thc_max) == (Category.BEVERAGE, "355 mL", 5.0)
    assert sum(not p.in_stock for p in products.values()) >= 5


def test_ocs_descriptions_scrubbed() -> None:
    products = parse_catalog_file(OCS_SAMPLE).products
    northern = next(p for p in products if p.name == "Northern Lights")
    assert northern.description == "Earthy pine and sweet notes."
    lotion = next(p for p in products if p.name == "CBD Body Lotion")
    assert lotion.description == "For external use only."


def test_ocs_stock_quantity_and_duplicates() -> None:
    text = (
        OCS_HEADER + ",Stock Quantity\n"
        "A,B,Dried Flower,,18,22,,3.5g,30.00,In Stock,Indica,SKU1,7\n"
        "C,B,Dried Flower,,18,22,,3.5g,30.00,In Stock,Indica,SKU1,7\n"
        "D,B,Magic Beans,,18,22,,3.5g,30.00,In Stock,Indica,SKU2,7\n"
        "E,B,Edibles,,,,10 mg,2 pieces,abc,In Stock,Hybrid,SKU3,1\n"
    )
    result = parse_catalog_bytes(text.encode(), "export.csv")
    assert [p.stock for p in result.products] == [7]
    assert result.errors == [
        (3, "duplicate SKU 'SKU1' (also on line 2)"),
        (4, "unknown category ('Magic Beans')"),
        (5, "price is not a number ('abc')"),
    ]


def test_own_json_sample_round_trip() -> None:
    result = parse_catalog_file(OWN_SAMPLE)
    assert result.format == "weedgo-json" and not result.errors
    expected = [Product.model_validate(item) for item in json.loads(OWN_SAMPLE.read_text())]
    assert result.products == expected
    dumped = json.dumps([p.model_dump(mode="json") for p in result.products]).encode()
    assert parse_catalog_bytes(dumped, "again.json").products == expected


def test_own_csv_round_trip() -> None:
    products = parse_catalog_file(OWN_SAMPLE).products
    csv_text = catalog_to_csv(products)
    result = parse_catalog_bytes(csv_text.encode(), "catalog.csv")
    assert result.format == "weedgo-csv" and not result.errors
    assert result.products == products


def test_own_csv_lenient_values_and_errors() -> None:
    text = (
        "id,name,category,price,effects,thc_max,strain_type\n"
        'X1,Gummy,Edibles,$5.99,"Happy, Sleepy",,indica dominant\n'
        "X2,Bud,flower,-1,,20,indica\n"
        "X3,Bud,flower,20,,abc,indica\n"
        "X4,Bud,flower,20,,20,purple\n"
    )
    result = parse_catalog_bytes(text.encode(), "pos.csv")
    assert len(result.products) == 1
    gummy = result.products[0]
    assert (gummy.category, gummy.price, gummy.effects) == ("edible", 5.99, ["Happy", "Sleepy"])
    assert gummy.strain_type == StrainType.INDICA
    assert result.errors == [
        (3, "price is negative (-1)"),
        (4, "thc_max is not a number ('abc')"),
        (5, "unknown strain type ('purple')"),
    ]


def test_json_errors_use_element_position() -> None:
    items = [
        {"id": "A", "name": "One", "category": "flower", "price": 10},
        {"id": "B", "name": "", "category": "flower", "price": 10},
        "not an object",
        {"id": "A", "name": "Again", "category": "flower", "price": 10},
    ]
    result = parse_catalog_bytes(json.dumps({"products": items}).encode(), "c.json")
    assert [p.id for p in result.products] == ["A"]
    assert [line for line, _ in result.errors] == [2, 3, 4]
    assert result.errors[2][1] == "duplicate SKU 'A' (also on entry 1)"


def test_unknown_header_is_a_clear_error() -> None:
    with pytest.raises(
        CatalogFormatError, match=r"unrecognised catalog columns.*found: sku, title"
    ):
        parse_catalog_bytes(b"SKU,Title\n1,Thing\n", "pos.csv")
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_catalog_bytes(b"[{", "c.json")
    with pytest.raises(ValueError, match="empty"):
        parse_catalog_bytes(b"  \n", "c.csv")


def test_strip_health_claims() -> None:
    text = "Sweet grape aroma. Helps with insomnia! Great for pain relief. A classic indica."
    assert strip_health_claims(text) == "Sweet grape aroma. A classic indica."
    assert strip_health_claims("Dried and cured for weeks.") == "Dried and cured for weeks."


def test_strip_health_claims_uses_the_guards_claims_and_health_words() -> None:
    text = "A bold sativa. It changed my life. Be the life of the party. Low stress. Piney."
    assert strip_health_claims(text) == "A bold sativa. Piney."  # testimonial, lifestyle, health
    assert strip_health_claims("A sweet treat.\nIt eases cramps.") == "A sweet treat."
