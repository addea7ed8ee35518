"""One-sentence product pitches built from catalog facts only, with no model call.

``pitch_for(product)`` fills one of a few templates with the product's name, strain type,
THC / CBD (with the catalog's unit), size, price, and either how customers describe it
(its effects) or its flavours. The template is chosen by a stable hash of the product
id, so a product always gets the same wording and a list of cards does not read as one
sentence repeated. Pitches never make claims: effects are "how customers describe it".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from weedgo.domain import Category, Product, StrainType
from weedgo.domain.turn import Analysis
from weedgo.i18n import fr_catalog

_NOUNS = {
    Category.FLOWER: "flower",
    Category.PRE_ROLL: "pre-roll",
    Category.VAPE: "vape",
    Category.CONCENTRATE: "concentrate",
    Category.EDIBLE: "edible",
    Category.BEVERAGE: "drink",
    Category.OIL: "oil",
    Category.CAPSULE: "capsule",
    Category.TOPICAL: "topical",
    Category.ACCESSORY: "accessory",
}
_STRAIN_WORDS = {
    StrainType.INDICA: "indica",
    StrainType.SATIVA: "sativa",
    StrainType.HYBRID: "hybrid",
    StrainType.CBD: "CBD-dominant",
}


def _number(value: float) -> str:
    return f"{value:g}"


def kind(product: Product) -> str:
    """ "an indica flower", "a CBD-dominant oil", "a vape"."""
    words = " ".join(
        part
        for part in (_STRAIN_WORDS.get(product.strain_type, ""), _NOUNS[product.category])
        if part
    )
    return f"{'an' if words[0] in 'aeiouAEIOU' else 'a'} {words}"


def potency(product: Product) -> str:
    """ "20-24% THC", "10 mg THC and 10 mg CBD", or "" for a product without cannabinoids."""
    unit = "%" if product.potency_unit == "%" else " mg"
    parts: list[str] = []
    for label, low, high in product.shown_potencies():
        figure = _number(high) if low in (0, high) else f"{_number(low)}-{_number(high)}"
        parts.append(f"{figure}{unit} {label}")
    return " and ".join(parts)


def _effects(product: Product, analysis: Analysis | None) -> str:
    wanted = [e for e in (analysis.effects if analysis else []) if e in product.effects]
    chosen = (wanted + [e for e in product.effects if e not in wanted])[:2]
    if not chosen:
        return ""
    return "customers describe it as " + " and ".join(e.lower() for e in chosen)


def _flavours(product: Product) -> str:
    names = [f.lower() for f in product.flavors[:2]]
    return f"with notes of {' and '.join(names)}" if names else ""


def _offer(product: Product, show_price: bool) -> str:
    price = f"${product.price:.2f}" if show_price else ""
    if product.size and price:
        return f"{product.size} for {price}"
    return product.size or price


def _stable(product_id: str, modulo: int) -> int:
    digest = hashlib.sha1(product_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % modulo


_Template = Callable[[str, str, str, str, str], str]
_TEMPLATES: tuple[_Template, ...] = (
    lambda name, kind, pot, offer, detail: (
        f"{name} is {kind}" + (f" with {pot}" if pot else "") + (f", {offer}" if offer else "")
        + (f"; {detail}" if detail else "") + "."
    ),
    lambda name, kind, pot, offer, detail: (
        f"Try {name}, {kind}" + (f" at {pot}" if pot else "") + (f" ({offer})" if offer else "")
        + (f", {detail}" if detail else "") + "."
    ),
    lambda name, kind, pot, offer, detail: (
        f"{name}" + (f" comes in {offer}" if offer else " is on the menu") + f": {kind}"
        + (f" with {pot}" if pot else "") + (f", {detail}" if detail else "") + "."
    ),
)  # fmt: skip


def pitch_for(
    product: Product, analysis: Analysis | None = None, *, show_price: bool = True
) -> str:
    """One short sentence about ``product`` from its catalog facts, in the analysis's language."""
    choice = _stable(product.id, len(_TEMPLATES) * 2)
    if analysis is not None and analysis.language == "fr":
        return fr_catalog.pitch(product, choice, analysis.effects, show_price)
    details = [_effects(product, analysis), _flavours(product)]
    detail = details[choice % 2] or details[1 - choice % 2]
    template = _TEMPLATES[choice // 2]
    return template(
        product.name, kind(product), potency(product), _offer(product, show_price), detail
    )
