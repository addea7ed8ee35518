"""Parsers for the values of one imported catalog row.

Each parser takes the raw cell (a string from CSV, or any JSON value) and returns a
clean value, or raises :class:`RowError` with a reason a store manager understands,
such as ``price is negative (-4.99)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from weedgo.domain import Category, StrainType


class RowError(ValueError):
    """One row cannot be imported; the message says why."""


_CATEGORY_WORDS: dict[Category, tuple[str, ...]] = {
    Category.FLOWER: ("flower", "driedflower", "dried", "wholeflower", "milledflower", "bud"),
    Category.PRE_ROLL: ("preroll", "prerolls", "prerolled", "infusedprerolls", "joints"),
    Category.VAPE: (
        "vape", "vapes", "vapecartridge", "vapecartridges", "vapepens", "vaporizers",
        "cartridges", "510cartridges", "disposablevapes", "vapesvapecartridges",
    ),
    Category.CONCENTRATE: (
        "concentrate", "concentrates", "extract", "extracts", "extractsconcentrates",
        "hash", "shatter", "resin", "liveresin", "rosin", "inhaledextracts",
    ),
    Category.EDIBLE: ("edible", "edibles", "ediblesolids", "gummies", "chocolates"),
    Category.BEVERAGE: ("beverage", "beverages", "drinks", "ediblesbeverages"),
    Category.OIL: ("oil", "oils", "ingestibleoils", "ingestibleextracts"),
    Category.CAPSULE: ("capsule", "capsules", "softgel", "softgels", "capsulessoftgels"),
    Category.TOPICAL: ("topical", "topicals"),
    Category.ACCESSORY: ("accessory", "accessories", "papers", "grinders"),
}  # fmt: skip
_CATEGORIES = {word: cat for cat, words in _CATEGORY_WORDS.items() for word in words}
_STRAIN_TYPES = {
    "indica": StrainType.INDICA, "indicadominant": StrainType.INDICA,
    "sativa": StrainType.SATIVA, "sativadominant": StrainType.SATIVA,
    "hybrid": StrainType.HYBRID, "blend": StrainType.HYBRID, "balanced": StrainType.HYBRID,
    "cbd": StrainType.CBD, "highcbd": StrainType.CBD, "cbddominant": StrainType.CBD,
    "": StrainType.NONE, "none": StrainType.NONE, "na": StrainType.NONE,
    "notapplicable": StrainType.NONE,
}  # fmt: skip
_EMPTY = {"", "n/a", "na", "-", "none", "null"}
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_TERPENE_PREFIX = re.compile(r"^(?:alpha|beta|gamma|trans|[αβγ])[\s-]*", re.IGNORECASE)
_SIZE_UNIT = re.compile(r"(\d)\s*(g|mg|ml|mL|ML|kg)\b")
PERCENT_CATEGORIES = frozenset(
    {Category.FLOWER, Category.PRE_ROLL, Category.VAPE, Category.CONCENTRATE}
)
MG_CATEGORIES = frozenset(set(Category) - PERCENT_CATEGORIES - {Category.ACCESSORY})


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def text(value: object) -> str:
    return "" if value is None else str(value).strip()


def is_empty(value: object) -> bool:
    return text(value).lower() in _EMPTY


def parse_category(value: object) -> Category:
    raw = text(value)
    if not raw:
        raise RowError("category is missing")
    category = _CATEGORIES.get(_key(raw))
    if category is None:
        raise RowError(f"unknown category ({raw!r})")
    return category


def parse_strain_type(value: object) -> StrainType:
    raw = "" if is_empty(value) else text(value)
    strain_type = _STRAIN_TYPES.get(_key(raw))
    if strain_type is None:
        raise RowError(f"unknown strain type ({raw!r})")
    return strain_type


def parse_number(value: object, label: str) -> float | None:
    """A number such as ``18.5``, ``"18.5 %"``, ``"<1"`` or ``"10 mg"``; None when empty."""
    if isinstance(value, bool):
        raise RowError(f"{label} is not a number ({value!r})")
    if isinstance(value, int | float):
        return float(value)
    if is_empty(value):
        return None
    match = _NUMBER.search(text(value).replace(",", ""))
    if match is None:
        raise RowError(f"{label} is not a number ({text(value)!r})")
    return float(match.group())


def parse_price(value: object) -> float:
    raw = text(value)
    if is_empty(value):
        raise RowError("price is missing")
    cleaned = re.sub(r"(?i)cad|\$|\s", "", raw).replace(",", "")
    try:
        price = float(cleaned)
    except ValueError:
        raise RowError(f"price is not a number ({raw!r})") from None
    if price < 0:
        raise RowError(f"price is negative ({raw})")
    return round(price, 2)


def parse_stock(value: object) -> int | None:
    number = parse_number(value, "stock")
    if number is None:
        return None
    if number < 0 or not number.is_integer():
        raise RowError(f"stock must be a whole number of at least 0 ({text(value)!r})")
    return int(number)


def parse_list(value: object) -> list[str]:
    """A list from JSON, or a cell separated by ``;`` (or ``,`` when there is no ``;``)."""
    items: Iterable[object]
    if isinstance(value, list | tuple):
        items = value
    elif is_empty(value):
        return []
    else:
        raw = text(value)
        items = raw.split(";") if ";" in raw else raw.split(",")
    return list(dict.fromkeys(t for t in (text(i) for i in items) if t))


def parse_terpenes(value: object) -> list[str]:
    cells = parse_list(text(value).replace("/", ";") if isinstance(value, str) else value)
    names = (_TERPENE_PREFIX.sub("", cell).strip().lower() for cell in cells)
    return list(dict.fromkeys(n for n in names if n))


def normalize_size(value: object) -> str:
    """``"3.5g"`` -> ``"3.5 g"``, ``"355 ml"`` -> ``"355 mL"``."""
    raw = re.sub(r"\s+", " ", text(value))
    return _SIZE_UNIT.sub(lambda m: f"{m.group(1)} {m.group(2).lower().replace('ml', 'mL')}", raw)


def potency_range(low: float | None, high: float | None) -> tuple[float, float]:
    """(min, max) with one side filling in for a missing other; swapped when reversed."""
    low = high if low is None else low
    high = low if high is None else high
    low, high = low or 0.0, high or 0.0
    return (high, low) if low > high else (low, high)


def check_potency(name: str, low: float, high: float, unit: str) -> None:
    if low < 0:
        raise RowError(f"{name} is negative ({low:g})")
    if low > high:
        raise RowError(f"{name} minimum ({low:g}) is above its maximum ({high:g})")
    if unit == "%" and high > 100:
        raise RowError(f"{name} is over 100 % ({high:g} %)")
