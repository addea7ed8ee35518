"""Flavours a training target may name: only those of the products in its prompt.

The teacher likes the word "sweet": it wrote it in a third of its sentences, for an
earthy, piney flower as for a gummy, and the adapter learns such a habit faster than
anything else. A target that names a flavour or aroma the prompt's product facts do not
give is an invented fact about the product, and is not taught. Words that only praise
("delicious", "flavourful", "smooth") name no flavour and pass. The teacher's other habits
are kept rare (:func:`fewer_habits`).
"""

from __future__ import annotations

import re

_CITRUS = ("citrus", "lemon", "lime", "orange", "grapefruit", "tangerine", "yuzu")
_BERRY = ("berry", "berries", "blueberry", "raspberry", "blackberry", "cranberry", "saskatoon")
_FRUIT = (
    *_CITRUS, *_BERRY, "grape", "mango", "pineapple", "cherry", "apple", "peach",
    "watermelon", "coconut", "strawberry", "fruit",
)  # fmt: skip

# Flavour words that only their own word in the facts grounds.
_SELF = (
    "sweet", "earthy", "pine", "grape", "vanilla", "skunk", "coffee", "mango", "pepper",
    "cherry", "pungent", "lavender", "mint", "eucalyptus", "strawberry", "apple", "caramel",
    "peach", "yuzu", "cedar", "rose", "maple", "watermelon", "espresso", "cola", "herbal",
    "coconut", "ginger", "diesel", "sour", "honey", "smoky", "nutty", "buttery", *_CITRUS,
)  # fmt: skip

# A flavour word of a target, and the words of the facts, any one of which grounds it.
GROUNDS: dict[str, tuple[str, ...]] = {
    **{word: (word,) for word in _SELF},
    "berry": _BERRY,
    "berries": _BERRY,
    "citrus": _CITRUS,
    "citrusy": _CITRUS,
    "zesty": _CITRUS,
    "tangy": (*_CITRUS, "sour"),
    "tart": (*_CITRUS, "sour", "cranberry"),
    "fruity": _FRUIT,
    "juicy": _FRUIT,
    "tropical": ("mango", "pineapple", "coconut", "tropical"),
    "minty": ("mint", "eucalyptus"),
    "piney": ("pine",),
    "peppery": ("pepper",),
    "spicy": ("pepper", "ginger", "spicy"),
    "floral": ("lavender", "rose", "floral"),
    "woody": ("cedar", "pine", "woody"),
    "creamy": ("vanilla", "milk", "caramel", "cream"),
    "cream": ("vanilla", "milk", "caramel", "cream"),
    "chocolate": ("chocolate", "dark", "milk"),
    "candy": ("sweet", "candy"),
    "sugary": ("sweet",),
    "honey": ("honey",),
}
_WORDS = re.compile(r"[a-z]+")

# The teacher's habits: turns of phrase it put in many of its sentences, which the adapter
# then writes for nearly every product ("... that's both effective and affordable" in a
# fifth of its replies). Of the targets with one, one in HABIT_SHARE stays.
HABITS = (
    re.compile(r"\bboth\b[^.]*\band\b", re.IGNORECASE),
    re.compile(r"\bversatile\b", re.IGNORECASE),
    re.compile(r"\bperfect\b", re.IGNORECASE),
    re.compile(r"\brefreshing\b", re.IGNORECASE),
)
HABIT_SHARE = 4


def product_facts(prompt: str) -> str:
    """The prompt without the customer's words: what it says of the products."""
    return "\n".join(
        line for line in prompt.lower().splitlines() if not line.startswith("customer:")
    )


def untrue_flavour(target: str, prompt: str) -> str | None:
    """The first flavour ``target`` names that the prompt's product facts do not give."""
    facts = set(_WORDS.findall(product_facts(prompt)))
    for word in _WORDS.findall(target.lower()):
        grounds = GROUNDS.get(word)
        if grounds is not None and not facts.intersection(grounds):
            return word
    return None


def fewer_habits(targets: list[str]) -> list[bool]:
    """Which targets to keep: every one without a habit, and of those with one, every
    :data:`HABIT_SHARE`-th time that habit appears (the first kept), in order."""
    seen = [0] * len(HABITS)
    keep: list[bool] = []
    for target in targets:
        ok = True
        for index, habit in enumerate(HABITS):
            if habit.search(target):
                ok = ok and seen[index] % HABIT_SHARE == 0
                seen[index] += 1
        keep.append(ok)
    return keep
