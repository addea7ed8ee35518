"""French health claims, testimonials and appeals, caught as the English ones are."""

from __future__ import annotations

import pytest

from weedgo.compliance.claims import claim_reason, is_trigger_word, strip_claims


@pytest.mark.parametrize(
    "sentence",
    [
        "Ce produit guérit l'anxiété.",
        "Idéal pour soulager la douleur.",
        "Il traite l'insomnie.",
        "Ça aide à dormir.",
        "Parfait contre les migraines.",
        "Excellent pour le stress.",
        "Une huile aux propriétés médicinales.",
        "Cliniquement prouvé.",
        "Sans aucun danger.",
        "Ça a changé ma vie.",
        "Un vrai miracle.",
        "Parfait pour les ados!",
        "Vous serez l'âme de la fête.",
        "ca gueri l'anxiete",  # typed without accents
    ],
)
def test_french_claims_are_caught(sentence: str) -> None:
    assert claim_reason(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Les clients l'associent à la détente et au sommeil.",
        "Gardez-le hors de la portée des enfants.",
        "Blue Dream est une fleur séchée hybride à 20-23 % de THC, 3,5 g pour 45,99 $.",
        "Une gâterie sucrée pour la soirée.",
        "Essayez Sun Drop, un préroulé sativa pour le plein air.",
        "Je ne peux pas donner de conseils médicaux.",
    ],
)
def test_ordinary_french_is_no_claim(sentence: str) -> None:
    assert claim_reason(sentence) is None


def test_a_french_claim_sentence_is_dropped_and_the_rest_kept() -> None:
    kept, removed = strip_claims("Blue Dream coûte 45,99 $. Elle soulage la douleur.")
    assert kept == "Blue Dream coûte 45,99 $."
    assert removed == ["Elle soulage la douleur."]


def test_french_trigger_words_hold_the_stream() -> None:
    assert is_trigger_word("guérit")
    assert is_trigger_word("soulage")
    assert not is_trigger_word("détente")
