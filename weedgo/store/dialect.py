"""What differs between the SQL of the two back-ends, in one value per database.

The shared query building (:mod:`weedgo.store.scoring`), the fixed statements and the
row mapping (:mod:`weedgo.store.sqlstore`, :mod:`weedgo.store.rows`) read these values
instead of naming a database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Dialect:
    """The SQL and the stored forms of one database."""

    backend: str  # its name in /health: "sqlite", "postgresql"
    name: str  # its name in messages
    row_key: str  # the products column that names a row fastest
    placeholder: Callable[[int], str]  # 1-based parameter number -> "?n" or "$n"
    greatest: str  # scalar maximum of two values
    strpos: str  # position of a substring, 0 when absent
    id_order: str  # a byte-wise ordering of ids
    list_key: Callable[[str], str]  # a stored list column -> its ``|a|b|`` form
    now: str  # the current time, as the timestamp columns store it
    arrays: bool  # a list travels as one array parameter
    store_list: Callable[[Sequence[str]], object]  # a list of text -> its stored value
    load_list: Callable[[Any], list[str]]  # a stored value -> the list of text


def _sqlite_list(column: str) -> str:  # '["Earthy","Pine"]' -> '|earthy|pine|'
    inner = f"replace(replace(lower(p.{column}), '[\"', '|'), '\"]', '|')"
    return f"replace({inner}, '\",\"', '|')"


def _postgres_list(column: str) -> str:  # {Earthy,Pine} -> '|earthy|pine|'
    return f"('|' || lower(array_to_string(p.{column}, '|')) || '|')"


def _json_list(values: Sequence[str]) -> str:
    """Compact JSON, as :func:`_sqlite_list` expects it: ``["Earthy","Pine"]``."""
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))


_SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

SQLITE = Dialect(
    backend="sqlite", name="SQLite", row_key="pk", placeholder=lambda n: f"?{n}",
    greatest="max", strpos="instr", id_order="p.id", list_key=_sqlite_list, now=_SQLITE_NOW,
    arrays=False, store_list=_json_list, load_list=json.loads,
)  # fmt: skip
POSTGRES = Dialect(
    backend="postgresql", name="PostgreSQL", row_key="id", placeholder=lambda n: f"${n}",
    greatest="greatest", strpos="strpos", id_order='p.id COLLATE "C"',
    list_key=_postgres_list, now="now()", arrays=True, store_list=list,
    load_list=lambda stored: stored,
)  # fmt: skip
