"""The optimized pipeline: cache, keyword analysis, SQL search, one short model call.

validate -> session + analysis + compliance gate + plan -> response cache
    hit  -> meta + whole message + done (a few ms)
    miss -> search (SQL, search cache) -> cards, pitches, quick replies (templates)
            -> the plan made again -> meta event -> the reply the plan asks for:
            a fixed text, the catalog's sentence then the model's (lead), or the model's
            reply streamed through the guard -> guidance -> done; cached where it is
            not personal; the turn stored.
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
from weedgo.config import Settings
from weedgo.domain.turn import ChatEvent, ProductCard, TokenEvent
from weedgo.errors import Overloaded
from weedgo.pipeline.context import ChatInput, TurnState, store_turns
from weedgo.pipeline.core import PipelineCore
from weedgo.pipeline.fallback import catalog_reply
from weedgo.pipeline.guard import StreamGuard
from weedgo.pipeline.lead import LEAD_VERSION, Sentence, Shedding, write_sentence
from weedgo.pipeline.pitches import pitch_for
from weedgo.pipeline.plan import Rules
from weedgo.pipeline.prompting import prompt_tag, reply_prompt, sentence_prompt
from weedgo.pipeline.writing import Written, record_generation, stream_checked

logger = logging.getLogger(__name__)


class OptimizedPipeline(PipelineCore):
    name = "optimized"
    _lead_in_flight = 0  # model sentences being written now (the load that sheds them)

    def plan_rules(self, settings: Settings) -> Rules:
        return Rules.optimized(settings)

    async def handle(self, inp: ChatInput) -> AsyncGenerator[ChatEvent, None]:
        state = await self.prepare(inp)
        key = self._cache_key(state)
        if key is not None and not inp.bypass_cache:
            cached, key = await self._cached(state, key)
            if cached is not None:
                async for event in self._replay(state, cached):
                    yield event
                return
        try:
            await self.gather_products(state)
            plan = state.plan
            assert plan is not None
            if not plan.lead and not plan.fixed:
                self._admit()  # a lead reply is complete without the model: never refused
            yield self.meta(state)
            replies = self._lead_reply(state, key) if plan.lead else self._reply(state, key)
            async for event in replies:
                yield event
        finally:
            if key is not None and not inp.bypass_cache:
                self.caches.response.settle(key, state.cache_value)

    # --- cache -----------------------------------------------------------------------
    def _cache_key(self, state: TurnState) -> str | None:
        """None when the plan says the reply is personal (history, age, session flags)."""
        assert state.analysis is not None and state.plan is not None
        if not state.plan.cacheable:
            return None
        return keys.response_key(
            state.inp.message,
            language=state.language,
            history="",
            catalog_version=self.catalog_version,
            prompt_version=f"{prompt_tag(self.tuned, self.engine, state.language)}+{LEAD_VERSION}",
            model=self.engine.model_name,
            sampling=self.params(state.analysis).cache_tag(),
            context=f"{self.jurisdiction.code}",
        )

    async def _cached(self, state: TurnState, key: str) -> tuple[dict[str, Any] | None, str | None]:
        """The cached reply, if any, and the key this request then fills (None when the
        request that led the computation failed: this one computes its own, uncached)."""
        began = time.perf_counter()
        cached = await self.caches.response.get(key)
        filled: str | None = key
        if cached is None and not self.caches.response.lead(key):
            # single flight, within this request's deadline
            cached = await self.caches.response.follow(
                key, timeout=deadline.model_budget(self.settings.request_deadline_s)
            )
            filled = None if cached is None else key
        state.mark("cache", began)
        self.metrics.record_cache("response", cached is not None)
        return cached, filled

    async def _replay(self, state: TurnState, cached: dict[str, Any]) -> AsyncIterator[ChatEvent]:
        state.cards = [ProductCard.model_validate(card) for card in cached["products"]]
        state.quick_replies = list(cached["quick_replies"])
        yield self.meta(state, intent=cached["intent"])
        yield TokenEvent(cached["message"])
        # Stored before ``done``: the customer's next message may reach another worker.
        stored = await asyncio.shield(
            store_turns(self.store, state, cached["message"], cached["intent"])
        )
        yield self.done_event(
            state, cached["message"], grounded=cached["grounded"], cached=True, ttft=None,
            fallback=cached.get("fallback", False), authors=list(cached.get("authors", [])),
            stored=stored,
        )  # fmt: skip

    # --- the reply the plan asks for ---------------------------------------------------
    def _admit(self) -> None:
        if self.engine.queue_depth() >= self.settings.queue_size:
            raise Overloaded("The assistant is busy with other customers; please retry shortly.")

    async def _reply(self, state: TurnState, key: str | None) -> AsyncIterator[ChatEvent]:
        """A fixed reply, or the model's streamed through the guard, after the note."""
        plan, analysis = state.plan, state.analysis
        assert plan is not None and analysis is not None
        written, began = Written(outcome=plan.outcome), time.perf_counter()
        note = plan.with_note("", state.products)
        if note:  # "nothing matches; here are the nearest" comes before any other word
            written.ttft = state.elapsed_ms()
            yield TokenEvent(f"{note} ")
        if plan.fixed:
            written.text = plan.text
            if plan.outcome != "canned":
                self.metrics.record_fallback(plan.outcome.removeprefix("fallback:"))
            written.sent(state)
            yield TokenEvent(written.text)
        else:
            guard = StreamGuard(
                state.products,
                catalog_names=self.shelf.names_lower,
                education_only=state.session.education_only,
            )
            budget = deadline.model_budget(self.settings.request_deadline_s)
            async for token in stream_checked(
                self.engine, reply_prompt(state, self.settings, self.tuned), self.params(analysis),
                guard,
                budget_s=budget, state=state, written=written, metrics=self.metrics,
            ):  # fmt: skip
                yield token
        state.mark("model", began)
        written.text = plan.with_note(written.text, state.products)
        # nothing from a late or failed model is cached
        late = written.outcome.endswith(("deadline", "engine_error"))
        async for event in self._conclude(state, key, written, cacheable=not late):
            yield event

    async def _conclude(
        self, state: TurnState, key: str | None, written: Written, *, cacheable: bool
    ) -> AsyncIterator[ChatEvent]:
        """Guidance appended, the turn finished, the reply cached where it may be."""
        assert state.plan is not None
        text, extra = state.plan.with_guidance(written.text)
        if extra:
            written.sent(state)
            yield TokenEvent(extra)
        done = await self.finish(
            state, text, grounded=True, outcome=written.outcome, ttft=written.ttft,
            guided=bool(extra),
        )  # fmt: skip
        done.replaced = written.replaced
        if key is not None and cacheable and not state.degraded:  # nor a store fault
            state.cache_value = self.cache_value(state, done)
            await self.caches.response.set(key, state.cache_value)
        yield done

    # --- catalog sentence first, then the model's own (lead.py) ------------------------
    async def _sentence(self, state: TurnState) -> Sentence:
        """The model's sentence on the first product, shortened or skipped under load."""
        analysis = state.analysis
        assert analysis is not None
        shedding = Shedding.from_settings(self.settings)
        step = shedding.step(max(self._lead_in_flight, self.engine.queue_depth()))
        self.metrics.record_shed(step)
        if step == "skip":
            return Sentence(None, "shed")
        prompt = sentence_prompt(state, self.tuned)
        params = replace(self.params(analysis), max_tokens=shedding.max_tokens(step))
        guard = StreamGuard(state.products, catalog_names=self.shelf.names_lower)
        remaining = deadline.model_budget(self.settings.request_deadline_s)
        self._lead_in_flight += 1
        try:
            result = await write_sentence(self.engine, prompt, params, guard, remaining)
        finally:
            self._lead_in_flight -= 1
        record_generation(self.metrics, result.stats)
        return result

    async def _lead_reply(self, state: TurnState, key: str | None) -> AsyncIterator[ChatEvent]:
        """The catalog sentence at once (the first words), then the model's sentence."""
        analysis, plan = state.analysis, state.plan
        assert analysis is not None and plan is not None
        began = time.perf_counter()
        opening = pitch_for(state.products[0], analysis, show_price=True)
        written = Written(text=plan.with_note(opening, state.products))
        written.sent(state)
        yield TokenEvent(written.text)
        result = await self._sentence(state)
        if result.text:
            written.outcome, addition = "model", result.text
        else:  # the catalog's own second half: the other cards, "tap a card"
            whole = catalog_reply(analysis, state.products, show_prices=True)
            addition = whole[len(opening) :].strip() if whole.startswith(opening) else ""
            shed = result.outcome == "shed"
            written.outcome = "shed" if shed else f"fallback:{result.outcome}"
            if not shed:
                self.metrics.record_fallback(result.outcome)
        if addition:
            written.text = f"{written.text} {addition}"
            yield TokenEvent(f" {addition}")
        state.mark("model", began)
        # what load decided (shed, late, engine down) is not what the next customer gets
        cacheable = result.outcome in ("model", "guard", "unfinished")
        async for event in self._conclude(state, key, written, cacheable=cacheable):
            yield event
