"""The optimized pipeline: cache, keyword analysis, SQL search, one short model call.

validate -> session + compliance gate -> response cache
    hit  -> meta + whole message + done (a few ms)
    miss -> analyse (no model) -> search (SQL, search cache) -> cards, pitches,
            quick replies (templates) -> meta event -> model streams the reply
            through the streaming guard -> guidance -> done; cache it where
            it is not personal; store the turn.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import replace
from typing import Any

from weedgo import deadline
from weedgo.cache import keys
from weedgo.domain.turn import (
    PRODUCT_INTENTS,
    ChatEvent,
    DoneEvent,
    MetaEvent,
    ProductCard,
    TokenEvent,
)
from weedgo.engine.base import GenerationStats
from weedgo.errors import Overloaded, WeedGoError
from weedgo.pipeline import tuned
from weedgo.pipeline.context import ChatInput, TurnState, store_turns
from weedgo.pipeline.core import PipelineCore
from weedgo.pipeline.fallback import catalog_reply
from weedgo.pipeline.guard import StreamGuard
from weedgo.pipeline.knowledge import templated_reply
from weedgo.pipeline.lead import (
    LEAD_VERSION,
    Sentence,
    Shedding,
    build_lead_prompt,
    uses_lead,
    write_sentence,
)
from weedgo.pipeline.pitches import pitch_for

logger = logging.getLogger(__name__)


class OptimizedPipeline(PipelineCore):
    name = "optimized"
    _lead_in_flight = 0  # model sentences being written now (the load that sheds them)

    async def handle(self, inp: ChatInput) -> AsyncGenerator[ChatEvent, None]:
        state = await self.prepare(inp)
        if not state.extra.get("canned_reply"):
            assert state.analysis is not None
            state.plan_reply(
                templated_reply(state.analysis, inp.message, self.settings), "knowledge"
            )
        key = self._cache_key(state)
        if key is not None and not inp.bypass_cache:
            began = time.perf_counter()
            cached = await self.caches.response.get(key)
            if cached is None and not self.caches.response.lead(key):
                # single flight, within this request's deadline
                cached = await self.caches.response.follow(
                    key, timeout=deadline.model_budget(self.settings.request_deadline_s)
                )
                if cached is None:  # the leader failed: this request computes its own
                    key = None
            state.mark("cache", began)
            self.metrics.record_cache("response", cached is not None)
            if cached is not None:
                async for event in self._replay(state, cached):
                    yield event
                return
        try:
            await self.gather_products(state)
            self._nothing_found_reply(state)
            lead = self._uses_lead(state)
            if not lead and not state.extra.get("canned_reply"):
                self._admit()  # a lead reply is complete without the model: never refused
            yield self.meta(state)
            replies = self._lead_reply(state, key) if lead else self._generate(state, key)
            async for event in replies:
                yield event
        finally:
            if key is not None and not inp.bypass_cache:
                self.caches.response.settle(key, state.extra.get("cache_value"))

    # --- cache -----------------------------------------------------------------------
    def _cache_key(self, state: TurnState) -> str | None:
        """None when the reply is personal (uses history or the session's flags)."""
        analysis = state.analysis
        assert analysis is not None
        if not self.settings.enable_caching or state.session.education_only:
            return None
        if analysis.follow_up or analysis.refers_to_index is not None:
            return None
        if analysis.stated_age is not None or analysis.minor_signal or analysis.buying_for_minor:
            return None
        return keys.response_key(
            state.inp.message,
            language=state.language,
            history="",
            catalog_version=self.catalog_version,
            prompt_version=f"{self.prompt_tag(state.language)}+{LEAD_VERSION}",
            model=self.engine.model_name,
            sampling=self.params(analysis).cache_tag(),
            context=f"{self.jurisdiction.code}",
        )

    async def _replay(self, state: TurnState, cached: dict[str, Any]) -> AsyncIterator[ChatEvent]:
        state.cards = [ProductCard.model_validate(card) for card in cached["products"]]
        state.quick_replies = list(cached["quick_replies"])
        yield MetaEvent(
            session_id=state.session.session_id,
            intent=cached["intent"],
            products=state.cards,
            quick_replies=state.quick_replies,
        )
        yield TokenEvent(cached["message"])
        # Stored before ``done``: the customer's next message may reach another worker.
        stored = await asyncio.shield(
            store_turns(self.store, state, cached["message"], cached["intent"])
        )
        elapsed = state.elapsed_ms()
        self.record(state, elapsed, cached=True, ttft_ms=elapsed)
        yield DoneEvent(
            message=cached["message"],
            grounded=cached["grounded"],
            cached=True,
            response_time_ms=round(elapsed, 2),
            ttft_ms=round(elapsed, 2),
            model=self.engine.model_name,
            fallback=cached.get("fallback", False),
            authors=list(cached.get("authors", [])),
            timings=state.timings,
            degraded=list(state.degraded),
            stored=stored,
        )

    def _nothing_found_reply(self, state: TurnState) -> None:
        """A product question that found nothing: the catalog-built reply says so;
        the model, with no facts to speak of, would only guess."""
        analysis = state.analysis
        assert analysis is not None
        if state.extra.get("canned_reply") or state.products:
            return
        if analysis.intent in PRODUCT_INTENTS and state.extra.get("show_products"):
            state.plan_reply(catalog_reply(analysis, []), "catalog")

    # --- model -----------------------------------------------------------------------
    def _admit(self) -> None:
        if self.engine.queue_depth() >= self.settings.queue_size:
            raise Overloaded("The assistant is busy with other customers; please retry shortly.")

    async def _generate(self, state: TurnState, key: str | None) -> AsyncIterator[ChatEvent]:
        analysis = state.analysis
        assert analysis is not None
        ttft: float | None = None
        streamed = False
        outcome = "model"
        canned = state.extra.get("canned_reply")
        began = time.perf_counter()
        note = self.with_note("", state)
        if note:  # "nothing matches; here are the nearest" comes before any other word
            ttft = state.elapsed_ms()
            yield TokenEvent(f"{note} ")
        if canned:
            text, grounded, outcome = canned, True, state.extra.get("canned_outcome", "canned")
            if outcome != "canned":
                self.metrics.record_fallback(outcome.removeprefix("fallback:"))
            ttft = state.elapsed_ms()
            yield TokenEvent(text)
            streamed = True
        else:
            guard = StreamGuard(
                state.products,
                catalog_names=self.catalog_names_lower,
                education_only=state.session.education_only,
            )
            stats = GenerationStats()
            try:
                # the model's share of this request's one deadline, its queue wait included
                async with asyncio.timeout(deadline.model_budget(self.settings.request_deadline_s)):
                    async for piece in self.engine.stream(
                        self.prompt(state), self.params(analysis), stats
                    ):
                        safe = guard.feed(piece)
                        if safe:
                            if ttft is None:
                                ttft = state.elapsed_ms()
                            streamed = True
                            yield TokenEvent(safe)
            except TimeoutError:
                outcome = "deadline"
            except (Overloaded, WeedGoError) as error:
                logger.warning("model unavailable for this turn: %s", error)
                outcome = "engine_error"
            verdict = guard.finish()
            tail = verdict.text[len(guard.released) :] if verdict.ok else ""
            if tail.strip():
                if ttft is None:
                    ttft = state.elapsed_ms()
                streamed = True
                yield TokenEvent(tail)
            self.metrics.record_generation(
                stats.completion_tokens, stats.prompt_tokens, stats.total_ms - stats.queue_ms
            )
            text, grounded = verdict.text.strip(), verdict.ok
            if outcome == "model" and text and text[-1] not in ".!?\"')":
                outcome = "unfinished"  # out of tokens, or a copied facts line: no sentence
            if outcome != "model" or not verdict.ok or not text:
                reason = outcome if outcome != "model" else ("empty" if verdict.ok else "guard")
                self.metrics.record_fallback(reason)
                text = catalog_reply(
                    analysis,
                    state.products,
                    education_only=state.session.education_only,
                    show_prices=state.extra.get("show_prices", True),
                )
                outcome, grounded = "fallback:" + reason, True
                if not streamed:
                    ttft = state.elapsed_ms()
                    yield TokenEvent(text)
        state.mark("model", began)
        text, extra = self.with_guidance(self.with_note(text, state), state)
        if extra:
            if ttft is None:
                ttft = state.elapsed_ms()
            yield TokenEvent(extra)
        replaced = outcome.startswith("fallback") and streamed
        done = await self.finish(
            state, text, grounded=grounded, outcome=outcome, ttft=ttft, guided=bool(extra)
        )
        done.replaced = replaced
        # nothing from a degraded turn is cached: not a late or failed model, not a store fault
        degraded = outcome.endswith(("deadline", "engine_error")) or state.degraded
        if key is not None and not degraded:
            state.extra["cache_value"] = self.cache_value(state, done)
            await self.caches.response.set(key, state.extra["cache_value"])
        yield done

    # --- catalog sentence first, then the model's own (lead.py) ------------------------
    def _uses_lead(self, state: TurnState) -> bool:
        if not self.settings.lead_reply or state.extra.get("canned_reply"):
            return False
        if state.language != "en":  # the lead prompt is English; French has its own prompt
            return False
        assert state.analysis is not None
        return uses_lead(
            state.analysis.intent,
            state.products,
            education_only=state.session.education_only,
            show_prices=state.extra.get("show_prices", True),
        )

    async def _sentence(self, state: TurnState) -> Sentence:
        """The model's sentence on the first product, shortened or skipped under load."""
        analysis = state.analysis
        assert analysis is not None
        shedding = Shedding.from_settings(self.settings)
        step = shedding.step(max(self._lead_in_flight, self.engine.queue_depth()))
        self.metrics.record_shed(step)
        if step == "skip":
            return Sentence(None, "shed")
        follow = analysis.follow_up or analysis.refers_to_index is not None
        history = state.history if follow else ()
        if self.tuned and state.language == "en":
            prompt = tuned.lead_prompt(state.inp.message, state.products[0], history)
        else:
            prompt = build_lead_prompt(state.inp.message, state.products[0], history)
        params = replace(self.params(analysis), max_tokens=shedding.max_tokens(step))
        guard = StreamGuard(state.products, catalog_names=self.catalog_names_lower)
        remaining = deadline.model_budget(self.settings.request_deadline_s)
        self._lead_in_flight += 1
        try:
            result = await write_sentence(self.engine, prompt, params, guard, remaining)
        finally:
            self._lead_in_flight -= 1
        stats = result.stats
        self.metrics.record_generation(
            stats.completion_tokens, stats.prompt_tokens, stats.total_ms - stats.queue_ms
        )
        return result

    async def _lead_reply(self, state: TurnState, key: str | None) -> AsyncIterator[ChatEvent]:
        """The catalog sentence at once (the first words), then the model's sentence."""
        analysis = state.analysis
        assert analysis is not None
        state.extra["lead"] = True
        began = time.perf_counter()
        opening = pitch_for(state.products[0], analysis, show_price=True)
        text = self.with_note(opening, state)
        ttft = state.elapsed_ms()
        yield TokenEvent(text)
        result = await self._sentence(state)
        if result.text:
            outcome, addition = "model", result.text
        else:  # the catalog's own second half: the other cards, "tap a card"
            whole = catalog_reply(analysis, state.products, show_prices=True)
            addition = whole[len(opening) :].strip() if whole.startswith(opening) else ""
            outcome = "shed" if result.outcome == "shed" else f"fallback:{result.outcome}"
            if outcome != "shed":
                self.metrics.record_fallback(result.outcome)
        if addition:
            text = f"{text} {addition}"
            yield TokenEvent(f" {addition}")
        state.mark("model", began)
        text, extra = self.with_guidance(text, state)
        if extra:
            yield TokenEvent(extra)
        done = await self.finish(
            state, text, grounded=True, outcome=outcome, ttft=ttft, guided=bool(extra)
        )
        # what load decided (shed, late, engine down) is not what the next customer gets
        cacheable = result.outcome in ("model", "guard", "unfinished") and not state.degraded
        if key is not None and cacheable:
            state.extra["cache_value"] = self.cache_value(state, done)
            await self.caches.response.set(key, state.extra["cache_value"])
        yield done
