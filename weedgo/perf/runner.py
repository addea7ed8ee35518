"""The benchmark's phases, run against one or two targets.

Order of a run (every loop has a fixed count; every request has a timeout):

1. warm-up: ``warmup`` requests per target with texts outside the measured set;
2. repeat pattern: ``zipf_requests`` draws from the set with Zipf-like popularity
   (seeded), on an emptied cache where the target allows it: the cache hit rate;
3. latency: ``runs`` passes over the set, each request from a new customer; in the first
   pass every query is sent a second time right after its first sight (cache miss
   versus cache hit); with ``stream`` these go through the SSE endpoint (TTFT);
4. concurrency: at each level, that many clients each sending ``requests_per_client``.

With two targets, each request goes to both, alternating which one goes first.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from weedgo.perf.client import Reply, Target
from weedgo.perf.queries import Query, interleave, zipf_sequence

logger = logging.getLogger(__name__)

ProgressFn = Callable[[str], None]
MAX_MEMORY_SAMPLES = 100_000


@dataclass(frozen=True)
class RunOptions:
    runs: int = 3
    warmup: int = 2
    stream: bool = False
    zipf_requests: int | None = None  # None: twice the number of queries
    zipf_exponent: float = 1.1
    seed: int = 42
    concurrency: tuple[int, ...] = ()
    requests_per_client: int = 4
    memory_interval_s: float = 0.25

    def zipf_count(self, queries: int) -> int:
        return 2 * queries if self.zipf_requests is None else self.zipf_requests


@dataclass
class Sample:
    """One measured request."""

    pipeline: str
    phase: str
    query_id: str
    query_type: str
    run: int
    ok: bool
    latency_ms: float
    server_ms: float | None = None
    ttft_ms: float | None = None
    ttft_source: str | None = None
    cached: bool | None = None
    first_sight: bool = False
    level: int | None = None
    error: str | None = None


@dataclass
class LevelRun:
    pipeline: str
    level: int
    requests: int
    duration_s: float
    completion_tokens: int | None


@dataclass
class RunData:
    """Everything a run measured, before it is summarised."""

    samples: list[Sample] = field(default_factory=list)
    levels: list[LevelRun] = field(default_factory=list)
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)
    memory_peak_mb: dict[str, float | None] = field(default_factory=dict)
    memory_source: dict[str, str] = field(default_factory=dict)
    cache_cleared: dict[str, bool] = field(default_factory=dict)
    duration_s: float = 0.0


class MemorySampler:
    """Samples a target's memory figure until stopped (at most MAX_MEMORY_SAMPLES times)."""

    def __init__(self, target: Target, interval_s: float) -> None:
        self.target = target
        self.interval_s = interval_s
        self.peak_mb: float | None = None
        self.stop = asyncio.Event()

    async def sample_once(self) -> None:
        value = await self.target.read_memory_mb()
        if value is not None and (self.peak_mb is None or value > self.peak_mb):
            self.peak_mb = value

    async def run(self) -> None:
        for _ in range(MAX_MEMORY_SAMPLES):
            await self.sample_once()
            try:
                await asyncio.wait_for(self.stop.wait(), timeout=self.interval_s)
                return
            except TimeoutError:
                continue


