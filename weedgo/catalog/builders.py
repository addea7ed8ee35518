"""Building blocks shared by the demo catalog and the synthetic benchmark catalog.

A :class:`StrainProfile` holds the facts about a strain that a product may repeat
(type, positive effects, flavours). A :class:`Format` is one way a product is sold
(category, size, price and potency ranges). :class:`CatalogBuilder` turns a profile and
a format into a :class:`~weedgo.domain.Product` with a stable id, a plausible price and
stock, terpenes that fit the strain, and a description written from facts only.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from weedgo.domain import Category, PotencyUnit, Product, StrainType

POSITIVE_EFFECTS = (
    "Relaxed", "Sleepy", "Happy", "Euphoric", "Uplifted", "Creative", "Energetic",
    "Focused", "Hungry", "Talkative", "Giggly", "Tingly", "Aroused",
)  # fmt: skip
_EFFECT_ALIASES = {"horny": "Aroused", "aroused": "Aroused", "arousal": "Aroused"}
_UNAPPEALING_FLAVORS = frozenset({"ammonia", "chemical", "diesel fuel"})

TYPE_EFFECTS: dict[StrainType, tuple[str, ...]] = {
    StrainType.INDICA: ("Relaxed", "Sleepy", "Happy", "Hungry", "Euphoric", "Tingly"),
    StrainType.SATIVA: ("Uplifted", "Energetic", "Creative", "Focused", "Happy", "Talkative"),
    StrainType.HYBRID: ("Happy", "Relaxed", "Euphoric", "Uplifted", "Creative", "Giggly"),
    StrainType.CBD: ("Relaxed", "Focused", "Happy"),
    StrainType.NONE: (),
}
TYPE_FLAVORS: dict[StrainType, tuple[str, ...]] = {
    StrainType.INDICA: ("Earthy", "Sweet", "Grape", "Berry", "Pine"),
    StrainType.SATIVA: ("Citrus", "Lemon", "Pine", "Sweet", "Tropical"),
    StrainType.HYBRID: ("Sweet", "Berry", "Earthy", "Citrus", "Vanilla"),
    StrainType.CBD: ("Earthy", "Pine", "Herbal"),
    StrainType.NONE: (),
}
TYPE_TERPENES: dict[StrainType, tuple[str, ...]] = {
    StrainType.INDICA: ("myrcene", "linalool", "caryophyllene", "humulene"),
    StrainType.SATIVA: ("limonene", "terpinolene", "pinene", "ocimene"),
    StrainType.HYBRID: ("caryophyllene", "limonene", "myrcene", "humulene", "pinene"),
    StrainType.CBD: ("myrcene", "pinene", "caryophyllene"),
    StrainType.NONE: (),
}
_FLAVOR_TERPENES = {
    "citrus": "limonene", "lemon": "limonene", "lime": "limonene", "orange": "limonene",
    "pine": "pinene", "lavender": "linalool", "pepper": "caryophyllene",
    "skunk": "caryophyllene", "earthy": "myrcene", "mango": "myrcene", "tropical": "ocimene",
}  # fmt: skip
_CODES = {
    Category.FLOWER: "FL", Category.PRE_ROLL: "PR", Category.VAPE: "VP",
    Category.CONCENTRATE: "CN", Category.EDIBLE: "ED", Category.BEVERAGE: "BV",
    Category.OIL: "OL", Category.CAPSULE: "CP", Category.TOPICAL: "TP",
    Category.ACCESSORY: "AC",
}  # fmt: skip
OUT_OF_STOCK_SHARE = 0.12


@dataclass(frozen=True)
class StrainProfile:
    name: str
    strain_type: StrainType
    effects: tuple[str, ...]
    flavors: tuple[str, ...]


@dataclass(frozen=True)
class Format:
    """One way a product is sold; ``thc`` / ``cbd`` are (low, high) ranges in ``unit``."""

    category: Category
    subcategory: str
    size: str
    price: tuple[float, float]
    thc: tuple[float, float] = (0.0, 0.0)
    cbd: tuple[float, float] = (0.0, 0.0)
    unit: PotencyUnit = "%"
    label: str = ""
    weight: int = 1


def clean_effects(raw: Iterable[str]) -> tuple[str, ...]:
    """Positive effects only, canonical spelling, first occurrence kept."""
    allowed = {e.lower(): e for e in POSITIVE_EFFECTS} | _EFFECT_ALIASES
    found = (allowed.get(item.strip().lower()) for item in raw)
    return tuple(dict.fromkeys(e for e in found if e))


def clean_flavors(raw: Iterable[str]) -> tuple[str, ...]:
    kept = (f.strip().title() for f in raw if f.strip())
    return tuple(dict.fromkeys(f for f in kept if f.lower() not in _UNAPPEALING_FLAVORS))


def pick_terpenes(rng: random.Random, strain: StrainProfile) -> list[str]:
    """Two or three terpenes: hinted by the flavours first, then typical of the type."""
    hinted = [_FLAVOR_TERPENES[f.lower()] for f in strain.flavors if f.lower() in _FLAVOR_TERPENES]
    pool = list(TYPE_TERPENES[strain.strain_type])
    rng.shuffle(pool)
    chosen = list(dict.fromkeys([*hinted, *pool]))
    return chosen[: rng.choice((2, 3, 3))]


def pick_price(rng: random.Random, bounds: tuple[float, float], quality: float = 0.5) -> float:
    """A shelf price ending in .99 within ``bounds``; ``quality`` in [0, 1] pushes it up."""
    low, high = bounds
    share = min(1.0, max(0.0, 0.5 * quality + 0.5 * rng.random())) ** 1.4
    price = math.floor(low + (high - low) * share) + 0.99
    return round(min(max(price, low), high), 2)


def pick_stock(rng: random.Random) -> int:
    if rng.random() < OUT_OF_STOCK_SHARE:
        return 0
    return rng.choice((2, 3, 5, 8, 12, 15, 20, 24, 30, 36, 48, 60))


def percent_range(rng: random.Random, bounds: tuple[float, float]) -> tuple[float, float]:
    """A labelled range such as 18.0-22.5 % inside ``bounds``."""
    low, high = bounds
    if high <= 0:
        return 0.0, 0.0
    top = round(rng.uniform(low + (high - low) * 0.15, high), 1)
    bottom = round(max(low, top - rng.uniform(0.5, 4.0)), 1)
    return bottom, top


def join_words(words: Sequence[str]) -> str:
    items = [w.lower() for w in words]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_TYPE_PHRASES = {
    StrainType.INDICA: "an indica",
    StrainType.SATIVA: "a sativa",
    StrainType.HYBRID: "a hybrid",
    StrainType.CBD: "a high-CBD, low-THC strain",
    StrainType.NONE: "a product",
}
_FORMAT_PHRASES = {
    "Whole Flower": "sold as whole dried flower",
    "Pre-Roll": "rolled and ready to light",
    "Infused Pre-Roll": "rolled with added concentrate",
    "510 Cartridge": "in a 510-thread vape cartridge",
    "Disposable Vape": "in a disposable vape pen",
    "Shatter": "as glass-like shatter",
    "Live Resin": "as live resin",
    "Hash": "as traditional pressed hash",
    "Rosin": "as solventless rosin",
}
_STRAIN_TEMPLATES = (
    "{name} from {brand} is {type_phrase} with {flavors} notes, {format_phrase}. "
    "Customers often describe it as {effects}.",
    "{brand} offers {name}, {type_phrase} {format_phrase}. Expect {flavors} flavours; "
    "customers often describe it as {effects}.",
    "{type_cap} with {flavors_article} {flavors} profile and {terpenes} among its terpenes, "
    "{format_phrase}. Customers often describe {name} as {effects}.",
)


def strain_description(
    rng: random.Random, name: str, brand: str, strain: StrainProfile, fmt: Format, terps: list[str]
) -> str:
    type_phrase = _TYPE_PHRASES[strain.strain_type]
    flavors = join_words(strain.flavors[:3])
    return rng.choice(_STRAIN_TEMPLATES).format(
        name=name,
        brand=brand,
        type_phrase=type_phrase,
        type_cap=type_phrase[0].upper() + type_phrase[1:],
        format_phrase=_FORMAT_PHRASES.get(fmt.subcategory, "as " + fmt.subcategory.lower()),
        flavors=flavors,
        flavors_article="an" if flavors[:1] in tuple("aeiou") else "a",
        effects=join_words(strain.effects[:3]),
        terpenes=join_words(terps),
    )


class CatalogBuilder:
    """Accumulates products with stable ids (``{prefix}-FL-0001``), skipping repeats."""

    def __init__(self, rng: random.Random, prefix: str = "WG", width: int = 4) -> None:
        self.rng = rng
        self.prefix = prefix
        self.width = width
        self.products: list[Product] = []
        self._counters: dict[Category, int] = {}
        self._seen: set[tuple[str, str, str]] = set()

    def count(self, category: Category) -> int:
        return self._counters.get(category, 0)

    def add(self, **fields: object) -> Product | None:
        """Validate and keep a product; None when the same brand/name/size exists."""
        key = (str(fields["brand"]), str(fields["name"]), str(fields["size"]))
        if key in self._seen:
            return None
        category = Category(str(fields["category"]))
        number = self._counters.get(category, 0) + 1
        product_id = f"{self.prefix}-{_CODES[category]}-{number:0{self.width}d}"
        product = Product.model_validate({"id": product_id, "stock": pick_stock(self.rng)} | fields)
        self._counters[category] = number
        self._seen.add(key)
        self.products.append(product)
        return product

    def strain_product(self, strain: StrainProfile, brand: str, fmt: Format) -> Product | None:
        """Flower, pre-roll, vape or concentrate made from one strain."""
        rng = self.rng
        name = f"{strain.name} {fmt.label}".strip()
        thc_min, thc_max = percent_range(rng, fmt.thc)
        cbd_min, cbd_max = percent_range(rng, fmt.cbd) if fmt.cbd[1] > 1 else (0.0, 0.0)
        if 0 < fmt.cbd[1] <= 1 and rng.random() < 0.5:
            cbd_max = round(rng.uniform(0.1, fmt.cbd[1]), 1)
        span = max(fmt.thc[1] - fmt.thc[0], 0.1)
        quality = (thc_max - fmt.thc[0]) / span if strain.strain_type != StrainType.CBD else 0.5
        terps = pick_terpenes(rng, strain)
        return self.add(
            name=name, brand=brand, category=fmt.category, subcategory=fmt.subcategory,
            strain_type=strain.strain_type, thc_min=thc_min, thc_max=thc_max,
            cbd_min=cbd_min, cbd_max=cbd_max, potency_unit=fmt.unit, terpenes=terps,
            effects=list(strain.effects[:4]), flavors=list(strain.flavors[:3]), size=fmt.size,
            price=pick_price(rng, fmt.price, quality),
            description=strain_description(rng, name, brand, strain, fmt, terps),
        )  # fmt: skip
