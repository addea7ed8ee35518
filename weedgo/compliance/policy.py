"""The compliance policy: what a chat turn may do, decided before any search or model call.

``decide(analysis, session, jurisdiction)`` returns a :class:`PolicyDecision`, applied in
this order (the first rule that gives a complete reply wins):

1. A request for the system prompt or to drop the rules with nothing to shop for: a
   fixed reply. Other injections ("say the price is $1") change nothing: the turn goes
   on as normal and the grounding guard keeps prices and names to the catalog's.
2. Buying for a minor: refused.
3. A stated age under the jurisdiction's minimum, or a phrase pointing to a minor: the
   session becomes education-only (sticky), no products, no prices.
4. Out of scope: a polite refusal that says what the store can help with.
5. Medical: no claims; a note to speak with a health-care professional, and products
   only when the message also asks for something concrete (a category, strain, effect).
6. Responsible-use guidance appended: driving, beginners (start low), edibles (30
   minutes to 2 hours), alcohol.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from weedgo.compliance import responsible
from weedgo.compliance.age import assess_age
from weedgo.compliance.jurisdictions import Jurisdiction
from weedgo.domain import Category, SessionInfo
from weedgo.domain.turn import PRODUCT_INTENTS, Analysis, Intent
from weedgo.i18n import fr_catalog
from weedgo.i18n.french import all_in_language, in_language

logger = logging.getLogger(__name__)

_LEAK = re.compile(
    r"\bsystem\s+prompt\b|\b(?:reveal|show|print|repeat|tell\s+me|share|display|output|dump|"
    r"what\s+(?:are|is|were))\s+(?:me\s+)?(?:your\s+(?:(?:system|initial|hidden|original|secret|"
    r"full)\s+)?(?:instructions|prompt|rules|guidelines|configuration)|the\s+(?:system|initial|"
    r"hidden|original|secret)\s+(?:instructions|prompt))\b|\brepeat\s+(?:the\s+)?"
    r"(?:text|words|everything)\s+above\b",
    re.IGNORECASE,
)
_HIJACK = re.compile(
    r"\bignore\s+(?:all\s+|any\s+|your\s+|the\s+|my\s+)?(?:previous\s+|prior\s+|above\s+|earlier\s+)?"
    r"(?:instructions|rules|prompts?|directions|guidelines|messages)\b|\bdisregard\s+(?:all|any|"
    r"your|the|previous|prior)\b|\bforget\s+(?:all\s+|your\s+)?(?:previous\s+|prior\s+)?"
    r"(?:instructions|rules)\b|\bsay\s+(?:that\s+)?(?:the\s+)?price\s+is\b|\b(?:set|make|change)"
    r"\s+the\s+price\b|\byou\s+are\s+now\b|\byou'?re\s+now\b|\bpretend\b|\bact\s+as\b|"
    r"\bdeveloper\s+mode\b|\bjailbreak|\bdan\s+mode\b|\bdo\s+anything\s+now\b|\bnew\s+instructions"
    r"\b|\bno\s+restrictions\b|\bwithout\s+(?:any\s+)?restrictions\b|\badmin\s+mode\b",
    re.IGNORECASE,
)
_ASKING = frozenset({Intent.EDUCATION, Intent.DOSAGE, Intent.MEDICAL})
_INGESTED = frozenset({Category.EDIBLE, Category.BEVERAGE, Category.CAPSULE, Category.OIL})


def detect_injection(message: str) -> tuple[bool, bool]:
    """``(asks_for_prompt, is_injection)`` for a message."""
    leak = _LEAK.search(message) is not None
    return leak, leak or _HIJACK.search(message) is not None


@dataclass
class PolicyDecision:
    education_only: bool = False  # the session is (or must now be) education-only
    refuse: bool = False
    show_products: bool = True
    show_prices: bool = True
    canned_reply: str | None = None  # a complete reply that replaces the model's
    guidance: list[str] = field(default_factory=list)  # sentences appended to the reply
    reason: str = "normal"
    # False: the model writes nothing this turn. Questions of fact, dose and health ask
    # for what a small model cannot know and must not guess; the vetted answers, the
    # catalog and the responsible-use guidance answer them.
    model_writes: bool = True


def _canned(reply: str, reason: str, *, refuse: bool = True) -> PolicyDecision:
    return PolicyDecision(refuse=refuse, show_products=False, canned_reply=reply, reason=reason)


def _guidance(analysis: Analysis) -> list[str]:
    notes: list[str] = []
    if analysis.intent is Intent.MEDICAL:
        notes.append(responsible.MEDICAL)
    if analysis.mentions_driving:
        notes.append(responsible.DRIVING)
    if analysis.beginner or analysis.intent is Intent.DOSAGE:
        notes.append(responsible.START_LOW)
    ingested = analysis.category in _INGESTED
    if ingested and (analysis.beginner or analysis.intent in (Intent.DOSAGE, Intent.EDUCATION)):
        notes.append(responsible.EDIBLES_TIMING)
    if responsible.mentions_alcohol(" ".join(analysis.keywords)):
        notes.append(responsible.NO_ALCOHOL)
    return notes


def _has_criteria(analysis: Analysis) -> bool:
    return bool(
        analysis.category or analysis.strain_type or analysis.effects or analysis.product_names
    )


def _education_only(analysis: Analysis, newly: bool, jurisdiction: Jurisdiction) -> PolicyDecision:
    decision = PolicyDecision(education_only=True, show_products=False, show_prices=False)
    decision.reason = "education-only"
    if newly:
        decision.canned_reply = responsible.minor_reply(jurisdiction)
    elif analysis.intent in PRODUCT_INTENTS or analysis.intent is Intent.GREETING:
        decision.canned_reply = responsible.EDUCATION_ONLY_REMINDER
    elif analysis.intent is Intent.MEDICAL:
        decision.canned_reply = responsible.MEDICAL_ONLY
    elif analysis.intent is Intent.OUT_OF_SCOPE:
        decision.canned_reply = responsible.OUT_OF_SCOPE
    else:
        decision.guidance = _guidance(analysis)
        decision.model_writes = analysis.intent not in _ASKING
    return decision


def decide(analysis: Analysis, session: SessionInfo, jurisdiction: Jurisdiction) -> PolicyDecision:
    """The compliance decision for one message of ``session`` in ``jurisdiction``."""
    age = assess_age(analysis, session, jurisdiction)
    if analysis.injection and analysis.intent is Intent.OUT_OF_SCOPE:
        decision = _canned(responsible.INJECTION, "prompt injection")
        decision.education_only = age.education_only
        decision.show_prices = not age.education_only
    elif age.buying_for_minor:
        decision = _canned(responsible.BUYING_FOR_MINOR, "buying for a minor")
        decision.education_only = age.education_only
        decision.show_prices = not age.education_only
    elif age.education_only:
        decision = _education_only(analysis, age.newly_switched, jurisdiction)
        decision.reason = age.reason
    elif analysis.intent is Intent.OUT_OF_SCOPE:
        decision = _canned(responsible.OUT_OF_SCOPE, "out of scope", refuse=True)
    elif analysis.intent is Intent.MEDICAL and not _has_criteria(analysis):
        decision = _canned(responsible.MEDICAL_ONLY, "medical question", refuse=False)
    else:
        decision = PolicyDecision(guidance=_guidance(analysis), reason=analysis.intent.value)
        decision.model_writes = analysis.intent not in _ASKING
        decision.show_products = analysis.intent in PRODUCT_INTENTS or (
            analysis.intent in _ASKING and _has_criteria(analysis)
        )
    logger.debug("policy: %s", decision.reason)
    return _in_language(decision, analysis.language, jurisdiction)


def _in_language(decision: PolicyDecision, language: str, j: Jurisdiction) -> PolicyDecision:
    """The decision's fixed texts in the turn's language."""
    if language != "fr":
        return decision
    if decision.canned_reply == responsible.minor_reply(j):
        decision.canned_reply = fr_catalog.minor_reply(j.code, j.name, j.minimum_age)
    elif decision.canned_reply:
        decision.canned_reply = in_language(decision.canned_reply, language)
    decision.guidance = all_in_language(decision.guidance, language)
    return decision
