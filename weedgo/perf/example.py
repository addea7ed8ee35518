"""``weedgo perf seed-example``: the seed's example request, timed N times.

Prints each reply's client-side time and server-reported time, whether it was a cache
hit, and the medians (P95 and P99 of the server's time from 20 requests on). Run it with
the response cache off (``--no-cache`` in this process, ``WEEDGO_ENABLE_CACHING=false``
for a service) to time the full path (analysis, search, model) every time.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from weedgo.perf.client import Reply, Target
from weedgo.perf.options import add_target_arguments, bounded
from weedgo.perf.targets import run_subcommand
from weedgo.stats import summarize

SEED_MESSAGE = "Show me some indica strains for sleep"
SEED_CUSTOMER = "test_user"
TAIL_FROM = 20  # requests needed before P95 and P99 are shown


def add_example_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "seed-example",
        help="time the seed's example request N times",
        description="Time the seed's example request N times: client and server time, "
        "cache hits, medians.",
    )
    add_target_arguments(parser, suite=False)
    parser.add_argument(
        "-n", "--requests", type=bounded(1, 10_000), default=20, help="how many (default 20)"
    )
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    parser.set_defaults(func=cmd_example)


def _row(reply: Reply) -> dict[str, Any]:
    return {
        "ok": reply.ok,
        "client_ms": round(reply.latency_ms, 2),
        "server_ms": reply.server_ms,
        "cached": reply.cached,
        "fallback": reply.fallback,
        "products": reply.products,
        "message": reply.message,
        "error": reply.error,
    }


async def measure_example(target: Target, *, requests: int) -> dict[str, Any]:
    """The example ``requests`` times in a row, always from the same customer."""
    replies = [await target.chat(SEED_MESSAGE, SEED_CUSTOMER) for _ in range(requests)]
    done = [r for r in replies if r.ok]
    return {
        "requests": len(replies),
        "errors": len(replies) - len(done),
        "cache_hits": sum(1 for r in done if r.cached),
        "client_ms": summarize(r.latency_ms for r in done),
        "server_ms": summarize(r.server_ms for r in done if r.server_ms is not None),
        "replies": [_row(r) for r in replies],
    }


def _reply_line(number: int, row: dict[str, Any]) -> str:
    if not row["ok"]:
        return f"{number:2d} failed: {row['error']}"
    return (
        f"{number:2d} client {row['client_ms']:7.1f} ms  server {row['server_ms'] or 0:7.1f} ms"
        f"  cached={row['cached']!s:5} fallback={row['fallback']!s:5} "
        f"products={row['products']}  {(row['message'] or '')[:70]!r}"
    )


def example_lines(figures: dict[str, Any], *, quiet: bool = False) -> Iterator[str]:
    if not quiet:
        for number, row in enumerate(figures["replies"], start=1):
            yield _reply_line(number, row)
    client, server = figures["client_ms"], figures["server_ms"]
    if not client["count"]:
        yield f"every one of the {figures['requests']} requests failed"
        return
    yield (
        f"median of {client['count']}: client {client['p50']:.1f} ms, "
        f"server {server.get('p50', float('nan')):.1f} ms; "
        f"cache hits {figures['cache_hits']}/{figures['requests']}"
    )
    if server["count"] >= TAIL_FROM:
        yield f"server P95 {server['p95']:.2f} ms, P99 {server['p99']:.2f} ms"
    if figures["errors"]:
        yield f"{figures['errors']} requests failed"


def cmd_example(args: argparse.Namespace) -> int:
    async def measure(target: Target) -> dict[str, Any]:
        return await measure_example(target, requests=args.requests)

    return run_subcommand(args, measure, lambda f: example_lines(f, quiet=args.quiet))
