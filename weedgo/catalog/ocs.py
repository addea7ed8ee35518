"""The Ontario Cannabis Store catalogue export: its columns mapped to product fields.

Columns are matched without regard to case or surrounding spaces. Potency comes from
the percentage columns for flower, pre-rolls, vapes and concentrates, and from
"THC Content Per Unit" / "CBD Content Per Unit" (mg) for everything else.

Stock comes from "Stock Quantity" when the export has it, otherwise from "Stock Status"
("In Stock" counts as 20 units, "Limited Stock" as 3); an export with neither column is
taken as all in stock. A row with an unknown plant type is kept with strain type "none".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from weedgo.catalog.fields import (
    MG_CATEGORIES,
    PERCENT_CATEGORIES,
    RowError,
    is_empty,
    normalize_size,
    parse_category,
    parse_number,
    parse_price,
    parse_stock,
    parse_strain_type,
    parse_terpenes,
    potency_range,
    text,
)
from weedgo.domain import Category, StrainType

REQUIRED_COLUMNS = ("product name", "category", "unit price")
IN_STOCK_QUANTITY = 20  # "In Stock" without a quantity
LOW_STOCK_QUANTITY = 3
_STATUS = {
    "instock": IN_STOCK_QUANTITY, "available": IN_STOCK_QUANTITY,
    "limitedstock": LOW_STOCK_QUANTITY, "lowstock": LOW_STOCK_QUANTITY,
    "outofstock": 0, "soldout": 0, "unavailable": 0, "discontinued": 0,
}  # fmt: skip


def is_ocs_header(columns: set[str]) -> bool:
    return all(column in columns for column in REQUIRED_COLUMNS)


def _status_stock(status: str) -> int:
    key = "".join(ch for ch in status.lower() if ch.isalnum())
    if not key:
        return IN_STOCK_QUANTITY  # an export without stock data lists what is sold
    if key not in _STATUS:
        raise RowError(f"unknown stock status ({status!r})")
    return _STATUS[key]


def _stock(get: Callable[[str], str]) -> int:
    quantity = parse_stock(get("stock quantity"))
    return quantity if quantity is not None else _status_stock(get("stock status"))


def _potency(get: Callable[[str], str], category: Category, compound: str) -> tuple[float, float]:
    if category == Category.ACCESSORY:
        return 0.0, 0.0
    low = parse_number(get(f"minimum {compound} content (%)"), f"minimum {compound.upper()}")
    high = parse_number(get(f"maximum {compound} content (%)"), f"maximum {compound.upper()}")
    if category not in PERCENT_CATEGORIES:
        per_unit = parse_number(get(f"{compound} content per unit"), f"{compound.upper()} per unit")
        if per_unit is not None:
            return per_unit, per_unit
    return potency_range(low, high)


def _strain_type(get: Callable[[str], str], category: Category) -> StrainType:
    if category == Category.ACCESSORY:
        return StrainType.NONE
    try:
        return parse_strain_type(get("plant type"))
    except RowError:
        return StrainType.NONE  # OCS adds plant types now and then; not worth a rejection


def ocs_fields(row: Mapping[str, object]) -> dict[str, object]:
    """Product fields from one OCS row (keys already lower-cased); raises RowError."""

    def get(column: str) -> str:
        return "" if is_empty(row.get(column)) else text(row.get(column))

    name = get("product name")
    if not name:
        raise RowError("product name is missing")
    sku = get("ocs variant number") or get("ocs item number")
    if not sku:
        raise RowError("SKU is missing (OCS Variant Number)")
    category = parse_category(get("category"))
    thc_min, thc_max = _potency(get, category, "thc")
    cbd_min, cbd_max = _potency(get, category, "cbd")
    return {
        "id": sku,
        "name": name,
        "brand": get("brand"),
        "category": category,
        "subcategory": get("sub-category") or get("subcategory"),
        "strain_type": _strain_type(get, category),
        "thc_min": thc_min,
        "thc_max": thc_max,
        "cbd_min": cbd_min,
        "cbd_max": cbd_max,
        "potency_unit": "mg" if category in MG_CATEGORIES else "%",
        "terpenes": parse_terpenes(get("terpenes")),
        "size": normalize_size(get("size")),
        "price": parse_price(row.get("unit price")),
        "stock": _stock(get),
        "description": get("short description") or get("long description"),
    }
