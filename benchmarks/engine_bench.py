"""Embedded engine benchmark: raw llama-cpp-python versus ``LlamaEngine.stream``.

    python benchmarks/engine_bench.py --n 20

Runs the same prompts (the real prompt builder, different customer messages and
products, one shared system prefix) through four set-ups, one request at a time and
interleaved prompt by prompt so that background load hits all of them alike:

    raw/reuse    Llama.create_completion(stream=True); 0.3.36 keeps the common prefix
    raw/fresh    the same after Llama.reset(): the whole prompt is evaluated each time
    engine/reuse LlamaEngine.stream with prefix reuse (the default)
    engine/fresh LlamaEngine.stream with prefix reuse switched off

Greedy sampling without stop strings, so every set-up generates the same tokens
(``--max-tokens`` of them unless the model ends earlier). Prints TTFT and full-reply
P50/P95, decode tokens/s and the engine's overhead over raw llama-cpp-python.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from llama_cpp import Llama

from weedgo.config import Settings
from weedgo.domain import Category, Product, StrainType
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.engine.llama import MIN_P, LlamaConfig, LlamaEngine
from weedgo.engine.model_files import ensure_model
from weedgo.engine.probe import ProbeShape, subprocess_prober
from weedgo.engine.verdicts import resolve
from weedgo.pipeline.prompt import SYSTEM_PREFIX, build_prompt
from weedgo.stats import percentile

MESSAGES = [
    "show me some indica strains for sleep",
    "what's your cheapest pre-roll?",
    "I want something energetic for a hike",
    "do you have edibles?",
    "what's the strongest vape you have",
    "I'm new to cannabis, what should I try?",
    "anything with CBD and no high?",
    "how much is Northern Lights?",
    "I need an ounce of indica",
    "got anything for creativity under $40?",
]


def _catalog() -> list[Product]:
    rows: list[tuple[str, str, Category, StrainType, float, float, str, float, str]] = [
        (
            "Northern Lights",
            "Tweed",
            Category.FLOWER,
            StrainType.INDICA,
            18,
            21,
            "3.5 g",
            34.99,
            "relaxed",
        ),
        (
            "Bubba Kush",
            "Redecan",
            Category.PRE_ROLL,
            StrainType.INDICA,
            19,
            22,
            "3 x 0.5 g",
            21.99,
            "calm",
        ),
        (
            "Jack Herer",
            "Spinach",
            Category.FLOWER,
            StrainType.SATIVA,
            20,
            23,
            "3.5 g",
            29.99,
            "energetic",
        ),
        (
            "Blue Dream",
            "Tweed",
            Category.VAPE,
            StrainType.HYBRID,
            80,
            85,
            "0.5 g",
            39.99,
            "creative",
        ),
        (
            "Green Crack",
            "Back Forty",
            Category.PRE_ROLL,
            StrainType.SATIVA,
            21,
            24,
            "1 g",
            9.99,
            "happy",
        ),
    ]
    return [
        Product(
            id=f"p{i}",
            name=name,
            brand=brand,
            category=cat,
            strain_type=strain,
            thc_min=lo,
            thc_max=hi,
            size=size,
            price=price,
            effects=[effect],
        )
        for i, (name, brand, cat, strain, lo, hi, size, price, effect) in enumerate(rows)
    ]


def make_prompts(n: int) -> list[str]:
    catalog = _catalog()
    prompts = []
    for i in range(n):
        products = [catalog[(i + k) % len(catalog)] for k in range(3)]
        prompts.append(build_prompt(MESSAGES[i % len(MESSAGES)], products))
    return prompts


@dataclass
class Sample:
    ttft_ms: float
    total_ms: float
    tokens: int
    cached: int = 0
    text: str = ""


@dataclass
class Series:
    name: str
    samples: list[Sample] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        ttft = [s.ttft_ms for s in self.samples]
        total = [s.total_ms for s in self.samples]
        decode_s = sum(s.total_ms - s.ttft_ms for s in self.samples) / 1000
        decoded = sum(max(s.tokens - 1, 0) for s in self.samples)
        return {
            "setup": self.name,
            "ttft_p50": percentile(ttft, 50),
            "ttft_p95": percentile(ttft, 95),
            "total_p50": percentile(total, 50),
            "total_p95": percentile(total, 95),
            "decode_tok_s": decoded / decode_s if decode_s else 0.0,
            "tokens": statistics.mean(s.tokens for s in self.samples),
            "cached": statistics.mean(s.cached for s in self.samples),
        }


def _cached_tokens(llm: Llama, prompt: str) -> int:
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=True)
    common = 0
    for old, new in zip(llm.input_ids[: llm.n_tokens].tolist(), tokens, strict=False):
        if old != new:
            break
        common += 1
    return min(common, len(tokens) - 1)


def raw_runner(llm: Llama, params: GenerationParams, reuse: bool) -> Callable[[str], Sample]:
    def run(prompt: str) -> Sample:
        if not reuse:
            llm.reset()
        cached = _cached_tokens(llm, prompt)
        started = time.perf_counter()
        first, parts, finish = 0.0, [], ""
        chunks = llm.create_completion(
            prompt,
            max_tokens=params.max_tokens,
            temperature=params.temperature,
            top_p=params.top_p,
            top_k=params.top_k,
            min_p=MIN_P,
            repeat_penalty=params.repeat_penalty,
            seed=params.seed,
            stream=True,
        )
        for chunk in cast("Iterator[Any]", chunks):
            choice = chunk["choices"][0]
            if not first:
                first = time.perf_counter()
            parts.append(choice["text"])
            finish = choice["finish_reason"] or finish
        done = time.perf_counter()
        text = "".join(parts)
        tokens = (
            params.max_tokens if finish == "length" else len(llm.tokenize(text.encode(), False))
        )
        return Sample((first - started) * 1000, (done - started) * 1000, tokens, cached, text)

    return run


def engine_runner(
    engine: LlamaEngine, loop: asyncio.AbstractEventLoop, params: GenerationParams
) -> Callable[[str], Sample]:
    async def consume(prompt: str) -> Sample:
        stats = GenerationStats()
        text = "".join([piece async for piece in engine.stream(prompt, params, stats)])
        return Sample(
            stats.ttft_ms,
            stats.total_ms,
            stats.completion_tokens,
            stats.cached_prompt_tokens,
            text,
        )

    return lambda prompt: loop.run_until_complete(consume(prompt))


def _load_raw(path: Path, settings: Settings, n_ctx: int) -> Llama:
    # llama-cpp-python's Llama always loads with weight repacking (no option turns it
    # off), which kills the process on a CPU whose probe ruled repacking out.
    shape = ProbeShape()
    prober = subprocess_prober(str(path), shape, settings.probe_timeout_s)
    verdict, _ = resolve(path, settings.repack, settings.data_dir, prober, shape=shape)
    if not verdict.options.repack:
        raise SystemExit(
            "The raw llama-cpp-python baseline cannot run on this CPU: Llama() repacks the "
            f"weights, and repacking is off here ({verdict.reason})."
        )
    return Llama(
        model_path=str(path),
        n_ctx=n_ctx,
        n_threads=settings.n_threads,
        n_threads_batch=settings.n_threads,
        n_batch=settings.n_batch,
        swa_full=True,
        verbose=False,
    )


def run(n: int, max_tokens: int, settings: Settings) -> list[dict[str, Any]]:
    path = ensure_model(settings)
    n_ctx = max(settings.n_ctx, settings.n_ctx_complex)
    params = GenerationParams(max_tokens=max_tokens, temperature=0.0)
    loop = asyncio.new_event_loop()
    engines = []
    runners: dict[str, Callable[[str], Sample]] = {}
    for reuse in (True, False):
        label = "reuse" if reuse else "fresh"
        llm = _load_raw(path, settings, n_ctx)
        llm.create_completion(SYSTEM_PREFIX, max_tokens=1)  # same warm start as the engine
        runners[f"raw/{label}"] = raw_runner(llm, params, reuse)
        config = LlamaConfig(
            model_path=path,
            n_ctx=n_ctx,
            n_threads=settings.n_threads,
            n_batch=settings.n_batch,
            prewarm_text=SYSTEM_PREFIX,
            prefix_reuse=reuse,
        )
        engine = LlamaEngine(config)
        loop.run_until_complete(engine.start())
        engines.append(engine)
        runners[f"engine/{label}"] = engine_runner(engine, loop, params)
    series = {name: Series(name) for name in runners}
    for prompt in make_prompts(n):
        for name, runner in runners.items():
            series[name].samples.append(runner(prompt))
    for engine in engines:
        loop.run_until_complete(engine.aclose())
    loop.close()
    same = sum(
        a.text.strip() == b.text.strip()
        for a, b in zip(series["raw/reuse"].samples, series["engine/reuse"].samples, strict=True)
    )
    rows = [s.row() for s in series.values()]
    rows.append({"setup": "same_text_raw_vs_engine", "count": same, "of": n})
    return rows


def report(rows: list[dict[str, Any]]) -> str:
    lines = [
        f"{'setup':<14}{'ttft p50':>10}{'ttft p95':>10}{'reply p50':>11}{'reply p95':>11}"
        f"{'decode t/s':>12}{'tokens':>8}{'cached':>8}"
    ]
    by_name = {row["setup"]: row for row in rows}
    for row in rows:
        if "ttft_p50" not in row:
            continue
        lines.append(
            f"{row['setup']:<14}{row['ttft_p50']:>10.0f}{row['ttft_p95']:>10.0f}"
            f"{row['total_p50']:>11.0f}{row['total_p95']:>11.0f}{row['decode_tok_s']:>12.1f}"
            f"{row['tokens']:>8.1f}{row['cached']:>8.0f}"
        )
    raw, eng = by_name["raw/reuse"], by_name["engine/reuse"]
    overhead = (eng["total_p50"] / raw["total_p50"] - 1) * 100
    lines.append(f"engine overhead on the full reply (P50): {overhead:+.1f} %")
    same = by_name["same_text_raw_vs_engine"]
    lines.append(f"identical replies raw vs engine: {same['count']}/{same['of']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="prompts per set-up")
    parser.add_argument("--max-tokens", type=int, default=50)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    settings = Settings() if args.data_dir is None else Settings(data_dir=args.data_dir)
    rows = run(args.n, args.max_tokens, settings)
    print(json.dumps(rows, indent=2) if args.json else report(rows))


if __name__ == "__main__":
    main()
