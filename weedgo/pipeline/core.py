"""What both pipelines share: session, compliance gate, search, cards, finishing a turn."""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Coroutine
from typing import Any

from weedgo import deadline
from weedgo.cache.registry import Caches
from weedgo.compliance.claims import strip_claims
from weedgo.compliance.jurisdictions import Jurisdiction
from weedgo.compliance.policy import decide
from weedgo.config import Settings
from weedgo.domain import Product, SearchQuery
from weedgo.domain.turn import (
    PRODUCT_INTENTS,
    Analysis,
    ChatEvent,
    DoneEvent,
    MetaEvent,
    ProductCard,
)
from weedgo.engine.adapter import uses_tuned_prompts
from weedgo.engine.base import Engine, GenerationParams
from weedgo.errors import StoreError, StoreTimeout
from weedgo.i18n import Language, french
from weedgo.i18n.detect import detect_language, resolve_language
from weedgo.logging_context import request_id
from weedgo.metrics import Metrics
from weedgo.pipeline import prompt as prompts
from weedgo.pipeline import tuned
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
from weedgo.pipeline.fallback import CATALOG_UNAVAILABLE, catalog_reply
from weedgo.pipeline.finding import ProductFinder
from weedgo.pipeline.pitches import pitch_for
from weedgo.pipeline.quick_replies import quick_replies
from weedgo.pipeline.search import apply_relative, merge_follow_up
from weedgo.store.base import Store

logger = logging.getLogger(__name__)


