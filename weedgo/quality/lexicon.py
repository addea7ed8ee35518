"""The word lists and patterns the rubric's checks use.

Kept apart from the checks so that a reader can see at a glance what each check looks for
and a new phrase joins a list without touching the logic.
"""

from __future__ import annotations

import re

from weedgo.compliance import responsible
from weedgo.domain import Category
from weedgo.quality import lexicon_fr as FR


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(patterns), re.IGNORECASE)


# A reply that doubts itself, or fills with enthusiasm it cannot mean.
HEDGES = _rx(
    r"\bnot\s+(?:so\s+|too\s+|quite\s+|100\s*%\s+)?(?:sure|certain)\b",
    r"\bI\s+(?:think|believe|guess|suppose|hope)\b",
    r"\bI(?:\s+do\s+not|\s+don'?t)\s+know\b|\bno\s+idea\b",
    r"\bI(?:'m|\s+am)\s+(?:unsure|confused|no\s+expert)\b",
    r"\bprobably\b|\bhopefully\b|\bcould\s+be\s+wrong\b|\bif\s+I'?m\s+not\s+mistaken\b",
    r"\bas\s+far\s+as\s+I\s+know\b|\bcan'?t\s+wait\b",
    r"\bI\s+(?:can(?:no|')?t|cannot)\s+promise\b",
    *FR.HEDGES,
)

# Prompt layout that leaked into the reply.
MARKUP = _rx(
    r"\b(?:customer|assistant|budtender|leaf|user)\s*:",
    r"#{2,}",
    r"<\s*/?\s*(?:end_of_turn|start_of_turn|eos|bos|pad|unk)\s*>",
    r"<\|[^>]*\|?>",
    r"(?:^|\n)\s*[-*]\s",
)

# Running down the store's own products.
DISPARAGING = _rx(
    r"\b(?:price|it|that|this)\s+is\s+too\s+(?:high|much|steep)\b",
    r"\btoo\s+(?:expensive|pricey|costly)\b|\boverpriced\b|\bnot\s+worth\b",
    r"\bwaste\s+of\s+(?:money|time)\b|\brip[\s-]?off\b",
    r"\b(?:low|poor|bad|cheap)[\s-]quality\b|\bmediocre\b|\bdisappointing\b",
    r"\b(?:is|are|tastes?|smells?|feels?)\s+(?:really\s+)?(?:bad|awful|terrible|gross|nasty|"
    r"disgusting|harsh)\b",
    r"\b(?:don'?t|do\s+not|never)\s+(?:buy|get|bother|try)\b|\bstay\s+away\b",
    r"\bavoid\s+(?:it|this|that|them|these|those)\b|\bnot\s+(?:very\s+)?good\b",
    r"\b(?:a\s+bit|a\s+little|kind\s+of|quite|rather|pretty|very)\s+(?:expensive|pricey|steep|"
    r"costly|weak|harsh)\b|\bnot\s+for\s+me\b",
    *FR.DISPARAGING,
)

# What the catalog cannot know: sales, stock movement, popularity, awards.
UNKNOWABLE = _rx(
    r"\b(?:most|very|super|really)\s+popular\b|\bpopular\s+(?:choice|pick|item|product)\b",
    r"\bbest[\s-]?sell(?:er|ers|ing)\b|\btop[\s-]?sell(?:er|ers|ing)\b",
    r"\bjust\s+(?:arrived|in|landed|dropped|restocked)\b|\bnew\s+arrivals?\b|\bbrand[\s-]new\b",
    r"\bfresh(?:ly)?\s+(?:in|arrived|stocked|restocked)\b|\bnew\s+(?:in|on\s+the\s+shelf)\b",
    r"\b(?:customer|fan|crowd|staff|store)\s+favou?rites?\b|\bstaff\s+picks?\b",
    r"\beveryone\s+(?:loves|likes)\b|\bflying\s+off\b|\bsell(?:s|ing)?\s+(?:out\s+)?fast\b",
    r"\bsells?\s+out\b|\blimited\s+(?:stock|supply)\b|\bonly\s+\d+\s+left\b|\blast\s+one\b",
    r"\bon\s+sale\b|\bdiscount(?:ed)?\b|\baward[\s-]winning\b|\bhighly\s+rated\b",
    r"\b(?:#|number\s+)1\b|\btrending\b|\bhigh\s+demand\b",
    # the budtender's own experience, or its friends': it has none
    r"\bI(?:'ve|\s+have)\s+(?:ever\s+)?(?:tried|had|smoked|used|taken)\b",
    r"\bmy\s+(?:friends?|favou?rite)\b|\bI\s+have\s+a\s+friend\b|\bfriends?\s+of\s+mine\b",
    *FR.UNKNOWABLE,
)

