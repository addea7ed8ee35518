"""The rubric on French replies: the same faults, in French; the same passes."""

from __future__ import annotations

import pytest

from tests.quality.test_rubric import BLUE_DREAM, PURE_KUSH, reply
from weedgo.compliance import responsible
from weedgo.i18n.french import in_language
from weedgo.quality import rubric
from weedgo.quality.rubric import CHECKS, score

GOOD = reply(
    "Pure Kush est une fleur séchée indica relaxante à 34,99 $ pour 3,5 g.", "indica?", PURE_KUSH
)


def test_a_good_french_reply_passes_every_check() -> None:
    assert score(GOOD) == {check.name: None for check in CHECKS}


@pytest.mark.parametrize(
    ("check", "text"),
    [
        ("no_hedging", "Je ne suis pas sûr, mais Pure Kush est une indica."),
        ("no_hedging", "Je pense que Pure Kush vous conviendrait."),
        ("no_hedging", "Oui, je ne peux rien promettre."),
        ("no_disparaging", "Pure Kush est un peu trop cher."),
        ("no_disparaging", "Évitez Pure Kush, il n'est pas bon."),
        ("no_unknowable", "Pure Kush est notre meilleur vendeur."),
        ("no_unknowable", "Pure Kush vient d'arriver en magasin."),
        ("no_unknowable", "Oui, je suis en train de tester Pure Kush."),
        ("no_unknowable", "J'ai déjà essayé Pure Kush."),
        ("no_needless_refusal", "Désolé, je ne peux pas vous aider avec ça."),
        ("true_to_cards", "Pure Kush est une fleur séchée sativa."),
        ("true_to_cards", "Pure Kush est une vapoteuse indica."),
        ("true_to_cards", "Blue Dream est une indica à 45,99 $."),
    ],
)
def test_french_faults_are_caught(check: str, text: str) -> None:
    cards = (BLUE_DREAM,) if "Blue Dream" in text else (PURE_KUSH,)
    verdicts = score(reply(text, "indica?", *cards))
    assert verdicts[check] is not None, verdicts


def test_french_kind_words_that_fit_pass() -> None:
    text = "Blue Dream est une fleur séchée hybride, notes de fleurs et de bleuet."
    assert score(reply(text, "hybride?", BLUE_DREAM))["true_to_cards"] is None


def test_french_guidance_is_left_out_of_the_length_and_refusal_checks() -> None:
    guidance = " ".join(
        in_language(text, "fr")
        for text in (responsible.START_LOW, responsible.EDIBLES_TIMING, responsible.MEDICAL)
    )
    text = f"Pure Kush est une fleur séchée indica. {guidance}"
    assert rubric.own_text(text) == "Pure Kush est une fleur séchée indica."
    assert score(reply(text, "indica?", PURE_KUSH))["concise"] is None


def test_the_french_question_set() -> None:
    from pathlib import Path

    from weedgo.i18n.detect import detect_language
    from weedgo.quality.questions import load_questions

    path = Path(rubric.__file__).with_name("questions_fr.jsonl")
    questions = load_questions(path)
    assert len(questions) >= 50
    assert all(q.language == "fr" for q in questions)
    assert [q.text for q in questions if detect_language(q.text) != "fr"] == []
    assert load_questions(path, language="en") == []
