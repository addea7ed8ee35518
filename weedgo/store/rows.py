"""Stored rows of products, sessions and turns, and the plan of a catalog import.

A row holds the values in the order of its column tuple; a list (terpenes, effects,
flavours, a turn's product ids) is stored as the dialect stores lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from weedgo.domain import Product, SessionInfo, Turn
from weedgo.store.dialect import Dialect
from weedgo.store.terms import effects_key, size_key

PRODUCT_FIELDS = (
    "id", "name", "brand", "category", "subcategory", "strain_type", "thc_min", "thc_max",
    "cbd_min", "cbd_max", "potency_unit", "terpenes", "effects", "flavors", "size", "price",
    "stock", "description",
)  # fmt: skip
# Stored beside the fields: derived columns that the filters and boosts read.
PRODUCT_COLUMNS = (*PRODUCT_FIELDS, "effects_key", "size_key")
# The product columns of the table ``p``, for a SELECT list.
SELECTED = ", ".join(f"p.{name}" for name in PRODUCT_COLUMNS)
SESSION_COLUMNS = ("session_id", "customer_id", "age_verified", "education_only", "language")
TURN_COLUMNS = ("role", "content", "product_ids", "intent")

_LISTS = ("terpenes", "effects", "flavors")
_ENUMS = ("category", "strain_type")


def product_row(product: Product, dialect: Dialect) -> tuple[object, ...]:
    """The stored row of a product, in the order of ``PRODUCT_COLUMNS``."""
    values: list[object] = []
    for name in PRODUCT_FIELDS:
        value = getattr(product, name)
        if name in _LISTS:
            value = dialect.store_list(value)
        elif name in _ENUMS:
            value = getattr(value, "value", value)
        values.append(value)
    values += [effects_key(product.effects or []), size_key(product.size or "")]
    return tuple(values)


def row_product(row: Sequence[Any], dialect: Dialect) -> Product:
    """The product of a row that starts with the columns of ``PRODUCT_FIELDS``."""
    data = dict(zip(PRODUCT_FIELDS, row, strict=False))
    for name in _LISTS:
        data[name] = dialect.load_list(data[name])
    return Product.model_validate(data)


def session_row(session: SessionInfo) -> tuple[object, ...]:
    return tuple(getattr(session, name) for name in SESSION_COLUMNS)


def row_session(row: Sequence[Any]) -> SessionInfo:
    return SessionInfo.model_validate(dict(zip(SESSION_COLUMNS, row, strict=True)))


def turn_row(session_id: str, turn: Turn, dialect: Dialect) -> tuple[object, ...]:
    """The stored row of a turn: the session, then ``TURN_COLUMNS``."""
    ids = dialect.store_list(turn.product_ids)
    return (session_id, turn.role, turn.content, ids, turn.intent)


def row_turn(row: Sequence[Any], dialect: Dialect) -> Turn:
    role, content, ids, intent = row
    return Turn(role=role, content=content, product_ids=dialect.load_list(ids), intent=intent)


@dataclass
class UpsertPlan:
    """What an import changes: rows to write (new and changed) and ids to delete."""

    write: list[Sequence[object]]
    inserted: int
    updated: int
    removed: list[str]

    @property
    def changes(self) -> int:
        return self.inserted + self.updated + len(self.removed)


def plan_upsert(
    existing: Mapping[str, Sequence[object]],
    rows: Sequence[Sequence[object]],
    *,
    replace: bool,
) -> UpsertPlan:
    """Compare encoded rows (id first) with the stored ones; the last row of an id wins.

    ``updated`` counts the rows whose stored values change: importing the same catalog
    twice reports nothing and keeps the catalog version.
    """
    batch = {str(row[0]): row for row in rows}
    write = [row for key, row in batch.items() if existing.get(key) != row]
    inserted = sum(1 for key in batch if key not in existing)
    removed = [key for key in existing if key not in batch] if replace else []
    return UpsertPlan(write, inserted, len(write) - inserted, removed)
