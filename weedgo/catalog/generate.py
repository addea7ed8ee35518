"""Synthetic catalogs of any size, for the search benchmark.

    python -m weedgo.catalog.generate 10000 --out catalog-10k.json [--seed 7]

Products are built with the same blocks as the demo catalog (formats, prices, terpenes,
descriptions). Strains are those of the shipped demo catalog plus invented names made
of two words ("Glacier Haze"); ids look like ``GN-FL-00001``.
"""

from __future__ import annotations

import argparse
import logging
import random
from collections.abc import Sequence
from itertools import product as cartesian
from pathlib import Path

from weedgo.catalog.builders import (
    TYPE_EFFECTS,
    TYPE_FLAVORS,
    CatalogBuilder,
    StrainProfile,
)
from weedgo.catalog.demo import CBD_STRAINS, FEATURED, load_demo_catalog, write_catalog
from weedgo.catalog.formats import (
    ACCESSORIES,
    BEVERAGE_BRANDS,
    CBD_FLOWER_FORMATS,
    EDIBLE_BRANDS,
    EXTRACT_BRANDS,
    FLOWER_BRANDS,
    STRAIN_FORMATS,
    WELLNESS_BRANDS,
)
from weedgo.catalog.packaged import PACKAGED_ADDERS, add_accessory
from weedgo.domain import Category, Product, StrainType

logger = logging.getLogger(__name__)

C = Category
SHARES = {
    C.FLOWER: 34, C.PRE_ROLL: 20, C.VAPE: 14, C.CONCENTRATE: 10, C.EDIBLE: 10,
    C.BEVERAGE: 4, C.OIL: 2, C.CAPSULE: 2, C.TOPICAL: 2, C.ACCESSORY: 2,
}  # fmt: skip
_FIRST_WORDS = (
    "Arctic", "Atomic", "Black", "Blue", "Candy", "Cedar", "Cherry", "Cosmic", "Electric",
    "Frosted", "Ghost", "Glacier", "Golden", "Grape", "Lemon", "Mango", "Maple", "Midnight",
    "Northern", "Pink", "Purple", "Royal", "Silver", "Sour", "Sunset", "Sweet", "Tropical",
    "Velvet", "White", "Wild",
)  # fmt: skip
_SECOND_WORDS = (
    "Berry", "Breath", "Cake", "Cheese", "Cookies", "Crush", "Diesel", "Dream", "Express",
    "Frost", "Fuel", "Gelato", "Glue", "Haze", "Jack", "Kush", "Lights", "Mints", "OG", "Pie",
    "Punch", "Runtz", "Sherbet", "Skunk", "Sorbet", "Tangie", "Thunder", "Truffle", "Widow",
    "Zest",
)  # fmt: skip
_ALL_BRANDS = tuple(
    dict.fromkeys(
        (*FLOWER_BRANDS, *EXTRACT_BRANDS, *EDIBLE_BRANDS, *BEVERAGE_BRANDS, *WELLNESS_BRANDS)
    )
)
_TYPES = (StrainType.INDICA, StrainType.HYBRID, StrainType.SATIVA)


def _invented_strains(rng: random.Random) -> list[StrainProfile]:
    strains = []
    for first, second in cartesian(_FIRST_WORDS, _SECOND_WORDS):
        strain_type = rng.choice(_TYPES)
        pool = TYPE_EFFECTS[strain_type]
        chosen = set(rng.sample(pool, 3))
        effects = tuple(e for e in pool if e in chosen)
        flavors = tuple(rng.sample(TYPE_FLAVORS[strain_type], 2))
        strains.append(StrainProfile(f"{first} {second}", strain_type, effects, flavors))
    return strains


def _demo_strains() -> list[StrainProfile]:
    """Strain profiles of the shipped demo catalog's flower (named after the strain)."""
    try:
        catalog = load_demo_catalog()
    except (FileNotFoundError, ValueError):
        logger.warning("the demo catalog is missing; using invented strains only")
        return []
    return [
        StrainProfile(p.name, p.strain_type, tuple(p.effects), tuple(p.flavors))
        for p in catalog
        if p.category == C.FLOWER and p.strain_type in _TYPES
    ]


def _add_one(builder: CatalogBuilder, category: Category, strains: Sequence[StrainProfile]) -> None:
    rng = builder.rng
    if category in STRAIN_FORMATS:
        brands = EXTRACT_BRANDS if category == C.CONCENTRATE else FLOWER_BRANDS
        formats = STRAIN_FORMATS[category]
        fmt = rng.choices(formats, weights=[f.weight for f in formats])[0]
        builder.strain_product(rng.choice(strains), rng.choice(brands), fmt)
    elif category == C.ACCESSORY:
        add_accessory(builder, rng.randrange(len(ACCESSORIES)))
    else:
        PACKAGED_ADDERS[category](builder, rng.choice(_ALL_BRANDS))


def generate_catalog(n: int, seed: int = 7) -> list[Product]:
    """``n`` distinct plausible products (distinct ids and brand/name/size), deterministic."""
    if n < 0:
        raise ValueError("n must not be negative")
    builder = CatalogBuilder(random.Random(seed), prefix="GN", width=5)
    rng = builder.rng
    strains = [*FEATURED, *_demo_strains(), *_invented_strains(rng)]
    strains = list({s.name: s for s in strains}.values())
    for strain in CBD_STRAINS:
        for fmt in CBD_FLOWER_FORMATS:
            if len(builder.products) < n:
                builder.strain_product(strain, rng.choice(FLOWER_BRANDS), fmt)
    categories, weights = list(SHARES), list(SHARES.values())
    for _ in range(n * 20 + 100):
        if len(builder.products) >= n:
            return builder.products
        _add_one(builder, rng.choices(categories, weights=weights)[0], strains)
    raise ValueError(f"cannot build {n} distinct products from the building blocks")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic catalog as JSON.")
    parser.add_argument("n", type=int, help="number of products")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    products = generate_catalog(args.n, seed=args.seed)
    write_catalog(products, args.out)
    logger.info("wrote %d products to %s", len(products), args.out)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
