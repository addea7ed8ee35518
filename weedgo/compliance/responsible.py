"""Fixed texts for responsible use, refusals and the education-only mode.

These sentences are written once, reviewed once, and never produced by the model: the
policy appends them (``guidance``) or sends one of them as the whole reply
(``canned_reply``). None of them names a product or a price.
"""

from __future__ import annotations

import re

from weedgo.compliance.jurisdictions import Jurisdiction

_DRIVING = re.compile(
    r"\b(?:drive|drives|driving|drove|driver)\b|\bbehind\s+the\s+wheel\b|\boperat\w*\s+"
    r"(?:heavy\s+)?machinery\b|\bget\s+(?:in|into)\s+my\s+car\b",
    re.IGNORECASE,
)
_BEGINNER = re.compile(
    r"\bfirst[\s-]+time|\bnever\s+(?:tried|smoked|used|had|done)\b|\bbeginners?\b|\bnew\s+to\b"
    r"|\bnewbie\b|\bnovice\b|\binexperienced\b|\blow\s+tolerance\b|\blightweight\b"
    r"|\bhaven'?t\s+(?:smoked|tried|used)\s+(?:it\s+|cannabis\s+|weed\s+)?in\s+(?:years|ages|a\s+long)",
    re.IGNORECASE,
)
_ALCOHOL = re.compile(r"\balcohol\b|\bbeers?\b|\bwine\b|\bbooze\b|\bdrunk\b|\bliquor\b", re.I)

START_LOW = (
    "If you're new to cannabis, start low and go slow: choose a product with 2.5 mg of THC "
    "or less, and wait to feel the effects before taking more."
)
EDIBLES_TIMING = (
    "Edibles and drinks can take 30 minutes to 2 hours to take effect, so wait at least "
    "2 hours before you consider taking more."
)
NO_ALCOHOL = "Please don't mix cannabis with alcohol, as it can strengthen the effects."
DRIVING = (
    "Never drive or operate machinery while impaired by cannabis; plan a sober ride or stay in."
)
MEDICAL = (
    "I can't give medical advice or make health claims about any product; please speak "
    "with a health-care professional about your situation. I can share how customers "
    "commonly describe products."
)
MEDICAL_ONLY = (
    "That's a question for a health-care professional, like your doctor or pharmacist: I "
    "can't give medical advice or say a cannabis product will treat anything. I'm happy to "
    "explain product types, potency and how customers commonly describe them."
)
OUT_OF_SCOPE = (
    "Sorry, I can only help with questions about our cannabis products and the store. I can "
    "suggest products, compare strains and formats, explain THC and CBD, or share "
    "responsible-use tips."
)
INJECTION = (
    "I can't change how I work or share my instructions, but I'm happy to help you find "
    "a product or answer a question about cannabis."
)
BUYING_FOR_MINOR = (
    "I'm sorry, I can't help with that: it's against the law to buy cannabis for, or give "
    "it to, anyone under the legal age, and cannabis can harm a young person's developing "
    "brain. I'm happy to help with anything for yourself as an adult."
)
EDUCATION_ONLY_REMINDER = (
    "I can't show products or prices in this chat, but I'm glad to answer general "
    "questions about cannabis, the law and staying safe."
)


def minor_reply(jurisdiction: Jurisdiction) -> str:
    """A kind reply that explains why the chat is now education-only."""
    return (
        f"Thanks for telling me. In {jurisdiction.name} you need to be "
        f"{jurisdiction.minimum_age} or older to buy cannabis, so I can't show or sell you "
        "any products. Cannabis can affect a developing brain, which is why the law waits. "
        "I'm still happy to answer general questions about cannabis, the law and staying safe."
    )


def mentions_driving(message: str) -> bool:
    """Whether the message speaks of driving (the reply then says not to drive impaired)."""
    return _DRIVING.search(message) is not None


def is_beginner(message: str) -> bool:
    """Whether the customer says they are new to cannabis (the reply then says start low)."""
    return _BEGINNER.search(message) is not None


def mentions_alcohol(text: str) -> bool:
    """Whether ``text`` speaks of alcohol (the reply then says not to mix)."""
    return _ALCOHOL.search(text) is not None
