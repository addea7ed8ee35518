"""Products that are not sold by strain: edibles, beverages, oils, capsules, topicals and
accessories. Potencies of these are in mg (per package, per container, per mL of oil or
per capsule); edibles and beverages never exceed 10 mg THC per package.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from weedgo.catalog.builders import TYPE_EFFECTS, CatalogBuilder, join_words, pick_price
from weedgo.catalog.formats import (
    ACCESSORIES,
    BEVERAGE_FLAVORS,
    BEVERAGE_KINDS,
    CHOCOLATE_FLAVORS,
    EDIBLE_KINDS,
    FRUIT_FLAVORS,
)
from weedgo.domain import Category, Product, StrainType

S = StrainType
MAX_THC_MG_PER_PACKAGE = 10.0
_START_LOW = "Start low and go slow: edibles and drinks can take up to two hours to take effect."


def _mg(value: float) -> str:
    return f"{value:g} mg"


def _potency_words(thc: float, cbd: float, per: str) -> str:
    parts = [f"{_mg(thc)} THC" if thc else "", f"{_mg(cbd)} CBD" if cbd else ""]
    return " and ".join(p for p in parts if p) + f" {per}"


def _effects(rng: random.Random, strain_type: StrainType) -> list[str]:
    pool = TYPE_EFFECTS[strain_type][:4]
    chosen = set(rng.sample(pool, min(3, len(pool))))
    return [e for e in pool if e in chosen]


def _ratio(rng: random.Random) -> tuple[StrainType, float, float, str]:
    """Strain type, THC mg, CBD mg and a name tag for one package."""
    roll = rng.random()
    if roll < 0.15:
        return S.CBD, rng.choice((0.0, 1.0, 2.0)), rng.choice((10.0, 20.0)), "CBD"
    if roll < 0.25:
        return S.HYBRID, 5.0, 5.0, "1:1"
    strain_type = rng.choice((S.INDICA, S.INDICA, S.SATIVA, S.HYBRID))
    return strain_type, rng.choice((10.0, 10.0, 10.0, 5.0, 2.5)), 0.0, strain_type.title()


def add_edible(builder: CatalogBuilder, brand: str) -> Product | None:
    rng = builder.rng
    subcategory, word, sizes = EDIBLE_KINDS[0] if brand == "Wana" else rng.choice(EDIBLE_KINDS)
    flavor = rng.choice(CHOCOLATE_FLAVORS if subcategory == "Chocolate" else FRUIT_FLAVORS)
    strain_type, thc, cbd, tag = _ratio(rng)
    even = [s for s in sizes if (thc * 4 / s[0]).is_integer() and (cbd * 4 / s[0]).is_integer()]
    pieces, size = rng.choice(even or [(1, "1 piece")])
    if brand == "Wana" and word == "Gummies":
        name = f"Wana Sour Gummies {flavor} {tag}"
    else:
        name = f"{flavor} {tag} {word}"
    potency = _potency_words(thc, cbd, "per package")
    if pieces > 1:
        potency = f"{_potency_words(thc / pieces, cbd / pieces, 'each')} ({potency})"
    effects = _effects(rng, strain_type)
    description = (
        f"{name} by {brand}: {size}, {potency}. "
        f"{flavor} flavour; customers often describe it as {join_words(effects)}. {_START_LOW}"
    )
    return builder.add(
        name=name, brand=brand, category=Category.EDIBLE, subcategory=subcategory,
        strain_type=strain_type, thc_min=thc, thc_max=thc, cbd_min=cbd, cbd_max=cbd,
        potency_unit="mg", effects=effects, flavors=[flavor], size=size,
        price=pick_price(rng, (4.99, 11.99), thc / MAX_THC_MG_PER_PACKAGE), description=description,
    )  # fmt: skip


def add_beverage(builder: CatalogBuilder, brand: str) -> Product | None:
    rng = builder.rng
    flavor, kind = rng.choice(BEVERAGE_FLAVORS), rng.choice(BEVERAGE_KINDS)
    strain_type, thc, cbd, tag = _ratio(rng)
    thc = min(thc, rng.choice((2.0, 2.5, 5.0, 10.0))) if strain_type != S.CBD else thc
    name = f"{flavor} {kind}" + (f" {tag}" if tag in ("CBD", "1:1") else "")
    effects = _effects(rng, strain_type)
    description = (
        f"{name} by {brand}: a 355 mL can with {_potency_words(thc, cbd, 'per can')}. "
        f"Customers often describe it as {join_words(effects)}. {_START_LOW}"
    )
    return builder.add(
        name=name, brand=brand, category=Category.BEVERAGE, subcategory=kind,
        strain_type=strain_type, thc_min=thc, thc_max=thc, cbd_min=cbd, cbd_max=cbd,
        potency_unit="mg", effects=effects, flavors=[flavor], size="355 mL",
        price=pick_price(rng, (4.49, 8.99), thc / MAX_THC_MG_PER_PACKAGE), description=description,
    )  # fmt: skip


def _wellness_potency(rng: random.Random, scale: float) -> tuple[StrainType, float, float, str]:
    roll = rng.random()
    if roll < 0.4:
        return S.CBD, round(rng.choice((0.0, 0.5, 1.0)) * scale), 25.0 * scale, "CBD"
    if roll < 0.65:
        return S.HYBRID, 10.0 * scale, 10.0 * scale, "1:1"
    return rng.choice((S.INDICA, S.SATIVA, S.HYBRID)), 25.0 * scale, 0.0, "THC"


def add_oil(builder: CatalogBuilder, brand: str) -> Product | None:
    rng = builder.rng
    strain_type, thc, cbd, tag = _wellness_potency(rng, rng.choice((0.8, 1.0, 1.2)))
    name = f"{tag} {strain_type.title() + ' ' if tag == 'THC' else ''}Oil {max(thc, cbd):g}"
    per = _potency_words(thc, cbd, "per mL")
    description = f"{name} by {brand}: a 30 mL bottle with a measuring dropper, {per}."
    return builder.add(
        name=name, brand=brand, category=Category.OIL, subcategory="Oil",
        strain_type=strain_type, thc_min=thc, thc_max=thc, cbd_min=cbd, cbd_max=cbd,
        potency_unit="mg", effects=_effects(rng, strain_type), size="30 mL",
        price=pick_price(rng, (29.99, 64.99)), description=description,
    )  # fmt: skip


def add_capsule(builder: CatalogBuilder, brand: str) -> Product | None:
    rng = builder.rng
    strain_type, thc, cbd, tag = _wellness_potency(rng, rng.choice((0.1, 0.2, 0.4)))
    count = rng.choice((15, 30, 30))
    name = f"{tag} Softgels {max(thc, cbd):g} mg"
    per = _potency_words(thc, cbd, "per capsule")
    return builder.add(
        name=name, brand=brand, category=Category.CAPSULE, subcategory="Softgels",
        strain_type=strain_type, thc_min=thc, thc_max=thc, cbd_min=cbd, cbd_max=cbd,
        potency_unit="mg", effects=_effects(rng, strain_type), size=f"{count} capsules",
        price=pick_price(rng, (19.99, 39.99) if count == 15 else (29.99, 64.99)),
        description=f"{name} by {brand}: {count} softgel capsules, {per}, for a measured serving.",
    )  # fmt: skip


_TOPICALS = (
    ("Lotion", "Body Lotion", "50 mL"),
    ("Balm", "Balm", "30 g"),
    ("Bath", "Bath Bomb", "1 unit"),
    ("Lotion", "Massage Oil", "100 mL"),
)


def add_topical(builder: CatalogBuilder, brand: str) -> Product | None:
    rng = builder.rng
    subcategory, word, size = rng.choice(_TOPICALS)
    scent = rng.choice(("Unscented", "Lavender", "Eucalyptus Mint", "Citrus", "Cedar"))
    thc, cbd = rng.choice(((0.0, 300.0), (0.0, 500.0), (100.0, 100.0), (200.0, 0.0)))
    strain_type = S.CBD if cbd > thc else S.NONE
    name = f"{scent} {'CBD' if cbd > thc else ('1:1' if cbd else 'THC')} {word}"
    per = _potency_words(thc, cbd, "per package")
    description = f"{name} by {brand}: {size} for external use only, {per}. Scent: {scent.lower()}."
    return builder.add(
        name=name, brand=brand, category=Category.TOPICAL, subcategory=subcategory,
        strain_type=strain_type, thc_min=thc, thc_max=thc, cbd_min=cbd, cbd_max=cbd,
        potency_unit="mg", flavors=[] if scent == "Unscented" else [scent], size=size,
        price=pick_price(rng, (19.99, 49.99)), description=description,
    )  # fmt: skip


def add_accessory(builder: CatalogBuilder, index: int) -> Product | None:
    brand, name, subcategory, size, bounds = ACCESSORIES[index % len(ACCESSORIES)]
    return builder.add(
        name=name, brand=brand, category=Category.ACCESSORY, subcategory=subcategory,
        strain_type=S.NONE, size=size, price=pick_price(builder.rng, bounds),
        description=f"{name} from {brand} ({size}). An accessory: contains no cannabis.",
    )  # fmt: skip


PackagedAdder = Callable[[CatalogBuilder, str], Product | None]
PACKAGED_ADDERS: dict[Category, PackagedAdder] = {
    Category.EDIBLE: add_edible,
    Category.BEVERAGE: add_beverage,
    Category.OIL: add_oil,
    Category.CAPSULE: add_capsule,
    Category.TOPICAL: add_topical,
}