_VERSION_CHECK_S = 1.0


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
        self.catalog_version = -1
        self.known_names: list[str] = []
        self.catalog_names_lower: set[str] = set()
        self._name_ids: dict[str, list[str]] = {}  # a name may be sold by several brands
        self._version_checked = 0.0
        self._tasks: set[asyncio.Task[Any]] = set()

    @abstractmethod
    def handle(self, inp: ChatInput) -> AsyncGenerator[ChatEvent, None]:
        """One chat turn's events: ``meta``, ``token``..., then ``done``."""

    # --- life cycle ------------------------------------------------------------------
    async def refresh_catalog(self, force: bool = False) -> StoreError | None:
        """Follow the catalog version; reload product names when it moves. The store's
        failure, if it failed."""
        now = time.monotonic()
        if not force and now - self._version_checked < _VERSION_CHECK_S:
            return None
        self._version_checked = now
        try:
            version = await self.store.catalog_version()
            if version == self.catalog_version:
                return None
            names = await self.store.product_names()
        except StoreError as error:
            logger.warning("catalog version check failed: %s", error)
            return error
        self.catalog_version = version
        self._name_ids = {}
        for pid, name, _brand in names:
            self._name_ids.setdefault(name, []).append(pid)
        brands = {brand for _pid, _name, brand in names if brand}
        self.known_names = sorted(set(self._name_ids) | brands)
        self.catalog_names_lower = {name.lower() for name in self.known_names}
        self.caches.search.clear()
        logger.info("catalog version %s: %d products", version, len(self._name_ids))
        return None

    def background(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # --- steps -------------------------------------------------------------------------
    async def prepare(self, inp: ChatInput) -> TurnState:
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
        state.analysis = await self.analyse(inp.message, detected or state.language)
        state.analysis.language = state.language
        decision = decide(state.analysis, state.session, self.jurisdiction)
        if decision.education_only:
            switch_to_education_only(state)
        state.extra["show_products"] = decision.show_products and not state.session.education_only
        state.extra["show_prices"] = decision.show_prices and not state.session.education_only
        state.plan_reply(decision.canned_reply, "refusal")
        state.extra["model_writes"] = decision.model_writes
        state.guidance = list(decision.guidance)
        state.mark("analysis", began)
        return state

    def turn_language(self, state: TurnState, detected: Language | None) -> str:
        """The reply's language: asked for, written in, remembered, shown, the default."""
        return resolve_language(
            requested=state.inp.language,
            detected=detected,
            remembered=state.session.language if state.history else None,
            page=state.inp.page_language,
            default=self.settings.default_language,
        )

    async def analyse(self, message: str, language: str = "en") -> Analysis:
        """The analysis of ``message`` read as ``language`` (cached per language)."""
        key = f"{self.catalog_version}:{language}:{message.strip().casefold()}"
        cached = self.caches.analysis.memory.get(key) if self.caches.analysis.enabled else None
        if cached is not None:
            return copy.deepcopy(cached)  # a copy: later steps adjust it
        analysis = analyze(message, known_names=self.known_names, language=language)
        if self.caches.analysis.enabled:
            self.caches.analysis.memory.set(key, copy.deepcopy(analysis))
        return analysis

    async def gather_products(self, state: TurnState) -> None:
        analysis = state.analysis
        assert analysis is not None
        began = time.perf_counter()
        state.extra["nearest_note"] = ""
        try:
            shown = await self._previously_shown(state)
            if analysis.follow_up:
                merge_follow_up(analysis, self._previous_analysis(state))
                apply_relative(analysis, shown)
            if state.extra["show_products"]:
                state.products, note = await self._find_products(state, shown)
                state.extra["nearest_note"] = french.in_language(note, state.language)
        except StoreError as error:  # not "nothing found": the reply must say so
            logger.warning("catalog unavailable for this turn: %s", error)
            state.store_failed("catalog", error)
            state.products = []
        state.cards = [
            ProductCard.from_product(product, strip_claims(pitch_for(product, analysis))[0])
            for product in state.products
        ]
        if not state.extra["show_prices"]:
            state.cards = []
        state.quick_replies = quick_replies(
            analysis, state.products, education_only=state.session.education_only
        )
        ms = (time.perf_counter() - began) * 1000
        state.timings["search"] = round(ms, 3)
        self.metrics.record_search(ms)
        self._catalog_down(state)
        self._catalog_writes(state)

    def _catalog_down(self, state: TurnState) -> None:
        """A product question while the catalog cannot be read: say so, honestly.
        (Neither "nothing found" nor the model, which would only guess.)"""
        analysis = state.analysis
        assert analysis is not None
        if "catalog" not in state.degraded or state.extra.get("canned_reply"):
            return
        if analysis.intent in PRODUCT_INTENTS and state.extra.get("show_products"):
            state.plan_reply(french.in_language(CATALOG_UNAVAILABLE, state.language), "fallback")
            state.extra["canned_outcome"] = "fallback:catalog_unavailable"

    def _catalog_writes(self, state: TurnState) -> None:
        """The reply is built from the catalog when the policy keeps the model out of the
        turn (a question of fact, dose or health no vetted answer matched), and in a
        language the model does not write (``WEEDGO_MODEL_LANGUAGES``)."""
        if state.extra.get("canned_reply"):
            return
        model_writes = state.extra.get("model_writes", True)
        if model_writes and state.language in self.settings.model_languages:
            return
        assert state.analysis is not None
        reply = catalog_reply(
            state.analysis,
            state.products,
            education_only=state.session.education_only,
            show_prices=state.extra.get("show_prices", True),
        )
        state.plan_reply(reply, "catalog")

    def _previous_analysis(self, state: TurnState) -> Analysis | None:
        for turn in reversed(state.history):
            if turn.role == "user":
                language = detect_language(turn.content) or state.language
                return analyze(turn.content, known_names=self.known_names, language=language)
        return None

    async def _previously_shown(self, state: TurnState) -> list[Product]:
        for turn in reversed(state.history):
            if turn.role == "assistant" and turn.product_ids:
                return await self.store.get_products(turn.product_ids)
        return []

    async def _find_products(
        self, state: TurnState, shown: list[Product]
    ) -> tuple[list[Product], str]:
        """The products to show, and the note that labels them as the nearest, if they are.
        A store already down in this turn is not asked again; cached searches still serve."""
        assert state.analysis is not None
        reachable = not state.store_down

        async def search(query: SearchQuery) -> list[Product]:
            return await self.search(query, reachable=reachable)

        finder = ProductFinder(self.store, search, self._name_ids, reachable=reachable)
        return await finder.find(state.analysis, shown)

    async def search(self, query: SearchQuery, *, reachable: bool = True) -> list[Product]:
        """A catalog search through the search cache; raises StoreError when the
        database fails (a failed search is not an empty one)."""
        key = f"search:{self.catalog_version}:{query.model_dump_json()}"

        async def run() -> list[dict[str, Any]]:
            if not reachable:
                raise StoreTimeout("the database did not answer earlier in this turn")
            found = await self.store.search(query)
            return [hit.product.model_dump(mode="json") for hit in found]

        rows, hit = await self.caches.search.get_or_compute(key, run)
        self.metrics.record_cache("search", hit)
        return [Product.model_validate(row) for row in rows]

    def meta(self, state: TurnState) -> MetaEvent:
        assert state.analysis is not None
        return MetaEvent(
            session_id=state.session.session_id,
            intent=state.analysis.intent.value,
            products=state.cards,
            quick_replies=state.quick_replies,
        )

    def params(self, analysis: Analysis) -> GenerationParams:
        s = self.settings
        return GenerationParams(
            max_tokens=s.max_tokens_complex if analysis.is_complex else s.max_tokens,
            temperature=s.temperature,
            top_p=s.top_p,
            stop=tuple(s.stop),
            seed=s.seed,
        )

    def prompt_tag(self, language: str) -> str:
        """What the prompts and the adapter of a turn in ``language`` are (for cache keys)."""
        if not (self.tuned and language == "en"):
            return prompts.prompt_version(language)
        adapter = self.engine.health().get("adapter") or {}
        return f"{tuned.TUNED_VERSION}:{str(adapter.get('sha256', ''))[:12]}"

    def prompt(self, state: TurnState) -> str:
        assert state.analysis is not None
        follow = state.analysis.follow_up or state.analysis.refers_to_index is not None
        history = state.history[-2:] if follow else []
        if self.tuned and state.language == "en":
            return tuned.reply_prompt(
                state.inp.message,
                state.products if state.extra["show_prices"] else [],
                history,
                education_only=state.session.education_only,
                guidance=state.guidance,
                max_products=self.settings.prompt_products,
            )
        return prompts.build_prompt(
            state.inp.message,
            state.products if state.extra["show_prices"] else [],
            history,
            education_only=state.session.education_only,
            guidance=state.guidance,
            max_products=self.settings.prompt_products,
            language=state.language,
        )

    def with_note(self, text: str, state: TurnState) -> str:
        """The reply after the note that labels the products as the nearest, if any."""
        note = state.extra.get("nearest_note", "")
        return f"{note} {text}".strip() if note and state.products else text

    def with_guidance(self, text: str, state: TurnState) -> tuple[str, str]:
        """The reply with responsible-use guidance appended, and the appended part."""
        extra = " ".join(line for line in state.guidance if line not in text)
        if not extra:
            return text, ""
        joined = f" {extra}" if text else extra
        return text + joined, joined

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
        assert state.analysis is not None
        stored = await asyncio.shield(
            store_turns(self.store, state, text, state.analysis.intent.value)
        )
        elapsed = state.elapsed_ms()
        self.record(state, elapsed, cached=False, ttft_ms=ttft)
        return DoneEvent(
            message=text,
            grounded=grounded,
            cached=False,
            response_time_ms=round(elapsed, 2),
            ttft_ms=round(ttft, 2) if ttft is not None else None,
            model=self.engine.model_name,
            fallback=outcome.startswith("fallback"),
            authors=state.authors(outcome, guided=guided),
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
