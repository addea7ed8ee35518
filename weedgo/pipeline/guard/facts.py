"""What the shown cards allow a reply to say: their names, brands, prices, potencies and
sizes, and the names of the rest of the catalog, which a reply may not use.

:class:`Facts` is built once per reply from the found products; the sentence checks
(:mod:`.sentence`) and the stream (:mod:`.stream`) read it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from weedgo.domain import Product
from weedgo.text import normalise, strip_sizes


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that open an ordinary sentence ("Try", "Voici"), not a name.
STARTERS = _words(
    """
    try our the this that these those here there if for you your we i it its it's a an and
    or but with at in on as both each also check consider grab pick go get enjoy looking how
    what which yes no sure great good nice awesome perfect absolutely definitely hi hello
    hey welcome thanks thank please my since because when while then so customers many some
    most all either another other one two three tap just if you're we've i'd i'm sorry
    unfortunately edibles start wait remember keep note
    essayez voici voilà le la les un une des nous vous je j'ai c'est pour avec et mais ou si
    bonjour salut merci désolé malheureusement oui non bien super parfait excellent plusieurs
    quelques chaque aussi commencez attendez gardez notez ce cette ces ça il elle on en dans
    de du côté pas selon
    """
)
# Words a reply may capitalise anywhere without naming a product ("THC", "Ontario").
ORDINARY = _words(
    """
    i i'm i'd i've i'll thc cbd cbn cad usd mg ok indica sativa hybrid dominant relaxed
    sleepy happy euphoric uplifted creative energetic focused hungry talkative giggly tingly
    aroused flower pre-roll pre-rolls vape vapes edible edibles concentrate oil capsule
    topical beverage accessory canada health ontario quebec alberta british columbia monday
    tuesday wednesday thursday friday saturday sunday hybride fleur fleurs préroulé
    préroulés vapoteuse vapoteuses comestible comestibles huile boisson concentré québec
    santé lundi mardi mercredi jeudi vendredi samedi dimanche
    """
)
SAFE_MG = (2.5,)  # the "start low" figure of the responsible-use guidance
_PIECES = re.compile(r"\s*(\d+)\s*(?:x\s*)?(?!g\b|mg\b|ml\b)[a-z]", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class Facts:
    """The found products as the guard reads them, and the catalog's other names."""

    def __init__(
        self, products: Sequence[Product], catalog_names: Collection[str], education_only: bool
    ) -> None:
        self.products = list(products)
        self.education_only = education_only
        self.names: dict[str, list[Product]] = {}
        for product in self.products:
            for key in name_keys(product.name):
                self.names.setdefault(key, []).append(product)
        self.brands = {normalise(p.brand) for p in self.products if p.brand}
        allowed = " | ".join([*self.names, *self.brands])
        facts = [w for p in self.products for w in (*p.flavors, *p.effects, *p.terpenes)]
        self.vocab = set(f"{allowed} {normalise(' '.join(facts))}".split()) - {"|"}
        self.others = {
            name
            for name in _normalised(frozenset(catalog_names))
            if name and not contains(allowed, name)
        }
        self.longest = max((len(n.split()) for n in self.others), default=0)
        self.labels = sorted(self.names) + sorted(self.brands)
        self.prices = set() if education_only else {canonical(str(p.price)) for p in products}
        self.sizes = {canonical(n) for p in self.products for n in _NUMBER.findall(p.size)}
        self.mask = _label_mask(self.products)

    def masked(self, sentence: str) -> str:
        """The sentence with the found names and brands as "the product" ("Relief Balm"
        is a name, not a claim)."""
        return self.mask.sub("the product", sentence) if self.mask else sentence

    def named_products(self, text: str) -> list[Product]:
        normal = normalise(text)
        return [p for key, items in self.names.items() if contains(normal, key) for p in items]

    def mentions_found(self, sentence: str) -> bool:
        normal = normalise(sentence)
        return any(contains(normal, key) for key in (*self.names, *self.brands))

    def known_words(self, words: list[str]) -> bool:
        """Whether every word is of a found name, brand or fact, or an ordinary word."""
        normal = normalise(" ".join(words)).split()
        return all(w in self.vocab or w in ORDINARY for w in normal)

    def completes_other(self, words: list[str]) -> bool:
        """Whether the last words of ``words`` (normalised) are another product's name of
        two or more words ("jack" is not yet one, "jack herer" is)."""
        for size in range(2, min(self.longest, len(words)) + 1):
            if " ".join(words[-size:]) in self.others:
                return True
        return False

    def starts_label(self, phrase: str) -> bool:
        """Whether the normalised ``phrase`` is a found name or brand, or begins one."""
        return bool(phrase) and any(
            label == phrase or label.startswith(phrase + " ") for label in self.labels
        )


def contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def name_keys(name: str) -> set[str]:
    """The name as written and without sizes ("Blue Dream 3.5g" -> "blue dream")."""
    keys = {normalise(name), normalise(strip_sizes(name))}
    return {key for key in keys if key and not all(w in ORDINARY for w in key.split())}


@lru_cache(maxsize=4)
def _normalised(names: frozenset[str]) -> tuple[str, ...]:
    """The catalog's names, normalised once per catalog (the set is the cache key)."""
    return tuple({normalise(name) for name in names})


def _label_mask(products: Sequence[Product]) -> re.Pattern[str] | None:
    labels = sorted(
        {p.name for p in products} | {p.brand for p in products if p.brand},
        key=len,
        reverse=True,
    )
    if not labels:
        return None
    return re.compile("|".join(re.escape(label) for label in labels), re.IGNORECASE)


def value(number: str) -> float:
    """ "14,8" or "14.8" -> 14.8."""
    return float(number.replace(",", "."))


def canonical(number: str) -> str:
    """A number as the stream compares it: "39.990" and "39.99" are the same."""
    return f"{value(number):.2f}".rstrip("0").rstrip(".")


def ranges(product: Product) -> list[tuple[str, float, float]]:
    """THC and CBD ranges, per package and, for "N pieces" in mg, per piece."""
    found = [("thc", product.thc_min, product.thc_max), ("cbd", product.cbd_min, product.cbd_max)]
    found = [(name, min(low, high), max(low, high)) for name, low, high in found]
    pieces = _PIECES.match(product.size) if product.potency_unit == "mg" else None
    count = int(pieces.group(1)) if pieces else 1
    if count > 1:
        found += [(name, low / count, high / count) for name, low, high in found]
    return found
