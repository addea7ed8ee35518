"""The language of a message (word lists), and the order in which a turn's language is chosen."""

from __future__ import annotations

import time

import pytest

from tests.i18n.pairs import load_pairs, turns
from weedgo.i18n import language_code
from weedgo.i18n.detect import detect_language, resolve_language
from weedgo.quality.questions import load_questions

# Written apart from the word lists and the paired set: how customers type in Quebec.
HELD_OUT_FRENCH = (
    "allo, vous avez-tu des gummies au cbd",
    "cherche qqch pour dormir, pas trop fort",
    "c'est combien le blue dream",
    "est ce que vous faites la livraison a laval",
    "jveux un preroule sativa pas cher",
    "bonsoir, une huile pour relaxer svp",
    "y'a tu des boissons au thc",
    "quelle est la différence entre le thc et le cbd",
    "je suis débutant, je commence par quoi",
    "des vapoteuses moins de 40$",
    "vous fermez à quelle heure ce soir",
    "un huitième d'indica svp",
    "montre moi les concentrés",
    "le plus fort que vous avez",
    "merci bonne soirée",
    "avez-vous des jujubes à 10 mg",
    "c quoi le moins cher",
    "je veux essayer les comestibles pour la première fois",
    "est-ce que je peux payer par débit",
    "quelque chose de relaxant pour le soir",
)


def test_french_and_english_messages() -> None:
    assert detect_language("Avez-vous des jujubes à moins de 20 $?") == "fr"
    assert detect_language("any sativa pre-rolls under $20?") == "en"
    assert detect_language("Détente") == "fr"  # an accent is French
    assert detect_language("indica?") is None  # both languages write it
    assert detect_language("ok") is None


def test_held_out_french_is_french() -> None:
    missed = [m for m in HELD_OUT_FRENCH if detect_language(m) != "fr"]
    assert len(missed) <= 1, missed


def test_no_english_question_is_taken_for_french() -> None:
    english = [q.text for q in load_questions()]
    english += [t for pair in load_pairs() for t in turns(pair, "en")]
    wrong = [m for m in english if detect_language(m) == "fr"]
    undecided = [m for m in english if detect_language(m) is None]
    assert wrong == []
    assert len(undecided) / len(english) < 0.15  # short shop words: the session decides


def test_every_french_pair_question_is_french() -> None:
    french = [t for pair in load_pairs() for t in turns(pair, "fr")]
    assert [m for m in french if detect_language(m) != "fr"] == []


def test_detection_takes_microseconds() -> None:
    messages = [q.text for q in load_questions()] + list(HELD_OUT_FRENCH)
    began = time.perf_counter()
    for message in messages:
        detect_language(message)
    per_message = (time.perf_counter() - began) / len(messages)
    assert per_message < 0.001  # measured: about 5 microseconds


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"requested": "fr", "detected": "en", "remembered": "en", "page": "en"}, "fr"),
        ({"requested": None, "detected": "fr", "remembered": "en", "page": "en"}, "fr"),
        ({"requested": None, "detected": None, "remembered": "fr", "page": "en"}, "fr"),
        ({"requested": None, "detected": None, "remembered": None, "page": "fr-CA"}, "fr"),
        ({"requested": None, "detected": None, "remembered": None, "page": None}, "en"),
        ({"requested": "es", "detected": None, "remembered": None, "page": None}, "en"),
    ],
)
def test_the_order_in_which_a_language_is_chosen(kwargs: dict[str, str], expected: str) -> None:
    assert resolve_language(default="en", **kwargs) == expected  # type: ignore[arg-type]


def test_the_store_default_comes_last() -> None:
    chosen = resolve_language(
        requested=None, detected=None, remembered=None, page=None, default="fr"
    )
    assert chosen == "fr"


def test_language_codes() -> None:
    assert language_code("fr-CA") == "fr"
    assert language_code("EN_us") == "en"
    assert language_code("de") is None
    assert language_code(None) is None
