"""Age signals in a message, and what they mean for the session.

Detection (used by the keyword analyser):

- :func:`stated_age` finds the customer's own age ("I'm 16", "im 15", "I am 17 years
  old", "I'm turning 19 next week" -> 18).
- :func:`has_minor_signal` finds phrases that point to a minor ("my mom doesn't know",
  "after school", "in grade 10", "I'm in high school").
- :func:`is_buying_for_minor` finds a purchase for someone underage ("for my kid", "for
  my 17-year-old brother", "my son is 15"). A third person's age cannot be compared with
  the store's jurisdiction here, so any stated age under 21 (the highest minimum) counts:
  refusing an adult's gift is the safe mistake.

Decision: :func:`assess_age` turns those signals, the session and the jurisdiction into an
:class:`AgeDecision`. Education-only is sticky: once a session is switched, claiming a
higher age later does not switch it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from weedgo.compliance.jurisdictions import Jurisdiction
from weedgo.domain import SessionInfo
from weedgo.domain.turn import Analysis

HIGHEST_MINIMUM_AGE = 21
LOWEST_MINIMUM_AGE = 18  # under this, a person is a minor in every jurisdiction

_WORD_AGES = {
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}  # fmt: skip
_NUM = r"(\d{1,2}|" + "|".join(_WORD_AGES) + r")"
_NOT_AN_AGE = (
    r"(?!\s*(?:%|\$|mg|g\b|grams?|dollars|bucks|ft|feet|foot|'|\"|inch|cm|kg|lbs?|pounds|"
    r"min\b|mins|minutes?|hours?|hrs?|days?|weeks?|months?|times|km|miles|blocks|people|of\b))"
)
_I_AM = r"\b(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+|currently\s+|now\s+|a\s+|an\s+)?"
_SELF_AGE = (
    re.compile(_I_AM + _NUM + r"\b" + _NOT_AN_AGE, re.IGNORECASE),
    re.compile(r"\bmy\s+age\s+is\s+" + _NUM + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _NUM + r"\s*(?:y/?o|yrs?\s+old|years?\s+old)\s+here\b", re.IGNORECASE),
    # a message that starts with the age: "19 years old, what can I get?", "19yo", "age: 19"
    re.compile(r"^\W*" + _NUM + r"\s*(?:y/?o|yrs?\s+old|years?[\s-]+old)\b", re.IGNORECASE),
    re.compile(r"^\W*(?:age|aged)\s*:?\s*" + _NUM + r"\b" + _NOT_AN_AGE, re.IGNORECASE),
    re.compile(r"(?:^\W*|\bi\s+)(?:just\s+)?turned\s+" + _NUM + r"\b" + _NOT_AN_AGE, re.IGNORECASE),
    re.compile(
        r"\bas\s+an?\s+" + _NUM + r"[\s-]*(?:y/?o|years?[\s-]*old|year[\s-]*old)\b",
        re.IGNORECASE,
    ),
    re.compile(r"^\W*me\s*,\s*" + _NUM + r"\s*,", re.IGNORECASE),
)
_TURNING = re.compile(
    r"\b(?:i'?m|i\s+am|im)\s+turning\s+" + _NUM + r"\b|\bi'?ll\s+be\s+" + _NUM + r"\b",
    re.IGNORECASE,
)
_MINOR_PHRASES = re.compile(
    r"\bmy\s+(?:mom|mum|mother|dad|father|parents?|folks)\s+(?:doesn'?t|don'?t|does\s+not|"
    r"do\s+not|won'?t|will\s+not|can'?t|cannot|would|will|might|must\s+not|never)\s+"
    r"(?:know|find\s+out|let|allow|kill|freak|notice|catch|see)"
    r"|\bhide\s+(?:it\s+|this\s+)?from\s+my\s+(?:mom|mum|dad|parents)"
    r"|\bbefore\s+my\s+(?:mom|mum|dad|parents)\s+(?:gets?|comes?)\s+home"
    r"|\b(?:after|before)\s+school\b|\bat\s+recess\b|\bhomeroom\b"
    r"|(?<!was )(?<!were )\b(?:in|at|attend|go\s+to)\s+(?:high|middle|junior\s+high|secondary)"
    r"\s+school\b|\b(?:high|middle)\s+school(?:er|\s+student)\b"
    r"|\bin\s+grade\s+(?:[1-9]|1[0-2])\b|\bgrade\s+(?:[1-9]|1[0-2])\s+(?:student|class)"
    r"|\b(?:[6-9]|1[0-2])th\s+grade\b|\b(?:freshman|sophomore)\s+(?:year|in\s+high)"
    r"|\bfake\s+id\b|\bunder\s*age\b|\bnot\s+old\s+enough\b|\btoo\s+young\b"
    r"|\bi'?m\s+(?:a\s+)?(?:minor|teen|teenager|kid)\b|\bim\s+(?:a\s+)?(?:minor|teen)\b"
    r"|\bmy\s+(?:allowance|curfew)\b",
    re.IGNORECASE,
)
_RELATIVE = (
    r"(?:son|daughter|kid|child|boy|girl|brother|sister|nephew|niece|cousin|friend|"
    r"grandson|granddaughter|boyfriend|girlfriend|stepson|stepdaughter|buddy|bro)"
)
_THIRD_AGE = (
    re.compile(
        r"\bmy\s+"
        + _NUM
        + r"[\s-]*(?:years?|yrs?|y/?o)[\s-]*(?:old)?\s+(?:little\s+)?"
        + _RELATIVE,
        re.IGNORECASE,
    ),
    re.compile(
        r"\bmy\s+(?:little\s+|younger\s+|teenage\s+)?" + _RELATIVE + r"s?\s*(?:,\s*)?(?:who\s+)?"
        r"(?:is|'s|turns|turned|aged)\s+(?:only\s+|just\s+)?" + _NUM + r"\b" + _NOT_AN_AGE,
        re.IGNORECASE,
    ),
    re.compile(_RELATIVE + r"\s*\(\s*(\d{1,2})\s*\)", re.IGNORECASE),
)
_FOR_MINOR = re.compile(
    r"\b(?:for|to|with)\s+(?:my|our|the|a)\s+(?:kids?|children|child|toddler|baby|teens?|"
    r"teenagers?|teenage\s+\w+|little\s+(?:brother|sister|bro|sis)|younger\s+(?:brother|sister)"
    r"|minors?|underage\s+\w+)\b"
    r"|\b(?:for|to)\s+(?:someone|somebody|a\s+friend|a\s+person)\s+(?:who'?s\s+|who\s+is\s+)?"
    r"(?:under\s*age|under\s+(?:18|19|21)|a\s+minor|too\s+young)\b"
    r"|\bmy\s+(?:kid|child|teen|teenager|little\s+brother|little\s+sister)\s+(?:wants|asked|"
    r"needs|would\s+like)\b",
    re.IGNORECASE,
)


def _to_age(text: str) -> int:
    return _WORD_AGES.get(text.lower()) or int(text)


def stated_age(message: str) -> int | None:
    """The customer's own age if the message states it."""
    message = message.replace("’", "'")
    for pattern in _SELF_AGE:
        match = pattern.search(message)
        if match:
            return _to_age(match.group(1))
    match = _TURNING.search(message)
    if match:
        return _to_age(match.group(1) or match.group(2)) - 1
    return None


