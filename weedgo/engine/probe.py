"""Probing llama.cpp's native options in a child process.

Some options crash the whole process on some CPUs: llama.cpp's weight repacking dies at
the first decode on virtualised Intel Xeons with AMX. A crash in a child costs nothing,
so before the engine loads the model with such an option, a child process
(``python -m weedgo.engine.probe``) loads it the same way and runs the work the service
runs: a prompt chunk, then several sequences decoding together in one context of the
service's shape. The parent reads the child's figures from its last line of output, or
names how it died: a signal, a time-out or an error.

``CANDIDATES`` lists the option sets from the fastest to the safest; the first that
survives is used (see :mod:`weedgo.engine.verdicts`).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

PROBE_VERSION = 1  # part of the remembered verdict's key: a changed probe probes again
PROBE_TEXT = (
    "Customer: do you have an indica flower for sleep under $40?\nBudtender: Pure Kush is an "
    "indica flower with 14.8-18.1% THC, $32.99 for 3.5 g, and Blue Dream is a hybrid. "
)


@dataclass(frozen=True)
class NativeOptions:
    """llama.cpp options that differ between CPUs (the rest is the same everywhere)."""

    repack: bool = True  # llama.cpp's extra buffer types: CPU-specific weight layouts
    flash_attn: bool = True  # llama.cpp's automatic choice; False turns it off

    def describe(self) -> str:
        return (
            f"repack {'on' if self.repack else 'off'}, "
            f"flash attention {'auto' if self.flash_attn else 'off'}"
        )


# From the fastest to the safest: repacking is worth having where it works.
CANDIDATES = (
    NativeOptions(repack=True, flash_attn=True),
    NativeOptions(repack=False, flash_attn=True),
    NativeOptions(repack=False, flash_attn=False),
)
SAFEST = CANDIDATES[-1]


@dataclass(frozen=True)
class ProbeShape:
    """The context the child builds: the service's slots, stream size and threads."""

    slots: int = 8
    stream_cells: int = 1024
    n_threads: int = 2
    chunk: int = 128
    steps: int = 16

    def describe(self) -> str:
        """The context's size, as a verdict's key holds it: ``9 slots x 1024 cells, 2 threads``."""
        return f"{self.slots} slots x {self.stream_cells} cells, {self.n_threads} threads"


@dataclass
class Attempt:
    """How one child fared: ``ok``, ``crashed`` (a signal), ``timeout`` or ``failed``."""

    options: NativeOptions
    outcome: str
    detail: str = ""
    figures: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "options": asdict(self.options)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attempt:
        return cls(**{**data, "options": NativeOptions(**data["options"])})


def child_command(model: str, options: NativeOptions, shape: ProbeShape) -> list[str]:
    job = {"model": model, "options": asdict(options), "shape": asdict(shape)}
    return [sys.executable, "-m", "weedgo.engine.probe", json.dumps(job)]


def run_child(command: Sequence[str], options: NativeOptions, timeout_s: float) -> Attempt:
    """Run one probe child; never raises for anything the child does."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return Attempt(options, "timeout", f"no answer within {timeout_s:.0f} s", {}, timeout_s)
    except OSError as error:
        return Attempt(options, "failed", f"could not start the probe: {error}")
    seconds = round(time.perf_counter() - started, 2)
    if done.returncode < 0:
        return Attempt(
            options, "crashed", f"died from {signal_name(-done.returncode)}", {}, seconds
        )
    figures = _last_json(done.stdout)
    if done.returncode != 0 or figures is None:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1][:300]
        return Attempt(options, "failed", f"exit status {done.returncode}: {tail}", {}, seconds)
    return Attempt(options, "ok", "", figures, seconds)


def signal_name(number: int) -> str:
    try:
        sig = signal.Signals(number)
    except ValueError:
        return f"signal {number}"
    return f"{sig.name} ({signal.strsignal(sig) or sig.name})"


def _last_json(output: str) -> dict[str, float] | None:
    for line in reversed(output.strip().splitlines()):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            return {key: float(value) for key, value in data.items()}
    return None


Prober = Callable[[NativeOptions], Attempt]


def subprocess_prober(model: str, shape: ProbeShape, timeout_s: float) -> Prober:
    """A prober that runs the real child on ``model``."""

    def probe(options: NativeOptions) -> Attempt:
        return run_child(child_command(model, options, shape), options, timeout_s)

    return probe


# --- the child ----------------------------------------------------------------------------
def exercise(model_path: str, options: NativeOptions, shape: ProbeShape) -> dict[str, float]:
    """Load the model and run a prompt chunk, one decoding sequence, then all together."""
    from pathlib import Path

    from weedgo.engine.native import ContextShape, NativeContext, NativeModel

    model = NativeModel(Path(model_path), repack=options.repack)
    context_shape = ContextShape(
        n_ctx=shape.stream_cells * shape.slots,
        n_seq_max=shape.slots,
        n_threads=shape.n_threads,
        n_threads_batch=shape.n_threads,
        flash_attn=options.flash_attn,
    )
    ctx = NativeContext(model, context_shape)
    tokens = model.tokenize(PROBE_TEXT * (1 + shape.chunk // 32))[: shape.chunk]
    prompt_s = _step(
        ctx, [(token, pos, 0, pos == len(tokens) - 1) for pos, token in enumerate(tokens)]
    )
    for seq in range(1, shape.slots):
        ctx.seq_copy(0, seq)
    positions = [len(tokens)] * shape.slots
    every = list(range(shape.slots))
    _decode_all(ctx, positions, every)  # the first step of a batch shape sets up its graph
    single_s = sum(_decode_all(ctx, positions, [0]) for _ in range(shape.steps))
    batched_s = sum(_decode_all(ctx, positions, every) for _ in range(shape.steps))
    rss_mb = _rss_mb()
    ctx.close()
    model.close()
    return {
        "prompt_tokens_per_s": round(len(tokens) / prompt_s, 1),
        "decode_tokens_per_s": round(shape.steps / single_s, 1),
        "batched_tokens_per_s": round(shape.steps * shape.slots / batched_s, 1),
        "sequences": float(shape.slots),
        "rss_mb": rss_mb,
    }


def _rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def _decode_all(ctx: Any, positions: list[int], seqs: list[int]) -> float:
    """One step of ``seqs``; any ordinary token will do (the probe does not sample)."""
    entries = [(1000 + seq, positions[seq], seq, True) for seq in seqs]
    for seq in seqs:
        positions[seq] += 1
    return _step(ctx, entries)


def _step(ctx: Any, entries: list[tuple[int, int, int, bool]]) -> float:
    ctx.clear_batch()
    for token, pos, seq, logits in entries:
        ctx.add(token, pos, seq, logits)
    started = time.perf_counter()
    if ctx.decode() != 0:
        raise RuntimeError("the probe context had no room")
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    job = json.loads(argv[0])
    options = NativeOptions(**job["options"])
    figures = exercise(job["model"], options, replace(ProbeShape(), **job["shape"]))
    print(json.dumps(figures), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
