from __future__ import annotations

import pytest

from weedgo.domain import Category, Product, StrainType
from weedgo.domain.turn import PRODUCT_INTENTS, Intent
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.quick_replies import (
    ASKING_CHIPS,
    EDUCATION_CHIPS,
    GREETING_CHIPS,
    NO_RESULT_CHIPS,
    quick_replies,
)

PRODUCT = Product(id="p1", name="Pink Kush", category=Category.FLOWER,
                  strain_type=StrainType.INDICA, price=34.5)  # fmt: skip


def test_after_indica_for_sleep() -> None:
    chips = quick_replies(analyze("show me some indica strains for sleep"), [PRODUCT])
    assert chips == [
        "Anything cheaper?",
        "Show me pre-rolls",
        "Tell me more about the first one",
        "What about edibles?",
    ]


def test_chips_adapt_to_the_category_and_follow_up() -> None:
    chips = quick_replies(analyze("pre-rolls please"), [PRODUCT])
    assert "Show me pre-rolls" not in chips and "What about edibles?" in chips
    assert quick_replies(analyze("anything cheaper?"), [PRODUCT])[0] == "Something stronger?"
    sativa = quick_replies(analyze("any sativa?"), [PRODUCT])
    assert "What about indica?" in sativa


def test_pattern_table() -> None:
    assert quick_replies(analyze("hello"), []) == list(GREETING_CHIPS)
    assert quick_replies(analyze("show me purple unicorns vapes"), []) == list(NO_RESULT_CHIPS)
    assert quick_replies(analyze("what are terpenes?"), []) == list(ASKING_CHIPS)


def test_education_only_has_no_sales_chips() -> None:
    for message in ("show me indica", "hi", "anything cheaper?"):
        chips = quick_replies(analyze(message), [PRODUCT], education_only=True)
        assert chips == list(EDUCATION_CHIPS)
        for chip in chips:
            assert analyze(chip).intent not in PRODUCT_INTENTS, chip
            assert "$" not in chip


@pytest.mark.parametrize("message", ["show me indica", "hi", "what are terpenes?", "pre-rolls",
                                     "any sativa?", "nothing matches"])  # fmt: skip
def test_three_or_four_unique_chips(message: str) -> None:
    for products in ([], [PRODUCT]):
        chips = quick_replies(analyze(message), products)
        assert 3 <= len(chips) <= 4 and len(set(chips)) == len(chips)


@pytest.mark.parametrize(
    "chip",
    sorted({*GREETING_CHIPS, *NO_RESULT_CHIPS, *ASKING_CHIPS, *EDUCATION_CHIPS,
            "Anything cheaper?", "Something stronger?", "Tell me more about the first one",
            "Show me pre-rolls", "What about edibles?", "Show me vapes", "Show me flower",
            "What about sativa?", "What about indica?", "What about hybrids?"}),
)  # fmt: skip
def test_every_chip_is_understood(chip: str) -> None:
    analysis = analyze(chip)
    assert analysis.intent is not Intent.OUT_OF_SCOPE
    assert not analysis.injection and not analysis.minor_signal
