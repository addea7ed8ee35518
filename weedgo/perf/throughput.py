"""``weedgo perf throughput``: requests per second of one worker, and its memory.

Each client asks questions from a small fixed set (so after the first round they are
cache hits, as most traffic of a store is); then the worker's memory and its response
cache's hit rate are read. ``--unique`` makes every question new (every request a cache
miss).
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from collections.abc import Iterator
from typing import Any

from weedgo.perf.client import Reply, Target
from weedgo.perf.options import add_target_arguments, bounded
from weedgo.perf.targets import run_subcommand
from weedgo.stats import summarize

DESCRIPTION = (
    "Requests per second of one worker, and its memory: concurrent clients ask questions "
    "from a fixed set of eight (cache hits after the first round), or with --unique every "
    "question new (every request a cache miss)."
)
QUESTIONS = (
    "Show me some indica strains for sleep",
    "any sativa pre-rolls under $20?",
    "do you have edibles?",
    "what vapes do you have?",
    "something for a beginner",
    "hello",
    "what's good for a movie night?",
    "any CBD oils?",
)


def add_throughput_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "throughput",
        help="requests per second of one worker under concurrent clients",
        description=DESCRIPTION,
    )
    add_target_arguments(parser, suite=False)
    load = parser.add_argument_group("load")
    load.add_argument("--clients", type=bounded(1, 256), default=8, help="at once (default 8)")
    load.add_argument(
        "--requests", type=bounded(1, 100_000), default=400, help="in all (default 400)"
    )
    load.add_argument("--unique", action="store_true", help="every question new")
    parser.set_defaults(func=cmd_throughput)


def question(index: int, *, unique: bool) -> str:
    """The ``index``-th question a client asks: the fixed set in turn, or each one new."""
    text = QUESTIONS[index % len(QUESTIONS)]
    return f"{text} ({uuid.uuid4().hex[:6]})" if unique else text


def _hit_rate(metrics: dict[str, Any]) -> float | None:
    value = metrics.get("cache", {}).get("response", {}).get("hit_rate")
    return float(value) if isinstance(value, int | float) else None


async def measure_throughput(
    target: Target, *, clients: int, requests: int, unique: bool
) -> dict[str, Any]:
    """``clients`` clients at once, each sending ``requests // clients`` (at least one)."""
    per_client = max(1, requests // clients)
    replies: list[Reply] = []

    async def client(number: int) -> None:
        for i in range(per_client):
            customer = f"throughput-{number}-{i}"
            replies.append(await target.chat(question(i, unique=unique), customer))

    began = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - began
    done = [r.latency_ms for r in replies if r.ok]
    return {
        "clients": clients,
        "requests": len(replies),
        "errors": len(replies) - len(done),
        "unique": unique,
        "duration_s": round(elapsed, 3),
        "requests_per_s": round(len(done) / elapsed, 2) if elapsed > 0 else None,
        "latency_ms": summarize(done),
        "memory_mb": await target.read_memory_mb(),
        "memory_source": target.memory_source,
        "response_cache_hit_rate": _hit_rate(await target.metrics()),
    }


def throughput_lines(figures: dict[str, Any]) -> Iterator[str]:
    latency = figures["latency_ms"]
    memory = figures["memory_mb"]
    yield (
        f"{figures['requests']} requests, {figures['clients']} clients: "
        f"{figures['requests_per_s'] or 0:.1f} requests/s, "
        f"P50 {latency.get('p50', float('nan')):.1f} ms, "
        f"P95 {latency.get('p95', float('nan')):.1f} ms; "
        f"memory {'n/a' if memory is None else f'{memory:.0f} MB'}, "
        f"response cache hit rate {figures['response_cache_hit_rate']}"
    )
    yield f"memory measured as: {figures['memory_source']}"
    if figures["errors"]:
        yield f"{figures['errors']} requests failed"


def cmd_throughput(args: argparse.Namespace) -> int:
    async def measure(target: Target) -> dict[str, Any]:
        return await measure_throughput(
            target, clients=args.clients, requests=args.requests, unique=args.unique
        )

    return run_subcommand(args, measure, throughput_lines)
