"""What the embedded engine decides before it loads the weights (off the event loop).

The model file and the LoRA adapter: merged into a copy of the model by default
(:mod:`weedgo.engine.merge`), or, when merging is off or fails, applied by llama.cpp at
run time. The native options the weights are loaded with: decided once per machine, by
a probe in a child process when needed (:mod:`weedgo.engine.verdicts`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from weedgo.engine.adapter import Adapter
from weedgo.engine.layout import LlamaConfig
from weedgo.engine.probe import subprocess_prober
from weedgo.engine.verdicts import Verdict, resolve
from weedgo.errors import EngineError

logger = logging.getLogger(__name__)


def rss_bytes() -> int:
    """The process's resident memory (0 where ``/proc`` does not say)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # pragma: no cover - not Linux
        return 0


def with_adapter(
    path: Path, adapter: Adapter | None, config: LlamaConfig
) -> tuple[Path, Path | None, str]:
    """The model file to load, the LoRA llama.cpp applies at run time, and how the adapter
    is applied: the merged copy, none and ``merged``; or, when merging is off or fails,
    the model, the adapter and ``runtime``. Without an adapter: the model, none and ``""``."""
    if adapter is None:
        return path, None, ""
    if config.merge_adapter:
        from weedgo.engine.merge import ensure_merged

        try:
            return ensure_merged(path, adapter, config.data_dir or path.parent), None, "merged"
        except (EngineError, OSError, ValueError, NotImplementedError) as error:
            logger.warning(
                "could not merge the adapter %s (%s); llama.cpp applies it at run time",
                adapter.name,
                error,
            )
    return path, adapter.path, "runtime"


def native_verdict(path: Path, config: LlamaConfig) -> Verdict:
    """The native options to load ``path`` with, probed in a context of the service's shape."""
    shape = config.probe_shape()
    prober = subprocess_prober(str(path), shape, config.probe_timeout_s)
    data_dir = config.data_dir or path.parent
    verdict, _ = resolve(path, config.repack, data_dir, prober, shape=shape)
    return verdict
