"""The budtender adapter's cost: the model alone, the adapter applied at run time, merged.

    python benchmarks/adapter_bench.py [--rounds 2] [--runs 6]

Loads the service's engine three ways on the model the service uses (the trimmed
vocabulary's file): without the adapter, with llama.cpp applying it at run time, and
with it merged into a copy of the model (the default). Each takes turns, ``--rounds``
times, so that a busy machine slows all three alike. A run is one greedy reply to a
confident prompt, 64 tokens without a stop; decode speed is the tokens after the first
over the time after the first. It also prints each one's greedy reply to a lead prompt,
to show that the merged copy answers as the adapter does.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from weedgo.catalog.seed import demo_products
from weedgo.config import Settings
from weedgo.engine.adapter import PACKAGED_ADAPTER, Adapter, file_sha256
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.engine.llama import LlamaConfig, LlamaEngine
from weedgo.engine.machine import cpu_model
from weedgo.engine.model_files import ensure_model
from weedgo.pipeline import tuned
from weedgo.stats import percentile

DECODE = GenerationParams(temperature=0.0, max_tokens=64, stop=())
LEAD = GenerationParams(temperature=0.0, max_tokens=32, stop=("\n",))
COUNTING = "Counting: 1, 2, 3, 4, 5,"
WAYS = ("base model", "adapter at run time", "adapter merged")


async def _decode_rate(engine: LlamaEngine) -> float:
    stats = GenerationStats()
    first = 0.0
    async for _ in engine.stream(COUNTING, DECODE, stats):
        first = first or time.perf_counter()
    elapsed = time.perf_counter() - first
    return (stats.completion_tokens - 1) / elapsed if elapsed > 0 else float("nan")


async def _run(way: str, model: Path, data_dir: Path, runs: int) -> tuple[list[float], str]:
    adapter = None if way == WAYS[0] else Adapter(PACKAGED_ADAPTER, file_sha256(PACKAGED_ADAPTER))
    config = LlamaConfig(
        model_path=model,
        n_ctx=256,
        n_threads=2,
        adapter=adapter,
        merge_adapter=way == WAYS[2],
        data_dir=data_dir,
    )
    engine = LlamaEngine(config)
    await engine.start()
    try:
        product = next(p for p in demo_products() if p.name == "Pure Kush")
        prompt = tuned.lead_prompt("any indica for sleep?", product)
        text = "".join([piece async for piece in engine.stream(prompt, LEAD, GenerationStats())])
        rates = [await _decode_rate(engine) for _ in range(runs)]
        return rates, text.strip()
    finally:
        await engine.aclose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()
    model = ensure_model(Settings(_env_file=None))  # type: ignore[call-arg]
    rates: dict[str, list[float]] = {way: [] for way in WAYS}
    replies: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.rounds):
            for way in WAYS:
                got, replies[way] = await _run(way, model, Path(tmp), args.runs)
                rates[way].append(percentile(got, 50))
    print(f"{cpu_model()}, 2 threads, {model.name}, median of {args.runs} runs per round")
    print("| model | decode tokens/s, each round | greedy lead reply |")
    print("|---|---|---|")
    for way in WAYS:
        figures = ", ".join(f"{rate:.1f}" for rate in rates[way])
        print(f"| {way} | {figures} | {replies[way]!r} |")


if __name__ == "__main__":
    asyncio.run(main())
