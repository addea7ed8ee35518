"""Synthetic catalogs for the search benchmark."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from weedgo.catalog.generate import generate_catalog, main
from weedgo.domain import Category


def test_ten_thousand_distinct_products() -> None:
    products = generate_catalog(10_000)
    assert len(products) == 10_000
    assert len({p.id for p in products}) == 10_000
    assert len({(p.brand, p.name, p.size) for p in products}) == 10_000
    counts = Counter(p.category for p in products)
    assert set(counts) == set(Category)
    assert counts[Category.FLOWER] > counts[Category.EDIBLE] > counts[Category.OIL]


def test_deterministic_per_seed() -> None:
    assert generate_catalog(200, seed=3) == generate_catalog(200, seed=3)
    assert generate_catalog(200, seed=3) != generate_catalog(200, seed=4)
    assert generate_catalog(0) == []


def test_edible_limits_hold(tmp_path: Path) -> None:
    out = tmp_path / "cat.json"
    assert main(["300", "--out", str(out)]) == 0
    items = json.loads(out.read_text())
    assert len(items) == 300
    edibles = [i for i in items if i["category"] in ("edible", "beverage")]
    assert edibles and all(i["thc_max"] <= 10 and i["potency_unit"] == "mg" for i in edibles)
