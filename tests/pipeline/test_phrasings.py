"""What customers write, and what the analyser must make of it: one row per phrasing.

Each row names only the fields it is about; every constraint kind is covered, written
with misspellings, slang, "$", "bucks", "%", "mg", and combined. Follow-ups that narrow
the previous turn are checked after merging with that turn.
"""

from __future__ import annotations

from typing import Any

import pytest

from weedgo.catalog.seed import demo_products
from weedgo.domain import Category, StrainType
from weedgo.domain.turn import PRODUCT_INTENTS, Intent
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.search import merge_follow_up, query_from_analysis

C, S = Category, StrainType
NAMES = sorted({p.name for p in demo_products()} | {p.brand for p in demo_products()})

ROWS: list[tuple[str, dict[str, Any]]] = [
    # --- price bounds ---------------------------------------------------------------------
    ("flower under $30", {"category": C.FLOWER, "max_price": 30.0}),
    ("anything under 20 bucks", {"max_price": 20.0}),
    ("pre rolls less than 15 dollars", {"category": C.PRE_ROLL, "max_price": 15.0}),
    ("vape $40 or less", {"category": C.VAPE, "max_price": 40.0}),
    ("edibles 10 bucks max", {"category": C.EDIBLE, "max_price": 10.0}),
    ("i only have $25", {"max_price": 25.0}),
    ("budget is 50", {"max_price": 50.0}),
    ("between $20 and $40", {"min_price": 20.0, "max_price": 40.0}),
    ("something $30-$50", {"min_price": 30.0, "max_price": 50.0}),
    ("20 to 30 bucks", {"min_price": 20.0, "max_price": 30.0}),
    ("over $100 flower", {"min_price": 100.0, "category": C.FLOWER}),
    ("at least 60 bucks", {"min_price": 60.0}),
    ("$45 and up", {"min_price": 45.0}),
    ("no more than $12 for a joint", {"max_price": 12.0, "min_price": None}),
    ("not more than 20% thc", {"max_thc": 20.0, "min_thc": None}),
    ("cheap weed", {"category": C.FLOWER, "max_price": 30.0}),
    ("cheap ounce", {"size": "28 g", "max_price": 150.0}),
    ("undr $30 indica", {"max_price": 30.0, "strain_type": S.INDICA}),
    ("up to 35 dollars", {"max_price": 35.0}),
    ("within $60", {"max_price": 60.0}),
    ("max 25 bucks sativa", {"max_price": 25.0, "strain_type": S.SATIVA}),
    # --- THC / CBD bounds in % ------------------------------------------------------------
    ("an indica under 18% thc", {"strain_type": S.INDICA, "max_thc": 18.0, "potency_unit": "%"}),
    ("over 25% thc", {"min_thc": 25.0}),
    ("at least 20 percent thc", {"min_thc": 20.0}),
    ("less than 15% thc flower", {"max_thc": 15.0, "category": C.FLOWER}),
    ("thc over 22", {"min_thc": 22.0}),
    ("thc under 12", {"max_thc": 12.0}),
    ("20% thc or more", {"min_thc": 20.0}),
    ("15% or less", {"max_thc": 15.0}),
    ("25%+ thc", {"min_thc": 25.0}),
    ("under 18 thc% sativa", {"max_thc": 18.0, "strain_type": S.SATIVA}),
    ("more than 10% cbd", {"min_cbd": 10.0}),
    ("high cbd flower", {"min_cbd": 10.0, "category": C.FLOWER}),
    ("high thc", {"min_thc": 20.0}),
    ("low thc please", {"max_thc": 15.0}),
    ("something mild", {"max_thc": 15.0}),
    ("not too strong", {"max_thc": 15.0}),
    ("lower thc stuff", {"max_thc": 15.0}),
    ("little thc, lots of cbd", {"max_thc": 15.0, "min_cbd": 10.0}),
    ("potent sativa", {"min_thc": 20.0, "strain_type": S.SATIVA}),
    ("hits hard", {"min_thc": 20.0}),
    # --- mg per unit ------------------------------------------------------------------------
    ("5 mg or less", {"max_thc": 5.0, "potency_unit": "mg"}),
    ("a 10 mg gummy", {"max_thc": 10.0, "potency_unit": "mg", "subcategory": "gumm"}),
    ("gummies under 5mg", {"max_thc": 5.0, "category": C.EDIBLE}),
    ("edibles no more than 10 mg", {"max_thc": 10.0, "min_thc": None, "category": C.EDIBLE}),
    ("drinks 2.5 mg or less", {"max_thc": 2.5, "category": C.BEVERAGE}),
    ("capsules under 10mg thc", {"max_thc": 10.0, "category": C.CAPSULE}),
    ("low dose edibles", {"max_thc": 5.0, "potency_unit": "mg"}),
    ("edibels 5mg max", {"max_thc": 5.0, "category": C.EDIBLE}),
    ("high cbd oil with little thc",
     {"category": C.OIL, "min_cbd": 10.0, "max_thc": 5.0, "potency_unit": "mg"}),
    ("soda with at least 10 mg", {"min_thc": 10.0, "category": C.BEVERAGE}),
    ("softgels 2.5mg or less", {"max_thc": 2.5, "category": C.CAPSULE}),
    ("chocolate under 10 mg", {"max_thc": 10.0, "subcategory": "chocolate"}),
    ("a 5mg drink", {"max_thc": 5.0, "category": C.BEVERAGE}),
    # --- superlatives -----------------------------------------------------------------------
    ("what's your strongest flower?", {"sort": "thc_desc", "category": C.FLOWER}),
    ("strongist sativa", {"sort": "thc_desc", "strain_type": S.SATIVA}),
    ("most potent vape", {"sort": "thc_desc", "category": C.VAPE}),
    ("highest thc pre-roll", {"sort": "thc_desc", "category": C.PRE_ROLL}),
    ("mildest indica", {"sort": "thc_asc", "strain_type": S.INDICA}),
    ("weakest edible", {"sort": "thc_asc", "category": C.EDIBLE}),
    ("least potent flower", {"sort": "thc_asc"}),
    ("cheapest eighth", {"sort": "price_asc", "size": "3.5 g"}),
    ("cheepest cart", {"sort": "price_asc", "subcategory": "cartridge"}),
    ("least expensive edible", {"sort": "price_asc", "category": C.EDIBLE}),
    ("lowest price pre roll", {"sort": "price_asc"}),
    ("priciest flower", {"sort": "price_desc", "category": C.FLOWER}),
    ("most expensive concentrate", {"sort": "price_desc", "category": C.CONCENTRATE}),
    ("top shelf indica", {"sort": "price_desc", "strain_type": S.INDICA}),
    ("cheapest indica under 20% thc", {"sort": "price_asc", "max_thc": 20.0}),
    ("best value flower", {"best_value": True, "category": C.FLOWER, "sort": "relevance"}),
    ("most bang for my buck", {"best_value": True, "max_price": None}),
    ("best deal on an ounce", {"best_value": True, "size": "28 g"}),
    ("good value pre-rolls", {"best_value": True, "category": C.PRE_ROLL}),
    ("what's popular?", {"sort": "relevance"}),
    ("newest arrivals", {"sort": "relevance"}),
    # --- formats ------------------------------------------------------------------------------
    ("any hash?", {"category": C.CONCENTRATE, "subcategory": "hash"}),
    ("got kief", {"category": C.CONCENTRATE, "subcategory": "kief"}),
    ("rosin please", {"category": C.CONCENTRATE, "subcategory": "rosin"}),
    ("live resin", {"category": C.CONCENTRATE, "subcategory": "resin"}),
    ("shatter", {"category": C.CONCENTRATE, "subcategory": "shatter"}),
    ("shattr", {"category": C.CONCENTRATE, "subcategory": "shatter"}),
    ("wax", {"category": C.CONCENTRATE, "subcategory": "wax"}),
    ("510 carts", {"category": C.VAPE, "subcategory": "cartridge"}),
    ("a cartrige", {"category": C.VAPE, "subcategory": "cartridge"}),
    ("disposable vape", {"category": C.VAPE, "subcategory": "disposable"}),
    ("softgels", {"category": C.CAPSULE, "subcategory": "softgel"}),
    ("soft gels", {"category": C.CAPSULE, "subcategory": "softgel"}),
    ("capsules", {"category": C.CAPSULE, "subcategory": None}),
    ("oral spray", {"category": C.OIL, "subcategory": "spray"}),
    ("a tincture", {"category": C.OIL, "subcategory": None}),
    ("tinctur", {"category": C.OIL}),
    ("cbd oil", {"category": C.OIL}),
    ("bath bomb", {"category": C.TOPICAL, "subcategory": "bath"}),
    ("a lotion", {"category": C.TOPICAL, "subcategory": "lotion"}),
    ("balm", {"category": C.TOPICAL, "subcategory": "balm"}),
    ("gummies", {"category": C.EDIBLE, "subcategory": "gumm"}),
    ("gummys", {"category": C.EDIBLE}),
    ("iced tea", {"category": C.BEVERAGE, "subcategory": "tea"}),
    ("infused pre-rolls", {"category": C.PRE_ROLL, "subcategory": "infused"}),
    ("dabs", {"category": C.CONCENTRATE}),
    ("joints", {"category": C.PRE_ROLL}),
    ("doobies", {"category": C.PRE_ROLL}),
    ("some bud", {"category": C.FLOWER}),
    ("a grinder", {"category": C.ACCESSORY}),
    ("cones", {"category": C.ACCESSORY}),
    ("stash jar", {"category": C.ACCESSORY}),
    ("ashtray", {"category": C.ACCESSORY}),
    ("rolling papers", {"category": C.ACCESSORY}),
    ("510 battery", {"category": C.ACCESSORY}),
    # --- strain types -------------------------------------------------------------------------
    ("indica", {"strain_type": S.INDICA}),
    ("indca", {"strain_type": S.INDICA}),
    ("sativa dominant", {"strain_type": S.SATIVA}),
    ("sativva pre-roll", {"strain_type": S.SATIVA, "category": C.PRE_ROLL}),
    ("hybred", {"strain_type": S.HYBRID}),
    ("a hybrid vape", {"strain_type": S.HYBRID, "category": C.VAPE}),
    ("indica leaning hybrid", {"strain_type": S.INDICA}),
    # --- sizes --------------------------------------------------------------------------------
    ("an ounce", {"size": "28 g", "category": C.FLOWER}),
    ("an oz of indica", {"size": "28 g", "strain_type": S.INDICA}),
    ("a zip", {"size": "28 g"}),
    ("a quarter", {"size": "7 g"}),
    ("a quater of sativa", {"size": "7 g", "strain_type": S.SATIVA}),
    ("an eighth", {"size": "3.5 g"}),
    ("an eigth", {"size": "3.5 g"}),
    ("1/8 of hybrid", {"size": "3.5 g", "strain_type": S.HYBRID}),
    ("half oz", {"size": "14 g"}),
    ("a gram", {"size": "1 g"}),
    ("28 g", {"size": "28 g"}),
    ("28g of flower under $200", {"size": "28 g", "max_price": 200.0}),
    ("3.5g indica", {"size": "3.5 g", "strain_type": S.INDICA}),
    ("half a gram vape", {"size": "0.5 g", "category": C.VAPE}),
    # --- terpenes and aromas ------------------------------------------------------------------
    ("is there anything with myrcene?", {"terpenes": ["myrcene"], "intent": "shop"}),
    ("anything with mircene", {"terpenes": ["myrcene"]}),
    ("limonene heavy sativa", {"terpenes": ["limonene"], "strain_type": S.SATIVA}),
    ("pinene", {"terpenes": ["pinene"]}),
    ("linalool flower", {"terpenes": ["linalool"], "category": C.FLOWER}),
    ("caryophyllene", {"terpenes": ["caryophyllene"]}),
    ("terpinolene", {"terpenes": ["terpinolene"]}),
    ("anything citrusy?", {"flavors_has": "citrus", "intent": "shop"}),
    ("lemony", {"flavors_has": "lemon"}),
    ("piney flower", {"flavors_has": "|pine|", "category": C.FLOWER}),
    ("earthy indica", {"flavors_has": "earthy", "strain_type": S.INDICA}),
    ("skunky", {"flavors_has": "skunk"}),
    ("something sweet", {"flavors_has": "sweet"}),
    ("diesel", {"flavors_has": "diesel"}),
    ("gassy strains", {"flavors_has": "diesel"}),
    ("anything fruity?", {"flavors_has": "berry", "intent": "shop"}),
    ("berry gummies", {"flavors_has": "berry", "category": C.EDIBLE}),
    ("minty", {"flavors_has": "mint"}),
    # --- combined -------------------------------------------------------------------------------
    ("indica flower under $40 over 20% thc",
     {"strain_type": S.INDICA, "category": C.FLOWER, "max_price": 40.0, "min_thc": 20.0}),
    ("sativa pre-roll under 15 bucks",
     {"strain_type": S.SATIVA, "category": C.PRE_ROLL, "max_price": 15.0}),
    ("cheapest ounce of indica", {"sort": "price_asc", "size": "28 g", "strain_type": S.INDICA}),
    ("strongest hybrid vape under $50",
     {"sort": "thc_desc", "strain_type": S.HYBRID, "category": C.VAPE, "max_price": 50.0}),
    ("citrus sativa under $40", {"flavors_has": "citrus", "max_price": 40.0}),
    ("myrcene indica an eighth", {"terpenes": ["myrcene"], "size": "3.5 g"}),
    ("5mg gummies under 10 bucks", {"max_thc": 5.0, "max_price": 10.0, "subcategory": "gumm"}),
    ("mildest sativa flower under $35",
     {"sort": "thc_asc", "strain_type": S.SATIVA, "max_price": 35.0}),
    ("hash under $30", {"subcategory": "hash", "max_price": 30.0}),
    ("cbd softgels under 30 dollars", {"subcategory": "softgel", "max_price": 30.0}),
    ("sweet earthy indica pre-roll", {"flavors_has": "earthy", "category": C.PRE_ROLL}),
    ("quarter of sativa under 60 bucks over 18% thc",
     {"size": "7 g", "max_price": 60.0, "min_thc": 18.0}),
    ("indca flowr undr $30", {"strain_type": S.INDICA, "category": C.FLOWER, "max_price": 30.0}),
    # --- in scope, never refused ------------------------------------------------------------------
    ("movie night at home", {"intent": "shop"}),
    ("going to the beach", {"intent": "shop"}),
    ("something for a camping trip", {"intent": "shop"}),
    ("never smoked before, a bit scared", {"intent": "shop"}),
    ("first time trying, kinda nervous", {"intent": "shop"}),
    ("do you have Gorilla Glue?", {"intent": "shop", "asks_for_missing": True}),
    ("do u guys carry purple punch", {"intent": "shop", "asks_for_missing": True}),
    ("do you have Blue Dream?", {"product_names": ["Blue Dream"], "asks_for_missing": False}),
    ("game night with friends", {"intent": "shop"}),
    ("what do you recommend for a first date?", {"intent": "shop", "effects": ["Aroused"]}),
    ("I like the taste of lemons", {"intent": "shop", "flavors_has": "lemon"}),
    ("what would you get?", {"intent": "shop"}),
    ("a gift for my dad", {"intent": "shop"}),
    ("what's smooth on the throat?", {"intent": "shop"}),
    ("what's good for a lazy sunday", {"intent": "shop", "effects": ["Relaxed"]}),
    ("something that tastes like candy", {"intent": "shop", "flavors_has": "berry"}),
    # --- out of scope stays out -------------------------------------------------------------------
    ("what's the weather tomorrow?", {"intent": Intent.OUT_OF_SCOPE}),
    ("help with my math homework", {"intent": Intent.OUT_OF_SCOPE}),
    ("write me a poem", {"intent": Intent.OUT_OF_SCOPE}),
    ("who won the hockey game", {"intent": Intent.OUT_OF_SCOPE}),
    ("recommend a movie", {"intent": Intent.OUT_OF_SCOPE}),
]  # fmt: skip


