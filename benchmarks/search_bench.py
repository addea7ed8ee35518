"""Catalog import and product search timings of the store back-ends.

    python benchmarks/search_bench.py --backend sqlite|postgresql|both --n 10000

Loads a generated catalog of ``n`` products into a fresh database (a temporary SQLite
file; a schema of its own on PostgreSQL, dropped afterwards), reports the import rate,
then runs about thirty product searches of the kind the pipeline makes, ``--repeat``
times each on a warm pool, and prints P50/P99 latency per back-end. With ``both`` it
also reports how often the two back-ends agree on the top result.
Goals on a 2-core machine: P99 < 10 ms on SQLite, < 20 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg

from weedgo.domain import Category, Product, SearchQuery, StrainType
from weedgo.stats import percentile
from weedgo.store.base import Store
from weedgo.store.factory import open_store

POSTGRES_URL = os.environ.get(
    "WEEDGO_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
C, S, Q = Category, StrainType, SearchQuery
QUERIES: list[SearchQuery] = [
    Q(text="sleep", strain_type=S.INDICA, effects=["Sleepy", "Relaxed"], max_price=40),
    Q(text="indica", strain_type=S.INDICA, effects=["Sleepy"]),
    Q(strain_type=S.SATIVA, effects=["Energetic", "Focused"]),
    Q(text="blue dream"),
    Q(text="pink kush pre roll", category=C.PRE_ROLL),
    Q(text="gummies", category=C.EDIBLE, max_price=15),
    Q(category=C.FLOWER, size="3.5g", sort="price_asc"),
    Q(category=C.FLOWER, size="28g", sort="price_asc"),
    Q(text="cheap flower", category=C.FLOWER, max_price=25, sort="price_asc"),
    Q(category=C.VAPE, strain_type=S.HYBRID, effects=["Happy"]),
    Q(text="cbd oil", category=C.OIL, min_cbd=10),
    Q(min_cbd=5, effects=["Relaxed"]),
    Q(category=C.FLOWER, min_thc=25, sort="price_desc"),
    Q(category=C.FLOWER, max_thc=15, effects=["Relaxed"]),
    Q(text="creative", strain_type=S.SATIVA, effects=["Creative", "Uplifted"]),
    Q(text="citrus lemon", effects=["Uplifted"]),
    Q(text="chocolate", category=C.EDIBLE),
    Q(text="pre roll", category=C.PRE_ROLL, strain_type=S.INDICA, max_price=12),
    Q(category=C.BEVERAGE, sort="price_asc"),
    Q(text="shatter", category=C.CONCENTRATE, min_thc=60),
    Q(text="vape cartridge", strain_type=S.SATIVA),
    Q(effects=["Hungry", "Relaxed"], strain_type=S.INDICA, max_price=35),
    Q(text="og kush"),
    Q(text="northern lights", effects=["Sleepy"]),
    Q(text="something for pain and anxiety", effects=["Relaxed"]),
    Q(text="myrcene", category=C.FLOWER),
    Q(category=C.TOPICAL),
    Q(text="gelato", sort="price_asc", limit=10),
    Q(category=C.FLOWER, strain_type=S.HYBRID, offset=20, limit=10),
    Q(text="diesel", min_price=20, max_price=50, effects=["Energetic"]),
]
NAMES = ["blu dream", "pink kush pre roll", "wana gummies", "northen lights", "gelatto"]


def load_catalog(n: int) -> list[Product]:
    try:
        from weedgo.catalog.generate import generate_catalog
    except ImportError:
        return simple_catalog(n)
    return generate_catalog(n)


def simple_catalog(n: int, seed: int = 7) -> list[Product]:
    """A plain stand-in generator, used when the catalog package is not there."""
    rng = random.Random(seed)
    words = ["Blue", "Pink", "Dream", "Kush", "Haze", "Lemon", "Gelato", "Diesel", "Cake"]
    effects = ["Sleepy", "Relaxed", "Happy", "Energetic", "Creative", "Focused", "Uplifted"]
    return [
        Product(
            id=f"SB-{i:06d}", name=f"{rng.choice(words)} {rng.choice(words)}",
            brand=rng.choice(["Tweed", "Aurora", "Redecan"]), category=rng.choice(list(C)),
            strain_type=rng.choice(list(S)), thc_min=rng.uniform(5, 20),
            thc_max=rng.uniform(20, 30),
            effects=rng.sample(effects, 2), size=rng.choice(["1g", "3.5g", "7g"]),
            price=round(rng.uniform(5, 80), 2), stock=rng.choice([0, 5, 10]),
        )
        for i in range(n)
    ]  # fmt: skip


@asynccontextmanager
async def database(backend: str) -> AsyncIterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    schema = f"weedgo_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(POSTGRES_URL)
    try:
        await admin.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
        await admin.execute(f"CREATE SCHEMA {schema}")
        yield f"{POSTGRES_URL}?search_path={schema},public"
    finally:
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.close()


async def time_queries(store: Store, repeat: int) -> tuple[dict[str, list[float]], list[float]]:
    """Search latencies per query and name look-up latencies, in ms, after a warm-up."""
    for query in QUERIES:
        await store.search(query)
    searches: dict[str, list[float]] = {}
    for query in QUERIES:
        samples = searches.setdefault(query_label(query), [])
        for _ in range(repeat):
            start = time.perf_counter()
            await store.search(query)
            samples.append((time.perf_counter() - start) * 1000)
    names = []
    for name in NAMES:
        for _ in range(repeat):
            start = time.perf_counter()
            await store.find_by_name(name)
            names.append((time.perf_counter() - start) * 1000)
    return searches, names


def query_label(query: SearchQuery) -> str:
    fields = query.model_dump(exclude_defaults=True, mode="json")
    return ", ".join(f"{key}={value}" for key, value in fields.items())


async def bench(backend: str, catalog: list[Product], repeat: int) -> dict[str, list[str]]:
    async with database(backend) as url:
        store = open_store(url)
        await store.open()
        try:
            start = time.perf_counter()
            result = await store.upsert_products(catalog)
            seconds = time.perf_counter() - start
            print(f"[{backend}] import {result.inserted} rows in {seconds:.2f} s: "
                  f"{result.inserted / seconds:,.0f} rows/s")  # fmt: skip
            changed = [p.model_copy(update={"price": p.price + 1}) for p in catalog]
            start = time.perf_counter()
            result = await store.upsert_products(changed)
            seconds = time.perf_counter() - start
            print(f"[{backend}] re-import {result.updated} changed rows: "
                  f"{result.updated / seconds:,.0f} rows/s")  # fmt: skip
            searches, names = await time_queries(store, repeat)
            report(backend, "search", [ms for samples in searches.values() for ms in samples])
            report(backend, "find_by_name", names)
            slowest = sorted(searches.items(), key=lambda item: -percentile(item[1], 99))[:3]
            for label, samples in slowest:
                print(f"[{backend}]   slowest: P99 {percentile(samples, 99):6.2f} ms  {label}")
            return {q.model_dump_json(): await top_ids(store, q) for q in QUERIES}
        finally:
            await store.close()


async def top_ids(store: Store, query: SearchQuery) -> list[str]:
    return [item.product.id for item in await store.search(query)]


def report(backend: str, what: str, samples: list[float]) -> None:
    print(
        f"[{backend}] {what:<12} n={len(samples):<5} P50 {percentile(samples, 50):6.2f} ms  "
        f"P99 {percentile(samples, 99):6.2f} ms  mean {statistics.fmean(samples):6.2f} ms  "
        f"max {max(samples):6.2f} ms"
    )


def agreement(left: dict[str, list[str]], right: dict[str, list[str]]) -> None:
    same_top = sum(1 for key in left if left[key][:1] == right[key][:1])
    overlap = [
        len(set(left[key]) & set(right[key])) / max(1, len(set(left[key]) | set(right[key])))
        for key in left
    ]
    print(f"[both] same top result on {same_top}/{len(left)} queries; "
          f"mean top-5 overlap (Jaccard) {statistics.fmean(overlap):.2f}")  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=10000, help="catalog size")
    parser.add_argument("--repeat", type=int, default=50, help="runs of each query")
    args = parser.parse_args()
    catalog = load_catalog(args.n)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(f"catalog: {len(catalog)} products; {len(QUERIES)} queries x {args.repeat}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")  # fmt: skip
    tops = [await bench(backend, catalog, args.repeat) for backend in backends]
    if len(tops) == 2:
        agreement(*tops)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
