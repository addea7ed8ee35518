"""The request orders of ``weedgo perf``, built from the built-in query set.

The set itself (:class:`Query`, :func:`load_queries`, :func:`load_warmup`) lives with the
live benchmark in :mod:`weedgo.pipeline.benchmark`, below the API, which runs the same set
through a pipeline; it is re-exported here for the suite.
"""

from __future__ import annotations

import random
from itertools import accumulate

from weedgo.pipeline.benchmark import (
    QUERY_TYPES,
    Query,
    default_queries_path,
    load_queries,
    load_warmup,
)

__all__ = [
    "QUERY_TYPES",
    "Query",
    "default_queries_path",
    "interleave",
    "load_queries",
    "load_warmup",
    "zipf_sequence",
    "zipf_weights",
]


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
