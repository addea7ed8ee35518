"""The service's parts, built from settings and started/stopped together.

Nothing here imports FastAPI: the CLI, the benchmark runner and the app share it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from weedgo.cache.registry import Caches
from weedgo.compliance.jurisdictions import Jurisdiction, get_jurisdiction
from weedgo.config import Settings
from weedgo.engine.base import Engine
from weedgo.metrics import Metrics
from weedgo.pipeline.core import PipelineCore
from weedgo.store.base import Store
from weedgo.store.factory import open_store

logger = logging.getLogger(__name__)


def build_engine(settings: Settings) -> Engine:
    if settings.engine == "fake":
        from weedgo.engine.fake import FakeEngine

        return FakeEngine()
    if settings.engine == "openai":
        from weedgo.engine.openai import OpenAIEngine

        return OpenAIEngine.from_settings(settings)
    from weedgo.engine.llama import LlamaEngine

    if settings.pipeline == "sequential":  # the original engine's 2048-token context
        from weedgo.pipeline.sequential import SEQUENTIAL_N_CTX

        settings = settings.model_copy(update={"n_ctx": max(settings.n_ctx, SEQUENTIAL_N_CTX)})
    return LlamaEngine.from_settings(settings)


def build_pipeline(
    settings: Settings,
    engine: Engine,
    store: Store,
    caches: Caches,
    metrics: Metrics,
    jurisdiction: Jurisdiction,
) -> PipelineCore:
    if settings.pipeline == "sequential":
        from weedgo.pipeline.sequential import SequentialPipeline

        return SequentialPipeline(settings, engine, store, caches, metrics, jurisdiction)
    from weedgo.pipeline.optimized import OptimizedPipeline

    return OptimizedPipeline(settings, engine, store, caches, metrics, jurisdiction)


class Services:
    """Engine, store, caches, metrics and the chosen pipeline of one process."""

    def __init__(
        self, settings: Settings, *, engine: Engine | None = None, store: Store | None = None
    ) -> None:
        self.settings = settings
        self.jurisdiction = get_jurisdiction(settings.jurisdiction)
        self.engine = engine if engine is not None else build_engine(settings)
        self.store = (
            store
            if store is not None
            else open_store(
                settings.database_url, pool_min=settings.db_pool_min, pool_max=settings.db_pool_max
            )
        )
        self.caches = Caches(settings)
        self.metrics = Metrics()
        self.pipeline = build_pipeline(
            settings, self.engine, self.store, self.caches, self.metrics, self.jurisdiction
        )
        self.engine_task: asyncio.Task[None] | None = None
        self.engine_error: str | None = None
        self.precompute_task: asyncio.Task[int] | None = None
        self.store_open = False

    async def start(self, *, wait_for_engine: bool = False) -> None:
        """Open the store and caches; load the model in the background (or wait for it)."""
        await self.store.open()
        self.store_open = True
        if self.settings.seed_demo_catalog:
            from weedgo.catalog.seed import seed_demo_if_empty

            await seed_demo_if_empty(self.store)
        await self.caches.start()
        await self.pipeline.refresh_catalog(force=True)
        self.engine_task = asyncio.create_task(self._start_engine())
        if wait_for_engine:
            await self.engine_task

    async def _start_engine(self) -> None:
        try:
            await self.engine.start()
        except Exception as error:  # the service stays up and reports the model down
            self.engine_error = f"{type(error).__name__}: {error}"
            logger.exception("the model failed to start")
            return
        if self.settings.precompute and self.settings.enable_caching:
            from weedgo.pipeline.precompute import precompute

            self.precompute_task = asyncio.create_task(precompute(self.pipeline))

    async def stop(self) -> None:
        for task in (self.engine_task, self.precompute_task):
            if task is not None and not task.done():
                task.cancel()
        await self.pipeline.drain()
        await self.engine.aclose()
        await self.caches.aclose()
        if self.store_open:
            await self.store.close()

    def engine_health(self) -> dict[str, Any]:
        if self.engine_error:
            return {"status": "down", "error": self.engine_error}
        return self.engine.health()