def _check(message: str, expected: dict[str, Any]) -> None:
    analysis = analyze(message, known_names=NAMES)
    for name, value in expected.items():
        if name == "intent" and value == "shop":
            assert analysis.intent in PRODUCT_INTENTS, (message, analysis.intent)
        elif name == "flavors_has":
            assert value in analysis.flavors, (message, analysis.flavors)
        else:
            assert getattr(analysis, name) == value, (message, name, getattr(analysis, name))


@pytest.mark.parametrize(("message", "expected"), ROWS, ids=[m for m, _ in ROWS])
def test_phrasing(message: str, expected: dict[str, Any]) -> None:
    _check(message, expected)


FOLLOW_UPS: list[tuple[str, str, dict[str, Any]]] = [
    ("indica flower under $40", "stronger?",
     {"wants_stronger": True, "category": C.FLOWER, "strain_type": S.INDICA, "max_price": 40.0}),
    ("sativa flower", "in a pre-roll?", {"category": C.PRE_ROLL, "strain_type": S.SATIVA}),
    ("indica shatter under $50", "in a pre-roll?",
     {"category": C.PRE_ROLL, "subcategory": None, "strain_type": S.INDICA, "max_price": 50.0}),
    ("hybrid vape", "anything cheaper?", {"wants_cheaper": True, "category": C.VAPE}),
    ("gummies under 5mg", "what about sativa?",
     {"strain_type": S.SATIVA, "subcategory": "gumm", "max_thc": 5.0, "potency_unit": "mg"}),
    ("gummies under 5mg", "in a drink?",
     {"category": C.BEVERAGE, "subcategory": None, "max_thc": 5.0, "potency_unit": "mg"}),
    ("an eighth of indica", "as a vape?", {"category": C.VAPE, "size": None}),
    ("strongest flower", "what about indica?", {"sort": "thc_desc", "strain_type": S.INDICA}),
    ("anything with myrcene", "milder?", {"terpenes": ["myrcene"], "max_thc": 15.0}),
    ("citrus pre-rolls", "what about an indica", {"flavors_has": "citrus", "category": C.PRE_ROLL}),
    ("flower under 20% thc", "in a pre-roll?", {"category": C.PRE_ROLL, "max_thc": 20.0}),
    ("edibles under 10mg", "in flower?", {"category": C.FLOWER, "max_thc": None}),
]  # fmt: skip


@pytest.mark.parametrize(("first", "then", "expected"), FOLLOW_UPS)
def test_follow_up_narrows_the_previous_turn(
    first: str, then: str, expected: dict[str, Any]
) -> None:
    current = analyze(then, known_names=NAMES)
    assert current.follow_up, then
    merged = merge_follow_up(current, analyze(first, known_names=NAMES))
    for name, value in expected.items():
        if name == "flavors_has":
            assert value in merged.flavors, (then, merged.flavors)
        else:
            assert getattr(merged, name) == value, (first, then, name, getattr(merged, name))
    query_from_analysis(merged)  # a valid search query


def test_there_are_at_least_150_phrasings() -> None:
    assert len(ROWS) + len(FOLLOW_UPS) >= 150
