"""Domain types shared by every part of the engine.

Nothing here imports FastAPI, a database driver or a model runtime: the catalog,
the pipeline, the stores and the API all speak these types.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Category(StrEnum):
    FLOWER = "flower"
    PRE_ROLL = "pre-roll"
    VAPE = "vape"
    CONCENTRATE = "concentrate"
    EDIBLE = "edible"
    BEVERAGE = "beverage"
    OIL = "oil"
    CAPSULE = "capsule"
    TOPICAL = "topical"
    ACCESSORY = "accessory"


class StrainType(StrEnum):
    INDICA = "indica"
    SATIVA = "sativa"
    HYBRID = "hybrid"
    CBD = "cbd"
    NONE = "none"


PotencyUnit = Literal["%", "mg"]


class Product(BaseModel):
    """One sellable item of the store's catalog (one SKU)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=64, description="Store SKU")
    name: str = Field(min_length=1, max_length=200)
    brand: str = ""
    category: Category
    subcategory: str = ""
    strain_type: StrainType = StrainType.NONE
    thc_min: float = Field(default=0.0, ge=0)
    thc_max: float = Field(default=0.0, ge=0)
    cbd_min: float = Field(default=0.0, ge=0)
    cbd_max: float = Field(default=0.0, ge=0)
    potency_unit: PotencyUnit = "%"
    terpenes: list[str] = Field(default_factory=list)
    effects: list[str] = Field(default_factory=list)
    flavors: list[str] = Field(default_factory=list)
    size: str = ""
    price: float = Field(ge=0, description="Price in CAD")
    stock: int = Field(default=0, ge=0)
    description: str = ""

    @property
    def in_stock(self) -> bool:
        return self.stock > 0

    def shown_potencies(self) -> list[tuple[str, float, float]]:
        """``(cannabinoid, low, high)`` worth telling a customer: THC when present, CBD
        from 1 (a trace of CBD is not a selling point)."""
        shown = []
        for label, low, high in (
            ("THC", self.thc_min, self.thc_max),
            ("CBD", self.cbd_min, self.cbd_max),
        ):
            low, high = sorted((low, high))
            if high > 0 and not (label == "CBD" and high < 1):
                shown.append((label, low, high))
        return shown


SortOrder = Literal["relevance", "price_asc", "price_desc", "thc_desc", "thc_asc"]


class SearchQuery(BaseModel):
    """A catalog search: free text plus structured filters."""

    text: str = ""
    category: Category | None = None
    strain_type: StrainType | None = None
    effects: list[str] = Field(default_factory=list)
    min_price: float | None = None
    max_price: float | None = None
    # THC/CBD bounds (and a THC ordering) match only products measured in ``potency_unit``
    min_thc: float | None = None
    max_thc: float | None = None
    min_cbd: float | None = None
    max_cbd: float | None = None
    potency_unit: PotencyUnit = "%"
    size: str | None = None
    subcategory: str | None = None  # a piece of the subcategory, any case: "resin", "510"
    terpenes: list[str] = Field(default_factory=list)  # every one of them, by name
    flavors: list[str] = Field(default_factory=list)  # any one: a flavour, or a piece of one
    exclude_accessories: bool = False
    in_stock_only: bool = True
    sort: SortOrder = "relevance"
    limit: int = Field(default=5, ge=1, le=50)
    offset: int = Field(default=0, ge=0)


class ScoredProduct(BaseModel):
    product: Product
    score: float = 0.0


class Turn(BaseModel):
    """One stored exchange of a conversation."""

    role: Literal["user", "assistant"]
    content: str
    product_ids: list[str] = Field(default_factory=list)
    intent: str = ""


class SessionInfo(BaseModel):
    session_id: str
    customer_id: str
    age_verified: bool = False
    education_only: bool = False
    language: str = "en"
