from __future__ import annotations

import pytest

from weedgo.compliance import responsible
from weedgo.compliance.claims import find_claims
from weedgo.compliance.jurisdictions import get_jurisdiction

TEXTS = [
    responsible.START_LOW,
    responsible.EDIBLES_TIMING,
    responsible.NO_ALCOHOL,
    responsible.DRIVING,
    responsible.MEDICAL,
    responsible.MEDICAL_ONLY,
    responsible.OUT_OF_SCOPE,
    responsible.INJECTION,
    responsible.BUYING_FOR_MINOR,
    responsible.EDUCATION_ONLY_REMINDER,
    responsible.minor_reply(get_jurisdiction("ON")),
]


@pytest.mark.parametrize("text", TEXTS)
def test_texts_make_no_claims_and_name_no_price(text: str) -> None:
    assert find_claims(text) == []
    assert "$" not in text


def test_guidance_content() -> None:
    assert "2.5 mg" in responsible.START_LOW and "start low" in responsible.START_LOW
    assert "30 minutes to 2 hours" in responsible.EDIBLES_TIMING
    assert "alcohol" in responsible.NO_ALCOHOL
    assert "Never drive" in responsible.DRIVING
    assert "health-care professional" in responsible.MEDICAL
    assert "health-care professional" in responsible.MEDICAL_ONLY
    assert "can't" in responsible.BUYING_FOR_MINOR


def test_minor_reply_names_the_jurisdiction_and_age() -> None:
    text = responsible.minor_reply(get_jurisdiction("QC"))
    assert "Quebec" in text and "21" in text and "can't" in text


@pytest.mark.parametrize(
    ("message", "driving", "beginner"),
    [
        ("can I drive after a joint", True, False),
        ("before getting behind the wheel", True, False),
        ("first time trying this", False, True),
        ("I've never tried edibles", False, True),
        ("beginner friendly options", False, True),
        ("show me indica", False, False),
        ("my first-time buying a vape, then I'm driving home", True, True),
    ],
)
def test_signals(message: str, driving: bool, beginner: bool) -> None:
    assert responsible.mentions_driving(message) is driving
    assert responsible.is_beginner(message) is beginner


def test_alcohol() -> None:
    assert responsible.mentions_alcohol("with a beer")
    assert not responsible.mentions_alcohol("with a cannabis soda")
