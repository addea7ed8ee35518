"""Catalog sentence first, then one sentence of the model's for this customer.

The facts of a product reply are known once the search returns, so the reply opens with
the catalog-built sentence about the first product, streamed at once: the customer reads
words a few milliseconds after the cards. The model then adds what only it can: one short
sentence that answers this customer's words.

Its prompt is the fixed few-shot ``LEAD_PREFIX`` plus a short tail: the customer's
message, the shown product in brief (``Facts:``: name, kind, effects, flavours, no
figures) and the cue ``Leaf:`` after which the model writes. Generation stops at the end
of that one sentence, which the grounding guard checks whole before it is sent: no part
of a rejected sentence reaches the customer.

Under load the model's part is shed in steps (``Shedding``): first shortened, then
skipped, and the reply is still complete, because its facts never depended on the model.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from weedgo.config import Settings
from weedgo.domain import Product, Turn
from weedgo.domain.turn import PRODUCT_INTENTS, Intent
from weedgo.engine.base import Engine, GenerationParams, GenerationStats
from weedgo.errors import Overloaded, WeedGoError
from weedgo.pipeline.guard import StreamGuard
from weedgo.pipeline.pitches import kind
from weedgo.pipeline.prompt import CUSTOMER_LABEL, SECTION_MARK, clean_line
from weedgo.text import sentence_end

logger = logging.getLogger(__name__)

LEAD_VERSION = "l2"

FACTS_LABEL = "Facts:"
LEAD_CUE = "Leaf:"

_RULES = (
    "Leaf, a warm, upbeat budtender at a licensed cannabis store, adds one short sentence "
    "to the product the customer has just been shown. Leaf never repeats the facts, "
    "names no other product, states no number and makes no health claims."
)

# Worked transcripts in exactly the layout of the live tail: the customer, the shown
# product in brief (no figures: the customer has read them in the catalog's sentence),
# then Leaf's own sentence, which ties the product to the customer's words.
_EXAMPLES = (
    "###\n"
    "Customer: something mellow for a movie night?\n"
    "Facts: Maple Haze, an indica flower; relaxed, sleepy\n"
    "Leaf: A laid-back pick for a cozy night on the couch.\n"
    "\n"
    "###\n"
    "Customer: sativa vapes for a hike\n"
    "Facts: Sun Drop, a sativa vape; energetic, uplifted\n"
    "Leaf: A bright choice to bring along on the trail.\n"
    "\n"
    "###\n"
    "Customer: cheap edibles?\n"
    "Facts: Berry Chews, an edible; happy; notes of berry\n"
    "Leaf: Easy on the wallet, and a gentle way to start.\n"
    "\n"
    "###\n"
    "Customer: something to help me unwind after work\n"
    "Facts: Cloud Nine, a hybrid pre-roll; relaxed\n"
    "Leaf: A nice way to ease into your evening once the workday is done.\n"
    "\n"
    "###\n"
    "Customer: do you have Pink Kush?\n"
    "Facts: Pink Kush, an indica flower; relaxed, sleepy\n"
    "Leaf: Yes, we have it in stock for you today.\n"
    "\n"
)

LEAD_PREFIX = f"# Budtender notes ({LEAD_VERSION})\n{_RULES}\n\n{_EXAMPLES}"

_MAX_MESSAGE_CHARS = 300
_MAX_TURN_CHARS = 160

Step = Literal["full", "short", "skip"]


@dataclass(frozen=True)
class Shedding:
    """Load steps, by the number of model sentences already being written."""

    shorten_at: int
    skip_at: int
    full_tokens: int
    short_tokens: int

    @classmethod
    def from_settings(cls, s: Settings) -> Shedding:
        return cls(s.shed_shorten_at, s.shed_skip_at, s.lead_max_tokens, s.lead_short_tokens)

    def step(self, in_flight: int) -> Step:
        if in_flight >= self.skip_at:
            return "skip"
        if in_flight >= self.shorten_at:
            return "short"
        return "full"

    def max_tokens(self, step: Step) -> int:
        return self.short_tokens if step == "short" else self.full_tokens


def uses_lead(
    intent: Intent, products: Sequence[Product], *, education_only: bool, show_prices: bool
) -> bool:
    """A product question with products to show opens with the catalog sentence (the
    model never answers a question of fact, dose or health: the policy's ``model_writes``)."""
    return intent in PRODUCT_INTENTS and bool(products) and not education_only and show_prices


def brief_facts(product: Product) -> str:
    """``Pink Kush, an indica flower; relaxed, sleepy; notes of pine``: what the model
    needs to speak of the product, without the figures the catalog's sentence gave."""
    parts = [f"{clean_line(product.name, 80)}, {kind(product)}"]
    effects = [clean_line(e, 20).lower() for e in product.effects[:2]]
    flavours = [clean_line(f, 20).lower() for f in product.flavors[:2]]
    if any(effects):
        parts.append(", ".join(e for e in effects if e))
    if any(flavours):
        parts.append("notes of " + ", ".join(f for f in flavours if f))
    return "; ".join(parts)


def build_lead_prompt(message: str, product: Product, history: Sequence[Turn] = ()) -> str:
    """``LEAD_PREFIX`` plus the tail: recent turns, the message, the shown product in
    brief, and the cue after which the model writes its sentence."""
    lines = [SECTION_MARK]
    for turn in list(history)[-2:]:
        label = CUSTOMER_LABEL if turn.role == "user" else LEAD_CUE
        text = clean_line(turn.content, _MAX_TURN_CHARS)
        if text:
            lines.append(f"{label} {text}")
    question = clean_line(message, _MAX_MESSAGE_CHARS) or "hello"
    lines += [f"{CUSTOMER_LABEL} {question}", f"{FACTS_LABEL} {brief_facts(product)}", LEAD_CUE]
    return LEAD_PREFIX + "\n".join(lines)


def own_sentence(text: str) -> str | None:
    """The model's one sentence from what it generated, or None when it has none.

    A sentence that ran out of tokens before its end is dropped, never cut mid-way.
    """
    end = sentence_end(text)
    sentence = (text if end is None else text[:end]).strip()
    if not sentence or sentence[-1] not in ".!?\"')":
        return None
    return sentence if len(sentence.split()) >= 2 else None


@dataclass
class Sentence:
    """What came of asking the model for its sentence."""

    text: str | None  # the checked sentence, or None
    outcome: str  # "model", or why there is none: deadline, engine_error, unfinished, guard
    stats: GenerationStats = field(default_factory=GenerationStats)


async def write_sentence(
    engine: Engine, prompt: str, params: GenerationParams, guard: StreamGuard, timeout_s: float
) -> Sentence:
    """Ask the model for one sentence; stop it at the sentence's end and check it whole."""
    text, stats = "", GenerationStats()
    try:
        async with asyncio.timeout(max(0.0, timeout_s)):
            pieces = engine.stream(prompt, params, stats)
            try:
                async for piece in pieces:
                    text += piece
                    if sentence_end(text.lstrip()) is not None:
                        break
            finally:  # closing the stream at once frees the model for the next customer
                close = getattr(pieces, "aclose", None)
                if close is not None:
                    await close()
    except TimeoutError:
        return Sentence(None, "deadline", stats)
    except (Overloaded, WeedGoError) as error:
        logger.warning("model unavailable for this turn: %s", error)
        return Sentence(None, "engine_error", stats)
    sentence = own_sentence(text)
    if sentence is None:
        logger.debug("model sentence unfinished: %r", text)
        return Sentence(None, "unfinished", stats)
    guard.feed(sentence)
    verdict = guard.finish()
    if not verdict.ok:
        logger.debug("model sentence %r rejected: %s", sentence, "; ".join(verdict.reasons))
        return Sentence(None, "guard", stats)
    return Sentence(sentence, "model", stats)
