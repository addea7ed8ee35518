"""Where the store sells, and the legal minimum age there.

The table lives in ``jurisdictions.json`` next to this module (Canadian provinces and
territories, and the US states where adult use is legal). A code is the two-letter
province or state code (``ON``, ``QC``, ``WA``); the forms ``CA-ON`` and ``US-WA`` are
accepted too, which is how the one clash is settled: ``CA`` alone is California, a
Canadian province is always written by its own code.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

logger = logging.getLogger(__name__)

Country = Literal["CA", "US"]


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    minimum_age: int
    country: Country


@cache
def all_jurisdictions() -> dict[str, Jurisdiction]:
    """Every jurisdiction of the table, by code (read once)."""
    raw = resources.files("weedgo.compliance").joinpath("jurisdictions.json").read_text("utf-8")
    table: dict[str, Jurisdiction] = {}
    for row in json.loads(raw)["jurisdictions"]:
        item = Jurisdiction(
            code=str(row["code"]).upper(),
            name=str(row["name"]),
            minimum_age=int(row["minimum_age"]),
            country=row["country"],
        )
        table[item.code] = item
    logger.debug("loaded %d jurisdictions", len(table))
    return table


def get_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction for ``code`` (case-insensitive, ``ON`` or ``CA-ON``).

    Raises ``ValueError`` naming the valid codes when ``code`` is not in the table.
    """
    table = all_jurisdictions()
    wanted = code.strip().upper().replace("_", "-")
    country, _, local = wanted.rpartition("-")
    found = table.get(local)
    if found is not None and (not country or country == found.country):
        return found
    valid = ", ".join(sorted(table))
    raise ValueError(
        f"unknown jurisdiction {code!r}: use a Canadian province or territory or a US state "
        f"where adult use is legal, one of: {valid}"
    )
