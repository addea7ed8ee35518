"""What a customer states beyond category and strain: orderings, formats, terpenes, aromas.

:func:`read_constraints` finds these fields of an :class:`~weedgo.domain.turn.Analysis`:

* ``sort``: "strongest" (``thc_desc``), "mildest" (``thc_asc``), "cheapest" (``price_asc``),
  "priciest" (``price_desc``). The catalog has no sales or arrival figures, so "most
  popular" and "newest" name no ordering: nothing may pretend to know them.
* ``best_value``: "best value", "bang for the buck": the lowest price per gram, among
  products sold by weight.
* ``category`` and ``subcategory`` from a format word: "hash", "rosin", "cart", "510",
  "softgel", "bath bomb", "lotion"... (a piece of the catalog's subcategory, any case).
* ``terpenes`` by name ("myrcene") and ``flavors`` from aroma words ("citrus", "piney").
* ``potency_unit``: bounds in mg (per can, capsule, package or mL, as the card shows)
  for edibles, drinks, oils, capsules and topicals, or when the customer writes "mg".
* ``asks_for_missing``: "do you have X?" where X names nothing in the catalog.

Each also returns the words it used, so that they do not become free search text.
"""

from __future__ import annotations

import re
from typing import Any

from weedgo.domain import Category, SortOrder
from weedgo.domain.turn import Analysis
from weedgo.pipeline import vocabulary as V


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


SORTS: tuple[tuple[re.Pattern[str], SortOrder], ...] = (
    (_rx(r"\bstrongest\b|\bmost\s+(?:potent|thc|powerful)\b|\bhighest\s+(?:thc|potency)\b"
         r"|\bhardest[\s-]hitting\b|\bstrongst\b|\bstrongist\b"), "thc_desc"),
    (_rx(r"\bmildest\b|\bweakest\b|\bgentlest\b|\blowest\s+(?:thc|potency)\b"
         r"|\bleast\s+(?:potent|thc|strong)\b"), "thc_asc"),
    (_rx(r"\bcheapest\b|\bchepest\b|\blowest\s+price[ds]?\b|\bleast\s+expensive\b"
         r"|\bmost\s+affordable\b|\bcheapo?est\b"), "price_asc"),
    (_rx(r"\bpriciest\b|\bpricie?st\b|\bmost\s+expensive\b|\bhighest\s+price[ds]?\b"
         r"|\btop[\s-]shelf\b"), "price_desc"),
)  # fmt: skip
FORMATS = (
    (_rx(r"\blive\s+resin\b|\bresin\b"), Category.CONCENTRATE, "resin"),
    (_rx(r"\bhash(?:ish)?\b"), Category.CONCENTRATE, "hash"),
    (_rx(r"\bkief\b"), Category.CONCENTRATE, "kief"),
    (_rx(r"\brosin\b"), Category.CONCENTRATE, "rosin"),
    (_rx(r"\bshatter\b"), Category.CONCENTRATE, "shatter"),
    (_rx(r"\bwax\b"), Category.CONCENTRATE, "wax"),
    (_rx(r"\bcarts?\b|\bcartridges?\b|\b510\b"), Category.VAPE, "cartridge"),
    (_rx(r"\bdisposables?\b"), Category.VAPE, "disposable"),
    (_rx(r"\bsoft\s*gels?\b"), Category.CAPSULE, "softgel"),
    (_rx(r"\bsprays?\b"), Category.OIL, "spray"),
    (_rx(r"\bbath\s+bombs?\b|\bbath\b"), Category.TOPICAL, "bath"),
    (_rx(r"\blotions?\b"), Category.TOPICAL, "lotion"),
    (_rx(r"\bbalms?\b"), Category.TOPICAL, "balm"),
    (_rx(r"\bgumm(?:y|ies)\b|\bgummie\b"), Category.EDIBLE, "gumm"),
    (_rx(r"\bchocolates?\b"), Category.EDIBLE, "chocolate"),
    (_rx(r"\biced\s+teas?\b|\bteas?\b"), Category.BEVERAGE, "tea"),
    (_rx(r"\bsodas?\b"), Category.BEVERAGE, "soda"),
    (_rx(r"\blemonades?\b"), Category.BEVERAGE, "lemonade"),
    (_rx(r"\bsparkling\s+water\b|\bseltzers?\b"), Category.BEVERAGE, "sparkling"),
    (_rx(r"\binfused\s+(?:pre[\s-]?rolls?|prerolls?|joints?)\b"), Category.PRE_ROLL, "infused"),
    (_rx(r"\btinctures?\b"), Category.OIL, None),
)
TERPENES = ("myrcene", "limonene", "pinene", "caryophyllene", "humulene", "linalool",
            "ocimene", "terpinolene", "bisabolol", "nerolidol")  # fmt: skip
