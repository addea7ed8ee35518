"""Which prompt a turn gets, and with which generation settings.

The tuned adapter's short prompts (:mod:`weedgo.pipeline.tuned`) serve English turns when
an adapter is applied; otherwise the few-shot prompts of :mod:`weedgo.pipeline.prompt`
(French: :mod:`weedgo.pipeline.prompt_fr`), and :mod:`weedgo.pipeline.lead` for the one
sentence of a lead reply.
"""

from __future__ import annotations

from weedgo.config import Settings
from weedgo.domain.turn import Analysis
from weedgo.engine.base import Engine, GenerationParams
from weedgo.pipeline import prompt as prompts
from weedgo.pipeline import tuned
from weedgo.pipeline.context import TurnState
from weedgo.pipeline.lead import build_lead_prompt


def params(settings: Settings, analysis: Analysis) -> GenerationParams:
    """The generation settings of a reply to ``analysis``."""
    return GenerationParams(
        max_tokens=settings.max_tokens_complex if analysis.is_complex else settings.max_tokens,
        temperature=settings.temperature,
        top_p=settings.top_p,
        stop=tuple(settings.stop),
        seed=settings.seed,
    )


def prompt_tag(use_tuned: bool, engine: Engine, language: str) -> str:
    """What the prompts and the adapter of a turn in ``language`` are (for cache keys)."""
    if not (use_tuned and language == "en"):
        return prompts.prompt_version(language)
    adapter = engine.health().get("adapter") or {}
    return f"{tuned.TUNED_VERSION}:{str(adapter.get('sha256', ''))[:12]}"


def _follows(state: TurnState) -> bool:
    assert state.analysis is not None
    return state.analysis.follow_up or state.analysis.refers_to_index is not None


def reply_prompt(state: TurnState, settings: Settings, use_tuned: bool) -> str:
    """The prompt for a whole reply written by the model."""
    assert state.plan is not None
    history = state.history[-2:] if _follows(state) else []
    products = state.products if state.plan.show_prices else []
    education_only = state.session.education_only
    guidance, most = state.plan.guidance, settings.prompt_products
    if use_tuned and state.language == "en":
        return tuned.reply_prompt(
            state.inp.message, products, history, education_only=education_only,
            guidance=guidance, max_products=most,
        )  # fmt: skip
    return prompts.build_prompt(
        state.inp.message, products, history, education_only=education_only,
        guidance=guidance, max_products=most, language=state.language,
    )  # fmt: skip


def sentence_prompt(state: TurnState, use_tuned: bool) -> str:
    """The prompt for the model's one sentence on the first product of a lead reply."""
    history = state.history if _follows(state) else ()
    if use_tuned and state.language == "en":
        return tuned.lead_prompt(state.inp.message, state.products[0], history)
    return build_lead_prompt(state.inp.message, state.products[0], history)
