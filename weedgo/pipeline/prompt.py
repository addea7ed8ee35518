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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class FactWords:
    """How a language writes a product's facts line (:func:`facts_line`)."""

    brand: str  # " by " before the brand
    kind: Callable[[Product], str]  # "indica flower"
    effect: Callable[[str], str]  # an effect as the catalog names it, as written
    potency: Callable[[str, float, float, str], str]  # "18-21% THC"
    size: Callable[[str], str]  # "3.5 g"
    price: Callable[[float, str], str]  # "$34.99 for 3.5 g" (the size may be empty)


def _price(price: float, size: str) -> str:
    return f"${price:.2f}" + (f" for {size}" if size else "")


ENGLISH_FACTS = FactWords(" by ", _kind, str, _potency, str, _price)


def facts_line(product: Product, words: FactWords, *, with_price: bool = True) -> str:
    """A product's facts in one prompt line, in the language of ``words``."""
    head = clean_line(product.name, 80)
    if product.brand:
        head += f"{words.brand}{clean_line(product.brand, 40)}"
    kind = words.kind(product)
    effects = [words.effect(e) for e in (clean_line(e, 20) for e in product.effects[:2]) if e]
    if effects:
        kind += f" ({', '.join(effects)})"
    facts = [head, kind]
    if product.thc_max > 0 or product.thc_min > 0:
        facts.append(words.potency("THC", product.thc_min, product.thc_max, product.potency_unit))
    if product.cbd_max > 0 or product.cbd_min > 0:
        facts.append(words.potency("CBD", product.cbd_min, product.cbd_max, product.potency_unit))
    size = words.size(clean_line(product.size, 20))
    if with_price:
        facts.append(words.price(product.price, size))
    elif size:
        facts.append(size)
    return "- " + ", ".join(facts)


def product_facts_line(product: Product, *, with_price: bool = True) -> str:
    """``- Name by Brand, indica flower (relaxed), 18-21% THC, 1% CBD, $34.99 for 3.5 g``."""
    return facts_line(product, ENGLISH_FACTS, with_price=with_price)


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


EDUCATION_ONLY = "Education only: explain, do not sell or quote prices."


def notes_block(
    guidance: Sequence[str], education_only: bool, *, reminder: str, width: int = 160
) -> list[str]:
    """The prompt's ``Note:`` lines: ``reminder`` first in an education-only session."""
    notes = [clean_line(note, width) for note in guidance if note.strip()]
    if education_only:
        notes.insert(0, reminder)
    return [f"Note: {note}" for note in notes]


def build_prompt(
    message: str,
    products: Sequence[Product],
    history: Sequence[Turn] = (),
    *,
    education_only: bool = False,
    guidance: Sequence[str] = (),
    max_products: int = 3,
    language: str = "en",
) -> str:
    """The whole prompt for one reply: the fixed prefix plus the live tail. A French turn
    (``language="fr"``) gets the French prefix and facts of :mod:`weedgo.pipeline.prompt_fr`
    in the same layout, so the stop sequences hold."""
    with_price = not education_only
    if language == "fr":
        from weedgo.pipeline import prompt_fr as fr

        prefix, greeting = fr.SYSTEM_PREFIX, "bonjour"
        facts = fr.products_block(products, max_products=max_products, with_price=with_price)
        notes = notes_block(guidance, education_only, reminder=fr.EDUCATION_ONLY, width=200)
    else:
        prefix, greeting = SYSTEM_PREFIX, "hello"
        facts = _products_block(products, max_products=max_products, with_price=with_price)
        notes = notes_block(guidance, education_only, reminder=EDUCATION_ONLY)
    question = clean_line(message, _MAX_MESSAGE_CHARS) or greeting
    tail = [SECTION_MARK, *facts, *notes, *_history_lines(history)]
    tail += [f"{CUSTOMER_LABEL} {question}", ASSISTANT_CUE]
    return prefix + "\n".join(tail)


def prompt_version(language: str) -> str:
    """The version of the prompt a turn in ``language`` gets (for cache keys)."""
    if language == "fr":
        from weedgo.pipeline import prompt_fr as fr_prompt

        return f"{PROMPT_VERSION}-{fr_prompt.FR_VERSION}"
    return PROMPT_VERSION