TERPENE = _rx(r"\b(" + "|".join(TERPENES) + r")\b")
AROMAS = (
    (_rx(r"\bcitrus(?:y)?\b|\blemon(?:s|y)?\b|\blimes?\b|\boranges?\b|\bzesty\b"),
     ("citrus", "lemon", "lime", "orange", "tangerine", "grapefruit", "yuzu")),
    (_rx(r"\bpine(?:y)?\b|\bpiney\b|\bpiny\b"), ("|pine|", "cedar")),
    (_rx(r"\bearthy\b|\bearthiness\b"), ("earthy",)),
    (_rx(r"\bskunk(?:y)?\b|\bfunky\b|\bpungent\b|\bgassy\b|\bgas\b"),
     ("skunk", "pungent", "diesel")),
    (_rx(r"\bsweet\b|\bsugary\b"), ("sweet",)),
    (_rx(r"\bdiesel\b|\bfuel\b"), ("diesel", "pungent")),
    (_rx(r"\bfruit(?:s|y|ier)?\b|\bcandy\b|\bcandies\b"),
     ("berry", "grape", "mango", "orange", "lime", "pineapple", "cherry", "strawberry",
      "peach", "apple", "watermelon", "tangerine", "grapefruit", "lemon", "citrus", "yuzu")),
    (_rx(r"\bberr(?:y|ies)\b"), ("berry",)),
    (_rx(r"\bgrape[sy]?\b"), ("grape",)),
    (_rx(r"\bminty?\b"), ("mint",)),
    (_rx(r"\bvanilla\b"), ("vanilla",)),
    (_rx(r"\bcoffee\b"), ("coffee", "espresso")),
    (_rx(r"\bspicy\b|\bpeppery\b"), ("pepper", "spic")),
    (_rx(r"\bfloral\b|\blavender\b"), ("floral", "lavender", "rose")),
)  # fmt: skip
BEST_VALUE = _rx(
    r"\bbest\s+(?:value|deal|bang)\b|\bgood\s+value\b|\bbang\s+for\s+(?:the|your|my|ur)\s+bucks?\b"
    r"|\bmost\s+for\s+(?:the|my|your)\s+money\b|\bvalue\s+for\s+money\b|\bprice\s+per\s+gram\b"
)
MG_UNIT = _rx(r"\d\s*(?:mg|milligrams?)\b")
CARRY = _rx(
    r"\bdo\s+(?:you|u|ya)\s+(?:guys\s+)?(?:have|carry|sell|stock|got)\b|\bgot\s+any\b"
    r"|\bis\s+there\s+(?:any|anything)\b|\bany\s+chance\s+(?:you|u)\s+have\b|\bin\s+stock\b"
    r"|\blooking\s+for\b|\bcan\s+i\s+(?:get|buy)\b"
)


COUNTER = _rx(  # what a customer asks at the counter: a product question, never refused
    r"\btaste[sd]?\b|\btasting\b|\bflavou?rs?\b|\bsmells?\b|\baromas?\b|\bscents?\b|\bsmooth\b"
    r"|\bharsh\b|\bthroat\b|\bgifts?\b|\bpairs?\s+(?:well\s+)?with\b|\bwhat\s+would\s+you\s+"
    r"(?:get|buy|pick|try|choose)\b|\bwhere\s+(?:do|should)\s+i\s+start\b"
)


def _sort(text: str) -> SortOrder:
    return next((sort for pattern, sort in SORTS if pattern.search(text)), "relevance")


def _format(analysis: Analysis, text: str) -> tuple[Category | None, str | None]:
    """The category and subcategory piece a format word names ("vape cart")."""
    for pattern, category, piece in FORMATS:
        if pattern.search(text) and analysis.category in (None, category):
            return category, piece
    return analysis.category, analysis.subcategory


def _aromas(text: str) -> list[str]:
    pieces: list[str] = []
    for pattern, found in AROMAS:
        if pattern.search(text):
            pieces.extend(piece for piece in found if piece not in pieces)
    return pieces


def used_words(text: str) -> set[str]:
    """The words that the constraints of this module took from ``text``."""
    used: set[str] = set()
    patterns = [p for p, _ in SORTS] + [p for p, _, _ in FORMATS] + [p for p, _ in AROMAS]
    for pattern in [*patterns, TERPENE, BEST_VALUE]:
        for match in pattern.finditer(text):
            used.update(match.group(0).lower().split())
    return used


def read_constraints(analysis: Analysis, text: str) -> dict[str, Any]:
    """The ordering, format, terpene, aroma and unit fields that ``text`` gives
    ``analysis`` (for :func:`dataclasses.replace`)."""
    category, subcategory = _format(analysis, text)
    in_mg = category in V.MG_CATEGORIES or MG_UNIT.search(text) is not None
    return {
        "sort": _sort(text),
        "best_value": BEST_VALUE.search(text) is not None,
        "category": category,
        "subcategory": subcategory,
        "terpenes": [m.lower() for m in dict.fromkeys(TERPENE.findall(text))],
        "flavors": _aromas(text),
        "potency_unit": "mg" if in_mg else "%",
    }


def asks_for_missing(analysis: Analysis, text: str, keywords: list[str]) -> bool:
    """ "Do you have Gorilla Glue?": a name-like request that matched no catalog name."""
    if analysis.product_names or not keywords or not CARRY.search(text):
        return False
    stated = (analysis.category, analysis.strain_type, analysis.terpenes, analysis.flavors)
    return not any(stated) and not analysis.effects
