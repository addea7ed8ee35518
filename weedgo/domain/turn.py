"""Types that flow through the chat pipeline.

``Analysis`` is what the keyword analyser (no model call) makes of a message; the
events are what a chat turn emits, in order: one ``MetaEvent``, any number of
``TokenEvent``, then one ``DoneEvent`` (or an ``ErrorEvent``).

``DoneEvent.authors`` names who wrote each part of the reply, in order (``Author``):

- ``model``: the model's own text, as the guard let it through;
- ``knowledge``: a vetted text that needs no model (greeting, store facts, education);
- ``refusal``: a fixed compliance reply (out of scope, minors, medical, injection);
- ``catalog``: a reply built from the catalog alone, planned so (nothing found);
- ``fallback``: the catalog-built reply sent in place of the model's text (rejected by
  the guard, empty, late or the engine down);
- ``guidance``: the responsible-use sentences appended to the reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from weedgo.domain import Category, PotencyUnit, Product, SortOrder, StrainType


class Intent(StrEnum):
    GREETING = "greeting"
    PRODUCT_SEARCH = "product_search"
    RECOMMENDATION = "recommendation"
    PRODUCT_INFO = "product_info"
    EDUCATION = "education"
    DOSAGE = "dosage"
    STORE_INFO = "store_info"
    MEDICAL = "medical"
    OUT_OF_SCOPE = "out_of_scope"


QueryType = Literal["greeting", "product", "complex"]
Author = Literal["model", "knowledge", "refusal", "catalog", "fallback", "guidance"]
AUTHORS: tuple[Author, ...] = ("model", "knowledge", "refusal", "catalog", "fallback", "guidance")

PRODUCT_INTENTS = frozenset({Intent.PRODUCT_SEARCH, Intent.RECOMMENDATION, Intent.PRODUCT_INFO})


@dataclass(frozen=True)
class Analysis:
    """What a customer's message asks for, found by keywords and patterns.

    Immutable: a step that changes it (a follow-up filled from the previous question,
    "cheaper than those") returns a new one (:func:`dataclasses.replace`), so a cached
    analysis is shared as it is. Its lists are never changed in place either.
    """

    intent: Intent
    query_type: QueryType = "product"
    language: str = "en"  # the turn's reply language: "en" or "fr"
    category: Category | None = None
    strain_type: StrainType | None = None
    effects: list[str] = field(default_factory=list)
    min_price: float | None = None
    max_price: float | None = None
    min_thc: float | None = None
    max_thc: float | None = None
    min_cbd: float | None = None
    max_cbd: float | None = None
    size: str | None = None  # canonical catalog size, e.g. "3.5 g" for "an eighth"
    potency_unit: PotencyUnit = "%"  # the unit of the THC / CBD bounds
    subcategory: str | None = None  # a piece of the subcategory: "resin", "cartridge"
    terpenes: list[str] = field(default_factory=list)
    flavors: list[str] = field(default_factory=list)  # aroma pieces, any one will do
    sort: SortOrder = "relevance"  # "strongest" -> "thc_desc"
    best_value: bool = False  # the lowest price per gram first
    asks_for_missing: bool = False  # "do you have X?" and X is not in the catalog
    product_names: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    is_complex: bool = False
    # follow-ups that lean on the previous turn
    follow_up: bool = False
    wants_cheaper: bool = False
    wants_stronger: bool = False
    refers_to_index: int | None = None  # "the second one" -> 1
    # compliance signals
    stated_age: int | None = None
    minor_signal: bool = False
    buying_for_minor: bool = False  # under 18, or called a minor: refused everywhere
    third_party_age: int | None = None  # "my 19-year-old brother": the policy compares
    mentions_driving: bool = False
    beginner: bool = False
    injection: bool = False


class ProductCard(BaseModel):
    id: str
    name: str
    brand: str
    category: Category
    subcategory: str = ""
    strain_type: StrainType
    thc_min: float
    thc_max: float
    cbd_min: float
    cbd_max: float
    potency_unit: PotencyUnit
    price: float
    size: str
    in_stock: bool
    effects: list[str] = Field(default_factory=list)
    terpenes: list[str] = Field(default_factory=list)
    pitch: str = ""

    @classmethod
    def from_product(cls, product: Product, pitch: str = "") -> ProductCard:
        return cls(
            id=product.id,
            name=product.name,
            brand=product.brand,
            category=product.category,
            subcategory=product.subcategory,
            strain_type=product.strain_type,
            thc_min=product.thc_min,
            thc_max=product.thc_max,
            cbd_min=product.cbd_min,
            cbd_max=product.cbd_max,
            potency_unit=product.potency_unit,
            price=product.price,
            size=product.size,
            in_stock=product.in_stock,
            effects=list(product.effects),
            terpenes=list(product.terpenes),
            pitch=pitch,
        )


@dataclass
class GuardResult:
    """The grounding / compliance guard's verdict on a text."""

    ok: bool
    text: str  # the text to send (possibly with sentences removed)
    reasons: list[str] = field(default_factory=list)


@dataclass
class MetaEvent:
    session_id: str
    intent: str
    products: list[ProductCard]
    quick_replies: list[str]
    type: Literal["meta"] = "meta"


@dataclass
class TokenEvent:
    text: str
    type: Literal["token"] = "token"


@dataclass
class DoneEvent:
    message: str
    grounded: bool
    cached: bool
    response_time_ms: float
    ttft_ms: float | None
    model: str
    fallback: bool = False  # the model was asked, and none of its text is in ``message``
    replaced: bool = False  # the streamed text was replaced by ``message``
    authors: list[Author] = field(default_factory=list)  # who wrote each part, in order
    timings: dict[str, float] = field(default_factory=dict)
    # the parts that failed in this turn: "sessions", "history", "catalog"
    degraded: list[str] = field(default_factory=list)
    stored: bool = True  # the turn is in the session's history
    type: Literal["done"] = "done"


@dataclass
class ErrorEvent:
    code: str
    message: str
    type: Literal["error"] = "error"


ChatEvent = MetaEvent | TokenEvent | DoneEvent | ErrorEvent
