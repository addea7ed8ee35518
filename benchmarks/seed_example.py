"""Time the seed's example request N times against a running service.

    python benchmarks/seed_example.py --url http://127.0.0.1:8001 --n 20

Prints each response's client-side time and server-reported time, whether it was a cache
hit, and the medians. Run it against a service started with WEEDGO_ENABLE_CACHING=false
to time the full path (analysis, search, model) every time.
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

from weedgo.stats import percentile

SEED = {"message": "Show me some indica strains for sleep", "customer_id": "test_user"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    args = parser.parse_args()
    client_ms: list[float] = []
    server_ms: list[float] = []
    hits = 0
    with httpx.Client(base_url=args.url, timeout=30) as client:
        for i in range(args.n):
            began = time.perf_counter()
            response = client.post("/api/v1/chat", json=SEED)
            elapsed = (time.perf_counter() - began) * 1000
            response.raise_for_status()
            body = response.json()
            client_ms.append(elapsed)
            server_ms.append(body["response_time_ms"])
            hits += bool(body["cached"])
            if not args.quiet:
                print(
                    f"{i + 1:2d} client {elapsed:7.1f} ms  "
                    f"server {body['response_time_ms']:7.1f} ms"
                    f"  cached={body['cached']!s:5} fallback={body['fallback']!s:5} "
                    f"products={len(body['products'])}  {body['message'][:70]!r}"
                )
    print(
        f"median of {args.n}: client {statistics.median(client_ms):.1f} ms, "
        f"server {statistics.median(server_ms):.1f} ms; cache hits {hits}/{args.n}"
    )
    if len(server_ms) >= 20:
        p95, p99 = percentile(server_ms, 95), percentile(server_ms, 99)
        print(f"server P95 {p95:.2f} ms, P99 {p99:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
