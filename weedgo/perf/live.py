"""The benchmark behind ``POST /api/v1/benchmark``: the built-in query set, run N times
through the live pipeline, cold (cache bypassed) and warm (the same question again)."""

from __future__ import annotations

import time
import uuid
from typing import Any

from weedgo.domain.turn import DoneEvent
from weedgo.perf.queries import QUERY_TYPES, load_queries
from weedgo.pipeline.context import ChatInput
from weedgo.pipeline.core import PipelineCore
from weedgo.stats import summarize


async def _ask(pipeline: PipelineCore, text: str, *, cold: bool) -> DoneEvent | None:
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


async def run_live_benchmark(
    pipeline: PipelineCore, iterations: int, limit_per_type: int | None = None
) -> dict[str, Any]:
    queries = load_queries(limit_per_type=limit_per_type)
    cold: dict[str, list[float]] = {t: [] for t in QUERY_TYPES}
    warm: dict[str, list[float]] = {t: [] for t in QUERY_TYPES}
    ttft: list[float] = []
    hits = asked = 0
    tokens_before = pipeline.metrics.completion_tokens
    began = time.perf_counter()
    for _ in range(iterations):
        for query in queries:
            first = await _ask(pipeline, query.text, cold=True)
            if first is not None:
                cold[query.type].append(first.response_time_ms)
                if first.ttft_ms is not None:
                    ttft.append(first.ttft_ms)
            again = await _ask(pipeline, query.text, cold=False)
            if again is not None:
                warm[query.type].append(again.response_time_ms)
                hits += int(again.cached)
                asked += 1
    elapsed = time.perf_counter() - began
    tokens = pipeline.metrics.completion_tokens - tokens_before
    return {
        "iterations": iterations,
        "queries": len(queries),
        "pipeline": pipeline.name,
        "cold_ms": {t: summarize(v) for t, v in cold.items()},
        "warm_ms": {t: summarize(v) for t, v in warm.items()},
        "ttft_ms": summarize(ttft),
        "warm_hit_rate": round(hits / asked, 4) if asked else 0.0,
        "generated_tokens": tokens,
        "elapsed_s": round(elapsed, 2),
        "tokens_per_s_overall": round(tokens / elapsed, 1) if elapsed else 0.0,
    }
