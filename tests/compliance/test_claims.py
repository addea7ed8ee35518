from __future__ import annotations

import pytest

from weedgo.compliance.claims import (
    claim_reason,
    find_claims,
    health_reason,
    is_trigger_word,
    strip_claims,
)


@pytest.mark.parametrize(
    "sentence",
    [
        "This strain cures insomnia.",
        "It can treat chronic pain.",
        "Great for your anxiety.",
        "It helps with depression.",
        "Customers use it for pain relief.",
        "It relieves stress fast.",
        "Clinically proven to calm you down.",
        "It has real medical benefits.",
        "A therapeutic blend.",
        "CBD prevents seizures.",
        "This balm eases arthritis.",
        "A natural remedy.",
        "It helps you sleep.",
        "Perfect for migraines and headaches.",
        "It has healing properties.",
        "A cure for boredom.",
    ],
)
def test_health_claims(sentence: str) -> None:
    reason = claim_reason(sentence)
    assert reason is not None and reason.startswith(("health claim", "safety claim"))


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("This one changed my life.", "testimonial"),
        ("I swear by it.", "testimonial"),
        ("It works wonders.", "testimonial"),
        ("Kids love the flavour.", "appeal to young people"),
        ("Perfect for students.", "appeal to young people"),
        ("Be the life of the party.", "lifestyle promise"),
        ("Pure glamour in a jar.", "lifestyle promise"),
        ("The taste of success.", "lifestyle promise"),
        ("Completely safe with no side effects.", "safety claim"),
    ],
)
def test_other_forbidden_statements(sentence: str, label: str) -> None:
    reason = claim_reason(sentence)
    assert reason is not None and reason.startswith(label)


@pytest.mark.parametrize(
    "sentence",
    [
        "Try Blue Dream, a sativa at 22% THC for $39.99.",
        "Customers describe it as relaxed and sleepy.",
        "Slow-cured and hand-trimmed for a smooth smoke.",
        "These gummies are a sweet treat with a grape flavour.",
        "Keep edibles out of reach of children and pets.",
        "Start low and go slow: wait 2 hours before taking more.",
        "It's an indica that customers often pick for the evening.",
        "Please speak with a health-care professional about your situation.",
        "For sleep, many customers choose an indica.",
        "It is not for kids.",
        "Painting and music go well with this one, customers say.",
        "A classic from Spain with earthy notes.",
        "Here are a few options from our menu that fit what you asked for.",
    ],
)
def test_ordinary_sentences_pass(sentence: str) -> None:
    assert claim_reason(sentence) is None


def test_find_claims_returns_the_offending_sentences() -> None:
    text = "Pink Kush is an indica. It relieves anxiety. Customers describe it as relaxed."
    assert find_claims(text) == ["It relieves anxiety."]


def test_strip_claims_removes_only_offending_sentences() -> None:
    text = "Pink Kush is an indica. It cures insomnia! It comes in 3.5 g. It changed my life."
    kept, removed = strip_claims(text)
    assert kept == "Pink Kush is an indica. It comes in 3.5 g."
    assert removed == ["It cures insomnia!", "It changed my life."]


def test_strip_claims_without_claims_is_identity() -> None:
    assert strip_claims("A hybrid. $20.") == ("A hybrid. $20.", [])


def test_trigger_words() -> None:
    assert is_trigger_word("Anxiety,") and is_trigger_word("cure") and is_trigger_word("pain.")
    assert not is_trigger_word("Blue") and not is_trigger_word("sativa")


def test_health_reason_is_the_stricter_check_for_catalog_text() -> None:
    assert health_reason("Low stress, all day.") == "health word"
    assert claim_reason("Low stress, all day.") is None
    assert health_reason("It relieves anxiety.") == claim_reason("It relieves anxiety.")
    assert health_reason("Dried and cured for weeks, a sweet treat.") is None
