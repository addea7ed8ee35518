"""The model's prompt for a French turn: the same layout as the English one
(:mod:`weedgo.pipeline.prompt`), with French rules, French worked examples and the found
products' facts written the French way ("32,99 $", "20-23 % de THC").

The layout labels (``Products:``, ``Customer:``, ``Assistant:``, ``###``) stay as in
English, so the configured stop sequences end a French reply too. The French prefix is
fixed as well, so the engine reuses its KV cache from one French request to the next.
"""

from __future__ import annotations

from collections.abc import Sequence

from weedgo.domain import Product, StrainType
from weedgo.i18n import fr_catalog
from weedgo.pipeline import prompt as P

FR_VERSION = "fr1"

_RULES = (
    "Leaf, un conseiller amical et honnête d'une boutique de cannabis autorisée, répond en "
    "français en 1 à 3 phrases courtes, nomme seulement les produits listés avec leur prix "
    "et leur THC exacts, et ne fait aucune allégation santé."
)
_EXAMPLES = (
    "###\n"
    "Products:\n"
    "- Maple Haze de North Co, fleur séchée indica (détente), 20-23 % de THC, 32,99 $ pour 3,5 g\n"
    "Customer: est-ce que ça va régler mon mal de dos?\n"
    "Assistant: Je ne peux rien promettre côté santé, mais Maple Haze de North Co est une fleur "
    "séchée indica relaxante à 20-23 % de THC, 32,99 $ pour 3,5 g.\n"
    "\n"
    "###\n"
    "Products:\n"
    "- Berry Chews de Wana, comestible (bonne humeur), 5 mg de THC, 7,95 $ pour 2 pack\n"
    "- Sun Drop de Tweed, préroulé sativa (énergie), 18 % de THC, 9,99 $ pour 1 g\n"
    "Customer: quelque chose de pas cher pis le fun?\n"
    "Assistant: Les Berry Chews de Wana sont à 7,95 $ pour 2 pack, avec 5 mg de THC. Sun Drop "
    "de Tweed est un préroulé sativa énergisant à 9,99 $.\n"
    "\n"
)
SYSTEM_PREFIX = f"# Budtender chats ({P.PROMPT_VERSION}-{FR_VERSION})\n{_RULES}\n\n{_EXAMPLES}"
NO_PRODUCTS = "- aucun produit ne correspond à cette question; offrir de l'aide pour autre chose"
EDUCATION_ONLY = "Éducation seulement : expliquer, ne rien vendre ni donner de prix."


def _potency(label: str, low: float, high: float, unit: str) -> str:
    if abs(high - low) < 0.05 or low <= 0:
        return f"{fr_catalog.number(max(low, high))} {unit} de {label}"
    return f"{fr_catalog.number(low)}-{fr_catalog.number(high)} {unit} de {label}"


def _kind(product: Product) -> str:
    noun = fr_catalog.NOUNS[product.category][0]
    if product.strain_type in (StrainType.NONE, StrainType.CBD):
        return noun
    return f"{noun} {fr_catalog.STRAINS[product.strain_type]}"


def _effect(name: str) -> str:
    phrase = fr_catalog.EFFECTS.get(name, name.lower())
    for article in ("à la ", "à l'", "au ", "aux "):
        if phrase.startswith(article):
            return phrase[len(article) :]
    return phrase


def _price(price: float, size: str) -> str:
    return fr_catalog.price(price) + (f" pour {size}" if size else "")


FRENCH_FACTS = P.FactWords(" de ", _kind, _effect, _potency, fr_catalog.size, _price)


def product_facts_line(product: Product, *, with_price: bool = True) -> str:
    """``- Nom de Marque, fleur séchée indica (détente), 18-21 % de THC, 34,99 $ pour 3,5 g``."""
    return P.facts_line(product, FRENCH_FACTS, with_price=with_price)


def products_block(
    products: Sequence[Product], *, max_products: int = 3, with_price: bool = True
) -> list[str]:
    """The prompt's ``Products:`` lines, written the French way."""
    shown = list(products)[:max_products]
    lines = [product_facts_line(p, with_price=with_price) for p in shown]
    return ["Products:", *(lines or [NO_PRODUCTS])]