def has_minor_signal(message: str) -> bool:
    """Whether the message has a phrase that suggests the writer is a minor."""
    return _MINOR_PHRASES.search(message.replace("’", "'")) is not None


def third_party_age(message: str) -> int | None:
    """The youngest age the message gives for someone else ("my 19-year-old brother")."""
    message = message.replace("’", "'")
    ages = [_to_age(m.group(1)) for pattern in _THIRD_AGE for m in pattern.finditer(message)]
    return min(ages) if ages else None


def is_buying_for_minor(message: str, minimum_age: int = HIGHEST_MINIMUM_AGE) -> bool:
    """Whether the message asks to buy for (or give to) someone under ``minimum_age``,
    or someone it calls a minor (a kid, a teen, a little brother)."""
    message = message.replace("’", "'")
    if _FOR_MINOR.search(message):
        return True
    age = third_party_age(message)
    return age is not None and age < minimum_age


@dataclass(frozen=True)
class AgeDecision:
    education_only: bool
    buying_for_minor: bool
    newly_switched: bool  # this message switched the session to education-only
    reason: str = ""


def assess_age(analysis: Analysis, session: SessionInfo, jurisdiction: Jurisdiction) -> AgeDecision:
    """Education-only and buying-for-a-minor verdicts for one message."""
    minimum = jurisdiction.minimum_age
    reason = ""
    if analysis.stated_age is not None and analysis.stated_age < minimum:
        reason = f"stated age {analysis.stated_age} is under {minimum} in {jurisdiction.code}"
    elif analysis.minor_signal:
        reason = "the message suggests the customer is a minor"
    if session.education_only and not reason:
        reason = "the session is education-only"
    education_only = bool(reason)
    other = analysis.third_party_age
    buying = analysis.buying_for_minor or (other is not None and other < minimum)
    return AgeDecision(
        education_only=education_only,
        buying_for_minor=buying,
        newly_switched=education_only and not session.education_only,
        reason=reason or ("buying for a minor" if buying else ""),
    )
