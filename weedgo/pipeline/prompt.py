"""The model's prompt: a fixed few-shot prefix plus a small per-request tail.

The default model is a small *base* model, so the prompt is a completion prompt: a
short description of the assistant, its rules, and a few worked transcripts in exactly
the layout of the live tail. The model continues after the final ``Assistant:`` cue and
the configured stop sequences (a blank line, a new ``Customer:`` line, a ``#`` line)
end its reply.

``SYSTEM_PREFIX`` never changes between requests, so the engine keeps its KV cache
and evaluates only the tail. Bump ``PROMPT_VERSION`` whenever the prefix or the tail
layout changes: response caches include it in their keys.

When an instruction-tuned GGUF with a chat template is configured, ``build_prompt``
renders the same content as chat turns through that template instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from weedgo.domain import Product, StrainType, Turn

PROMPT_VERSION = "p3"

ASSISTANT_CUE = "Assistant:"
CUSTOMER_LABEL = "Customer:"
SECTION_MARK = "###"

_RULES = (
    "Leaf, a friendly, confident budtender at a licensed cannabis store, answers in 1-3 "
    "short sentences, names only the listed products with their exact price and THC, "
    "and makes no health claims."
)

# Worked transcripts: a product question, a health worry answered with the product's
# facts alone (the service appends its own medical note), and general questions answered
# plainly. None hedges: a small model copies "I'm not sure" or "I can't promise" from
# its examples into nearly every reply.
_EXAMPLES = (
    "###\n"
    "Products:\n"
    "- Berry Chews by Wana, edible (happy), 5 mg THC, $7.95 for 2 pack\n"
    "- Sun Drop by Tweed, sativa pre-roll (energetic), 18% THC, $9.99 for 1 g\n"
    "Customer: something cheap and fun?\n"
    "Assistant: Berry Chews by Wana are $7.95 for 2 pack with 5 mg THC. Sun Drop by Tweed "
    "is an energetic sativa pre-roll at $9.99.\n"
    "\n"
    "###\n"
    "Products:\n"
    "- Maple Haze by North Co, indica flower (relaxed), 20-23% THC, $32.99 for 3.5 g\n"
    "Customer: will it fix my back pain?\n"
    "Assistant: Maple Haze by North Co is an indica flower customers describe as relaxing, "
    "with 20-23% THC, $32.99 for 3.5 g.\n"
    "\n"
    "###\n"
    "Products:\n"
    "- none match this question; offer help with something else\n"
    "Customer: what makes strains smell different?\n"
    "Assistant: Terpenes, the aroma compounds of the plant, like the citrus of limonene or "
    "the pine of pinene.\n"
    "\n"
    "###\n"
    "Products:\n"
    "- none match this question; offer help with something else\n"
    "Customer: how much should I take the first time?\n"
    "Assistant: Start with a small amount and give it time to work before you take more.\n"
    "\n"
)

SYSTEM_PREFIX = f"# Budtender chats ({PROMPT_VERSION})\n{_RULES}\n\n{_EXAMPLES}"

_MAX_MESSAGE_CHARS = 400
_MAX_TURN_CHARS = 200
_MAX_HISTORY_TURNS = 4
_SPECIAL_TOKEN = re.compile(r"<\s*/?\s*[A-Za-z_|][\w|]*\s*>")
_ROLE_LABEL = re.compile(r"\b(customer|assistant|user|system|model|products?)\s*:", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def clean_line(text: str, limit: int) -> str:
    """One line of text that cannot open a new turn or inject a special token."""
    text = _SPECIAL_TOKEN.sub(" ", text)
    text = _ROLE_LABEL.sub(lambda match: f"{match.group(1)} -", text)
    text = text.replace("#", " ")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "..."
    return text


def _potency(label: str, low: float, high: float, unit: str) -> str:
    gap = "" if unit == "%" else " "
    if abs(high - low) < 0.05 or low <= 0:
        return f"{_number(max(low, high))}{gap}{unit} {label}"
    return f"{_number(low)}-{_number(high)}{gap}{unit} {label}"


def _kind(product: Product) -> str:
    category = product.category.value
    if product.strain_type in (StrainType.NONE, StrainType.CBD):
        return category
    return f"{product.strain_type.value} {category}"


def product_facts_line(product: Product, *, with_price: bool = True) -> str:
    """``- Name by Brand, indica flower (relaxed), 18-21% THC, 1% CBD, $34.99 for 3.5 g``."""
    head = clean_line(product.name, 80)
    if product.brand:
        head += f" by {clean_line(product.brand, 40)}"
    kind = _kind(product)
    effects = [effect for effect in (clean_line(e, 20) for e in product.effects[:2]) if effect]
    if effects:
        kind += f" ({', '.join(effects)})"
    facts = [head, kind]
    if product.thc_max > 0 or product.thc_min > 0:
        facts.append(_potency("THC", product.thc_min, product.thc_max, product.potency_unit))
    if product.cbd_max > 0 or product.cbd_min > 0:
        facts.append(_potency("CBD", product.cbd_min, product.cbd_max, product.potency_unit))
    size = clean_line(product.size, 20)
    if with_price:
        facts.append(f"${product.price:.2f}" + (f" for {size}" if size else ""))
    elif size:
        facts.append(size)
    return "- " + ", ".join(facts)


def _products_block(
    products: Sequence[Product], *, max_products: int, with_price: bool
) -> list[str]:
    lines = ["Products:"]
    shown = list(products)[:max_products]
    if not shown:
        lines.append("- none match this question; offer help with something else")
    lines.extend(product_facts_line(product, with_price=with_price) for product in shown)
    return lines


def _history_lines(history: Sequence[Turn]) -> list[str]:
    lines = []
    for turn in list(history)[-_MAX_HISTORY_TURNS:]:
        label = CUSTOMER_LABEL if turn.role == "user" else ASSISTANT_CUE
        text = clean_line(turn.content, _MAX_TURN_CHARS)
        if text:
            lines.append(f"{label} {text}")
    return lines


def _notes(guidance: Sequence[str], education_only: bool) -> list[str]:
    notes = [clean_line(note, 160) for note in guidance if note.strip()]
    if education_only:
        notes.insert(0, "Education only: explain, do not sell or quote prices.")
    return [f"Note: {note}" for note in notes]


def build_prompt(
    message: str,
    products: Sequence[Product],
    history: Sequence[Turn] = (),
    *,
    education_only: bool = False,
    guidance: Sequence[str] = (),
    max_products: int = 3,
    chat_template: str | None = None,
    language: str = "en",
) -> str:
    """The whole prompt for one reply: ``SYSTEM_PREFIX`` plus the live tail.

    With ``chat_template`` (a Jinja template from an instruction-tuned GGUF) the same
    content is rendered as chat turns through the template instead. A French turn
    (``language="fr"``) gets the French prompt of :mod:`weedgo.pipeline.prompt_fr`.
    """
    if language == "fr":
        from weedgo.pipeline import prompt_fr as fr_prompt

        return fr_prompt.build_prompt(
            message,
            products,
            history,
            education_only=education_only,
            guidance=guidance,
            max_products=max_products,
            chat_template=chat_template,
        )
    facts = _products_block(products, max_products=max_products, with_price=not education_only)
    notes = _notes(guidance, education_only)
    question = clean_line(message, _MAX_MESSAGE_CHARS) or "hello"
    if chat_template is not None:
        return _render_chat(chat_template, facts + notes, history, question)
    tail = [SECTION_MARK, *facts, *notes, *_history_lines(history)]
    tail += [f"{CUSTOMER_LABEL} {question}", ASSISTANT_CUE]
    return SYSTEM_PREFIX + "\n".join(tail)


def _chat_turns(history: Sequence[Turn], question: str, context: list[str]) -> list[dict[str, str]]:
    """Alternating turns that start with the customer, as most templates require."""
    turns: list[dict[str, str]] = []
    for turn in list(history)[-_MAX_HISTORY_TURNS:]:
        text = clean_line(turn.content, _MAX_TURN_CHARS)
        if not text or (not turns and turn.role == "assistant"):
            continue
        if turns and turns[-1]["role"] == turn.role:
            turns[-1]["content"] += " " + text
        else:
            turns.append({"role": turn.role, "content": text})
    user = "\n".join([*context, "", f"Question: {question}"])
    if turns and turns[-1]["role"] == "user":
        turns[-1]["content"] += "\n" + user
    else:
        turns.append({"role": "user", "content": user})
    return turns


def prompt_version(language: str) -> str:
    """The version of the prompt a turn in ``language`` gets (for cache keys)."""
    if language == "fr":
        from weedgo.pipeline import prompt_fr as fr_prompt

        return f"{PROMPT_VERSION}-{fr_prompt.FR_VERSION}"
    return PROMPT_VERSION


def _render_chat(
    template: str,
    context: list[str],
    history: Sequence[Turn],
    question: str,
    *,
    system: str | None = None,
) -> str:
    from jinja2 import TemplateError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)

    def raise_exception(message: str) -> Any:
        raise TemplateError(message)

    environment.globals["raise_exception"] = raise_exception
    compiled = environment.from_string(template)
    system = system or _RULES.replace("Leaf is", "You are")
    turns = _chat_turns(history, question, context)
    # The engine adds the BOS token itself when it tokenizes the prompt.
    options: dict[str, Any] = {"add_generation_prompt": True, "bos_token": "", "eos_token": ""}
    try:
        return compiled.render(messages=[{"role": "system", "content": system}, *turns], **options)
    except TemplateError:  # a template without a system role: fold it into the first turn
        turns[0] = {"role": "user", "content": f"{system}\n\n{turns[0]['content']}"}
        return compiled.render(messages=turns, **options)
