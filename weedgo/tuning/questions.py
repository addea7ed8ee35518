"""Training questions for the budtender adapter, generated from the catalog.

The questions are made from phrase tables and the catalog's own names, effects and
flavours, with a fixed seed, so the same catalog always gives the same set. None of them
may be a question of the held-out quality set (:mod:`weedgo.quality.questions`): the
adapter is scored on questions it has never seen, and :func:`training_questions` drops
any text that the held-out set holds, after normalising case, spaces and punctuation.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from weedgo.domain import Category, Product, StrainType

# How customers name a category, singular and plural (slang included).
CATEGORY_WORDS: dict[Category, tuple[tuple[str, str], ...]] = {
    Category.FLOWER: (("flower", "flower"), ("strain", "strains"), ("bud", "bud")),
    Category.PRE_ROLL: (("pre-roll", "pre-rolls"), ("joint", "joints"), ("preroll", "prerolls")),
    Category.VAPE: (("vape", "vapes"), ("cart", "carts"), ("vape pen", "vape pens")),
    Category.CONCENTRATE: (("concentrate", "concentrates"), ("dab", "dabs"), ("hash", "hash")),
    Category.EDIBLE: (("edible", "edibles"), ("gummy", "gummies"), ("chocolate", "chocolates")),
    Category.BEVERAGE: (("drink", "drinks"), ("beverage", "beverages"), ("soda", "sodas")),
    Category.OIL: (("oil", "oils"), ("tincture", "tinctures")),
    Category.CAPSULE: (("capsule", "capsules"), ("softgel", "softgels")),
    Category.TOPICAL: (("topical", "topicals"), ("lotion", "lotions"), ("balm", "balms")),
    Category.ACCESSORY: (("grinder", "grinders"), ("rolling papers", "rolling papers")),
}

STRAIN_WORDS = {
    StrainType.INDICA: ("indica", "indica-leaning"),
    StrainType.SATIVA: ("sativa", "sativa-leaning"),
    StrainType.HYBRID: ("hybrid", "balanced hybrid"),
    StrainType.CBD: ("cbd", "high cbd"),
}

# An effect of the catalog and the words a customer uses for it.
EFFECT_WORDS = {
    "Relaxed": ("relaxing", "chill", "mellow", "laid-back"),
    "Happy": ("happy", "cheerful", "feel-good"),
    "Euphoric": ("euphoric", "blissful"),
    "Uplifted": ("uplifting", "upbeat"),
    "Sleepy": ("sleepy", "heavy", "couch-lock"),
    "Creative": ("creative", "inspiring"),
    "Energetic": ("energetic", "lively"),
    "Focused": ("focused", "clear-headed"),
    "Hungry": ("munchies",),
    "Talkative": ("social", "chatty"),
    "Giggly": ("giggly", "fun"),
}

# Occasions, with the effects a customer asking for them likely wants.
OCCASIONS = (
    ("a movie night", ("Relaxed", "Sleepy", "Happy")),
    ("a hike", ("Energetic", "Uplifted", "Focused")),
    ("a concert", ("Euphoric", "Energetic", "Happy")),
    ("after work", ("Relaxed", "Happy")),
    ("a party", ("Talkative", "Happy", "Euphoric")),
    ("a lazy sunday", ("Relaxed", "Sleepy")),
    ("a camping trip", ("Relaxed", "Happy", "Uplifted")),
    ("game night", ("Happy", "Talkative", "Focused")),
    ("painting", ("Creative", "Focused")),
    ("writing", ("Creative", "Focused")),
    ("a date night", ("Happy", "Euphoric", "Relaxed")),
    ("the weekend", ("Happy", "Relaxed", "Uplifted")),
    ("a beach day", ("Uplifted", "Happy", "Energetic")),
    ("cleaning the house", ("Energetic", "Focused")),
    ("a long walk", ("Uplifted", "Creative")),
    ("bedtime", ("Sleepy", "Relaxed")),
    ("a road trip as a passenger", ("Happy", "Talkative")),
    ("listening to music", ("Euphoric", "Creative", "Relaxed")),
    ("a dinner party", ("Talkative", "Happy")),
    ("winding down", ("Relaxed", "Sleepy")),
    ("the morning", ("Energetic", "Focused", "Uplifted")),
    ("a rainy day", ("Relaxed", "Happy")),
)

PRICES = (15, 20, 25, 30, 35, 40, 50, 60)

SEARCH_FORMS = (
    "any {strain} {cats}?",
    "{strain} {cats}",
    "got any {strain} {cats}",
    "show me your {strain} {cats}",
    "{cats} under ${price}",
    "any {strain} {cat} under ${price}?",
    "cheapest {cat} you have",
    "something strong in a {cat}",
    "a {effect} {cat}",
    "{effect} {cats}",
    "do you carry {cats}",
    "looking for {cats} with {flavour} flavour",
    "{flavour} {cats}?",
    "what {cats} do you have",
    "{strain} {cat} that tastes like {flavour}",
    "mild {cats} for a beginner",
    "{cats} around ${price}",
)

RECOMMEND_FORMS = (
    "something {effect} for {occasion}",
    "what would you suggest for {occasion}",
    "recommend a {cat} for {occasion}",
    "best {cat} for {occasion}?",
    "need a {strain} {cat} for {occasion}",
    "i want something {effect}",
    "suggest a {effect} {cat}",
    "what's good for {occasion}",
    "pick me a {cat} for {occasion}",
    "i'm new to this, what {cat} should i try",
    "something {effect} but not too strong",
    "a {cat} to share with friends",
    "what {strain} do you recommend",
    "help me choose a {cat}",
)

NAMED_FORMS = (
    "do you have {name}?",
    "tell me about {name}",
    "how much is {name}",
    "is {name} an indica or a sativa?",
    "{name} price",
    "what does {name} taste like",
    "got {name} in stock?",
    "what's {name} like",
    "how strong is {name}",
    "{name}",
    "any {name} left",
    "can i get {name}",
)


@dataclass(frozen=True)
class TrainingQuestion:
    """One generated question and the kind of request it makes."""

    text: str
    kind: str  # "search", "recommend" or "named"


def normalise_question(text: str) -> str:
    """Lower case, letters and digits only, single spaces: how two questions compare."""
    return " ".join(re.sub(r"[^a-z0-9$]+", " ", text.lower()).split())


def _words(rng: random.Random, product: Product) -> dict[str, str]:
    pairs = CATEGORY_WORDS[product.category]
    cat, cats = rng.choice(pairs)
    strain = rng.choice(STRAIN_WORDS.get(product.strain_type, ("",)))
    effects = [effect for effect in product.effects if effect in EFFECT_WORDS] or ["Happy"]
    effect = rng.choice(EFFECT_WORDS[rng.choice(effects)])
    flavour = (rng.choice(product.flavors) if product.flavors else "sweet").lower()
    fitting = [o for o, wanted in OCCASIONS if set(wanted) & set(product.effects)]
    occasion = rng.choice(fitting or [o for o, _ in OCCASIONS])
    price = min((p for p in PRICES if p >= product.price), default=PRICES[-1])
    return {
        "cat": cat,
        "cats": cats,
        "strain": strain,
        "effect": effect,
        "flavour": flavour,
        "occasion": occasion,
        "price": str(price),
        "name": product.name.lower() if rng.random() < 0.5 else product.name,
    }


def _fill(form: str, words: dict[str, str]) -> str:
    text = form.format(**words)
    return " ".join(text.split())


def generate(products: Sequence[Product], *, count: int, seed: int = 7) -> list[TrainingQuestion]:
    """``count`` distinct questions (fewer if the phrase tables run out), each built
    around a product of the catalog so that the words fit what the store sells."""
    rng = random.Random(seed)
    sellable = [p for p in products if p.category in CATEGORY_WORDS]
    tables: tuple[tuple[str, tuple[str, ...], float], ...] = (
        ("search", SEARCH_FORMS, 0.45),
        ("recommend", RECOMMEND_FORMS, 0.35),
    )
    seen: set[str] = set()
    out: list[TrainingQuestion] = []
    attempts = 0
    while len(out) < count and attempts < count * 20:
        attempts += 1
        product = rng.choice(sellable)
        words = _words(rng, product)
        roll = rng.random()
        kind: str = "named"
        forms: tuple[str, ...] = NAMED_FORMS
        for name, table, share in tables:
            if roll < share:
                kind, forms = name, table
                break
            roll -= share
        text = _fill(rng.choice(forms), words)
        key = normalise_question(text)
        if key in seen:
            continue
        seen.add(key)
        out.append(TrainingQuestion(text, kind))
    return out


def training_questions(
    products: Sequence[Product], held_out: Iterable[str], *, count: int, seed: int = 7
) -> list[TrainingQuestion]:
    """:func:`generate`'s questions without any that the held-out set holds."""
    banned = {normalise_question(text) for text in held_out}
    return [
        q
        for q in generate(products, count=count + len(banned), seed=seed)
        if normalise_question(q.text) not in banned
    ][:count]
