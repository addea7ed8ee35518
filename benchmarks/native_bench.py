"""Native set-ups side by side: repack on and off, or the full and the trimmed vocabulary.

    python benchmarks/native_bench.py --compare repack --rounds 5
    python benchmarks/native_bench.py --compare vocab --rounds 5

Each round runs the probe child (``weedgo.engine.probe``) once per set-up, in turn, with
a longer workload than the start-up probe: a prompt chunk of ``--chunk`` tokens,
``--steps`` decode steps of one sequence, then ``--steps`` steps of all ``--slots``
sequences together. Interleaving the set-ups round by round lets background load hit
them alike. Prints the medians (and the child's resident memory and the file's size) as
a Markdown table; a set-up that crashes on this CPU is reported as such, never run in
this process.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from weedgo.config import Settings
from weedgo.engine.machine import cpu_model
from weedgo.engine.model_files import ensure_model, source_model
from weedgo.engine.probe import CANDIDATES, Attempt, NativeOptions, ProbeShape, subprocess_prober
from weedgo.stats import percentile

FIGURES = ("prompt_tokens_per_s", "decode_tokens_per_s", "batched_tokens_per_s", "rss_mb")
Setup = tuple[str, Path, NativeOptions]


def setups(compare: str) -> list[Setup]:
    settings = Settings()
    if compare == "repack":
        model = ensure_model(settings)
        return [(options.describe(), model, options) for options in CANDIDATES]
    full, trimmed = source_model(settings), ensure_model(settings)
    return [
        ("full vocabulary", full, CANDIDATES[0]),
        ("trimmed vocabulary", trimmed, CANDIDATES[0]),
    ]


def run(runs: list[Setup], shape: ProbeShape, rounds: int) -> dict[str, list[Attempt]]:
    results: dict[str, list[Attempt]] = {name: [] for name, _, _ in runs}
    for number in range(rounds):
        for name, model, options in runs:
            attempt = subprocess_prober(str(model), shape, timeout_s=300)(options)
            results[name].append(attempt)
            print(f"round {number + 1}: {name}: {attempt.outcome} {attempt.figures}", flush=True)
    return results


def table(results: dict[str, list[Attempt]], runs: list[Setup], shape: ProbeShape) -> str:
    lines = [
        f"CPU: {cpu_model()}; {shape.n_threads} threads; medians of "
        f"{max(len(a) for a in results.values())} rounds",
        "",
        f"| set-up | prompt tokens/s ({shape.chunk}) | decode tokens/s (1 sequence) "
        f"| decode tokens/s ({shape.slots} sequences) | RSS MiB | file MiB | decode vs. first |",
        "|---|---|---|---|---|---|---|",
    ]
    base: float | None = None
    for name, model, _ in runs:
        attempts = results[name]
        good = [attempt.figures for attempt in attempts if attempt.ok]
        if not good:
            lines.append(f"| {name} | {attempts[0].outcome}: {attempts[0].detail} |")
            continue
        medians = [percentile([f[figure] for f in good], 50) for figure in FIGURES]
        base = base or medians[1]
        cells = " | ".join(f"{value:,.1f}" for value in medians)
        size = model.stat().st_size / 2**20
        lines.append(f"| {name} | {cells} | {size:,.0f} | {medians[1] / base:.2f}x |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", choices=("repack", "vocab"), default="repack")
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
    runs = setups(args.compare)
    print(table(run(runs, shape, args.rounds), runs, shape))


if __name__ == "__main__":
    main()
