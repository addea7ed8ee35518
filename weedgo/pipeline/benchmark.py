"""The built-in query set, and the live benchmark behind ``POST /api/v1/benchmark``.

The set lives in ``benchmark_queries.json`` beside this module (``benchmarks/queries.json``
in the repository links to it): ``{"queries": [{"id", "type", "text"}], "warmup": [text,
...]}`` with the three query types of the original suite: ``greeting``, ``product`` and
``complex``. Warm-up texts are kept apart from the measured queries so that warming up
does not fill the response cache with them. ``weedgo perf`` measures the same set from the
outside; the live benchmark runs it through a pipeline directly, cold (cache bypassed) and
warm (the same question again). Both summarise with :func:`weedgo.stats.summarize`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from weedgo.domain.turn import ChatEvent, DoneEvent
from weedgo.metrics import Metrics
from weedgo.pipeline.context import ChatInput
from weedgo.stats import summarize

QUERY_TYPES = ("greeting", "product", "complex")


@dataclass(frozen=True)
class Query:
    """One measured question."""

    id: str
    type: str
    text: str


def default_queries_path() -> Path:
    """The packaged query set."""
    return Path(__file__).resolve().parent / "benchmark_queries.json"


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


class Answering(Protocol):
    """What the live benchmark needs of a pipeline."""

    name: str
    metrics: Metrics

    def handle(self, inp: ChatInput) -> AsyncIterator[ChatEvent]: ...


async def _ask(pipeline: Answering, text: str, *, cold: bool) -> DoneEvent | None:
    inp = ChatInput(
        message=text,
        customer_id=f"bench-{uuid.uuid4().hex[:8]}",
        bypass_cache=cold,
        ephemeral=True,
    )
    done = None
    async for event in pipeline.handle(inp):
        if isinstance(event, DoneEvent):
            done = event
    return done


@dataclass
class _Timings:
    cold: dict[str, list[float]]
    warm: dict[str, list[float]]
    ttft: list[float]
    hits: int = 0
    asked: int = 0

    @classmethod
    def empty(cls) -> _Timings:
        return cls({t: [] for t in QUERY_TYPES}, {t: [] for t in QUERY_TYPES}, [])


async def _measure(pipeline: Answering, queries: list[Query], iterations: int) -> _Timings:
    timings = _Timings.empty()
    for _ in range(iterations):
        for query in queries:
            first = await _ask(pipeline, query.text, cold=True)
            if first is not None:
                timings.cold[query.type].append(first.response_time_ms)
                if first.ttft_ms is not None:
                    timings.ttft.append(first.ttft_ms)
            again = await _ask(pipeline, query.text, cold=False)
            if again is not None:
                timings.warm[query.type].append(again.response_time_ms)
                timings.hits += int(again.cached)
                timings.asked += 1
    return timings


async def run_live_benchmark(
    pipeline: Answering, iterations: int, limit_per_type: int | None = None
) -> dict[str, Any]:
    """The built-in set through ``pipeline``, ``iterations`` times: the server-side reply
    times per query type, cold and warm, the first-token times and the warm hit rate."""
    queries = load_queries(limit_per_type=limit_per_type)
    tokens_before = pipeline.metrics.completion_tokens
    began = time.perf_counter()
    timings = await _measure(pipeline, queries, iterations)
    elapsed = time.perf_counter() - began
    tokens = pipeline.metrics.completion_tokens - tokens_before
    return {
        "iterations": iterations,
        "queries": len(queries),
        "pipeline": pipeline.name,
        "cold_ms": {t: summarize(v) for t, v in timings.cold.items()},
        "warm_ms": {t: summarize(v) for t, v in timings.warm.items()},
        "ttft_ms": summarize(timings.ttft),
        "warm_hit_rate": round(timings.hits / timings.asked, 4) if timings.asked else 0.0,
        "generated_tokens": tokens,
        "elapsed_s": round(elapsed, 2),
        "tokens_per_s_overall": round(tokens / elapsed, 1) if elapsed else 0.0,
    }
