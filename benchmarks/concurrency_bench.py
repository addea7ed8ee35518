"""Concurrency benchmark of the embedded engine: one-at-a-time versus batched designs.

    python benchmarks/concurrency_bench.py --levels 1,2,4,8,16 --requests-per-client 3

Every design gets the same model and the same budtender-shaped prompts (the real prompt
builder with demo-catalog products, 50-token limit, streaming). For each concurrency
level the designs run one after the other, so background load hits them alike; each is
loaded just before its run and closed after it, so only one engine's threads exist at a
time (two engines' OpenMP pools in one process would make both block at every barrier
instead of spinning, slowing each). ``N`` clients each send their requests one after
another; the figures are the aggregate generated tokens/s, requests/s, TTFT and
full-reply P50/P95 and failures. ``--stop service`` ends replies at the service's stop
strings (as the chat does); the default lets every reply run to the token limit.

Designs are ``name=parallel x contexts``: ``serial=1x1`` is the one-at-a-time engine on
the low-level path, ``batched8=8x1`` eight sequences in one context (continuous
batching), ``split2=2x2`` two one-thread contexts with one sequence each. A design may
name its vocabulary, ``full8=8x1@full`` or ``trimmed8=8x1@trimmed`` (the default is the
service's default, the trimmed one). With ``--legacy-ref REF`` the previous
``Llama.generate`` engine at git ``REF`` joins too.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weedgo.catalog.seed import demo_products
from weedgo.config import DEFAULT_STOP, Settings, usable_cores
from weedgo.engine.base import Engine, GenerationParams, GenerationStats
from weedgo.engine.llama import LlamaConfig, LlamaEngine
from weedgo.engine.model_files import ensure_model
from weedgo.perf.report import cpu_model
from weedgo.pipeline.prompt import SYSTEM_PREFIX, build_prompt
from weedgo.stats import percentile

ROOT = Path(__file__).resolve().parents[1]
MESSAGES = [
    "show me some indica strains for sleep",
    "what's your cheapest pre-roll?",
    "I want something energetic for a hike",
    "do you have edibles?",
    "what's the strongest vape you have",
    "I'm new to cannabis, what should I try?",
    "anything with CBD and no high?",
    "got anything for creativity under $40?",
]


def make_prompts(count: int, per_prompt: int = 3) -> list[str]:
    products = demo_products()
    return [
        build_prompt(
            MESSAGES[i % len(MESSAGES)],
            [products[(i + k) % len(products)] for k in range(per_prompt)],
        )
        for i in range(count)
    ]


@dataclass
class Level:
    design: str
    clients: int
    wall_s: float = 0.0
    tokens: int = 0
    ttft_ms: list[float] = field(default_factory=list)
    total_ms: list[float] = field(default_factory=list)
    failures: int = 0

    def row(self) -> str:
        done, ttft, total = len(self.total_ms), self.ttft_ms, self.total_ms
        return (
            f"| {self.design} | {self.clients} | {self.tokens / self.wall_s:.1f} | "
            f"{done / self.wall_s:.2f} | {_pct(ttft, 50):.0f} | {_pct(ttft, 95):.0f} | "
            f"{_pct(total, 50):.0f} | {_pct(total, 95):.0f} | {self.failures} |"
        )


def _pct(values: list[float], percent: int) -> float:
    return percentile(values, percent) if values else float("nan")


async def _client(engine: Engine, prompts: list[str], params: GenerationParams, out: Level) -> None:
    for prompt in prompts:
        stats = GenerationStats()
        began = time.perf_counter()
        first = 0.0
        try:
            async for _ in engine.stream(prompt, params, stats):
                first = first or time.perf_counter()
        except Exception:  # a failed request is counted, not fatal
            out.failures += 1
            continue
        end = time.perf_counter()
        out.ttft_ms.append(((first or end) - began) * 1000)
        out.total_ms.append((end - began) * 1000)
        out.tokens += stats.completion_tokens


async def run_level(
    name: str,
    engine: Engine,
    clients: int,
    per_client: int,
    params: GenerationParams,
    products: int = 3,
) -> Level:
    prompts = make_prompts(clients * per_client, products)
    level = Level(name, clients)
    began = time.perf_counter()
    await asyncio.gather(
        *(_client(engine, prompts[i::clients], params, level) for i in range(clients))
    )
    level.wall_s = time.perf_counter() - began
    return level


def legacy_engine(ref: str, path: Path, queue_size: int) -> Any:
    """The previous one-at-a-time engine (``Llama.generate``) as it was at git ``ref``."""
    source = subprocess.run(
        ["git", "show", f"{ref}:weedgo/engine/llama.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("legacy_llama", handle.name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    os.unlink(handle.name)
    config = module.LlamaConfig(model_path=path, queue_size=queue_size, prewarm_text=SYSTEM_PREFIX)
    return module.LlamaEngine(config)


def machine() -> str:
    return (
        f"{cpu_model()}, {usable_cores()} cores, {platform.system()} {platform.release()}, no GPU"
    )


def report(
    levels: list[Level], args: argparse.Namespace, loads: list[str], memory: dict[str, str]
) -> str:
    import llama_cpp

    lines = [
        "# Concurrency benchmark of the embedded engine",
        "",
        f"Command: `python benchmarks/concurrency_bench.py {' '.join(sys.argv[1:])}`",
        "",
        f"Machine: {machine()}; llama-cpp-python {llama_cpp.__version__}; "
        f"Gemma 3 270M Q4_K_M; {args.max_tokens}-token limit, temperature {args.temperature}, "
        f"{stops(args)}, streaming; budtender prompts (system prefix plus "
        f"{args.products} demo products).",
        "",
        f"Load average (1 min) before/after: {' / '.join(loads)} (machine shared with other work).",
        "",
        "| design | clients | tokens/s | requests/s | TTFT P50 ms | TTFT P95 ms | "
        "reply P50 ms | reply P95 ms | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [level.row() for level in sorted(levels, key=lambda lv: (lv.clients, lv.design))]
    lines += ["", "Memory (resident set size, from `health()`):", ""]
    lines += [f"- {name}: {figures}" for name, figures in memory.items()]
    return "\n".join(lines) + "\n"


def stops(args: argparse.Namespace) -> str:
    if args.stop == "service":
        return "the service's stop strings (a reply ends at its first line break)"
    return "no stop strings (every reply runs to the limit unless the model ends it)"


def make_engine(spec: str, path: Path, args: argparse.Namespace) -> Any:
    if spec == "legacy":
        return legacy_engine(args.legacy_ref, path, args.queue_size)
    spec, _, vocab = spec.partition("@")
    if vocab:
        path = ensure_model(Settings(data_dir=ROOT / "data", vocab=vocab))
    parallel, contexts = (int(part) for part in spec.split("x"))
    return LlamaEngine(
        LlamaConfig(
            model_path=path,
            n_threads=args.threads,
            queue_size=args.queue_size,
            prewarm_text=SYSTEM_PREFIX,
            parallel=parallel,
            contexts=contexts,
        )
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="1,2,4,8,16")
    parser.add_argument("--requests-per-client", type=int, default=3)
    parser.add_argument("--max-tokens", type=int, default=50)
    parser.add_argument("--temperature", type=float, default=0.2)
    parser.add_argument("--stop", choices=("none", "service"), default="none")
    parser.add_argument("--products", type=int, default=3, help="products in each prompt")
    parser.add_argument("--designs", default="serial=1x1,batched8=8x1,split8=8x2")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--queue-size", type=int, default=16)
    parser.add_argument("--legacy-ref", default=None, help="git ref of the previous engine")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks-concurrency.md")
    args = parser.parse_args()
    path = ensure_model(Settings(data_dir=ROOT / "data"))
    designs = dict(item.split("=") for item in args.designs.split(","))
    if args.legacy_ref:
        designs = {"previous": "legacy", **designs}
    stop = tuple(DEFAULT_STOP) if args.stop == "service" else ()
    params = GenerationParams(max_tokens=args.max_tokens, temperature=args.temperature, stop=stop)
    loads = [f"{os.getloadavg()[0]:.2f}"]
    levels: list[Level] = []
    memory: dict[str, str] = {}
    for clients in (int(part) for part in args.levels.split(",")):
        for name, spec in designs.items():
            engine = make_engine(spec, path, args)
            await engine.start()
            try:
                await run_level(name, engine, 1, 1, params, args.products)  # warm-up
                level = await run_level(
                    name, engine, clients, args.requests_per_client, params, args.products
                )
                health = engine.health()
            finally:
                await engine.aclose()
            levels.append(level)
            print(level.row(), flush=True)
            figures = {k: v for k, v in health.items() if k.startswith(("rss", "slots"))}
            memory[name] = ", ".join(f"{k}={v}" for k, v in figures.items()) or "not reported"
    loads.append(f"{os.getloadavg()[0]:.2f}")
    args.out.write_text(report(levels, args, loads, memory))
    print(f"wrote {args.out}", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
