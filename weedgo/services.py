"""The service's parts, built from settings and started/stopped together.

Nothing here imports FastAPI: the CLI, the benchmark runner and the app share it.

A database that cannot be opened at start-up (PostgreSQL down, the SQLite file
missing) does not stop the service: it says so in one line, serves 503 with the reason
(``store_problem``) and tries again with back-off until the database appears.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from weedgo.cache.registry import Caches
from weedgo.compliance.jurisdictions import Jurisdiction, get_jurisdiction
from weedgo.config import Settings
from weedgo.engine.base import Engine
from weedgo.errors import StoreError
from weedgo.extras import require
from weedgo.metrics import Metrics
from weedgo.pipeline.core import PipelineCore
from weedgo.store.base import Store
from weedgo.store.factory import open_store

logger = logging.getLogger(__name__)

STORE_RETRY_FIRST_S = 1.0  # back-off between tries to open the database at start-up
STORE_RETRY_MAX_S = 30.0


def _problem(error: StoreError) -> str:
    """What a client may be told about a store that did not open (no addresses)."""
    if error.code == "database_missing":
        return "The catalog database has not been created yet (weedgo setup creates it)."
    return "The catalog database is not reachable yet; the service keeps trying."


def build_engine(settings: Settings) -> Engine:
    if settings.engine == "fake":
        from weedgo.engine.fake import FakeEngine

        return FakeEngine()
    if settings.engine == "openai":
        from weedgo.engine.openai import OpenAIEngine

        return OpenAIEngine.from_settings(settings)
    require("llama_cpp", "local", "the embedded engine (WEEDGO_ENGINE=llama)")
    from weedgo.engine.llama import LlamaEngine

    if settings.pipeline == "sequential":  # the original engine's 2048-token context
        from weedgo.pipeline.sequential import SEQUENTIAL_N_CTX

        settings = settings.model_copy(update={"n_ctx": max(settings.n_ctx, SEQUENTIAL_N_CTX)})
    from weedgo.engine.adapter import uses_tuned_prompts
    from weedgo.pipeline.lead import LEAD_PREFIX  # the prefix most model calls share
    from weedgo.pipeline.tuned import LEAD_TASK

    prefix = LEAD_TASK if uses_tuned_prompts(settings) else LEAD_PREFIX
    return LlamaEngine.from_settings(settings, prewarm_text=prefix)


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
                settings.database_url,
                pool_min=settings.db_pool_min,
                pool_max=settings.db_pool_max,
                timeout_s=settings.db_timeout_s,
                create=settings.create_database,
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
        self.store_task: asyncio.Task[None] | None = None
        self.store_open = False
        self.store_problem: str | None = None  # why the store is not open, for clients

    async def start(self, *, wait_for_engine: bool = False) -> None:
        """Open the caches and the store (or keep trying in the background); load the
        model in the background (or wait for it)."""
        await self.caches.start()
        try:
            await self._open_store()
        except StoreError as error:
            self.store_problem = _problem(error)
            logger.error(
                "the database is unavailable at start-up (%s); serving 503 until it answers, "
                "trying again in %g s",
                error,
                STORE_RETRY_FIRST_S,
            )
            self.store_task = asyncio.create_task(self._retry_store())
        self.engine_task = asyncio.create_task(self._start_engine())
        if wait_for_engine:
            await self.engine_task

    async def _open_store(self) -> None:
        await self.store.open()
        self.store_open = True
        try:
            if self.settings.seed_demo_catalog:
                from weedgo.catalog.seed import seed_demo_if_empty

                await seed_demo_if_empty(self.store)
        except StoreError:
            self.store_open = False
            await self.store.close()
            raise
        self.store_problem = None
        await self.pipeline.refresh_catalog(force=True)

    async def _retry_store(self) -> None:
        delay = STORE_RETRY_FIRST_S
        while True:
            await asyncio.sleep(delay)
            delay = min(delay * 2, STORE_RETRY_MAX_S)
            try:
                await self._open_store()
            except StoreError as error:
                self.store_problem = _problem(error)
                logger.warning(
                    "the database is still unavailable (%s); next try in %g s", error, delay
                )
                continue
            logger.info("the database is available: serving")
            return

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
        for task in (self.engine_task, self.precompute_task, self.store_task):
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
