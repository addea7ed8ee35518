"""Several API workers: the factory uvicorn imports in each worker, and the memory check.

With the embedded engine every worker loads its own copy of the model; the check
refuses more workers than the machine's available memory allows. With a remote engine
(``WEEDGO_ENGINE=openai``), PostgreSQL and Redis, the workers share everything.
"""

from __future__ import annotations

import logging

import psutil
from fastapi import FastAPI

from weedgo.app import create_app
from weedgo.config import Settings

logger = logging.getLogger(__name__)

# Resident memory of one worker besides the model and its KV cache (Python, FastAPI,
# buffers), and the KV cache of one position of the default model (18 layers, one
# 256-wide key and value head in f16), measured together at 598 MB for the default
# settings; see docs/deployment.md.
WORKER_BASE_BYTES = 145 * 2**20
KV_BYTES_PER_POSITION = 18 * 1024


def app_from_env() -> FastAPI:
    """The app of one worker, from the environment (``uvicorn --factory``)."""
    return create_app(Settings())


def worker_memory_bytes(settings: Settings) -> int:
    if settings.engine != "llama":
        return WORKER_BASE_BYTES
    path = settings.resolved_model_path
    model = path.stat().st_size if path.exists() else 300 * 2**20
    streams = settings.parallel + 1  # one KV stream per slot and one for the system prefix
    positions = max(settings.n_ctx, settings.n_ctx_complex)
    return WORKER_BASE_BYTES + int(model * 1.2) + streams * positions * KV_BYTES_PER_POSITION


def check_workers(settings: Settings, workers: int) -> None:
    """Say what several workers cost; refuse more than memory allows."""
    need = worker_memory_bytes(settings) * workers
    available = psutil.virtual_memory().available
    if settings.engine == "llama":
        logger.warning(
            "%d workers with the embedded engine: each loads its own copy of the model "
            "(about %d MB each). For a fleet, use WEEDGO_ENGINE=openai with a shared engine.",
            workers,
            worker_memory_bytes(settings) // 2**20,
        )
    if need > available * 0.9:
        raise SystemExit(
            f"{workers} workers need about {need // 2**20} MB but only "
            f"{available // 2**20} MB is available; use fewer workers or a remote engine."
        )
    if settings.database_url.startswith("sqlite") and workers > 1:
        logger.warning("several workers share one SQLite file; PostgreSQL suits a fleet better")
