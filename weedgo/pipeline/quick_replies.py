"""Quick-reply chips: three or four next questions, from a pattern table (no model call).

Every chip is a message the keyword analyser understands ("Anything cheaper?" is a
follow-up, "Show me pre-rolls" a search). In education-only mode only education chips
are offered, never a product or price.
"""

from __future__ import annotations

from collections.abc import Sequence

from weedgo.domain import Category, Product, StrainType
from weedgo.domain.turn import Analysis, Intent
from weedgo.i18n.french import all_in_language

MAX_CHIPS = 4

EDUCATION_CHIPS = (
    "How long do edibles take to work?",
    "What's the difference between THC and CBD?",
    "What are terpenes?",
    "Is it legal to drive after using cannabis?",
)
GREETING_CHIPS = (
    "Show me indica for sleep",
    "What's good for beginners?",
    "Show me pre-rolls",
    "Edibles under $20",
)
NO_RESULT_CHIPS = (
    "Show me what's popular",
    "Anything under $30?",
    "What about edibles?",
    "Show me indica for sleep",
)
ASKING_CHIPS = (
    "What's the difference between THC and CBD?",
    "How long do edibles take to work?",
    "Show me low THC options",
    "Show me CBD products",
)
_CATEGORY_CHIPS = (
    (Category.PRE_ROLL, "Show me pre-rolls"),
    (Category.EDIBLE, "What about edibles?"),
    (Category.VAPE, "Show me vapes"),
    (Category.FLOWER, "Show me flower"),
)
_STRAIN_SWITCH = {
    StrainType.INDICA: "What about sativa?",
    StrainType.SATIVA: "What about indica?",
    StrainType.HYBRID: "What about indica?",
    StrainType.CBD: "What about hybrids?",
}


def _product_chips(analysis: Analysis) -> list[str]:
    """After products were shown: a follow-up, other formats, the first product, a strain switch."""
    alternatives = [chip for category, chip in _CATEGORY_CHIPS if category != analysis.category]
    price_chip = "Something stronger?" if analysis.wants_cheaper else "Anything cheaper?"
    chips = [price_chip, alternatives[0], "Tell me more about the first one", alternatives[1]]
    if analysis.strain_type in _STRAIN_SWITCH and analysis.category is None:
        chips[3] = _STRAIN_SWITCH[analysis.strain_type]
    return chips


def quick_replies(
    analysis: Analysis, products: Sequence[Product], *, education_only: bool = False
) -> list[str]:
    """Three or four chips for the next message, in the analysis's language."""
    if education_only:
        chips = list(EDUCATION_CHIPS)
    elif analysis.intent is Intent.GREETING:
        chips = list(GREETING_CHIPS)
    elif analysis.intent in (Intent.MEDICAL, Intent.DOSAGE, Intent.EDUCATION) and not products:
        chips = list(ASKING_CHIPS)
    elif products:
        chips = _product_chips(analysis)
    else:
        chips = list(NO_RESULT_CHIPS)
    return all_in_language(list(dict.fromkeys(chips))[:MAX_CHIPS], analysis.language)