# Declining to answer.
REFUSALS = _rx(
    r"\bI\s+(?:can(?:no|')?t|am\s+unable\s+to|'m\s+unable\s+to|won'?t)\s+"
    r"(?:help|assist|answer|do\s+that|provide|recommend|suggest|show|discuss)\b",
    r"\bI\s+can\s+only\s+help\b|\bnot\s+able\s+to\s+help\b",
    r"\b(?:sorry|unfortunately)\b[^.!?]*\bcan(?:no|')?t\s+(?:help|assist|answer)\b",
    *FR.REFUSALS,
)

# Sentences the policy appends to replies; the length and refusal checks leave them out.
GUIDANCE = (
    responsible.START_LOW,
    responsible.EDIBLES_TIMING,
    responsible.NO_ALCOHOL,
    responsible.DRIVING,
    responsible.MEDICAL,
    *FR.GUIDANCE,
)

STRAIN_WORD = re.compile(
    r"\b(indica|sativa)[\s-]*(dominant|leaning|heavy)\b|\b(indica|sativa|hybrid)e?s?\b",
    re.IGNORECASE,
)
STRAIN_NOUN = re.compile(rf"\bstrains?\b|\b{FR.STRAIN_NOUN}\b", re.IGNORECASE)
PLANT_CATEGORIES = frozenset(
    {Category.FLOWER, Category.PRE_ROLL, Category.VAPE, Category.CONCENTRATE}
)

_KIND_WORDS: dict[Category, str] = {
    Category.FLOWER: r"flowers?|buds?|nugs?",
    Category.PRE_ROLL: r"pre[\s-]?rolls?|prerolls?|joints?|blunts?",
    Category.VAPE: r"vapes?|cartridges?|carts?|vape\s+pens?|disposables?",
    Category.CONCENTRATE: r"concentrates?|shatter|rosin|resin|hash|wax|dabs?|extracts?",
    Category.EDIBLE: r"edibles?|gumm(?:y|ies)|chocolates?|chews?|candy|candies",
    Category.BEVERAGE: r"drinks?|beverages?|sodas?|iced\s+teas?|lemonades?|seltzers?",
    Category.OIL: r"oils?|tinctures?",
    Category.CAPSULE: r"capsules?|softgels?|pills?",
    Category.TOPICAL: r"topicals?|lotions?|balms?|creams?|bath\s+bombs?",
}
KIND_WORDS: tuple[tuple[Category, re.Pattern[str]], ...] = tuple(
    (category, re.compile(rf"\b(?:{pattern}|{FR.KIND_WORDS[category.value]})\b", re.IGNORECASE))
    for category, pattern in _KIND_WORDS.items()
)
# A card may fairly be spoken of with another category's words: a pre-roll is rolled
# flower (and an infused one holds concentrate), a vape holds oil or resin, a massage oil
# is a topical, hash oil a concentrate, and an accessory serves what is smoked or vaped
# ("papers for your flower"), though it is no gummy, drink, oil, capsule or lotion.
ALSO_CALLED: dict[Category, frozenset[Category]] = {
    Category.PRE_ROLL: frozenset({Category.FLOWER, Category.CONCENTRATE}),
    Category.VAPE: frozenset({Category.OIL, Category.CONCENTRATE}),
    Category.TOPICAL: frozenset({Category.OIL}),
    Category.CONCENTRATE: frozenset({Category.OIL}),
    Category.ACCESSORY: frozenset(
        {Category.FLOWER, Category.PRE_ROLL, Category.CONCENTRATE, Category.VAPE}
    ),
}

# Words that describe a product's kind rather than name it: "Wet Dream" is what a
# customer calls "Wet Dream Vape Cartridge".
GENERIC_NAME_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        vape cartridge cart disposable pre roll rolls preroll prerolls infused live resin rosin
        shatter hash gummies gummy soft chews chocolate iced tea soda lemonade sparkling water
        oil softgels capsules body lotion bath bomb massage balm thc cbd 1:1 indica sativa hybrid
        """,
    )
)