class Runner:
    """Runs the phases of :mod:`weedgo.perf.runner` against ``targets``."""

    def __init__(
        self,
        targets: list[Target],
        queries: list[Query],
        warmup_texts: list[str],
        options: RunOptions,
        progress: ProgressFn | None = None,
    ) -> None:
        if not targets or not queries:
            raise ValueError("a run needs at least one target and one query")
        self.targets = targets
        self.queries = interleave(queries)
        self.warmup_texts = warmup_texts or ["hello"]
        self.options = options
        self.progress = progress or (lambda _phase: None)
        self.data = RunData()
        self._sent = 0

    def planned_requests(self) -> int:
        o, n = self.options, len(self.queries)
        per_target = o.warmup + o.zipf_count(n) + o.runs * n + (n if o.runs > 0 else 0)
        per_target += sum(level * o.requests_per_client for level in o.concurrency)
        return per_target * len(self.targets)

    def _order(self, step: int) -> list[Target]:
        return self.targets if step % 2 == 0 else self.targets[::-1]

    def _customer(self, target: Target) -> str:
        self._sent += 1
        return f"perf-{target.name}-{self._sent}"

    async def _send(self, target: Target, text: str, phase: str) -> Reply:
        customer = self._customer(target)
        if self.options.stream and phase != "warmup":
            reply = await target.chat_stream(text, customer)
        else:
            reply = await target.chat(text, customer)
        self.progress(f"{phase} · {target.name}")
        if not reply.ok:
            logger.warning("%s request to %s failed: %s", phase, target.name, reply.error)
        return reply

    def _record(self, target: Target, query: Query, reply: Reply, **fields: Any) -> None:
        self.data.samples.append(
            Sample(
                pipeline=target.name,
                query_id=query.id,
                query_type=query.type,
                ok=reply.ok,
                latency_ms=round(reply.latency_ms, 2),
                server_ms=reply.server_ms,
                ttft_ms=reply.ttft_ms,
                ttft_source=reply.ttft_source,
                cached=reply.cached,
                error=reply.error,
                **fields,
            )
        )

    def _clear(self, target: Target) -> None:
        self.data.cache_cleared[target.name] = target.clear_cache()

    async def run(self) -> RunData:
        samplers = [MemorySampler(t, self.options.memory_interval_s) for t in self.targets]
        tasks = [asyncio.create_task(s.run()) for s in samplers]
        began = time.perf_counter()
        try:
            await self.warm_up()
            await self.repeat_pattern()
            await self.latency()
            await self.concurrency()
        finally:
            for sampler in samplers:
                sampler.stop.set()
            await asyncio.gather(*tasks, return_exceptions=True)
        self.data.duration_s = round(time.perf_counter() - began, 2)
        for target, sampler in zip(self.targets, samplers, strict=True):
            self.data.memory_peak_mb[target.name] = sampler.peak_mb
            self.data.memory_source[target.name] = target.memory_source
            self.data.metrics[target.name] = await target.metrics()
        return self.data

    async def warm_up(self) -> None:
        for step in range(self.options.warmup):
            text = self.warmup_texts[step % len(self.warmup_texts)]
            for target in self._order(step):
                await self._send(target, text, "warmup")

    async def repeat_pattern(self) -> None:
        count = self.options.zipf_count(len(self.queries))
        sequence = zipf_sequence(
            self.queries, count, seed=self.options.seed, exponent=self.options.zipf_exponent
        )
        for target in self.targets:
            self._clear(target)
        seen: set[str] = set()
        for step, query in enumerate(sequence):
            first = query.id not in seen
            seen.add(query.id)
            for target in self._order(step):
                reply = await self._send(target, query.text, "zipf")
                self._record(target, query, reply, phase="zipf", run=0, first_sight=first)

    async def latency(self) -> None:
        for target in self.targets:
            self._clear(target)
        step = 0
        for run in range(1, self.options.runs + 1):
            for query in self.queries:
                for target in self._order(step):
                    reply = await self._send(target, query.text, "latency")
                    self._record(
                        target, query, reply, phase="latency", run=run, first_sight=run == 1
                    )
                    if run == 1:
                        again = await self._send(target, query.text, "repeat")
                        self._record(target, query, again, phase="repeat", run=run)
                step += 1

    async def concurrency(self) -> None:
        pool = list(self.queries)
        random.Random(self.options.seed).shuffle(pool)
        for step, level in enumerate(self.options.concurrency):
            for target in self._order(step):
                await self._level(target, level, pool)

    async def _level(self, target: Target, level: int, pool: list[Query]) -> None:
        self._clear(target)
        before = (await target.metrics()).get("completion_tokens")
        per_client = self.options.requests_per_client
        began = time.perf_counter()

        async def client(index: int) -> None:
            for i in range(per_client):
                query = pool[(index * per_client + i) % len(pool)]
                reply = await self._send(target, query.text, f"concurrency {level}")
                self._record(target, query, reply, phase="concurrency", run=0, level=level)

        await asyncio.gather(*(client(i) for i in range(level)))
        duration = time.perf_counter() - began
        after = (await target.metrics()).get("completion_tokens")
        tokens = after - before if isinstance(after, int) and isinstance(before, int) else None
        self.data.levels.append(
            LevelRun(target.name, level, level * per_client, round(duration, 3), tokens)
        )
