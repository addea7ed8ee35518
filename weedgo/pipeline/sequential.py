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
from weedgo.domain import Product
from weedgo.domain.turn import ChatEvent, MetaEvent, ProductCard, TokenEvent
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.errors import WeedGoError
from weedgo.pipeline import prompt as prompts
from weedgo.pipeline.context import ChatInput, TurnState
from weedgo.pipeline.core import PipelineCore
from weedgo.pipeline.fallback import catalog_reply
from weedgo.pipeline.guard import check_reply
from weedgo.pipeline.pitches import pitch_for
from weedgo.pipeline.quick_replies import quick_replies
from weedgo.pipeline.search import query_from_analysis

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

    async def handle(self, inp: ChatInput) -> AsyncGenerator[ChatEvent, None]:
        state = await self.prepare(inp)
        analysis = state.analysis
        assert analysis is not None
        began = time.perf_counter()
        canned = state.extra.get("canned_reply")
        main = canned or await self._call(self._main_prompt(state), MAIN_MAX_TOKENS)
        ttft = state.elapsed_ms()
        show = bool(state.extra["show_products"]) and not canned and await self._decide(inp)
        state.mark("model", began)
        if show:
            began = time.perf_counter()
            found = await self.store.search(query_from_analysis(analysis, limit=3))
            state.products = [hit.product for hit in found]
            state.mark("search", began)
        began = time.perf_counter()
        state.cards = [
            ProductCard.from_product(p, await self._pitch(p, state)) for p in state.products
        ]
        state.quick_replies = await self._quick_replies(state)
        state.mark("model", began)
        text, grounded, outcome = self._guarded(main, state)
        text, extra = self.with_guidance(text, state)
        yield MetaEvent(
            session_id=state.session.session_id,
            intent=analysis.intent.value,
            products=state.cards,
            quick_replies=state.quick_replies,
        )
        yield TokenEvent(text)
        yield await self.finish(
            state, text, grounded=grounded, outcome=outcome, ttft=ttft, guided=bool(extra)
        )

    def _main_prompt(self, state: TurnState) -> str:
        return prompts.build_prompt(
            state.inp.message,
            [],
            state.history[-4:],
            education_only=state.session.education_only,
            guidance=state.guidance,
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
        verdict = check_reply(text, [product], catalog_names=self.catalog_names_lower)
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

    def _guarded(self, main: str, state: TurnState) -> tuple[str, bool, str]:
        assert state.analysis is not None
        if state.extra.get("canned_reply"):
            return main, True, "canned"
        verdict = check_reply(
            main,
            state.products,
            catalog_names=self.catalog_names_lower,
            education_only=state.session.education_only,
        )
        if verdict.ok and verdict.text.strip():
            return verdict.text.strip(), True, "model"
        self.metrics.record_fallback("guard" if main else "empty")
        reply = catalog_reply(
            state.analysis,
            state.products,
            education_only=state.session.education_only,
            show_prices=state.extra.get("show_prices", True),
        )
        return reply, True, "fallback:guard"
