"""``weedgo doctor``: a machine report an operator can paste into a bug report.

It names the CPU and its instruction-set features, the cores the service may use, the
llama.cpp build, the model file, and the native options the engine runs with: the
remembered verdict, or a fresh probe when there is none (or with ``--reprobe``), with
the probe's measured prompt and decode speeds.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import Any

from weedgo.config import Settings, usable_cores


def machine_report(settings: Settings, *, reprobe: bool = False) -> dict[str, Any]:
    """The report as ordered name/value pairs (values are plain text or numbers)."""
    from weedgo.engine.machine import llama_build, read_cpu

    cpu = read_cpu()
    report: dict[str, Any] = {
        "cpu": cpu.model,
        "features": " ".join(cpu.features) or "none of the named ones",
        "amx": "yes" if cpu.has_amx else "no",
        "cores used": f"{settings.n_threads} threads on {usable_cores()} usable cores "
        f"({os.cpu_count()} in the machine)",
        "os": platform.platform(),
        "llama.cpp build": llama_build(),
        "repack setting": f"WEEDGO_REPACK={settings.repack}",
    }
    if settings.engine != "llama":
        report["engine"] = f"{settings.engine} (no embedded model: nothing native to probe)"
        return report
    report.update(_model_part(settings, reprobe=reprobe))
    return report


def _model_part(settings: Settings, *, reprobe: bool) -> dict[str, Any]:
    from weedgo.engine.llama import LlamaEngine
    from weedgo.engine.machine import file_sha256
    from weedgo.engine.model_files import ensure_model
    from weedgo.engine.probe import subprocess_prober
    from weedgo.engine.verdicts import HASHES_FILE, resolve

    path = ensure_model(settings)
    config = LlamaEngine.from_settings(settings).config
    shape = config.probe_shape()
    prober = subprocess_prober(str(path), shape, config.probe_timeout_s)
    verdict, _ = resolve(
        path, settings.repack, settings.data_dir, prober, fresh=reprobe, shape=shape
    )
    part: dict[str, Any] = {
        "model": f"{Path(path).name} ({path.stat().st_size / 2**20:.0f} MiB)",
        "model sha256": file_sha256(path, settings.data_dir / HASHES_FILE),
        "native options": verdict.options.describe(),
        "decided by": verdict.source + (f" at {verdict.decided_at}" if verdict.decided_at else ""),
        "why": verdict.reason,
    }
    attempts = verdict.attempts
    if not attempts:  # options set by the operator: measure them, in a child all the same
        attempts = [prober(verdict.options)]
    for attempt in attempts:
        figures = attempt.figures
        if attempt.ok:
            text = (
                f"ok in {attempt.seconds:.1f} s: prompt {figures['prompt_tokens_per_s']:.0f} "
                f"tokens/s, decode {figures['decode_tokens_per_s']:.1f} tokens/s (1 sequence), "
                f"{figures['batched_tokens_per_s']:.1f} tokens/s "
                f"({figures['sequences']:.0f} sequences together)"
            )
        else:
            text = f"{attempt.outcome}: {attempt.detail}"
        part[f"probe, {attempt.options.describe()}"] = text
    return part


def render(report: dict[str, Any]) -> str:
    width = max(len(name) for name in report)
    return "\n".join(f"{name + ':':<{width + 1}} {value}" for name, value in report.items())
