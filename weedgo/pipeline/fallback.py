"""The catalog-built reply, sent when the model's text is rejected, or the model is down or late.

``catalog_reply`` writes one to three sentences from the found products (their pitches)
or, without products, a short helpful line for the intent. Its sentences pass the
grounding guard by construction: every name, price and figure comes from the products.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from weedgo.compliance import responsible
from weedgo.domain import Category, Product
from weedgo.domain.turn import Analysis, Intent
from weedgo.i18n import fr_catalog
from weedgo.i18n.french import in_language
from weedgo.pipeline.pitches import pitch_for

GREETING = (
    "Hi! I can help you find flower, pre-rolls, vapes, edibles and more. "
    "What are you in the mood for?"
)
GREETING_EDUCATION = "Hi! I'm happy to answer general questions about cannabis and staying safe."
NO_PRODUCTS = (
    "I couldn't find a match for that in stock right now. Try a different category, "
    "strain type or a wider price range."
)
CATALOG_UNAVAILABLE = (
    "Our product catalog is unavailable right now, so I can't look up what's in stock or "
    "its prices. Please try again in a minute, or ask a member of our staff."
)
STORE_INFO = (
    "For store hours, location, pick-up and delivery, please check the store details on "
    "this page or ask a member of our staff."
)
EDUCATION = (
    "I can share general information about cannabis, how different products work and how "
    "to use them safely. What would you like to know?"
)
_FACTS = (
    (re.compile(r"indica|sativa|hybrid", re.I),
     "Indica, sativa and hybrid describe a plant's lineage; customers often describe indicas as "
     "relaxing and sativas as uplifting, but each product's THC, CBD and terpenes matter more."),
    (re.compile(r"thc|cbd", re.I),
     "THC is the compound that causes the high, while CBD does not cause one; products list "
     "both, so you can choose the balance you want."),
    (re.compile(r"terpene", re.I),
     "Terpenes are the aromatic compounds that give each strain its smell and flavour, like "
     "citrus, pine or earthy notes."),
)  # fmt: skip
_INGESTED = frozenset({Category.EDIBLE, Category.BEVERAGE, Category.CAPSULE, Category.OIL})


def _general(analysis: Analysis) -> str:
    """A line for a message that shows no products."""
    if analysis.intent is Intent.DOSAGE or analysis.category in _INGESTED:
        timing = responsible.EDIBLES_TIMING if analysis.category in _INGESTED else ""
        parts = (responsible.START_LOW, timing)
        return " ".join(in_language(part, analysis.language) for part in parts if part)
    topic = " ".join([*analysis.keywords, str(analysis.strain_type or "")])
    for pattern, fact in _FACTS:
        if pattern.search(topic):
            return fact
    return EDUCATION


def _without_products(analysis: Analysis, education_only: bool) -> str:
    intent = analysis.intent
    if intent is Intent.GREETING:
        return GREETING_EDUCATION if education_only else GREETING
    if intent is Intent.OUT_OF_SCOPE:
        return responsible.OUT_OF_SCOPE
    if intent is Intent.MEDICAL:
        return responsible.MEDICAL_ONLY
    if intent is Intent.STORE_INFO and not education_only:
        return STORE_INFO
    if education_only or intent in (Intent.EDUCATION, Intent.DOSAGE):
        return _general(analysis)
    return NO_PRODUCTS


def _also(products: Sequence[Product]) -> str:
    names = [p.name for p in products[1:3] if p.name != products[0].name]
    return f"You might also like {' or '.join(names)}." if names else ""


def catalog_reply(
    analysis: Analysis,
    products: Sequence[Product],
    *,
    education_only: bool = False,
    show_prices: bool = True,
) -> str:
    """A short reply built from the catalog alone (no model)."""
    french = analysis.language == "fr"
    if education_only or not products or analysis.intent is Intent.GREETING:
        return in_language(_without_products(analysis, education_only), analysis.language)
    first = pitch_for(products[0], analysis, show_price=show_prices)
    if analysis.refers_to_index is not None or analysis.intent is Intent.PRODUCT_INFO:
        return f"{first} {fr_catalog.TAP_ONE if french else 'Tap the card for details.'}"
    sentences = [first, fr_catalog.also(products) if french else _also(products)]
    sentences.append(fr_catalog.TAP_ANY if french else "Tap a card for the details.")
    return " ".join(s for s in sentences if s)
