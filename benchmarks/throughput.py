"""Requests per second of one running worker, and its memory.

    python benchmarks/throughput.py --url http://127.0.0.1:8001 --clients 8 --requests 400

Each client asks questions from a small fixed set (so after the first round they are
cache hits, as most traffic of a store is), then the worker's own figures are read from
/api/v1/metrics. Use --unique to make every question new (every request a cache miss).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid

import httpx

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


async def client(http: httpx.AsyncClient, count: int, unique: bool, out: list[float]) -> None:
    for i in range(count):
        text = QUESTIONS[i % len(QUESTIONS)]
        if unique:
            text = f"{text} ({uuid.uuid4().hex[:6]})"
        began = time.perf_counter()
        response = await http.post(
            "/api/v1/chat", json={"message": text, "customer_id": f"t{uuid.uuid4().hex[:6]}"}
        )
        response.raise_for_status()
        out.append((time.perf_counter() - began) * 1000)


async def run(url: str, clients: int, requests: int, unique: bool) -> None:
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=120) as http:
        began = time.perf_counter()
        per_client = max(1, requests // clients)
        await asyncio.gather(*(client(http, per_client, unique, latencies) for _ in range(clients)))
        elapsed = time.perf_counter() - began
        metrics = (await http.get("/api/v1/metrics")).json()
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{len(latencies)} requests, {clients} clients: {len(latencies) / elapsed:.1f} requests/s, "
        f"P50 {statistics.median(latencies):.1f} ms, P95 {p95:.1f} ms; "
        f"worker RSS {metrics['memory_rss_mb']} MB, response cache hit rate "
        f"{metrics['cache']['response']['hit_rate']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--unique", action="store_true", help="every question new")
    args = parser.parse_args()
    asyncio.run(run(args.url, args.clients, args.requests, args.unique))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
