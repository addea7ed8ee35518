"""What both pipelines share: the session, the analysis, the plan, search, cards, finishing.

A turn's steps (docs/architecture.md): :meth:`PipelineCore.prepare` (session, language,
analysis, the policy's decision, a first plan), :meth:`PipelineCore.gather_products`
(search, cards, quick replies, the plan made again), the reply the plan asks for, then
:meth:`PipelineCore.finish` (the turn stored, the ``done`` event).
"""

from __future__ import annotations

import asyncio
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Coroutine
from dataclasses import replace
from typing import Any

from weedgo import deadline
from weedgo.cache.registry import Caches
from weedgo.compliance.claims import strip_claims
from weedgo.compliance.jurisdictions import Jurisdiction
from weedgo.compliance.policy import decide
from weedgo.config import Settings
from weedgo.domain.turn import Analysis, Author, ChatEvent, DoneEvent, MetaEvent, ProductCard
from weedgo.engine.adapter import uses_tuned_prompts
from weedgo.engine.base import Engine, GenerationParams
from weedgo.errors import StoreError, StoreTimeout
from weedgo.i18n import Language, french
from weedgo.i18n.detect import detect_language, resolve_language
from weedgo.logging_context import request_id
from weedgo.metrics import Metrics
from weedgo.pipeline import prompting
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.context import (
    ChatInput,
    TurnState,
    open_session,
    recent_history,
    remember_language,
    store_turns,
    switch_to_education_only,
)
from weedgo.pipeline.pitches import pitch_for
from weedgo.pipeline.plan import Found, Rules, TurnPlan, plan_turn
from weedgo.pipeline.quick_replies import quick_replies
from weedgo.pipeline.shelf import Shelf
from weedgo.store.base import Store

logger = logging.getLogger(__name__)


