"""The grounding guard on French replies: French number formats, strain words and
sentence openers."""

from __future__ import annotations

from weedgo.domain import Category, Product, StrainType
from weedgo.pipeline.guard import StreamGuard, check_reply

DREAM = Product(
    id="WG-1", name="Blue Dream", brand="North Co", category=Category.FLOWER,
    strain_type=StrainType.HYBRID, thc_min=20.8, thc_max=23.0, size="3.5 g", price=45.99,
    stock=3,
)  # fmt: skip
NAMES = ["Blue Dream", "Pink Kush", "North Co"]


def _streamed(text: str) -> tuple[str, bool]:
    guard = StreamGuard([DREAM], catalog_names=NAMES)
    released = "".join(guard.feed(word + " ") for word in text.split())
    return released, guard.finish().ok


def test_a_grounded_french_reply_passes_and_streams() -> None:
    text = "Essayez Blue Dream, une fleur séchée hybride à 20,8-23 % de THC, 3,5 g pour 45,99 $."
    assert check_reply(text, [DREAM], catalog_names=NAMES).ok
    released, ok = _streamed(text)
    assert ok and released.strip() == text


def test_a_french_price_not_in_the_catalog_is_refused() -> None:
    result = check_reply("Blue Dream coûte 39,99 $.", [DREAM], catalog_names=NAMES)
    assert not result.ok
    assert "price not in the catalog: 39,99 $" in result.reasons


def test_a_french_potency_outside_the_range_is_refused() -> None:
    assert not check_reply("Blue Dream a 30 % de THC.", [DREAM], catalog_names=NAMES).ok
    assert not check_reply("Blue Dream a de 25 à 28 % de THC.", [DREAM], catalog_names=NAMES).ok
    assert check_reply("Blue Dream a 21,5 % de THC.", [DREAM], catalog_names=NAMES).ok


def test_a_wrong_french_strain_word_is_refused() -> None:
    assert not check_reply("Blue Dream est une indica.", [DREAM], catalog_names=NAMES).ok
    assert check_reply("Blue Dream est une hybride.", [DREAM], catalog_names=NAMES).ok


def test_a_french_health_claim_stops_the_stream() -> None:
    released, ok = _streamed("Blue Dream soulage l'anxiété.")
    assert not ok
    assert "anxi" not in released


def test_french_openers_are_not_taken_for_names() -> None:
    assert check_reply("Voici Blue Dream à 45,99 $.", [DREAM], catalog_names=NAMES).ok
    assert not check_reply("Voici Purple Haze à 45,99 $.", [DREAM], catalog_names=NAMES).ok


def test_an_english_dollar_before_its_figure_is_read_as_before() -> None:
    text = "Get 2 $45.99 packs of Blue Dream."
    assert check_reply(text, [DREAM], catalog_names=NAMES).ok
