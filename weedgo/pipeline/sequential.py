"""The original, sequential pipeline, kept honestly as the baseline for ``--compare``.

It does what the engine it descends from did, one model call after another, with the
same model and catalog and without any cache or parallelism:

1. a model call writes the main reply (2048-token context, up to 200 tokens);
2. a model call decides whether to show products (yes / no);
3. the products are fetched from the catalog (no cache);
4. one model call per product writes its pitch;
5. a model call writes the quick replies.

Its replies pass the same grounding and compliance guards as the optimized pipeline,
so its answers are as safe, only slower.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncGenerator

from weedgo.compliance.claims import strip_claims
from weedgo.config import Settings
from weedgo.domain import Product
from weedgo.domain.turn import ChatEvent, ProductCard, TokenEvent
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.errors import WeedGoError
from weedgo.pipeline import prompt as prompts
from weedgo.pipeline.context import ChatInput, TurnState
from weedgo.pipeline.core import PipelineCore
from weedgo.pipeline.guard import check_reply
from weedgo.pipeline.pitches import pitch_for
from weedgo.pipeline.plan import Found, Rules
from weedgo.pipeline.quick_replies import quick_replies
from weedgo.pipeline.search import query_from_analysis
from weedgo.pipeline.writing import catalog_instead, fallback_reason

logger = logging.getLogger(__name__)

SEQUENTIAL_N_CTX = 2048
MAIN_MAX_TOKENS = 200

_DECIDE = (
    "Decide if a cannabis store assistant should show products for the customer's message.\n"
    "Message: hi there\nShow products: no\n"
    "Message: any indica for sleep?\nShow products: yes\n"
    "Message: {message}\nShow products:"
)
_PITCH = (
    "Write one short, factual sentence selling this product. No health claims.\n"
    "Product: {facts}\nSentence:"
)
_QUICK = (
    "Suggest three short follow-up questions a customer of a cannabis store could ask next, "
    "one per line.\nCustomer asked: {message}\n1."
)


class SequentialPipeline(PipelineCore):
    name = "sequential"

    def plan_rules(self, settings: Settings) -> Rules:
        return Rules.sequential(settings)

    async def handle(self, inp: ChatInput) -> AsyncGenerator[ChatEvent, None]:
        state = await self.prepare(inp)
        analysis, plan = state.analysis, state.plan
        assert analysis is not None and plan is not None
        began = time.perf_counter()
        writes = plan.writer == "model"
        main = await self._call(self._main_prompt(state), MAIN_MAX_TOKENS) if writes else ""
        ttft = state.elapsed_ms()
        show = plan.show_products and plan.writer != "refusal" and await self._decide(inp)
        state.mark("model", began)
        if show:
            began = time.perf_counter()
            found = await self.store.search(query_from_analysis(analysis, limit=3))
            state.products = [hit.product for hit in found]
            state.mark("search", began)
        state.plan = plan = self.make_plan(state, Found(tuple(state.products)))
        began = time.perf_counter()
        state.cards = [
            ProductCard.from_product(p, await self._pitch(p, state)) for p in state.products
        ]
        state.quick_replies = await self._quick_replies(state)
        state.mark("model", began)
        text, outcome = self._guarded(main, state)
        text, extra = plan.with_guidance(text)
        yield self.meta(state)
        yield TokenEvent(text)
        yield await self.finish(
            state, text, grounded=True, outcome=outcome, ttft=ttft, guided=bool(extra)
        )

    def _main_prompt(self, state: TurnState) -> str:
        return prompts.build_prompt(
            state.inp.message,
            [],
            state.history[-4:],
            education_only=state.session.education_only,
            guidance=state.plan.guidance if state.plan else (),
            language=state.language,
        )

    async def _call(self, prompt: str, max_tokens: int, stop: tuple[str, ...] = ()) -> str:
        s = self.settings
        params = GenerationParams(
            max_tokens=max_tokens,
            temperature=s.temperature,
            top_p=s.top_p,
            stop=stop or tuple(s.stop),
            seed=s.seed,
        )
        stats = GenerationStats()
        try:
            text = "".join([piece async for piece in self.engine.stream(prompt, params, stats)])
        except WeedGoError as error:
            logger.warning("sequential model call failed: %s", error)
            return ""
        self.metrics.record_generation(
            stats.completion_tokens, stats.prompt_tokens, stats.total_ms - stats.queue_ms
        )
        return text.strip()

    async def _decide(self, inp: ChatInput) -> bool:
        answer = await self._call(_DECIDE.format(message=inp.message), 3, stop=("\n",))
        return not answer.lower().startswith("no")

    async def _pitch(self, product: Product, state: TurnState) -> str:
        facts = prompts.product_facts_line(product)
        text = await self._call(_PITCH.format(facts=facts), 40, stop=("\n",))
        verdict = check_reply(text, [product], catalog_names=self.shelf.names_lower)
        if verdict.ok and verdict.text.strip():
            return verdict.text.strip()
        return strip_claims(pitch_for(product, state.analysis))[0]

    async def _quick_replies(self, state: TurnState) -> list[str]:
        assert state.analysis is not None
        raw = await self._call(_QUICK.format(message=state.inp.message), 40, stop=("\n\n",))
        lines = [re.sub(r"^\s*\d+[.)]\s*", "", line).strip() for line in raw.splitlines()]
        chips = [line for line in lines if 3 <= len(line) <= 60 and not strip_claims(line)[1]]
        if state.session.education_only or len(chips) < 2:
            return quick_replies(
                state.analysis, state.products, education_only=state.session.education_only
            )
        return chips[:4]

    def _guarded(self, main: str, state: TurnState) -> tuple[str, str]:
        """The reply and how it came about: the plan's fixed text, the model's as the
        guard accepts it, or the catalog's in its place (:mod:`weedgo.pipeline.writing`)."""
        assert state.plan is not None
        if state.plan.fixed:
            return state.plan.text, state.plan.outcome
        verdict = check_reply(
            main,
            state.products,
            catalog_names=self.shelf.names_lower,
            education_only=state.session.education_only,
        )
        reason = fallback_reason(verdict.text.strip(), verdict.ok)
        if reason is None:
            return verdict.text.strip(), "model"
        self.metrics.record_fallback(reason)
        return catalog_instead(state), f"fallback:{reason}"