class PipelineCore(ABC):
    name = "core"

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        store: Store,
        caches: Caches,
        metrics: Metrics,
        jurisdiction: Jurisdiction,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.store = store
        self.caches = caches
        self.metrics = metrics
        self.jurisdiction = jurisdiction
        self.tuned = uses_tuned_prompts(settings)  # the adapter's prompts (pipeline/tuned.py)
        self.shelf = Shelf(store, caches, metrics)
        self.rules = self.plan_rules(settings)
        self._tasks: set[asyncio.Task[Any]] = set()

    @abstractmethod
    def handle(self, inp: ChatInput) -> AsyncGenerator[ChatEvent, None]:
        """One chat turn's events: ``meta``, ``token``..., then ``done``."""

    @abstractmethod
    def plan_rules(self, settings: Settings) -> Rules:
        """How this pipeline answers (:class:`weedgo.pipeline.plan.Rules`)."""

    # --- the catalog -----------------------------------------------------------------
    @property
    def catalog_version(self) -> int:
        return self.shelf.version

    @property
    def known_names(self) -> list[str]:
        return self.shelf.known_names

    async def refresh_catalog(self, force: bool = False) -> StoreError | None:
        return await self.shelf.refresh(force)

    # --- life cycle ------------------------------------------------------------------
    def background(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # --- steps -------------------------------------------------------------------------
    async def prepare(self, inp: ChatInput) -> TurnState:
        """Step 1: session, language, analysis, the policy's decision, a first plan."""
        began = time.perf_counter()
        deadline.start(self.settings.request_deadline_s)
        stalled = isinstance(await self.refresh_catalog(), StoreTimeout)
        session, failure, dirty = await open_session(self.store, inp, reachable=not stalled)
        state = TurnState(inp=inp, session=session, started=began, session_dirty=dirty)
        if failure is not None:
            state.store_failed("sessions", failure)
        await recent_history(self.store, state)
        detected = detect_language(inp.message)
        state.language = self.turn_language(state, detected)
        remember_language(state)
        began = state.mark("session", began)
        state.analysis = self.analyse(inp.message, detected or state.language, state.language)
        state.decision = decide(state.analysis, state.session, self.jurisdiction)
        if state.decision.education_only:
            switch_to_education_only(state)
        state.plan = self.make_plan(state, None)
        state.mark("analysis", began)
        return state

    def make_plan(self, state: TurnState, found: Found | None) -> TurnPlan:
        assert state.analysis is not None and state.decision is not None
        return plan_turn(
            state.analysis,
            state.decision,
            state.session,
            found,
            rules=self.rules,
            settings=self.settings,
            message=state.inp.message,
        )

    def turn_language(self, state: TurnState, detected: Language | None) -> str:
        """The reply's language: asked for, written in, remembered, shown, the default."""
        return resolve_language(
            requested=state.inp.language,
            detected=detected,
            remembered=state.session.language if state.history else None,
            page=state.inp.page_language,
            default=self.settings.default_language,
        )

    def analyse(self, message: str, read_as: str = "en", reply_in: str | None = None) -> Analysis:
        """The analysis of ``message`` read as ``read_as``, for a reply in ``reply_in``
        (cached per language; an analysis is immutable, so the cached one is shared)."""
        key = f"{self.catalog_version}:{read_as}:{message.strip().casefold()}"
        cache = self.caches.analysis
        analysis: Analysis | None = cache.memory.get(key) if cache.enabled else None
        if analysis is None:
            analysis = analyze(message, known_names=self.known_names, language=read_as)
            if cache.enabled:
                cache.memory.set(key, analysis)
        if reply_in is not None and analysis.language != reply_in:
            analysis = replace(analysis, language=reply_in)
        return analysis

    async def gather_products(self, state: TurnState) -> None:
        """Step 2: the search, the cards and quick replies, and the plan made again."""
        assert state.analysis is not None and state.plan is not None
        began = time.perf_counter()
        note, failed = "", False
        try:
            state.analysis, state.products, note = await self.shelf.find(
                state.analysis,
                state.history,
                language=state.language,
                reachable=not state.store_down,
                show=state.plan.show_products,
            )
        except StoreError as error:  # not "nothing found": the reply must say so
            logger.warning("catalog unavailable for this turn: %s", error)
            state.store_failed("catalog", error)
            state.products, failed = [], True
        analysis = state.analysis
        state.cards = [
            ProductCard.from_product(product, strip_claims(pitch_for(product, analysis))[0])
            for product in state.products
        ]
        if not state.plan.show_prices:
            state.cards = []
        state.quick_replies = quick_replies(
            analysis, state.products, education_only=state.session.education_only
        )
        ms = (time.perf_counter() - began) * 1000
        state.timings["search"] = round(ms, 3)
        self.metrics.record_search(ms)
        found = Found(tuple(state.products), french.in_language(note, state.language), failed)
        state.plan = self.make_plan(state, found)

    def meta(self, state: TurnState, intent: str | None = None) -> MetaEvent:
        """The ``meta`` event: the cards and chips, for the analysis's intent or ``intent``."""
        assert state.analysis is not None
        return MetaEvent(
            session_id=state.session.session_id,
            intent=intent or state.analysis.intent.value,
            products=state.cards,
            quick_replies=state.quick_replies,
        )

    def params(self, analysis: Analysis) -> GenerationParams:
        return prompting.params(self.settings, analysis)

    async def finish(
        self,
        state: TurnState,
        text: str,
        *,
        grounded: bool,
        outcome: str,
        ttft: float | None,
        guided: bool = False,
    ) -> DoneEvent:
        """Step 3's end: the turn stored, then its ``done`` event."""
        assert state.analysis is not None and state.plan is not None
        stored = await asyncio.shield(
            store_turns(self.store, state, text, state.analysis.intent.value)
        )
        return self.done_event(
            state, text, grounded=grounded, cached=False, ttft=ttft,
            fallback=outcome.startswith("fallback"),
            authors=state.plan.authors(outcome, guided=guided, shown=bool(state.products)),
            stored=stored,
        )  # fmt: skip

    def done_event(
        self, state: TurnState, text: str, *, grounded: bool, cached: bool,
        ttft: float | None, fallback: bool, authors: list[Author], stored: bool,
    ) -> DoneEvent:  # fmt: skip
        """The turn's ``done`` event, recorded in the metrics and the log."""
        elapsed = state.elapsed_ms()
        ttft = elapsed if cached else ttft
        self.record(state, elapsed, cached=cached, ttft_ms=ttft)
        return DoneEvent(
            message=text,
            grounded=grounded,
            cached=cached,
            response_time_ms=round(elapsed, 2),
            ttft_ms=round(ttft, 2) if ttft is not None else None,
            model=self.engine.model_name,
            fallback=fallback,
            authors=authors,
            timings=state.timings,
            degraded=list(state.degraded),
            stored=stored,
        )

    def record(
        self, state: TurnState, elapsed: float, *, cached: bool, ttft_ms: float | None
    ) -> None:
        query_type = state.analysis.query_type if state.analysis else "product"
        self.metrics.record_chat(query_type, elapsed, cached=cached, ttft_ms=ttft_ms)
        logger.info(
            "chat request_id=%s session=%s intent=%s type=%s cached=%s ms=%.1f timings=%s",
            request_id.get(),
            state.session.session_id,
            state.analysis.intent.value if state.analysis else "-",
            query_type,
            cached,
            elapsed,
            state.timings,
        )

    def cache_value(self, state: TurnState, done: DoneEvent) -> dict[str, Any]:
        assert state.analysis is not None
        return {
            "message": done.message,
            "products": [card.model_dump(mode="json") for card in state.cards],
            "quick_replies": state.quick_replies,
            "intent": state.analysis.intent.value,
            "grounded": done.grounded,
            "fallback": done.fallback,
            "authors": list(done.authors),
        }
