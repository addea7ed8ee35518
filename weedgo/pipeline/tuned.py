"""The prompts of the tuned model: the budtender adapter's own short format.

The base model needs rules and worked transcripts in every prompt to guess its job. The
adapter (``weedgo/data/adapter``, built by ``weedgo tune``) was taught the job, so its
prompt is only a task line and the turn's facts, in the layout it was trained on:

    Leaf t1 lead                       Leaf t1 reply
    Customer: cheap edibles?           Products:
    Facts: Berry Chews, an edible;     - Berry Chews by Wana, edible (happy), 5 mg THC, ...
      happy; notes of berry            Note: ...
    Leaf:                              Customer: what is a terpene?
                                       Leaf:

``lead`` asks for the one sentence that follows the catalog's sentence about the shown
product; ``reply`` asks for a whole reply of one or two sentences. The model ends its
text with a line break, one of the configured stop sequences. Bump ``TUNED_VERSION``
when the layout changes: the adapter must be trained again, and caches key on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from weedgo.domain import Product, Turn
from weedgo.pipeline import prompt as P
from weedgo.pipeline.lead import FACTS_LABEL, LEAD_CUE, brief_facts

TUNED_VERSION = "t1"
LEAD_TASK = f"Leaf {TUNED_VERSION} lead\n"
REPLY_TASK = f"Leaf {TUNED_VERSION} reply\n"

_MAX_MESSAGE_CHARS = 300
_MAX_TURN_CHARS = 160


def _history(history: Sequence[Turn], turns: int) -> list[str]:
    lines = []
    for turn in list(history)[-turns:]:
        label = P.CUSTOMER_LABEL if turn.role == "user" else LEAD_CUE
        text = P.clean_line(turn.content, _MAX_TURN_CHARS)
        if text:
            lines.append(f"{label} {text}")
    return lines


def lead_prompt(message: str, product: Product, history: Sequence[Turn] = ()) -> str:
    """The tuned model's prompt for its sentence after the catalog's sentence."""
    question = P.clean_line(message, _MAX_MESSAGE_CHARS) or "hello"
    lines = _history(history, 2)
    lines += [f"{P.CUSTOMER_LABEL} {question}", f"{FACTS_LABEL} {brief_facts(product)}", LEAD_CUE]
    return LEAD_TASK + "\n".join(lines)


def reply_prompt(
    message: str,
    products: Sequence[Product],
    history: Sequence[Turn] = (),
    *,
    education_only: bool = False,
    guidance: Sequence[str] = (),
    max_products: int = 2,
) -> str:
    """The tuned model's prompt for a whole reply (questions it answers on its own)."""
    shown = list(products)[:max_products]
    lines = ["Products:"]
    if shown:
        lines += [P.product_facts_line(p, with_price=not education_only) for p in shown]
    else:
        lines.append("- none")
    lines += P.notes_block(guidance, education_only, reminder=P.EDUCATION_ONLY)
    lines += _history(history, 2)
    question = P.clean_line(message, _MAX_MESSAGE_CHARS) or "hello"
    lines += [f"{P.CUSTOMER_LABEL} {question}", LEAD_CUE]
    return REPLY_TASK + "\n".join(lines)
