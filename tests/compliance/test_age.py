from __future__ import annotations

import pytest

from weedgo.compliance.age import assess_age, has_minor_signal, is_buying_for_minor, stated_age
from weedgo.compliance.jurisdictions import get_jurisdiction
from weedgo.domain import SessionInfo
from weedgo.domain.turn import Analysis, Intent

ONTARIO = get_jurisdiction("ON")


@pytest.mark.parametrize(
    ("message", "age"),
    [
        ("I'm 16", 16),
        ("I am 17 years old", 17),
        ("im 15 lol", 15),
        ("i’m only 14", 14),
        ("I'm sixteen", 16),
        ("my age is 18", 18),
        ("17 y/o here", 17),
        ("I'm turning 19 next week", 18),
        ("I'll be 21 in May", 20),
        ("I'm 45 and new to this", 45),
        # a message that opens with the age (these were cached as if impersonal)
        ("19 years old", 19),
        ("19 years old, what can I get?", 19),
        ("19yo", 19),
        ("19 y/o", 19),
        ("age: 19", 19),
        ("just turned 19", 19),
        ("I just turned 19, any edibles?", 19),
        ("as a 19 year old what's good", 19),
        ("me, 19, looking for edibles", 19),
    ],
)
def test_stated_age(message: str, age: int) -> None:
    assert stated_age(message) == age


@pytest.mark.parametrize(
    "message",
    [
        "I'm 20 minutes away",
        "I'm 6'2 and new to this",
        "I'm 5 foot tall",
        "show me 25% thc",
        "I'm looking for an eighth",
        "I'm 2 blocks from the store",
        "turned 20 minutes ago",
        "aged 12 months",
        "my son just turned 19",
        "28 g of indica",
    ],
)
def test_not_an_age(message: str) -> None:
    assert stated_age(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "my mom doesn't know",
        "my parents won't find out right?",
        "something to smoke after school",
        "I'm in grade 10",
        "I'm in high school",
        "i have a fake id",
        "I'm a teenager",
        "before my dad gets home",
    ],
)
def test_minor_signal(message: str) -> None:
    assert has_minor_signal(message)


@pytest.mark.parametrize(
    "message",
    [
        "something for a chill night with my parents",
        "when I was in high school I tried it once",
        "I'm a high school teacher",
        "a gift for my mom",
        "what grade of flower is this",
    ],
)
def test_no_minor_signal(message: str) -> None:
    assert not has_minor_signal(message)


@pytest.mark.parametrize(
    "message",
    [
        "gummies for my 17-year-old brother",
        "something for my kid",
        "my son is 15",
        "for my little sister",
        "my daughter (14) wants one",
        "for someone under 19",
        "my friend who is 20 wants a vape",
    ],
)
def test_buying_for_minor(message: str) -> None:
    assert is_buying_for_minor(message)


@pytest.mark.parametrize(
    "message",
    [
        "a gift for my 30-year-old sister",
        "my son is 25 and wants to try edibles",
        "my 2 friends are coming over",
        "for my mom",
        "keep edibles away from kids",
    ],
)
def test_not_buying_for_minor(message: str) -> None:
    assert not is_buying_for_minor(message)


def _session(*, education_only: bool = False, age_verified: bool = False) -> SessionInfo:
    return SessionInfo(
        session_id="s", customer_id="c", education_only=education_only, age_verified=age_verified
    )


def test_age_under_minimum_switches_the_session() -> None:
    decision = assess_age(Analysis(Intent.PRODUCT_SEARCH, stated_age=18), _session(), ONTARIO)
    assert decision.education_only and decision.newly_switched
    assert "18" in decision.reason and "ON" in decision.reason


def test_the_minimum_depends_on_the_jurisdiction() -> None:
    analysis = Analysis(Intent.PRODUCT_SEARCH, stated_age=18)
    assert not assess_age(analysis, _session(), get_jurisdiction("AB")).education_only
    assert assess_age(Analysis(Intent.PRODUCT_SEARCH, stated_age=20), _session(),
                      get_jurisdiction("QC")).education_only  # fmt: skip


def test_adult_age_is_fine() -> None:
    decision = assess_age(Analysis(Intent.PRODUCT_SEARCH, stated_age=19), _session(), ONTARIO)
    assert not decision.education_only and not decision.buying_for_minor


def test_minor_signal_switches_the_session() -> None:
    decision = assess_age(Analysis(Intent.PRODUCT_SEARCH, minor_signal=True), _session(), ONTARIO)
    assert decision.education_only


def test_education_only_is_sticky() -> None:
    analysis = Analysis(Intent.PRODUCT_SEARCH, stated_age=30)
    decision = assess_age(analysis, _session(education_only=True), ONTARIO)
    assert decision.education_only and not decision.newly_switched


def test_verified_age_does_not_override_a_stated_minor_age() -> None:
    analysis = Analysis(Intent.PRODUCT_SEARCH, stated_age=16)
    assert assess_age(analysis, _session(age_verified=True), ONTARIO).education_only


def test_buying_for_minor_is_passed_on() -> None:
    analysis = Analysis(Intent.PRODUCT_SEARCH, buying_for_minor=True)
    decision = assess_age(analysis, _session(), ONTARIO)
    assert decision.buying_for_minor and not decision.education_only


@pytest.mark.parametrize(
    ("message", "code", "refused"),
    [
        ("a pre-roll as a gift for my 19-year-old brother", "ON", False),
        ("a pre-roll as a gift for my 19-year-old brother", "QC", True),
        ("my friend who is 20 wants a vape", "ON", False),
        ("my friend who is 20 wants a vape", "QC", True),
        ("my friend who is 18 wants gummies", "AB", False),
        ("gummies for my 17-year-old brother", "AB", True),
        ("something for my kid", "ON", True),
    ],
)
def test_buying_for_someone_else_follows_the_jurisdiction(
    message: str, code: str, refused: bool
) -> None:
    from weedgo.compliance.jurisdictions import get_jurisdiction
    from weedgo.compliance.policy import decide
    from weedgo.domain import SessionInfo
    from weedgo.pipeline.analyze import analyze

    session = SessionInfo(session_id="s-000001", customer_id="c")
    from weedgo.compliance.responsible import BUYING_FOR_MINOR

    decision = decide(analyze(message), session, get_jurisdiction(code))
    assert (decision.canned_reply == BUYING_FOR_MINOR) is refused
    assert (not decision.show_products) is refused
