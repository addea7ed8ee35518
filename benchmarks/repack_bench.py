"""Native options side by side: weight repacking on and off, flash attention auto and off.

    python benchmarks/repack_bench.py --rounds 5

Each round runs the probe child (``weedgo.engine.probe``) once per option set, in turn,
on the same model with a longer workload than the start-up probe: a prompt chunk of
``--chunk`` tokens, ``--steps`` decode steps of one sequence, then ``--steps`` steps of
all ``--slots`` sequences together. Interleaving the option sets round by round lets
background load hit them alike. Prints the medians as a Markdown table; an option set
that crashes on this CPU is reported as such, never run in this process.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from weedgo.config import Settings
from weedgo.engine.machine import cpu_model
from weedgo.engine.model_files import ensure_model
from weedgo.engine.probe import CANDIDATES, Attempt, NativeOptions, ProbeShape, subprocess_prober

FIGURES = ("prompt_tokens_per_s", "decode_tokens_per_s", "batched_tokens_per_s")


def run(model: Path, shape: ProbeShape, rounds: int) -> dict[NativeOptions, list[Attempt]]:
    prober = subprocess_prober(str(model), shape, timeout_s=300)
    results: dict[NativeOptions, list[Attempt]] = {options: [] for options in CANDIDATES}
    for number in range(rounds):
        for options, attempts in results.items():
            attempt = prober(options)
            attempts.append(attempt)
            print(f"round {number + 1}: {options.describe()}: {attempt.outcome} {attempt.figures}")
    return results


def table(results: dict[NativeOptions, list[Attempt]], shape: ProbeShape) -> str:
    lines = [
        f"CPU: {cpu_model()}; {shape.n_threads} threads; medians of "
        f"{max(len(a) for a in results.values())} rounds",
        "",
        f"| options | prompt tokens/s ({shape.chunk}) | decode tokens/s (1 sequence) "
        f"| decode tokens/s ({shape.slots} sequences) | vs. repack on |",
        "|---|---|---|---|---|",
    ]
    base: float | None = None
    for options, attempts in results.items():
        good = [attempt.figures for attempt in attempts if attempt.ok]
        if not good:
            lines.append(f"| {options.describe()} | {attempts[0].outcome}: {attempts[0].detail} |")
            continue
        medians = [statistics.median(f[name] for f in good) for name in FIGURES]
        base = base or medians[1]
        cells = " | ".join(f"{value:,.1f}" for value in medians)
        lines.append(f"| {options.describe()} | {cells} | {medians[1] / base:.2f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chunk", type=int, default=256)
    parser.add_argument("--steps", type=int, default=64)
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--threads", type=int, default=Settings().n_threads)
    args = parser.parse_args()
    shape = ProbeShape(
        slots=args.slots,
        stream_cells=1024,
        n_threads=args.threads,
        chunk=args.chunk,
        steps=args.steps,
    )
    model = ensure_model(Settings())
    print(table(run(model, shape, args.rounds), shape))


if __name__ == "__main__":
    main()
