from __future__ import annotations

import json
from pathlib import Path

import pytest

import weedgo
from weedgo.compliance.claims import find_claims
from weedgo.domain import Category, Product, StrainType
from weedgo.domain.turn import Analysis, Intent
from weedgo.pipeline.guard import check_reply
from weedgo.pipeline.pitches import kind, pitch_for, potency

DEMO = Path(weedgo.__file__).parent / "data" / "demo_catalog.json"
PRODUCTS = [Product.model_validate(row) for row in json.loads(DEMO.read_text("utf-8"))]
NAMES = {p.name.lower() for p in PRODUCTS} | {p.brand.lower() for p in PRODUCTS}
BLUE_DREAM = Product(
    id="bd", name="Blue Dream", brand="Tweed", category=Category.FLOWER,
    strain_type=StrainType.SATIVA, thc_min=20, thc_max=24, size="3.5 g", price=39.99,
    effects=["Happy", "Uplifted", "Creative"], flavors=["Berry", "Sweet"],
)  # fmt: skip


def test_pitch_uses_catalog_facts() -> None:
    pitch = pitch_for(BLUE_DREAM)
    assert pitch.startswith(("Blue Dream", "Try Blue Dream")) and pitch.endswith(".")
    assert "a sativa flower" in pitch and "20-24% THC" in pitch
    assert "3.5 g" in pitch and "$39.99" in pitch
    assert "customers describe it as" in pitch or "notes of berry" in pitch


def test_pitch_is_stable_and_varies_by_id() -> None:
    assert pitch_for(BLUE_DREAM) == pitch_for(BLUE_DREAM)
    openings = {pitch_for(p).split(" ")[0] == p.name.split(" ")[0] for p in PRODUCTS[:60]}
    details = {"customers describe" in pitch_for(p) for p in PRODUCTS[:60]}
    assert len({pitch_for(p).replace(p.name, "X")[:12] for p in PRODUCTS[:60]}) > 1
    assert openings and details == {True, False}


def test_pitch_prefers_the_asked_effects() -> None:
    analysis = Analysis(Intent.RECOMMENDATION, effects=["Creative"])
    products = [BLUE_DREAM.model_copy(update={"id": f"bd{i}"}) for i in range(12)]
    with_effects = [pitch_for(p, analysis) for p in products if "describe" in pitch_for(p)]
    assert with_effects and all("creative and happy" in pitch for pitch in with_effects)


def test_pitch_without_price() -> None:
    pitch = pitch_for(BLUE_DREAM, show_price=False)
    assert "$" not in pitch and "3.5 g" in pitch


def test_kind_and_potency() -> None:
    assert kind(BLUE_DREAM) == "a sativa flower"
    indica = BLUE_DREAM.model_copy(update={"strain_type": StrainType.INDICA})
    assert kind(indica) == "an indica flower"
    vape = BLUE_DREAM.model_copy(update={"strain_type": StrainType.NONE, "category": Category.VAPE})
    assert kind(vape) == "a vape"
    gummy = BLUE_DREAM.model_copy(update={"potency_unit": "mg", "thc_min": 10, "thc_max": 10,
                                          "cbd_min": 5, "cbd_max": 5})  # fmt: skip
    assert potency(gummy) == "10 mg THC and 5 mg CBD"
    grinder = BLUE_DREAM.model_copy(update={"thc_min": 0, "thc_max": 0})
    assert potency(grinder) == ""


@pytest.mark.parametrize("product", PRODUCTS, ids=lambda p: p.id)
def test_every_demo_pitch_is_grounded_and_clean(product: Product) -> None:
    pitch = pitch_for(product)
    assert find_claims(pitch) == []
    result = check_reply(pitch, [product], catalog_names=NAMES)
    assert result.ok and not result.reasons, (pitch, result.reasons)
