"""The benchmark's query set and the request orders built from it.

The set lives in ``benchmarks/queries.json``: ``{"queries": [{"id", "type", "text"}],
"warmup": [text, ...]}`` with the three query types of the original suite: ``greeting``,
``product`` and ``complex``. Warm-up texts are kept apart from the measured queries so
that warming up does not fill the response cache with them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

QUERY_TYPES = ("greeting", "product", "complex")


@dataclass(frozen=True)
class Query:
    """One measured question."""

    id: str
    type: str
    text: str


def default_queries_path() -> Path:
    """The packaged query set (``benchmarks/queries.json`` in the repository links to it)."""
    return Path(__file__).resolve().parent / "queries.json"


def _read(path: Path | None) -> dict[str, Any]:
    source = path or default_queries_path()
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ValueError(f"query file not found: {source}") from error
    except json.JSONDecodeError as error:
        raise ValueError(f"query file {source} is not valid JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        raise ValueError(f"query file {source} has no 'queries' list")
    return data


def _parse(item: Any, index: int) -> Query:
    if not isinstance(item, dict) or not {"id", "type", "text"} <= item.keys():
        raise ValueError(f"query #{index} needs 'id', 'type' and 'text'")
    if item["type"] not in QUERY_TYPES:
        raise ValueError(f"query {item['id']!r} has unknown type {item['type']!r}")
    if not str(item["text"]).strip():
        raise ValueError(f"query {item['id']!r} has an empty text")
    return Query(id=str(item["id"]), type=str(item["type"]), text=str(item["text"]))


def load_queries(path: Path | None = None, limit_per_type: int | None = None) -> list[Query]:
    """The measured queries, in file order; at most ``limit_per_type`` of each type."""
    if limit_per_type is not None and limit_per_type < 1:
        raise ValueError("limit_per_type must be at least 1")
    queries = [_parse(item, i) for i, item in enumerate(_read(path)["queries"])]
    if len({q.id for q in queries}) != len(queries):
        raise ValueError("query ids must be unique")
    if limit_per_type is None:
        return queries
    taken: dict[str, int] = {}
    kept: list[Query] = []
    for query in queries:
        if taken.get(query.type, 0) < limit_per_type:
            taken[query.type] = taken.get(query.type, 0) + 1
            kept.append(query)
    return kept


def load_warmup(path: Path | None = None) -> list[str]:
    """The warm-up texts (never measured)."""
    texts = _read(path).get("warmup") or ["hello, just warming up"]
    return [str(text) for text in texts]


def interleave(queries: list[Query]) -> list[Query]:
    """Round-robin over the types, so that each type is spread over the whole run."""
    by_type = {kind: [q for q in queries if q.type == kind] for kind in QUERY_TYPES}
    longest = max((len(group) for group in by_type.values()), default=0)
    return [group[i] for i in range(longest) for group in by_type.values() if i < len(group)]


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    """Zipf weights ``1 / rank**exponent`` for ranks 1..count, normalised to sum 1."""
    if count < 1:
        return []
    raw = [1.0 / (rank**exponent) for rank in range(1, count + 1)]
    total = sum(raw)
    return [w / total for w in raw]


def zipf_sequence(
    queries: list[Query], length: int, *, seed: int = 42, exponent: float = 1.1
) -> list[Query]:
    """``length`` draws from ``queries`` with Zipf-like popularity; the same for one seed.

    The popularity order is a seeded shuffle of the set, so that the popular questions
    are not always the greetings at the top of the file.
    """
    if not queries or length < 1:
        return []
    rng = random.Random(seed)
    ranked = list(queries)
    rng.shuffle(ranked)
    cumulative = list(accumulate(zipf_weights(len(ranked), exponent)))
    return rng.choices(ranked, cum_weights=cumulative, k=length)
