"""First-run set-up: the model file, the catalog database, a warm model."""

from __future__ import annotations

import logging
import time

from rich.console import Console

from weedgo.config import Settings
from weedgo.store.factory import open_store

logger = logging.getLogger(__name__)


async def run_setup(settings: Settings, *, prewarm: bool = True) -> int:
    console = Console(stderr=True)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if settings.engine == "llama":
        _prepare_model(settings, console)
    await _prepare_catalog(settings, console)
    if prewarm and settings.engine == "llama":
        await _warm_up(settings, console)
    return 0


def _prepare_model(settings: Settings, console: Console) -> None:
    """The model file (assembled and trimmed on the first run), the adapter, and the
    native options of llama.cpp on this machine."""
    from weedgo.doctor import machine_report, render
    from weedgo.engine.adapter import record_adapter
    from weedgo.engine.model_files import ensure_model

    began = time.perf_counter()
    with console.status("Preparing the model files (first run: assembling and trimming)..."):
        path = ensure_model(settings)
    console.print(f"model: {path} ({time.perf_counter() - began:.1f} s)")
    adapter = record_adapter(settings)
    if adapter is not None:
        console.print(f"adapter: {adapter.path} (sha256 {adapter.sha256})")
    else:
        console.print("adapter: none (the model runs with the base prompts)")
    with console.status("Probing llama.cpp's native options (first start on a machine)..."):
        report = machine_report(settings)
    console.print(render(report), highlight=False, markup=False, soft_wrap=True)


async def _prepare_catalog(settings: Settings, console: Console) -> None:
    """The catalog database, with the demo catalog when it is empty (and wanted)."""
    from weedgo.catalog.seed import seed_demo_if_empty

    store = open_store(settings.database_url, pool_min=1, pool_max=2)
    with console.status("Creating the catalog database and loading the demo catalog..."):
        await store.open()
        try:
            loaded = await seed_demo_if_empty(store) if settings.seed_demo_catalog else 0
            counts = await store.categories()
        finally:
            await store.close()
    note = f"{loaded} demo products loaded" if loaded else "catalog already present"
    console.print(f"catalog: {sum(counts.values())} products ({note})")


async def _warm_up(settings: Settings, console: Console) -> None:
    from weedgo.services import build_engine

    began = time.perf_counter()
    with console.status("Loading and warming up the model..."):
        engine = build_engine(settings)
        await engine.start()
        await engine.aclose()
    console.print(f"model warm-up: {time.perf_counter() - began:.1f} s")
