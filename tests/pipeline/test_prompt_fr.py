"""The French prompt, and the English prompt left byte for byte as it was."""

from __future__ import annotations

import hashlib

from weedgo.domain import Category, Product, StrainType
from weedgo.pipeline import prompt
from weedgo.pipeline import prompt_fr as fr_prompt

# The English prefix's digest: a French change must not move it (its KV cache, cache keys
# and recorded figures); an English change comes with a new PROMPT_VERSION and digest.
ENGLISH_PREFIX_SHA256 = "7b77439b5b0fb97ec4bef0387510358579a65cae22fb98f7d24f5ca05c225b8d"
DREAM = Product(
    id="WG-1", name="Blue Dream", brand="North Co", category=Category.FLOWER,
    strain_type=StrainType.HYBRID, thc_min=20.8, thc_max=23.0, size="3.5 g", price=45.99,
    stock=3, effects=["Relaxed", "Happy"],
)  # fmt: skip


def test_the_english_prompt_is_unchanged() -> None:
    assert hashlib.sha256(prompt.SYSTEM_PREFIX.encode()).hexdigest() == ENGLISH_PREFIX_SHA256
    assert prompt.PROMPT_VERSION == "p3"
    english = prompt.build_prompt("any hybrid?", [DREAM])
    assert english == prompt.build_prompt("any hybrid?", [DREAM], language="en")
    assert "- Blue Dream by North Co, hybrid flower (Relaxed, Happy), 20.8-23% THC" in english


def test_a_french_turn_gets_the_french_prompt() -> None:
    text = prompt.build_prompt("une hybride?", [DREAM], language="fr", guidance=["Note fr."])
    assert text.startswith(fr_prompt.SYSTEM_PREFIX)
    tail = text[len(fr_prompt.SYSTEM_PREFIX) :]
    assert "- Blue Dream de North Co, fleur séchée hybride (détente, bonne humeur), " in tail
    assert "20,8-23 % de THC, 45,99 $ pour 3,5 g" in tail
    assert tail.endswith("Customer: une hybride?\nAssistant:")
    assert "Note: Note fr." in tail


def test_the_french_prefix_is_fixed_and_versioned() -> None:
    one = prompt.build_prompt("allo", [], language="fr")
    two = prompt.build_prompt("des jujubes", [DREAM], language="fr")
    assert one.startswith(fr_prompt.SYSTEM_PREFIX) and two.startswith(fr_prompt.SYSTEM_PREFIX)
    assert fr_prompt.NO_PRODUCTS in one
    assert prompt.prompt_version("fr") != prompt.prompt_version("en") == prompt.PROMPT_VERSION


def test_education_only_in_french() -> None:
    text = prompt.build_prompt("c'est quoi le thc", [DREAM], language="fr", education_only=True)
    assert fr_prompt.EDUCATION_ONLY in text
    assert "45,99 $" not in text
