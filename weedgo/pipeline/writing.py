"""Writing a reply the plan gave the model: its text through the guard, else the catalog's.

One guard-then-fallback rule for both pipelines (:func:`fallback_reason`): the model's
text stands when the guard accepted it whole, it is not empty and it ends as a sentence
ends; otherwise the catalog-built reply (:func:`catalog_instead`) is sent in its place,
and the reason is counted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from weedgo.domain.turn import TokenEvent
from weedgo.engine.base import Engine, GenerationParams, GenerationStats
from weedgo.errors import WeedGoError
from weedgo.metrics import Metrics
from weedgo.pipeline.context import TurnState
from weedgo.pipeline.fallback import catalog_reply
from weedgo.pipeline.guard import StreamGuard

logger = logging.getLogger(__name__)

_SENTENCE_END = ".!?\"')"


@dataclass
class Written:
    """A reply as it is written and sent: the text, how it came about, when it began."""

    text: str = ""
    outcome: str = "model"  # "model", "canned", "shed" or "fallback:<reason>"
    ttft: float | None = None  # ms from the request to the first word sent
    streamed: bool = False  # words already reached the customer
    replaced: bool = False  # streamed words were replaced by the catalog's reply

    def sent(self, state: TurnState) -> None:
        """Words are being sent now."""
        if self.ttft is None:
            self.ttft = state.elapsed_ms()
        self.streamed = True


def fallback_reason(text: str, ok: bool, outcome: str = "model") -> str | None:
    """Why the model's checked ``text`` cannot stand (``ok``: the guard accepted it;
    ``outcome``: how generation ended), or None when it stands."""
    if outcome == "model" and text and text[-1] not in _SENTENCE_END:
        return "unfinished"  # out of tokens, or a copied facts line: no sentence
    if outcome != "model":
        return outcome
    if not ok:
        return "guard"
    return None if text else "empty"


def catalog_instead(state: TurnState) -> str:
    """The catalog-built reply sent in place of the model's text."""
    assert state.analysis is not None and state.plan is not None
    return catalog_reply(
        state.analysis,
        state.products,
        education_only=state.session.education_only,
        show_prices=state.plan.show_prices,
    )


def record_generation(metrics: Metrics, stats: GenerationStats) -> None:
    metrics.record_generation(
        stats.completion_tokens, stats.prompt_tokens, stats.total_ms - stats.queue_ms
    )


async def stream_checked(
    engine: Engine,
    prompt: str,
    params: GenerationParams,
    guard: StreamGuard,
    *,
    budget_s: float,
    state: TurnState,
    written: Written,
    metrics: Metrics,
) -> AsyncIterator[TokenEvent]:
    """The model's reply streamed as the guard releases it, within ``budget_s``; where it
    cannot stand, the catalog's reply in its place. ``written`` ends with what was sent."""
    stats, outcome = GenerationStats(), "model"
    try:
        async with asyncio.timeout(budget_s):
            async for piece in engine.stream(prompt, params, stats):
                safe = guard.feed(piece)
                if safe:
                    written.sent(state)
                    yield TokenEvent(safe)
    except TimeoutError:
        outcome = "deadline"
    except WeedGoError as error:
        logger.warning("model unavailable for this turn: %s", error)
        outcome = "engine_error"
    verdict = guard.finish()
    tail = verdict.text[len(guard.released) :] if verdict.ok else ""
    if tail.strip():
        written.sent(state)
        yield TokenEvent(tail)
    record_generation(metrics, stats)
    if _settle(verdict.text.strip(), verdict.ok, outcome, state, written, metrics):
        written.sent(state)
        yield TokenEvent(written.text)


def _settle(
    text: str, ok: bool, outcome: str, state: TurnState, written: Written, metrics: Metrics
) -> bool:
    """``written`` as the model's checked text stands, or the catalog's in its place; True
    when the catalog's reply must still be sent (no word of the model's was)."""
    reason = fallback_reason(text, ok, outcome)
    if reason is None:
        written.text, written.outcome = text, "model"
        return False
    metrics.record_fallback(reason)
    written.text, written.outcome = catalog_instead(state), f"fallback:{reason}"
    written.replaced = written.streamed
    return not written.streamed
